package org.latentexplorer.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** F1: a short guide in the lecture's terms, beside the list of keys. */
final class GuideDialog {
    static final String[][] GUIDE = {
        {"The grid", "Each tile is the decoder's image of the latent point z at its centre: a map of what every code"
                + " means. Nearby tiles look alike (continuity); near the origin every tile is a plausible image"
                + " (completeness)."},
        {"The scatter", "Test set: each test image encoded to the mean of q(z|x), one marker per image, coloured and"
                + " shaped by its label. It shows where the encoder puts each class."},
        {"Beta", "loss = reconstruction + \u03b2 \u00b7 KL. A larger \u03b2 pulls every q(z|x) toward the prior N(0, I):"
                + " the codes fill the circles and the images get smoother and blurrier. \u03b2 = 0 is a plain"
                + " autoencoder with noise."},
        {"Try first", "1. Drag the grid and click a tile: its image appears large. 2. Train with \u03b2 = 0, then"
                + " raise it to 4 while it runs and watch the KL curve and the scatter. 3. Train the plain autoencoder"
                + " (Decoder) and compare: gaps appear where no code was ever used. 4. Sample from the prior and move T."},
    };

    static final String[][] KEYS = {
        {"F1", "this guide"}, {"F5", "presentation mode (Esc leaves)"},
        {"Ctrl+T", "train"}, {"Ctrl+P", "pause or resume training"}, {"Ctrl+.", "cancel training"},
        {"Ctrl+D", "sample from the prior"}, {"Ctrl+0", "reset the view to [-5, 5]\u00b2"},
        {"Ctrl+= / Ctrl+-", "zoom in / out"}, {"Ctrl+Shift+= / -", "larger / smaller interface"},
        {"Ctrl+O", "open a model"}, {"Ctrl+S", "save"}, {"Ctrl+Shift+S", "save as"},
        {"Ctrl+E", "export the grid as PNG"},
        {"", ""},
        {"On the grid", ""}, {"drag", "pan over the latent plane"}, {"wheel", "zoom around the pointer"},
        {"click", "select a point: its image appears large"}, {"arrow keys", "pan"}, {"+ / -", "zoom"},
        {"R or Home", "reset the view"}, {"S", "sample from the prior"},
        {"", ""},
        {"On a slider", ""}, {"arrow keys", "one fine step (\u03b2: 0.01 below 1, 0.1 above)"},
        {"", ""},
        {"Presenting", ""}, {"[ / ]", "\u03b2 down / up"}, {"T", "train, pause or resume"}, {"S", "sample"},
        {"M", "choose a model"},
    };

    private GuideDialog() {
    }

    static Alert show(Window owner) {
        VBox guide = new VBox(10);
        guide.setPrefWidth(430);
        for (String[] part : GUIDE) {
            Label title = new Label(part[0]);
            title.getStyleClass().add("section-title");
            Label text = new Label(part[1]);
            text.setWrapText(true);
            guide.getChildren().add(new VBox(2, title, text));
        }
        GridPane table = new GridPane();
        table.setHgap(14);
        table.setVgap(3);
        for (int i = 0; i < KEYS.length; i++) {
            Label key = new Label(KEYS[i][0]);
            key.getStyleClass().add("value");
            table.addRow(i, key, new Label(KEYS[i][1]));
        }
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(owner);
        a.setTitle("Guide");
        a.setHeaderText("What you see, and what to try first");
        a.getDialogPane().setContent(new HBox(28, guide, table));
        a.getDialogPane().getStyleClass().add("guide");
        if (owner != null && owner.getScene() != null) {
            a.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
            a.getDialogPane().setStyle(owner.getScene().getRoot().getStyle());
        }
        a.setResizable(true);
        a.show();
        return a;
    }
}
