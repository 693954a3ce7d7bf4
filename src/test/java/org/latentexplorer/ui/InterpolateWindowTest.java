package org.latentexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import javafx.scene.Node;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.explore.Viewport;
import org.latentexplorer.ui.grid.GridView;
import org.latentexplorer.ui.interpolate.InterpolatePane;
import org.latentexplorer.ui.interpolate.InterpolateViewModel;
import org.testfx.api.FxRobot;
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
        app = TestWindow.openWithTestSet(tmp, robot);
    }

    @AfterEach
    void close() throws Exception {
        TestWindow.close(app);
    }

    @Test
    void twoPickedScatterPointsShowBothStripsAndTheLineBetweenThemOnTheGrid() throws Exception {
        assertEquals("mnist-vae.lvae", app.viewModel().session().model().title());
        InterpolatePane pane = app.interpolatePane();
        InterpolateViewModel interpolate = app.viewModel().interpolate();
        assertTrue(pane.imageAsA.isDisabled(), "nothing picked yet");

        int a = TestWindow.clickAnIsolatedPoint(robot, app, 0.05, 0.3);
        TestWindow.waitFor(() -> app.viewModel().inspect().pickedProperty().get() == a);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(pane.imageAsA.isDisabled());
        robot.interact(pane.imageAsA::fire);
        int b = TestWindow.clickAnIsolatedPoint(robot, app, 0.45, 0.6);
        TestWindow.waitFor(() -> app.viewModel().inspect().pickedProperty().get() == b);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(pane.imageAsB::fire);

        TestWindow.waitFor(() -> interpolate.resultProperty().get() != null);
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
        WritableImage shot = TestWindow.snapshot(view);
        Viewport v = app.viewModel().grid().viewportProperty().get();
        int last = InterpolateViewModel.STEPS - 1;
        double mx = (r.code(0, 0) + r.code(last, 0)) / 2;
        double my = (r.code(0, 1) + r.code(last, 1)) / 2;
        double x = view.plotX() + v.pixelX(mx, view.plotSide());
        double y = view.plotY() + v.pixelY(my, view.plotSide());
        assertTrue(TestWindow.colourNear(shot.getPixelReader(), x, y, PATH), "the line at " + x + ", " + y);

        robot.interact(pane.clear::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(interpolate.resultProperty().get());
        assertFalse(TestWindow.colourNear(TestWindow.snapshot(view).getPixelReader(), x, y, PATH), "no line left");
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

}
