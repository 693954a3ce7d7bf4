package org.latentexplorer.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes images and labels as IDX files that {@link IdxReader} (and any MNIST reader) reads back,
 * optionally gzipped. Java's gzip header carries no time stamp or file name, so the same data
 * always gives the same bytes.
 */
public final class IdxWriter {

    private IdxWriter() {
    }

    /** Writes the images of {@code set} as an IDX image file (magic 0x00000803). */
    public static void writeImages(Path file, ImageSet set, boolean gzip) throws IOException {
        try (DataOutputStream out = open(file, gzip)) {
            out.writeInt(IdxReader.IMAGE_MAGIC);
            out.writeInt(set.count());
            out.writeInt(set.rows());
            out.writeInt(set.cols());
            int size = set.imageSize();
            byte[] image = new byte[size];
            for (int i = 0; i < set.count(); i++) {
                for (int p = 0; p < size; p++) {
                    image[p] = (byte) set.pixel(i, p);
                }
                out.write(image);
            }
        }
    }

    /**
     * Writes labels as an IDX label file (magic 0x00000801).
     *
     * @throws IllegalArgumentException when a label is outside 0..255, which one byte cannot hold
     */
    public static void writeLabels(Path file, int[] labels, boolean gzip) throws IOException {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) {
                throw new IllegalArgumentException("label " + labels[i] + " at " + i + " is outside 0..255");
            }
        }
        try (DataOutputStream out = open(file, gzip)) {
            out.writeInt(IdxReader.LABEL_MAGIC);
            out.writeInt(labels.length);
            for (int label : labels) {
                out.write(label);
            }
        }
    }

    /** Writes the labels of {@code set}, which must have some. */
    public static void writeLabels(Path file, ImageSet set, boolean gzip) throws IOException {
        if (!set.hasLabels()) {
            throw new IllegalArgumentException(set.source() + " has no labels to write");
        }
        int[] labels = new int[set.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = set.label(i);
        }
        writeLabels(file, labels, gzip);
    }

    private static DataOutputStream open(Path file, boolean gzip) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        try {
            OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
            return new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}
