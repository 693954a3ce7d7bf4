package org.latentexplorer.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model file that cannot be loaded. The message names the file and says what is wrong with it,
 * e.g. "models/x.lvae: checksum mismatch: the file is damaged (...)", so it can be shown as it is.
 */
public class ModelFileException extends IOException {

    // Kept as text: the exception must not carry a non-serializable Path.
    private final String file;
    private final String problem;

    public ModelFileException(Path file, String problem) {
        this(file, problem, null);
    }

    public ModelFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = String.valueOf(file);
        this.problem = problem;
    }

    /** The file as it was named by the caller. */
    public String file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }
}
