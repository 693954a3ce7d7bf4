package org.latentexplorer.ui;

import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The window. For now it says what the program can do from its command line. */
public final class LatentExplorerApp extends Application {

    public static void start(String[] args) {
        Application.launch(LatentExplorerApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Label title = new Label("Latent Explorer");
        title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
        Label body = new Label("""
                The interactive window is coming next. Meanwhile the command line trains and explores models:

                  java -jar target/latent-explorer.jar train --data mnist --epochs 30 --out my.lvae
                  java -jar target/latent-explorer.jar grid --model models/mnist-vae.lvae --out grid.png
                  java -jar target/latent-explorer.jar eval --model models/mnist-vae.lvae --data mnist
                  java -jar target/latent-explorer.jar --help""");
        body.setStyle("-fx-font-family: monospace; -fx-font-size: 14px;");
        VBox root = new VBox(16, title, body);
        root.setPadding(new Insets(24));
        root.setAlignment(Pos.TOP_LEFT);
        stage.setTitle("Latent Explorer");
        stage.setScene(new Scene(root));
        stage.show();
    }
}
