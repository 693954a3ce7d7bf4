package org.latentexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import javafx.scene.image.ImageView;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The window opens and shows the shipped model's decoded latent grid. */
class LatentExplorerAppTest {
    private final FxRobot robot = new FxRobot();

    private javafx.application.Application app;

    @BeforeEach
    void open() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(LatentExplorerApp.class);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void windowShowsTheDecodedGridOfTheShippedModel() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !robot.lookup(n -> n instanceof ImageView).queryAll().isEmpty());
        ImageView grid = robot.lookup(n -> n instanceof ImageView).query();
        assertEquals(20 * 28, grid.getImage().getWidth());
        assertEquals(20 * 28, grid.getImage().getHeight());
        // A trained decoder draws bright strokes on black: the grid is neither blank nor uniform.
        var reader = grid.getImage().getPixelReader();
        int bright = 0;
        for (int y = 0; y < 560; y += 4) {
            for (int x = 0; x < 560; x += 4) {
                if (reader.getColor(x, y).getBrightness() > 0.5) {
                    bright++;
                }
            }
        }
        int samples = 140 * 140;
        assertTrue(bright > samples / 50 && bright < samples / 2, bright + " bright of " + samples);
        Stage stage = (Stage) grid.getScene().getWindow();
        assertEquals("Latent Explorer", stage.getTitle());
    }
}
