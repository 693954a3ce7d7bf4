package org.latentexplorer.runtime;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves what versions before the XDG layout kept in {@code ~/.latent-explorer} to the user's
 * folders ({@link UserDirs}): the recovery copy of unsaved training,
 * {@code ~/.latent-explorer/unsaved-training.lvae}, goes to {@link UserDirs#recoveryFile()}.
 *
 * <p>The file is moved, never copied and never overwritten: when the new place already holds a
 * recovery copy (made by a newer version since), the old one is kept beside it under another name.
 * A file that cannot be moved stays where it is. Once moved there is nothing left to move, so
 * running this at every start does the work once. The old folder is removed only when empty.
 */
public final class LegacyFiles {
    static final String RECOVERY = "unsaved-training.lvae";

    private LegacyFiles() {
    }

    /**
     * Moves the legacy files of these folders.
     *
     * @return one sentence per file moved, kept or left behind, for the user; empty when there was nothing to do
     */
    public static List<String> migrate(UserDirs dirs) {
        List<String> said = new ArrayList<>();
        Path old = dirs.legacy().resolve(RECOVERY);
        if (!Files.isRegularFile(old)) {
            return said;
        }
        Path target = dirs.recoveryFile();
        try {
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                Path kept = freeName(target);
                move(old, kept);
                said.add("the recovery copy of unsaved training from an earlier version, " + old + ", is now " + kept
                        + " (" + target + " holds a newer one)");
            } else {
                move(old, target);
                said.add("moved the recovery copy of unsaved training from " + old + " to " + target);
            }
        } catch (IOException | SecurityException e) {
            said.add("could not move " + old + " to " + target + " (" + e.getMessage() + "); it stays where it is");
            return said;
        }
        try {
            Files.delete(dirs.legacy());
        } catch (DirectoryNotEmptyException e) {
            // Something else is in there: not ours to remove.
        } catch (IOException | SecurityException e) {
            // An empty folder left behind costs nothing.
        }
        return said;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Another file system: copied, then the original removed.
            Files.move(from, to);
        }
    }

    /** "unsaved-training-2.lvae", "-3", ...: the first name not taken beside the file. */
    private static Path freeName(Path file) {
        String name = file.getFileName().toString();
        String stem = name.substring(0, name.lastIndexOf('.'));
        for (int i = 2; ; i++) {
            Path p = file.resolveSibling(stem + "-" + i + ".lvae");
            if (!Files.exists(p)) {
                return p;
            }
        }
    }
}
