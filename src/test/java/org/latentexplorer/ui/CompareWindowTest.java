package org.latentexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.explore.Viewport;
import org.latentexplorer.ui.compare.CompareViewModel;
import org.latentexplorer.ui.grid.GridView;
import org.latentexplorer.ui.grid.ModelOnScreen;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Models side by side in the real window, headless. */
class CompareWindowTest {
    private final FxRobot robot = new FxRobot();
    private final AtomicReference<Path> nextOpen = new AtomicReference<>();

    @TempDir
    Path tmp;

    private LatentExplorerApp app;

    @BeforeEach
    void open() throws Exception {
        app = TestWindow.open(tmp, nextOpen::get);
    }

    @AfterEach
    void close() throws Exception {
        TestWindow.close(app);
    }

    @Test
    void aeVsVaeFromTheMenuThenDraggingOneGridMovesTheOtherAndEscapeGoesBack() {
        Node centre = app.rootPane().getCenter();
        robot.clickOn("Compare");
        robot.clickOn(CompareViewModel.Pair.AE_VS_VAE.title());
        CompareViewModel c = app.viewModel().compare();
        TestWindow.waitFor(30, () -> c.models().size() == 2 && c.models().stream().allMatch(m -> m.grid().renderedProperty().get() != null));
        assertSame(app.compareView(), app.rootPane().getCenter());
        assertEquals("mnist-ae.lvae", c.models().get(0).session().model().title());
        assertEquals("mnist-vae.lvae", c.models().get(1).session().model().title());

        ModelOnScreen ae = c.models().get(0);
        ModelOnScreen vae = c.models().get(1);
        GridView aeGrid = app.compareView().gridOf(ae);
        WaitForAsyncUtils.waitForFxEvents();
        Point2D start = aeGrid.localToScreen(aeGrid.plotX() + aeGrid.plotSide() / 2, aeGrid.plotY() + aeGrid.plotSide() / 2);
        robot.drag(start, MouseButton.PRIMARY).moveBy(40, 0).moveBy(40, 30).drop();
        WaitForAsyncUtils.waitForFxEvents();

        Viewport dragged = ae.grid().viewportProperty().get();
        assertNotEquals(Viewport.DEFAULT, dragged);
        double perPixel = Viewport.DEFAULT.width() / aeGrid.plotSide();
        assertEquals(Viewport.DEFAULT.xMin() - 80 * perPixel, dragged.xMin(), 1e-6);
        assertEquals(dragged, vae.grid().viewportProperty().get());
        TestWindow.waitFor(10, () -> dragged.equals(vae.grid().renderedProperty().get().request().view()));
        // The window's own grid did not move.
        assertEquals(Viewport.DEFAULT, app.viewModel().grid().viewportProperty().get());

        // The status bar names the model and the point under the pointer, over any compared grid.
        GridView vaeGrid = app.compareView().gridOf(vae);
        robot.moveTo(vaeGrid.localToScreen(vaeGrid.plotX() + vaeGrid.plotSide() / 2, vaeGrid.plotY() + vaeGrid.plotSide() / 2));
        WaitForAsyncUtils.waitForFxEvents();
        String pointer = robot.lookup(".status-bar .hover").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(pointer.startsWith("mnist-vae.lvae") && pointer.contains("z1 ="), pointer);

        robot.clickOn(aeGrid);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(centre, app.rootPane().getCenter());
        assertTrue(c.models().isEmpty());
        assertEquals("mnist-vae.lvae", app.viewModel().session().model().title());
    }

