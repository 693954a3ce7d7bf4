package org.latentexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.explore.Viewport;
import org.latentexplorer.model.dl4j.Dl4jVaes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.latentexplorer.ui.grid.GridViewModel;
import org.latentexplorer.ui.modelinfo.ModelDescription;
import org.latentexplorer.ui.session.CurrentModel;

/** The window opening VAEs trained with Deeplearning4j, from File > Open and dropped on it, and refusing hostile zips. */
class ImportedModelWindowTest {
    private final FxRobot robot = new FxRobot();
    private final AtomicReference<Path> nextOpen = new AtomicReference<>();

    @TempDir
    static Path shared;
    static Path zip;
    /** The same model as Deeplearning4j reads it. */
    static org.deeplearning4j.nn.layers.variational.VariationalAutoencoder dl4j;

    @TempDir
    Path tmp;

    private LatentExplorerApp app;

    @BeforeAll
    static void aModelTrainedWithDeeplearning4j() throws Exception {
        zip = Dl4jVaes.mnistZip(shared.resolve("dl4j-vae.zip"));
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
        dl4j = (org.deeplearning4j.nn.layers.variational.VariationalAutoencoder) net.getLayer(0);
    }

    @BeforeEach
    void open() throws Exception {
        app = TestWindow.open(tmp, nextOpen::get, () -> null);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void aVaeFromDeeplearning4jOpensAndItsGridIsWhatDeeplearning4jDecodes() throws Exception {
        openWithCtrlO(zip);
        waitFor(30, () -> app.viewModel().session().modelProperty().get().title().equals("dl4j-vae.zip (imported)"));
        // The status is set later in the same answer that shows the model: let it finish.
        WaitForAsyncUtils.waitForFxEvents();
        CurrentModel m = app.viewModel().session().modelProperty().get();
        assertNull(m.file(), "Save asks where: the Deeplearning4j file is never overwritten");
        assertTrue(app.viewModel().notifier().statusProperty().get().contains("Deeplearning4j"), app.viewModel().notifier().statusProperty().get());
        assertTrue(app.viewModel().notifier().statusProperty().get().contains("no test set is shown"));
        assertEquals("Trained on an unknown dataset", ModelDescription.data(m));
        assertEquals("Trained with Deeplearning4j; no history recorded", ModelDescription.quality(m));
        GridViewModel grid = app.viewModel().grid();
        waitFor(30, () -> matchesDeeplearning4j(grid.renderedProperty().get()));
        assertNull(app.viewModel().session().dataProperty().get(), "no dataset, so no scatter");
    }

    @Test
    void aVaeDroppedOnTheWindowOpens() throws Exception {
        robot.interact(() -> {
            Scene scene = app.gridView().getScene();
            Dragboard board = com.sun.javafx.scene.input.DragboardHelper.createDragboard(
                    com.sun.javafx.tk.Toolkit.getToolkit().createLocalClipboard());
            com.sun.javafx.scene.input.DragboardHelper.setDataAccessRestriction(board, false);
            ClipboardContent content = new ClipboardContent();
            content.putFiles(List.of(zip.toFile()));
            board.setContent(content);
            // (Only the drop: a local dragboard, unlike the platform's, cannot answer DRAG_OVER's transfer modes.)
            DragEvent drop = new DragEvent(DragEvent.DRAG_DROPPED, board, 10, 10, 10, 10, TransferMode.COPY, null, null, null);
            scene.getRoot().fireEvent(drop);
        });
        waitFor(30, () -> app.viewModel().session().modelProperty().get().title().equals("dl4j-vae.zip (imported)"));
        GridViewModel grid = app.viewModel().grid();
        waitFor(30, () -> matchesDeeplearning4j(grid.renderedProperty().get()));
    }

    @Test
    void aHostileZipIsNamedInADialogAndTheModelOnScreenStays() throws Exception {
        CurrentModel before = app.viewModel().session().modelProperty().get();
        var renderedBefore = app.viewModel().grid().renderedProperty().get();
        byte[] whole = Files.readAllBytes(zip);
        Path bad = Files.write(tmp.resolve("cut-short.zip"), java.util.Arrays.copyOf(whole, whole.length - 40));
        openWithCtrlO(bad);
        waitFor(30, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertTrue(dialog.getContentText().startsWith(bad + ": not a complete zip archive"), dialog.getContentText());
        assertSame(before, app.viewModel().session().modelProperty().get());
        assertSame(renderedBefore, app.viewModel().grid().renderedProperty().get());
        TestWindow.clickDialogButton(robot, "OK");
    }

    private void openWithCtrlO(Path file) {
        nextOpen.set(file);
        robot.clickOn(app.gridView());
        robot.press(KeyCode.CONTROL).type(KeyCode.O).release(KeyCode.CONTROL);
    }

    /**
     * Whether a tile of the grid on screen holds the image Deeplearning4j's own decoder gives for
     * the latent point at the tile's centre (to one grey level: float sums in another order).
     */
    private static boolean matchesDeeplearning4j(GridViewModel.RenderedGrid r) {
        if (r == null || r.mosaic().tileRows() != 28) {
            return false;
        }
        Viewport view = r.request().view();
        int n = r.mosaic().columns();
        for (int[] tile : new int[][] {{n / 3, n / 2}, {n - 1, 0}}) {
            int row = tile[0];
            int col = tile[1];
            INDArray z = Nd4j.createFromArray(new float[][] {{(float) view.tileCenterX(col, n), (float) view.tileCenterY(row, n)}});
            float[] p = dl4j.generateAtMeanGivenZ(z).toFloatVector();
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int shown = r.mosaic().argb()[(row * 28 + y) * r.mosaic().width() + col * 28 + x] & 0xFF;
                    int expected = Math.min(255, Math.max(0, (int) (p[y * 28 + x] * 255f + 0.5f)));
                    if (Math.abs(shown - expected) > 1) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within " + seconds + " s", e);
        }
    }
}
