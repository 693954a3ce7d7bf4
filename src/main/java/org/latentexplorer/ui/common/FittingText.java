package org.latentexplorer.ui.common;

import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.Axis;
import javafx.scene.chart.Chart;
import javafx.scene.control.Labeled;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * A chart's title or an axis's name that gives way to a shorter one where its chart or axis is too
 * narrow for it whole ("Reconstruction" becomes "Recon.") instead of being cut to "Reconst...". An
 * empty short text shows none. The chart's tooltip says what it shows in full.
 */
public final class FittingText {
    private final Region owner;
    private final String selector;
    private final Consumer<String> show;
    private final Supplier<String> shown;
    private String full = "";
    private String brief = "";

    private FittingText(Region owner, String selector, Consumer<String> show, Supplier<String> shown) {
        this.owner = owner;
        this.selector = selector;
        this.show = show;
        this.shown = shown;
        owner.widthProperty().addListener((o, a, b) -> apply());
    }

    public static FittingText title(Chart chart) {
        return new FittingText(chart, ".chart-title", chart::setTitle, chart::getTitle);
    }

    /** The name of a horizontal axis. */
    public static FittingText label(Axis<?> axis) {
        return new FittingText(axis, ".axis-label", axis::setLabel, axis::getLabel);
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
        Node node = owner.lookup(selector);
        Font font = node instanceof Labeled l ? l.getFont() : Font.getDefault();
        Insets pad = node instanceof Region r ? r.getInsets() : Insets.EMPTY;
        Text measure = new Text(text);
        measure.setFont(font);
        double room = owner.getWidth() - owner.snappedLeftInset() - owner.snappedRightInset()
                - pad.getLeft() - pad.getRight();
        return Math.ceil(measure.getLayoutBounds().getWidth()) <= room;
    }
}
