package org.latentexplorer.ui.common;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The file choosers the window uses; tests answer them without a dialog. */
public interface FileDialogs {

    Optional<Path> modelToOpen(Window owner, Path folder);

    Optional<Path> modelToSave(Window owner, Path folder, String suggestedName);

    Optional<Path> dataFolder(Window owner);

    /** Where to write an export (a PNG or CSV file named like suggestedName). */
    Optional<Path> exportTo(Window owner, Path folder, String suggestedName);

    /** The platform's choosers. */
    FileDialogs NATIVE = new FileDialogs() {
        private static final FileChooser.ExtensionFilter MODELS =
                new FileChooser.ExtensionFilter("Latent Explorer models (*.lvae)", "*.lvae");
        private static final FileChooser.ExtensionFilter OPENABLE = new FileChooser.ExtensionFilter(
                "Models (*.lvae, Deeplearning4j VAE *.zip)", "*.lvae", "*.zip");

        @Override
        public Optional<Path> modelToOpen(Window owner, Path folder) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Open a model");
            chooser.getExtensionFilters().addAll(OPENABLE, new FileChooser.ExtensionFilter("All files", "*"));
            startIn(chooser, folder);
            return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);
        }

        @Override
        public Optional<Path> modelToSave(Window owner, Path folder, String suggestedName) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save the model");
            chooser.getExtensionFilters().add(MODELS);
            chooser.setInitialFileName(suggestedName);
            startIn(chooser, folder);
            return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath).map(p ->
                    p.getFileName().toString().contains(".") ? p : p.resolveSibling(p.getFileName() + ".lvae"));
        }

        @Override
        public Optional<Path> dataFolder(Window owner) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("A folder of images or IDX files to train on");
            return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
        }

        @Override
        public Optional<Path> exportTo(Window owner, Path folder, String suggestedName) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export");
            String ext = suggestedName.substring(suggestedName.lastIndexOf('.') + 1);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(java.util.Locale.ROOT)
                    + " files (*." + ext + ")", "*." + ext));
            chooser.setInitialFileName(suggestedName);
            startIn(chooser, folder);
            return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath).map(p ->
                    p.getFileName().toString().contains(".") ? p : p.resolveSibling(p.getFileName() + "." + ext));
        }

        private void startIn(FileChooser chooser, Path folder) {
            if (folder != null && Files.isDirectory(folder)) {
                chooser.setInitialDirectory(folder.toFile());
            }
        }
    };
}
