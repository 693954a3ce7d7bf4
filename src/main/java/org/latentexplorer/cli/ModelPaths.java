package org.latentexplorer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;


/** Checks on model files given on the command line, done before any long work starts. */
final class ModelPaths {
    private ModelPaths() {
    }

    /** Refuses to overwrite an existing model without --force, and an unwritable place at all. */
    static void checkWritable(Path out, boolean force) throws IOException {
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + " is a folder; --out needs a file name, e.g. "
                    + out.resolve("model.lvae"));
        }
        if (Files.exists(out) && !force) {
            throw new IllegalArgumentException(out + " already exists; choose another --out or add --force"
                    + " to replace it");
        }
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException(dir + ": cannot write here (permission denied)");
        }
    }
}
