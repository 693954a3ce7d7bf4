package org.latentexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.explore.Viewport;
import org.latentexplorer.ui.common.FileDialogs;
import org.latentexplorer.ui.grid.GridView;
import org.latentexplorer.ui.interpolate.InterpolatePane;
import org.latentexplorer.ui.interpolate.InterpolateViewModel;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Interpolating between two test images of the shipped MNIST VAE in the window, headless. */
class InterpolateWindowTest {
    /** The colour the grid draws the interpolation in. */
    private static final Color PATH = Color.web("#c084fc");

    private final FxRobot robot = new FxRobot();

    @TempDir
    Path tmp;

    private LatentExplorerApp app;

    @BeforeEach
    void open() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (LatentExplorerApp) FxToolkit.setupApplication(() -> new LatentExplorerApp(FileDialogs.NATIVE,
                tmp.resolve("recovery.lvae"), org.latentexplorer.runtime.Settings.load(tmp.resolve("settings.properties"))));
        waitFor(() -> app.viewModel().grid().renderedProperty().get() != null);
        robot.interact(() -> app.viewModel().grid().showTestSetProperty().set(true));
        waitFor(() -> app.viewModel().grid().embeddingProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void twoPickedScatterPointsShowBothStripsAndTheLineBetweenThemOnTheGrid() throws Exception {
        assertEquals("mnist-vae.lvae", app.viewModel().session().model().title());
        InterpolatePane pane = app.interpolatePane();
        InterpolateViewModel interpolate = app.viewModel().interpolate();
        assertTrue(pane.imageAsA.isDisabled(), "nothing picked yet");

        int a = clickAnIsolatedPoint(0.05, 0.3);
        waitFor(() -> app.viewModel().inspect().pickedProperty().get() == a);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(pane.imageAsA.isDisabled());
        robot.interact(pane.imageAsA::fire);
        int b = clickAnIsolatedPoint(0.45, 0.6);
        waitFor(() -> app.viewModel().inspect().pickedProperty().get() == b);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(pane.imageAsB::fire);

        waitFor(() -> interpolate.resultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(a, interpolate.fromProperty().get().image());
        assertEquals(b, interpolate.toProperty().get().image());
        assertEquals(InterpolateViewModel.STEPS, images(pane.decoded), "the decoded line");
        assertEquals(InterpolateViewModel.STEPS, images(pane.fade), "the cross-fade");
        assertTrue(pane.decoded.isVisible() && pane.fade.isVisible());
        assertFalse(pane.decodedRoughness.getText().isEmpty());
        assertFalse(pane.fadeRoughness.getText().isEmpty());
        stripsFitAt1024By768(pane);

        // The line a to b on the grid, in its colour, half way between the ends.
        InterpolateViewModel.Result r = interpolate.resultProperty().get();
        GridView view = app.gridView();
        WritableImage shot = snapshot(view);
        Viewport v = app.viewModel().grid().viewportProperty().get();
        int last = InterpolateViewModel.STEPS - 1;
        double mx = (r.code(0, 0) + r.code(last, 0)) / 2;
        double my = (r.code(0, 1) + r.code(last, 1)) / 2;
        double x = view.plotX() + v.pixelX(mx, view.plotSide());
        double y = view.plotY() + v.pixelY(my, view.plotSide());
        assertTrue(pathColourNear(shot.getPixelReader(), x, y), "the line at " + x + ", " + y);

        robot.interact(pane.clear::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(interpolate.resultProperty().get());
        assertFalse(pathColourNear(snapshot(view).getPixelReader(), x, y), "no line left");
        assertEquals(0, images(pane.decoded));
    }

    private void stripsFitAt1024By768(InterpolatePane pane) {
        javafx.stage.Stage stage = (javafx.stage.Stage) pane.getScene().getWindow();
        robot.interact(() -> {
            stage.setMaximized(false);
            stage.setMinWidth(0);
            stage.setMinHeight(0);
            stage.setWidth(1024);
            stage.setHeight(768);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> stage.getScene().getRoot().layout());
        WaitForAsyncUtils.waitForFxEvents();
        double width = stage.getScene().getWidth();
        assertEquals(1024, width, 1);
        for (Node n : new Node[] {pane.decoded, pane.fade, pane.decodedRoughness, pane.fadeRoughness, pane.imageAsA,
            pane.imageAsB, pane.pointAsA, pane.pointAsB, pane.clear}) {
            javafx.geometry.Bounds box = n.localToScene(n.getLayoutBounds());
            assertTrue(box.getMinX() >= 0 && box.getMaxX() <= width, n + " " + box);
        }
        ImageView first = (ImageView) ((HBox) pane.decoded.getChildren().get(0)).getChildren().get(0);
        assertTrue(first.getFitWidth() >= 28, "an image at least at its own size: " + first.getFitWidth());
    }

    /** How many images a strip shows, over its rows. */
    private static int images(javafx.scene.layout.VBox strip) {
        int n = 0;
        for (Node row : strip.getChildren()) {
            for (Node image : ((HBox) row).getChildren()) {
                assertNotNull(((ImageView) image).getImage());
                n++;
            }
        }
        return n;
    }

    /**
     * Clicks a test-set point with no other within 8 pixels, whose place lies between the fractions
     * from and to of the plot's width (clear of the legend on the right), and returns its index.
     */
    private int clickAnIsolatedPoint(double from, double to) {
        GridView view = app.gridView();
        LatentSpace.Embedding e = app.viewModel().grid().embeddingProperty().get();
        Viewport v = app.viewModel().grid().viewportProperty().get();
        double side = view.plotSide();
        for (int i = 0; i < e.count(); i++) {
            double px = v.pixelX(e.mu(i, 0), side);
            double py = v.pixelY(e.mu(i, 1), side);
            if (px < side * from || px > side * to || py < 20 || py > side - 20) {
                continue;
            }
            boolean alone = true;
            for (int j = 0; j < e.count() && alone; j++) {
                alone = j == i || Math.hypot(v.pixelX(e.mu(j, 0), side) - px, v.pixelY(e.mu(j, 1), side) - py) > 8;
            }
            if (alone) {
                robot.clickOn(view.localToScreen(view.plotX() + px, view.plotY() + py));
                return i;
            }
        }
        throw new AssertionError("no isolated test point between " + from + " and " + to + " of the plot");
    }

    private static WritableImage snapshot(GridView view) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> view.canvas().snapshot(null, null)).get(10, TimeUnit.SECONDS);
    }

    /** Whether a pixel within 2 of (x, y) has the interpolation's colour. */
    private static boolean pathColourNear(PixelReader r, double x, double y) {
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                Color c = r.getColor((int) Math.round(x) + dx, (int) Math.round(y) + dy);
                if (Math.abs(c.getRed() - PATH.getRed()) < 0.12 && Math.abs(c.getGreen() - PATH.getGreen()) < 0.12
                        && Math.abs(c.getBlue() - PATH.getBlue()) < 0.12) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void waitFor(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within 30 s", e);
        }
    }
}