    @Test
    void aFileThatCannotBeReadIsNamedAndTheComparedModelsStayWithTheirRateAndDistortion() throws Exception {
        robot.clickOn("Compare");
        robot.clickOn(CompareViewModel.Pair.BETA_1_VS_4.title());
        CompareViewModel c = app.viewModel().compare();
        TestWindow.waitFor(30, () -> c.shownModelsProperty().get().size() == 2);
        Path bad = tmp.resolve("broken.lvae");
        java.nio.file.Files.writeString(bad, "not a model");
        nextOpen.set(bad);

        robot.clickOn("Add a model\u2026");
        TestWindow.waitFor(30, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        javafx.scene.control.DialogPane dialog = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertTrue(dialog.getContentText().contains("broken.lvae"), dialog.getContentText());
        TestWindow.clickDialogButton(robot, "OK");

        assertEquals(2, c.models().size());
        assertSame(app.compareView(), app.rootPane().getCenter());
        // Beta 4 pays reconstruction for a lower KL: both points are on the chart under the grids.
        org.latentexplorer.ui.training.RateDistortion.Picture p =
                ((org.latentexplorer.ui.training.RateDistortionChart) app.compareView().getBottom()).picture();
        assertEquals(2, p.models().size(), p.models().toString());
        assertTrue(p.models().get(1).rate() < p.models().get(0).rate());
        assertTrue(p.models().get(1).distortion() > p.models().get(0).distortion());

        // Esc goes back, though no grid was clicked since the menu opened the comparison.
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!c.isActive() && c.models().isEmpty());
        assertSame(app.gridView(), ((javafx.scene.layout.BorderPane) app.rootPane().getCenter()).getCenter());
    }

