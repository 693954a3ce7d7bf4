package org.latentexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Window;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.explore.Viewport;
import org.latentexplorer.ui.common.FileDialogs;
import org.latentexplorer.ui.compare.CompareViewModel;
import org.latentexplorer.ui.grid.GridView;
import org.latentexplorer.ui.grid.ModelOnScreen;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
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
        FxToolkit.registerPrimaryStage();
        FileDialogs dialogs = new FileDialogs() {
            @Override
            public Optional<Path> modelToOpen(Window owner, Path folder) {
                return Optional.ofNullable(nextOpen.get());
            }

            @Override
            public Optional<Path> modelToSave(Window owner, Path folder, String suggestedName) {
                return Optional.of(tmp.resolve(suggestedName));
            }

            @Override
            public Optional<Path> dataFolder(Window owner) {
                return Optional.empty();
            }

            @Override
            public Optional<Path> exportTo(Window owner, Path folder, String suggestedName) {
                return Optional.of(tmp.resolve(suggestedName));
            }
        };
        app = (LatentExplorerApp) FxToolkit.setupApplication(() -> new LatentExplorerApp(dialogs, tmp.resolve("recovery.lvae"),
                org.latentexplorer.runtime.Settings.load(tmp.resolve("settings.properties"))));
        waitFor(30, () -> app.viewModel().grid().renderedProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void aeVsVaeFromTheMenuThenDraggingOneGridMovesTheOtherAndEscapeGoesBack() {
        Node centre = app.rootPane().getCenter();
        robot.clickOn("Compare");
        robot.clickOn(CompareViewModel.Pair.AE_VS_VAE.title());
        CompareViewModel c = app.viewModel().compare();
        waitFor(30, () -> c.models().size() == 2 && c.models().stream().allMatch(m -> m.grid().renderedProperty().get() != null));
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
        waitFor(10, () -> dragged.equals(vae.grid().renderedProperty().get().request().view()));
        // The window's own grid did not move.
        assertEquals(Viewport.DEFAULT, app.viewModel().grid().viewportProperty().get());

        robot.clickOn(aeGrid);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(centre, app.rootPane().getCenter());
        assertTrue(c.models().isEmpty());
        assertEquals("mnist-vae.lvae", app.viewModel().session().model().title());
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within " + seconds + " s", e);
        }
    }
}
