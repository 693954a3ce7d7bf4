package org.latentexplorer.ui.common;

import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.Axis;
import javafx.scene.chart.Chart;
import javafx.scene.control.Labeled;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * A title or a name that gives way to a shorter one where its chart, axis or titled pane is too
 * narrow for it whole ("Reconstruction" becomes "Recon.") instead of being cut to "Reconst...". An
 * empty short text shows none. The node's tooltip says what it shows in full.
 */
public final class FittingText {
    private final Region owner;
    private final Consumer<String> show;
    private final Supplier<String> shown;
    private final Supplier<Font> font;
    private final DoubleSupplier room;
    private String full = "";
    private String brief = "";

    private FittingText(Region owner, Consumer<String> show, Supplier<String> shown, Supplier<Font> font,
                        DoubleSupplier room, javafx.beans.Observable... alsoOn) {
        this.owner = owner;
        this.show = show;
        this.shown = shown;
        this.font = font;
        this.room = room;
        owner.widthProperty().addListener((o, a, b) -> apply());
        for (javafx.beans.Observable o : alsoOn) {
            o.addListener(x -> apply());
        }
    }

    public static FittingText title(Chart chart) {
        return inLabel(chart, ".chart-title", chart::setTitle, chart::getTitle);
    }

    /** The name of a horizontal axis. */
    public static FittingText label(Axis<?> axis) {
        return inLabel(axis, ".axis-label", axis::setLabel, axis::getLabel);
    }

    /** The title of a titled pane, beside its arrow; measured again when its font changes (the interface's scale). */
    public static FittingText title(TitledPane pane) {
        return new FittingText(pane, pane::setText, pane::getText, pane::getFont, () -> {
            Node title = pane.lookup(".title");
            Node arrow = pane.lookup(".arrow-button");
            Insets pad = title instanceof Region r ? r.getInsets() : Insets.EMPTY;
            return pane.getWidth() - pad.getLeft() - pad.getRight()
                    - (arrow == null ? 0 : arrow.getLayoutBounds().getWidth());
        }, pane.fontProperty());
    }

    /** A text shown in the label that selector finds inside owner, as wide as owner. */
    private static FittingText inLabel(Region owner, String selector, Consumer<String> show, Supplier<String> shown) {
        return new FittingText(owner, show, shown, () -> owner.lookup(selector) instanceof Labeled l ? l.getFont()
                : Font.getDefault(), () -> {
                    Insets pad = owner.lookup(selector) instanceof Region r ? r.getInsets() : Insets.EMPTY;
                    return owner.getWidth() - owner.snappedLeftInset() - owner.snappedRightInset()
                            - pad.getLeft() - pad.getRight();
                });
    }

    /** Shows full where it fits, brief otherwise. */
    public FittingText set(String full, String brief) {
        this.full = full;
        this.brief = brief;
        apply();
        return this;
    }

    private void apply() {
        String text = fits(full) ? full : brief.isEmpty() ? null : brief;
        if (!java.util.Objects.equals(text, shown.get())) {
            show.accept(text);
        }
    }

    /** Before it has a width, it is given the whole text. */
    private boolean fits(String text) {
        if (owner.getWidth() <= 0) {
            return true;
        }
        Text measure = new Text(text);
        measure.setFont(font.get());
        return Math.ceil(measure.getLayoutBounds().getWidth()) <= room.getAsDouble();
    }
}
