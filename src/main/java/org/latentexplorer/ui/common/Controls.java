package org.latentexplorer.ui.common;

import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** Small building blocks shared by the panes. */
public final class Controls {
    private Controls() {
    }

    /** A tooltip that explains a control in one sentence. */
    public static <T extends Node> T tip(T node, String text) {
        tooltip(node, text);
        return node;
    }

    /** {@link #tip}, returning the tooltip, for a caller that changes its text later. */
    public static Tooltip tooltip(Node node, String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(360);
        t.setShowDelay(Duration.millis(400));
        t.setShowDuration(Duration.seconds(20));
        if (node instanceof Control c) {
            c.setTooltip(t);
        } else {
            Tooltip.install(node, t);
        }
        return t;
    }

    /**
     * A toolbar whose controls wrap onto a second row when the window is too narrow for one, so
     * that none lies outside it. Each control keeps its preferred width.
     */
    public static javafx.scene.layout.FlowPane bar(javafx.scene.layout.Region... controls) {
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(8, 4, controls) {
            // It prefers one row; the width it is given decides where it wraps.
            @Override
            protected double computePrefWidth(double height) {
                double w = snappedLeftInset() + snappedRightInset() + getHgap() * Math.max(0, getManagedChildren().size() - 1);
                for (Node n : getManagedChildren()) {
                    w += n.prefWidth(-1);
                }
                return w;
            }
        };
        bar.setPrefWrapLength(Double.MAX_VALUE);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setPadding(new javafx.geometry.Insets(4, 12, 4, 12));
        bar.getStyleClass().add("toolbar");
        return bar;
    }

    /**
     * Keeps a form's column at least ems wide in the font of label (which follows the interface's
     * scale): a panel narrower than that scrolls sideways rather than cut a value to "0.0" or a
     * number in two.
     */
    public static void atLeastEms(javafx.scene.layout.ColumnConstraints column, javafx.scene.control.Labeled label, double ems) {
        column.minWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> ems * label.getFont().getSize(), label.fontProperty()));
    }

    /**
     * Applies whether condition holds now and whenever it changes. The owner holds the condition:
     * a binding that nothing else holds is listened to only weakly by what it follows, and would stop.
     */
    public static void whileHolds(Node owner, javafx.beans.value.ObservableBooleanValue condition,
                                  java.util.function.Consumer<Boolean> apply) {
        owner.getProperties().put(condition, condition);
        condition.addListener((o, a, b) -> apply.accept(b));
        apply.accept(condition.get());
    }

    /**
     * An image's side: the side wanted, or in less room (a panel narrower than its images) the room,
     * down to least. A width not yet laid out (0 or less) leaves the side wanted.
     */
    public static double sideWithin(double wanted, double width, double room, double least) {
        return width > 0 && room < wanted ? Math.max(least, Math.floor(room)) : wanted;
    }

    /**
     * Lets controls in a side panel break their text onto a second line where the panel is narrower
     * than the text (an 800 x 600 window) instead of cutting it short; in a wider panel they keep
     * one line.
     */
    public static void wrapWhenNarrow(javafx.scene.control.Labeled... controls) {
        for (javafx.scene.control.Labeled c : controls) {
            c.setWrapText(true);
            c.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
    }

    /** A titled block of the side panels. */
    public static VBox section(String title, Node... content) {
        Label heading = new Label(title);
        heading.getStyleClass().add("section-title");
        VBox box = new VBox(8, heading);
        box.getChildren().addAll(content);
        box.getStyleClass().add("section");
        return box;
    }

    /**
     * Sets a symmetric slider (-5 to 5 by default) to v, widening its range when v lies outside, so
     * the thumb never sits at the end while the value is beyond it; back inside, the range returns.
     */
    public static void showOn(javafx.scene.control.Slider s, double v, double limit) {
        double range = Math.max(limit, Math.ceil(Math.abs(v)));
        if (s.getMax() != range) {
            s.setMin(-range);
            s.setMax(range);
            s.setMajorTickUnit(range / 2);
        }
        s.setValue(v);
    }

    /** A slider's arrow keys move it by step, not by its default block of ten units. */
    public static javafx.scene.control.Slider fineKeys(javafx.scene.control.Slider s, double step) {
        s.setBlockIncrement(step);
        return s;
    }

    /**
     * Gives a label the height of n lines of its own font, whatever its text: longer text ends in
     * an ellipsis (the whole of it is in the tooltip), shorter text leaves the room empty. Called
     * again, it changes the number of lines.
     */
    public static Label lines(Label label, int n) {
        String lines = "lines-" + n;
        // Only a change restyles the label (CSS is applied again when its classes change).
        if (!label.getStyleClass().contains(lines)) {
            label.getStyleClass().removeIf(c -> c.startsWith("lines-"));
            label.getStyleClass().add(lines);
        }
        label.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        label.setMaxWidth(Double.MAX_VALUE);
        if (label.getTooltip() != null) {
            return label;
        }
        Tooltip full = new Tooltip();
        full.setWrapText(true);
        full.setMaxWidth(420);
        full.textProperty().bind(label.textProperty());
        label.setTooltip(full);
        return label;
    }

    public static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("caption");
        l.setWrapText(true);
        return l;
    }

    /**
     * When from greys out while it has the keyboard focus, to takes the focus as soon as it is
     * enabled (at once if it is), or from takes it back should it be enabled first; JavaFX alone
     * moves the focus on to the next control that happens to be enabled, anywhere in the window.
     */
    public static void handFocus(Node from, Node to) {
        from.disabledProperty().addListener((o, was, greyed) -> {
            if (!greyed || !from.isFocused()) {
                return;
            }
            if (!to.isDisabled()) {
                to.requestFocus();
                return;
            }
            javafx.beans.InvalidationListener[] once = new javafx.beans.InvalidationListener[1];
            once[0] = x -> {
                Node taker = !to.isDisabled() ? to : !from.isDisabled() ? from : null;
                if (taker != null) {
                    to.disabledProperty().removeListener(once[0]);
                    from.disabledProperty().removeListener(once[0]);
                    taker.requestFocus();
                }
            };
            to.disabledProperty().addListener(once[0]);
            from.disabledProperty().addListener(once[0]);
        });
    }
}
