package org.latentexplorer.ui;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Window;

import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.explore.Viewport;
import org.latentexplorer.ui.common.FileDialogs;
import org.latentexplorer.ui.grid.GridView;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Fixtures for tests of the real window, headless: the window on the shipped model, with file
 * choosers that answer without a dialog and settings and recovery copy in a temporary folder.
 */
final class TestWindow {
    /** Whether the last window opened had its grid decoded when it first showed; null before it showed. */
    private static final AtomicReference<Boolean> GRID_WHEN_SHOWN = new AtomicReference<>();

    private TestWindow() {
    }

    /** Whether the window last opened here had its first grid decoded at the moment it appeared. */
    static Boolean gridDecodedWhenShown() {
        return GRID_WHEN_SHOWN.get();
    }

    /**
     * Opens the window and waits for its first grid.
     *
     * @param tmp      where saves, exports, the settings and the recovery copy go
     * @param nextOpen the file the next "open a model" chooser answers (empty: cancelled)
     */
    static LatentExplorerApp open(Path tmp, Supplier<Path> nextOpen) throws Exception {
        return open(tmp, nextOpen, () -> null);
    }

    /** As {@link #open(Path, Supplier)}, exports going to nextExport's file when it gives one. */
    static LatentExplorerApp open(Path tmp, Supplier<Path> nextOpen, Supplier<Path> nextExport) throws Exception {
        FxToolkit.registerPrimaryStage();   // starts the toolkit
        GRID_WHEN_SHOWN.set(null);
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
                Path chosen = nextExport.get();
                return Optional.of(chosen != null ? chosen : tmp.resolve(suggestedName));
            }
        };
        LatentExplorerApp app = new LatentExplorerApp(dialogs, tmp.resolve("recovery.lvae"),
                org.latentexplorer.runtime.Settings.load(tmp.resolve("settings.properties")));
        // A stage of its own, as the program's window has: TestFX's primary stage lives through every
        // test, and what one window leaves on it (listeners, icons) would keep that window alive.
        javafx.stage.Stage stage = FxToolkit.setupFixture(() -> {
            javafx.stage.Stage s = new javafx.stage.Stage();
            s.showingProperty().addListener((o, was, now) -> {
                if (now) {
                    GRID_WHEN_SHOWN.compareAndSet(null, app.viewModel().grid().renderedProperty().get() != null);
                }
            });
            app.start(s);
            return s;
        });
        waitFor(30, () -> app.viewModel().grid().renderedProperty().get() != null);
        waitFor(30, stage::isShowing);
        WaitForAsyncUtils.waitForFxEvents();
        return app;
    }

    static void close(LatentExplorerApp app) throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    static void waitFor(int seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within " + seconds + " s", e);
        }
    }

    /** As {@link #open} with no file to open, then shows the test set and waits for its scatter. */
    static LatentExplorerApp openWithTestSet(Path tmp, FxRobot robot) throws Exception {
        LatentExplorerApp app = open(tmp, () -> null);
        robot.interact(() -> app.viewModel().grid().showTestSetProperty().set(true));
        waitFor(30, () -> app.viewModel().grid().embeddingProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        return app;
    }

    /**
     * Clicks a test-set point with no other within 8 pixels (so the click can only mean it), whose
     * place lies between the fractions from and to of the plot's width and clear of its top and
     * bottom edges, and returns its index.
     */
    static int clickAnIsolatedPoint(FxRobot robot, LatentExplorerApp app, double from, double to) {
        GridView view = app.gridView();
        LatentSpace.Embedding e = app.viewModel().grid().embeddingProperty().get();
        Viewport v = app.viewModel().grid().viewportProperty().get();
        double side = view.plotSide();
        for (int i = 0; i < e.count(); i++) {
            double px = v.pixelX(e.mu(i, 0), side);
            double py = v.pixelY(e.mu(i, 1), side);
            if (px < Math.max(20, side * from) || px > side * to || py < 20 || py > side - 20) {
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

    /**
     * Clicks a dialog's button once its window shows: the button is in the scene a moment before,
     * and a click then finds no visible node.
     */
    static void clickDialogButton(FxRobot robot, String text) {
        waitFor(10, () -> robot.lookup(text).match(javafx.scene.Node::isVisible).tryQuery().isPresent());
        robot.clickOn(robot.lookup(text).match(javafx.scene.Node::isVisible).<javafx.scene.Node>query());
    }

    /** Sizes the window as a user would drag it, below its least size if asked, and lays it out. */
    static void resize(FxRobot robot, LatentExplorerApp app, double w, double h) {
        javafx.stage.Stage stage = (javafx.stage.Stage) app.rootPane().getScene().getWindow();
        robot.interact(() -> {
            stage.setMaximized(false);
            stage.setMinWidth(0);
            stage.setMinHeight(0);
            stage.setWidth(w);
            stage.setHeight(h);
        });
        // Twice: sizes that follow a width (the side panels' images) settle in the second pass.
        for (int pass = 0; pass < 2; pass++) {
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> stage.getScene().getRoot().layout());
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Every shown control (or grid) under root whose bounds reach outside the window. What a scroll
     * pane holds is reached by scrolling: the pane itself is checked, not its content.
     */
    static java.util.List<String> controlsOutside(javafx.scene.Parent root) {
        javafx.scene.Scene scene = root.getScene();
        java.util.List<String> out = new java.util.ArrayList<>();
        collectOutside(root, scene.getWidth(), scene.getHeight(), out);
        return out;
    }

    private static void collectOutside(javafx.scene.Parent p, double w, double h, java.util.List<String> out) {
        for (javafx.scene.Node n : p.getChildrenUnmodifiable()) {
            if (!n.isVisible()) {
                continue;
            }
            if (n instanceof javafx.scene.control.Control || n instanceof GridView) {
                javafx.geometry.Bounds b = n.localToScene(n.getLayoutBounds());
                if (b.getMinX() < -0.5 || b.getMinY() < -0.5 || b.getMaxX() > w + 0.5 || b.getMaxY() > h + 0.5) {
                    out.add(n.getClass().getSimpleName() + " " + n.getStyleClass() + " " + b);
                }
            }
            if (n instanceof javafx.scene.Parent q && !(n instanceof javafx.scene.control.ScrollPane)
                    && !(n instanceof javafx.scene.control.Control && !(n instanceof javafx.scene.control.ToolBar))) {
                collectOutside(q, w, h, out);
            }
        }
    }

    /** A value read on the JavaFX thread. */
    static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
    }

    /** What the grid's canvas shows now. */
    static WritableImage snapshot(GridView view) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> view.canvas().snapshot(null, null)).get(10, TimeUnit.SECONDS);
    }

    /** Whether a pixel within 2 of (x, y) has the colour, within 0.12 in each channel. */
    static boolean colourNear(PixelReader r, double x, double y, Color colour) {
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                Color c = r.getColor((int) Math.round(x) + dx, (int) Math.round(y) + dy);
                if (Math.abs(c.getRed() - colour.getRed()) < 0.12 && Math.abs(c.getGreen() - colour.getGreen()) < 0.12
                        && Math.abs(c.getBlue() - colour.getBlue()) < 0.12) {
                    return true;
                }
            }
        }
        return false;
    }

    static void waitFor(Callable<Boolean> condition) {
        waitFor(30, condition);
    }
}
