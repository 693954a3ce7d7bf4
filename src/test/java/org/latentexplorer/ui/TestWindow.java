package org.latentexplorer.ui;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javafx.stage.Window;

import org.latentexplorer.ui.common.FileDialogs;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Fixtures for tests of the real window, headless: the window on the shipped model, with file
 * choosers that answer without a dialog and settings and recovery copy in a temporary folder.
 */
final class TestWindow {
    private TestWindow() {
    }

    /**
     * Opens the window and waits for its first grid.
     *
     * @param tmp      where saves, exports, the settings and the recovery copy go
     * @param nextOpen the file the next "open a model" chooser answers (empty: cancelled)
     */
    static LatentExplorerApp open(Path tmp, Supplier<Path> nextOpen) throws Exception {
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
        LatentExplorerApp app = (LatentExplorerApp) FxToolkit.setupApplication(() -> new LatentExplorerApp(dialogs,
                tmp.resolve("recovery.lvae"), org.latentexplorer.runtime.Settings.load(tmp.resolve("settings.properties"))));
        waitFor(30, () -> app.viewModel().grid().renderedProperty().get() != null);
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
}
