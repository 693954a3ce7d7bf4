package org.latentexplorer.ui;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javafx.application.Application;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import org.latentexplorer.data.AssetLocator;
import org.latentexplorer.explore.LatentGrid;
import org.latentexplorer.explore.Mosaic;
import org.latentexplorer.model.ModelFile;
import org.latentexplorer.model.SavedModel;
import org.latentexplorer.model.Vae;

/**
 * The window. Until the interactive explorer arrives it shows the latent space of the shipped
 * MNIST model as a decoded grid over [-5, 5]^2, and what the command line can do.
 */
public final class LatentExplorerApp extends Application {
    private static final String MODEL = "mnist-vae.lvae";
    private static final int STEPS = 20;

    /** Kept referenced: java.util.logging holds loggers weakly, and the level must outlive this call. */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    /**
     * Opens the window and returns when it is closed. Returns false, after saying why on stderr,
     * when no window can be opened (no display).
     */
    public static boolean start(String[] args) {
        // JavaFX warns on every start from the class path ("unsupported configuration"), which is
        // how a double-clicked jar runs it; the warning means nothing to a user.
        JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        try {
            Application.launch(LatentExplorerApp.class, args);
            return true;
        } catch (RuntimeException e) {
            System.err.println("error: cannot open the window: " + e.getMessage()
                    + ". The command line works without one: java -jar latent-explorer.jar --help");
            return false;
        }
    }

    @Override
    public void start(Stage stage) {
        Label title = new Label("Latent Explorer");
        title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
        Label caption = new Label("The latent space of the shipped MNIST model: " + STEPS + " x " + STEPS
                + " points over [-5, 5]\u00b2, each decoded to an image.\nNearby points decode to similar digits"
                + " (continuity); every point near the prior decodes to a digit (completeness).");
        caption.setWrapText(true);
        caption.setMaxWidth(620);
        Label next = new Label("The interactive explorer is coming next. Meanwhile the command line trains"
                + " and explores models (java -jar target/latent-explorer.jar ...):");
        next.setWrapText(true);
        next.setMaxWidth(620);
        Label body = new Label("""
                train --data mnist --epochs 30 --out my.lvae
                grid --model my.lvae --out grid.png
                eval --model models/mnist-vae.lvae --data mnist
                --help""");
        body.setStyle("-fx-font-family: monospace; -fx-font-size: 13px;");
        body.setPadding(new Insets(0, 0, 0, 16));

        StackPane gridPane = new StackPane(new ProgressIndicator());
        gridPane.setMinSize(STEPS * 28, STEPS * 28);
        VBox text = new VBox(16, title, caption, next, body);
        HBox root = new HBox(24, gridPane, text);
        root.setPadding(new Insets(24));
        root.setAlignment(Pos.TOP_LEFT);
        stage.setTitle("Latent Explorer");
        stage.setScene(new Scene(root));
        stage.show();

        Task<BufferedImage> decode = new Task<>() {
            @Override
            protected BufferedImage call() throws Exception {
                Path file = AssetLocator.fromEnvironment().models().resolve(MODEL);
                if (!Files.exists(file)) {
                    throw new IllegalStateException(file + ": the shipped model is missing");
                }
                SavedModel saved = ModelFile.read(file);
                Vae vae = Vae.from(saved);
                LatentGrid grid = LatentGrid.square(-5, 5, STEPS);
                return Mosaic.render(grid.decode(vae), STEPS, STEPS, saved.config().rows(), saved.config().cols(), 0);
            }
        };
        decode.setOnSucceeded(e -> gridPane.getChildren().setAll(new ImageView(SwingFXUtils.toFXImage(decode.getValue(), null))));
        decode.setOnFailed(e -> {
            Label error = new Label("Could not show the model: " + decode.getException().getMessage());
            error.setWrapText(true);
            error.setMaxWidth(STEPS * 28);
            gridPane.getChildren().setAll(error);
        });
        Thread worker = new Thread(decode, "decode-grid");
        worker.setDaemon(true);
        worker.start();
    }
}
