package org.latentexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.explore.Viewport;
import org.latentexplorer.ui.grid.GridView;
import org.latentexplorer.ui.grid.GridViewModel;
import org.latentexplorer.ui.inspect.InspectPane;
import org.latentexplorer.ui.inspect.InspectViewModel;
import org.latentexplorer.ui.inspect.PosteriorEllipse;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Looking inside one test image in the window, headless: a VAE's posterior on the grid, an autoencoder's point. */
class InspectWindowTest {
    /** The colour the grid draws the picked image's posterior in. */
    private static final Color POSTERIOR = Color.web("#a3e635");

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
    void clickingAScatterPointOfTheVaeShowsItsImageAndDrawsItsPosteriorThenAnAutoencoderHasNone() throws Exception {
        GridViewModel grid = app.viewModel().grid();
        InspectViewModel inspect = app.viewModel().inspect();
        InspectPane pane = app.inspectPane();
        assertEquals("mnist-vae.lvae", app.viewModel().session().model().title());

        int index = TestWindow.clickAnIsolatedPoint(robot, app, 0, 0.6);

        TestWindow.waitFor(() -> inspect.inspectionProperty().get() != null);
        assertEquals(index, inspect.pickedProperty().get());
        assertFalse(grid.hasSelectionProperty().get(), "a click on a test point picks it instead of selecting");
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(pane.original.getImage());
        assertNotNull(pane.reconstruction.getImage());
        assertEquals(InspectViewModel.DRAWS, pane.draws.getChildren().size());
        assertTrue(pane.summary.getText().contains("\u03c3 = "), pane.summary.getText());
        assertEquals(2, inspect.ellipses().size());
        panelFitsAt1024By768AndGrowsWithTheUiScale(pane);

        // Zoomed in on mu, the 1-sigma ellipse is large: its four extreme points are drawn in its colour.
        // The pointer still rests where it clicked: the magnified tile beside it, drawn over everything
        // once the zoomed grid is decoded, could hide part of the ellipse. The grid is looked at decoded.
        PosteriorEllipse one = inspect.ellipses().get(0);
        double half = Math.max(one.rx(), one.ry()) * 4;
        Viewport zoomed = new Viewport(one.cx() - half, one.cx() + half, one.cy() - half, one.cy() + half);
        robot.interact(() -> {
            grid.magnifyProperty().set(false);
            grid.viewportProperty().set(zoomed);
        });
        TestWindow.waitFor(() -> grid.renderedProperty().get() != null
                && zoomed.equals(grid.renderedProperty().get().request().view()));
        WaitForAsyncUtils.waitForFxEvents();
        GridView view = app.gridView();
        WritableImage shot = TestWindow.snapshot(view);
        // A snapshot lays the scene out first: the plot's place is read after it.
        double unit = view.plotSide() / (2 * half);
        double cx = view.plotX() + view.plotSide() / 2;
        double cy = view.plotY() + view.plotSide() / 2;
        double[][] extremes = {{cx + one.rx() * unit, cy}, {cx - one.rx() * unit, cy}, {cx, cy - one.ry() * unit},
            {cx, cy + one.ry() * unit}};
        for (double[] p : extremes) {
            assertTrue(TestWindow.colourNear(shot.getPixelReader(), p[0], p[1], POSTERIOR), "ellipse at " + p[0] + ", " + p[1]);
        }

        // Esc drops the pick and the ellipse goes.
        robot.interact(view::requestFocus);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(InspectViewModel.NONE, inspect.pickedProperty().get());
        WritableImage cleared = TestWindow.snapshot(view);
        assertFalse(TestWindow.colourNear(cleared.getPixelReader(), extremes[0][0], extremes[0][1], POSTERIOR), "no ellipse left");

        // The shipped plain autoencoder: its pick is one point, and the window says so.
        robot.interact(grid::resetView);
        LatentSpace.Embedding vaeScatter = grid.embeddingProperty().get();
        robot.interact(() -> app.viewModel().session().open(app.viewModel().session().shippedModel()
                .resolveSibling("mnist-ae.lvae")));
        TestWindow.waitFor(() -> "mnist-ae.lvae".equals(app.viewModel().session().model().title())
                && grid.embeddingProperty().get() != null && grid.embeddingProperty().get() != vaeScatter);
        WaitForAsyncUtils.waitForFxEvents();

        int aeIndex = TestWindow.clickAnIsolatedPoint(robot, app, 0, 0.6);

        TestWindow.waitFor(() -> inspect.inspectionProperty().get() != null);
        assertEquals(aeIndex, inspect.pickedProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(inspect.ellipses().isEmpty());
        assertEquals(0, pane.draws.getChildren().size());
        assertNotNull(pane.reconstruction.getImage());
        assertTrue(pane.explanation.isVisible());
        assertTrue(pane.explanation.getText().startsWith("An autoencoder maps this image to a single point: there is"
                + " no spread"), pane.explanation.getText());
        assertTrue(pane.drawAgain.isDisabled());
        // The code point is marked: a ring about it in the posterior's colour.
        InspectViewModel.Inspection i = inspect.inspectionProperty().get();
        WritableImage aeShot = TestWindow.snapshot(view);
        Viewport v = grid.viewportProperty().get();
        double x = view.plotX() + v.pixelX(i.mu()[0], view.plotSide());
        double y = view.plotY() + v.pixelY(i.mu()[1], view.plotSide());
        assertTrue(TestWindow.colourNear(aeShot.getPixelReader(), x + 6, y, POSTERIOR), "the code point's ring");
    }

    private void panelFitsAt1024By768AndGrowsWithTheUiScale(InspectPane pane) {
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
        double width = stage.getScene().getWidth();
        assertEquals(1024, width, 1);
        for (javafx.scene.Node n : new javafx.scene.Node[] {pane.original, pane.reconstruction, pane.draws, pane.summary,
            pane.explanation, pane.drawAgain, pane.clear}) {
            javafx.geometry.Bounds b = n.localToScene(n.getLayoutBounds());
            assertTrue(b.getMinX() >= 0 && b.getMaxX() <= width, n + " " + b);
        }
        double side = pane.original.getFitWidth();
        robot.interact(app.uiScale()::bigger);
        assertTrue(pane.original.getFitWidth() > side, "the images grow with the interface");
        robot.interact(app.uiScale()::smaller);
        assertEquals(side, pane.original.getFitWidth(), 1e-9);
        robot.interact(() -> stage.getScene().getRoot().layout());
        WaitForAsyncUtils.waitForFxEvents();
        // The images' caption on one line ("reconstruction" was broken into "reconstructio" and "n").
        javafx.scene.control.Label caption = (javafx.scene.control.Label) pane.lookupAll(".label").stream()
                .filter(n -> n instanceof javafx.scene.control.Label l && l.getText().endsWith("reconstruction"))
                .findFirst().orElseThrow();
        assertFalse(caption.isWrapText());
        assertEquals(caption.getText(), ((javafx.scene.text.Text) caption.lookup(".text")).getText());

        // At the window's least size the images narrow to the panel: neither side panel needs scrolling sideways.
        TestWindow.resize(robot, app, 800, 600);
        assertTrue(pane.original.getFitWidth() < side, "the images narrow to the panel: " + pane.original.getFitWidth());
        for (javafx.scene.Node n : java.util.List.of(app.rootPane().getLeft(), app.rootPane().getRight())) {
            javafx.scene.control.ScrollPane panel = (javafx.scene.control.ScrollPane) n;
            double content = panel.getContent().getLayoutBounds().getWidth();
            assertTrue(content <= panel.getViewportBounds().getWidth() + 0.5,
                    "content " + content + " in a viewport " + panel.getViewportBounds().getWidth() + " wide");
        }
        TestWindow.resize(robot, app, 1024, 768);
    }

}
