package org.latentexplorer.ui;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.function.Supplier;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;

import org.latentexplorer.explore.Exports;
import org.latentexplorer.ui.common.FileDialogs;
import org.latentexplorer.ui.modelinfo.ModelDescription;
import org.latentexplorer.ui.session.CurrentModel;
import org.latentexplorer.ui.session.Tasks;
import org.latentexplorer.ui.session.Notifier;

/**
 * File > Export: the grid as drawn (axes, overlays, legend) and the whole window as PNG, stamped
 * with the model, its kind, beta, epoch and seed; the loss history and the encoded test set as
 * CSV. Pictures are snapshots of what is on screen; files are written on the file lane.
 */
final class WindowExports {
    private final ExplorerViewModel vm;
    private final FileDialogs dialogs;
    private final Supplier<Window> owner;
    private Path folder;

    WindowExports(ExplorerViewModel vm, FileDialogs dialogs, Supplier<Window> owner, Path folder) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.owner = owner;
        this.folder = folder;
    }

    /** The stamp for what is on screen now: a running training's own hyper-parameters and epoch. */
    String stamp() {
        CurrentModel m = vm.session().modelProperty().get();
        return Exports.stamp(m.title(), m.liveConfig(), ModelDescription.epochs(m.history()), m.info().get("seed"));
    }

    /** A picture of node as it is on screen, stamped, to a PNG the user picks. */
    void picture(Node node, String what) {
        CurrentModel m = vm.session().modelProperty().get();
        if (m == null) {
            return;
        }
        dialogs.exportTo(owner.get(), folder, baseName(m) + "-" + what + ".png").ifPresent(file -> {
            WritableImage shot = node.snapshot(null, null);
            BufferedImage picture = SwingFXUtils.fromFXImage(shot, null);
            String stamp = stamp();
            write(file, () -> Exports.writePng(Exports.stamped(picture, stamp), file));
        });
    }

    void history() {
        CurrentModel m = vm.session().modelProperty().get();
        if (m == null) {
            return;
        }
        String csv = Exports.historyCsv(m.liveConfig().kind(), m.history().copy());
        dialogs.exportTo(owner.get(), folder, baseName(m) + "-history.csv")
                .ifPresent(file -> write(file, () -> Exports.writeText(file, csv)));
    }

    void encodedTestSet() {
        CurrentModel m = vm.session().modelProperty().get();
        if (m == null) {
            return;
        }
        var split = vm.session().dataProperty().get();
        if (split == null || split.imageSize() != m.config().inputSize()) {
            vm.notifier().tell("Could not export the encoded test set", "The test set of " + m.title()
                    + (m.dataset() == null ? " is not known." : " (" + m.dataset() + ") is not loaded."));
            return;
        }
        dialogs.exportTo(owner.get(), folder, baseName(m) + "-encoded.csv").ifPresent(file ->
                write(file, () -> Exports.writeText(file, Exports.encodedCsv(m.network(), split.test()))));
    }

    private interface Writing {
        void run() throws Exception;
    }

    private void write(Path file, Writing writing) {
        folder = file.toAbsolutePath().getParent();
        vm.notifier().status("Exporting " + file + " ...");
        vm.tasks().submit(Tasks.Lane.FILES, () -> {
            writing.run();
            return file;
        }, done -> vm.notifier().status("Exported " + file), failure -> {
            vm.notifier().status("Could not export " + file);
            vm.notifier().tell("Could not export", Notifier.explain(failure, file));
        });
    }

    private static String baseName(CurrentModel m) {
        String t = m.title();
        return t.endsWith(".lvae") ? t.substring(0, t.length() - 5) : t;
    }
}