    @Test
    void aComparedModelWithThreeLatentDimensionsHasItsPlanePicker() throws Exception {
        var config = org.latentexplorer.model.ModelConfig.of(new org.latentexplorer.model.Vae(1), 28, 28,
                java.util.List.of(32), 3, org.latentexplorer.model.Bernoulli.INSTANCE);
        Path file = tmp.resolve("k3.lvae");
        org.latentexplorer.model.ModelFile.write(file, new org.latentexplorer.model.SavedModel(config,
                new org.latentexplorer.model.Network(config, 5).paramsToArray(), null,
                new org.latentexplorer.model.TrainingHistory(), java.util.Map.of("dataset", "mnist")));
        CompareViewModel c = app.viewModel().compare();
        robot.interact(() -> c.compare(java.util.List.of(file, app.viewModel().session().shippedModel())));
        TestWindow.waitFor(30, () -> c.shownModelsProperty().get().size() == 2
                && c.models().stream().allMatch(m -> m.grid().renderedProperty().get() != null));
        ModelOnScreen k3 = c.models().get(0);
        ModelOnScreen k2 = c.models().get(1);
        assertEquals(3, k3.grid().sliceProperty().get().latent());
        org.latentexplorer.ui.grid.PlanePane picker = app.compareView().planePickerOf(k3);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(shown(foldOf(picker)), "the k = 3 model's plane picker is there");
        javafx.scene.control.TitledPane k2Fold = foldOf(app.compareView().planePickerOf(k2));
        assertTrue(shown(k2Fold) && k2Fold.isDisabled(), "the k = 2 model's fold keeps the row, with nothing to pick");
        assertEquals("Latent plane: z1 across, z2 up, all of 2", k2Fold.getText());
        assertEquals(app.compareView().gridOf(k3).getHeight(), app.compareView().gridOf(k2).getHeight(), 0.5,
                "both grids one size");
        assertEquals("Latent plane: z1 across, z2 up, of 3", foldOf(picker).getText());
        robot.interact(() -> foldOf(picker).setExpanded(true));

        // Across z3: the k = 3 grid spans z3 x z2 with z1 held; the k = 2 model keeps its own plane.
        robot.interact(() -> picker.across.getSelectionModel().select(2));
        assertEquals(2, k3.grid().sliceProperty().get().dimX());
        TestWindow.waitFor(10, () -> k3.grid().renderedProperty().get().request().slice().dimX() == 2);
        assertEquals(0, k2.grid().sliceProperty().get().dimX());

        robot.interact(() -> c.remove(k3));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!shown(k2Fold), "with no plane left to pick, the row goes");
    }

    @Test
    void threeModelsFitAt1024By768WithEqualGridsAndNothingOutside() {
        javafx.stage.Stage stage = (javafx.stage.Stage) app.gridView().getScene().getWindow();
        robot.interact(() -> {
            stage.setMaximized(false);
            stage.setMinWidth(0);
            stage.setMinHeight(0);
            stage.setWidth(1024);
            stage.setHeight(768);
        });
        CompareViewModel c = app.viewModel().compare();
        robot.interact(() -> {
            c.open(CompareViewModel.Pair.AE_VS_VAE);
            c.add(app.viewModel().session().shippedModel().resolveSibling("mnist-vae-beta4.lvae"));
        });
        TestWindow.waitFor(30, () -> c.shownModelsProperty().get().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> stage.getScene().getRoot().layout());
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Scene scene = stage.getScene();
        assertEquals(1024, scene.getWidth(), 1);

        assertTrue(outside().isEmpty(), () -> outside().toString());
        double side = app.compareView().gridOf(c.models().get(0)).plotSide();
        assertTrue(side >= 200, "grid " + side);
        for (ModelOnScreen m : c.models()) {
            assertEquals(side, app.compareView().gridOf(m).plotSide(), 1.0, "the grids side by side are the same size");
            assertTrue(app.compareView().metricsArea(m).isVisible());
        }
    }

    // At 800 x 600, with the figures under them, two grids were drawn about 90 pixels square; beside
    // them, names and values on one line, about 108; each value under its name, about 200. At
    // 1024 x 768 the figures under them left the grids 258 pixels; beside them, each value under its
    // name, about 310.
    @Test
    void twoModelsAt800By600HaveTheirFiguresBesideTheirGrids() {
        TestWindow.resize(robot, app, 800, 600);
        CompareViewModel c = app.viewModel().compare();
        robot.interact(() -> c.open(CompareViewModel.Pair.AE_VS_VAE));
        TestWindow.waitFor(30, () -> c.shownModelsProperty().get().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> app.rootPane().getScene().getRoot().layout());
        javafx.scene.Scene scene = app.rootPane().getScene();
        assertTrue(outside().isEmpty(), () -> outside().toString());
        for (ModelOnScreen m : c.models()) {
            GridView grid = app.compareView().gridOf(m);
            assertTrue(grid.plotSide() >= 180, "grid " + grid.plotSide());
            double gridRight = grid.localToScene(grid.plotX() + grid.plotSide(), 0).getX();
            javafx.geometry.Bounds figures = app.compareView().metricsArea(m).localToScene(
                    app.compareView().metricsArea(m).getLayoutBounds());
            assertTrue(figures.getMinX() >= gridRight, "figures at " + figures + ", grid's right edge at " + gridRight);
        }
        TestWindow.resize(robot, app, 1024, 768);
        for (ModelOnScreen m : c.models()) {
            GridView grid = app.compareView().gridOf(m);
            assertTrue(grid.plotSide() >= 290, "grid at 1024 x 768 " + grid.plotSide());
            double gridRight = grid.localToScene(grid.plotX() + grid.plotSide(), 0).getX();
            assertTrue(app.compareView().metricsArea(m).localToScene(0, 0).getX() >= gridRight, "beside at 1024 x 768");
        }
        assertTrue(outside().isEmpty(), () -> outside().toString());
        // And in a larger window (the test's screen is 1280 x 800).
        TestWindow.resize(robot, app, 1280, 800);
        for (ModelOnScreen m : c.models()) {
            GridView grid = app.compareView().gridOf(m);
            double gridRight = grid.localToScene(grid.plotX() + grid.plotSide(), 0).getX();
            assertTrue(app.compareView().metricsArea(m).localToScene(0, 0).getX() >= gridRight, "beside at 1280 x 800");
        }
        TestWindow.resize(robot, app, 800, 600);
        // Three models in the same window: narrower columns, the figures under the grids, nothing outside.
        robot.interact(() -> c.add(app.viewModel().session().shippedModel().resolveSibling("mnist-vae-beta4.lvae")));
        TestWindow.waitFor(30, () -> c.shownModelsProperty().get().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> scene.getRoot().layout());
        assertTrue(outside().isEmpty(), () -> outside().toString());
        for (ModelOnScreen m : c.models()) {
            GridView grid = app.compareView().gridOf(m);
            double gridBottom = grid.localToScene(0, grid.plotY() + grid.plotSide()).getY();
            assertTrue(app.compareView().metricsArea(m).localToScene(0, 0).getY() >= gridBottom);
        }
    }

    /** Every shown control or grid of the comparison that reaches outside the window. */
    private java.util.List<String> outside() {
        return TestWindow.controlsOutside(app.compareView());
    }

    private static javafx.scene.control.TitledPane foldOf(Node n) {
        Node p = n;
        while (!(p instanceof javafx.scene.control.TitledPane)) {
            p = p.getParent();
        }
        return (javafx.scene.control.TitledPane) p;
    }

    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
