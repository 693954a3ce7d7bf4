package org.latentexplorer.ui;

import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** Small building blocks shared by the panes. */
final class Controls {
    private Controls() {
    }

    /** A tooltip that explains a control in one sentence. */
    static <T extends Node> T tip(T node, String text) {
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
        return node;
    }

    /** A titled block of the side panels. */
    static VBox section(String title, Node... content) {
        Label heading = new Label(title);
        heading.getStyleClass().add("section-title");
        VBox box = new VBox(8, heading);
        box.getChildren().addAll(content);
        box.getStyleClass().add("section");
        return box;
    }

    static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("caption");
        l.setWrapText(true);
        return l;
    }
}
