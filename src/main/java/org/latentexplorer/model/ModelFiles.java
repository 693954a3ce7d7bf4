package org.latentexplorer.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

import org.latentexplorer.model.dl4j.Dl4jImporter;

/**
 * The one way to open a model file of any format this program reads: a Latent Explorer model file
 * ({@link ModelFile}) or a VAE saved by Deeplearning4j ({@link Dl4jImporter}), told apart by their
 * first bytes. Anything else gets {@link ModelFile}'s own "not a model file" message.
 */
public final class ModelFiles {

    /** The formats, as their first bytes tell them. */
    public enum Format {
        /** Our own format, {@link ModelFile}. */
        LATENT_EXPLORER,
        /** A zip archive, as Deeplearning4j's ModelSerializer writes. */
        DEEPLEARNING4J,
        /** Anything else, including a missing or unreadable file. */
        OTHER
    }

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ZIP = {'P', 'K', 5, 6};

    private ModelFiles() {
    }

    /** Reads any model file; every failure is a {@link ModelFileException} naming the file. */
    public static SavedModel read(Path file) throws ModelFileException {
        Objects.requireNonNull(file, "file");
        return format(file) == Format.DEEPLEARNING4J ? Dl4jImporter.read(file) : ModelFile.read(file);
    }

    /** What the file's first bytes say it is. */
    public static Format format(Path file) {
        if (!Files.isRegularFile(file)) {
            return Format.OTHER;                // a pipe would block; ModelFile names what it is
        }
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(ModelFile.MAGIC.length);
        } catch (IOException | RuntimeException e) {
            return Format.OTHER;
        }
        if (Arrays.equals(start, ModelFile.MAGIC)) {
            return Format.LATENT_EXPLORER;
        }
        if (startsWith(start, ZIP) || startsWith(start, EMPTY_ZIP)) {
            return Format.DEEPLEARNING4J;
        }
        return Format.OTHER;
    }

    private static boolean startsWith(byte[] s, byte[] prefix) {
        return s.length >= prefix.length && Arrays.equals(s, 0, prefix.length, prefix, 0, prefix.length);
    }
}
