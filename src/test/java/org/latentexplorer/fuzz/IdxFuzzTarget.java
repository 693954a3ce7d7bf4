package org.latentexplorer.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import org.latentexplorer.data.DataException;
import org.latentexplorer.data.IdxReader;
import org.latentexplorer.data.ImageSet;

/**
 * {@link IdxReader}, plain and gzipped, with and without a label file.
 *
 * <p>Framing: byte 0 holds flags; with {@link #LABELS}, bytes 1-2 give the label file's length L
 * (big-endian, cut to what is there) and the next L bytes are the label file; the rest is the image
 * file. {@link #GZIP_IMAGES} and {@link #GZIP_LABELS} gzip those bytes before writing them, so the
 * fuzzer explores the reader behind a valid gzip stream; without them the bytes are written as they
 * are (and may be a damaged gzip stream themselves). {@link #GZ_NAME} names the image file
 * {@code .gz}, which the reader treats differently when the content is not gzip.
 */
final class IdxFuzzTarget implements FuzzedLoader {
    static final int GZIP_IMAGES = 1;
    static final int GZ_NAME = 2;
    static final int LABELS = 4;
    static final int GZIP_LABELS = 8;

    public static void fuzzerTestOneInput(byte[] input) {
        LoaderFuzzing.check(new IdxFuzzTarget(), input);
    }

    @Override
    public Set<Class<? extends Exception>> clearErrors() {
        return Set.of(DataException.class);
    }

    @Override
    public void load(byte[] input, Path dir) throws Exception {
        if (input.length == 0) {
            return;
        }
        int flags = input[0] & 0xFF;
        int at = 1;
        Path labels = null;
        byte[] labelBytes = null;
        if ((flags & LABELS) != 0 && input.length >= 3) {
            int length = Math.min(((input[1] & 0xFF) << 8) | (input[2] & 0xFF), input.length - 3);
            labelBytes = Arrays.copyOfRange(input, 3, 3 + length);
            labels = dir.resolve("train-labels-idx1-ubyte" + ((flags & GZIP_LABELS) != 0 ? ".gz" : ""));
            Files.write(labels, (flags & GZIP_LABELS) != 0 ? gzip(labelBytes) : labelBytes);
            at = 3 + length;
        }
        byte[] imageBytes = Arrays.copyOfRange(input, at, input.length);
        Path images = dir.resolve("train-images-idx3-ubyte" + ((flags & GZ_NAME) != 0 ? ".gz" : ""));
        Files.write(images, (flags & GZIP_IMAGES) != 0 ? gzip(imageBytes) : imageBytes);

        if (labels != null) {
            int[] read = IdxReader.readLabels(labels);
            for (int label : read) {
                if (label < 0 || label > 255) {
                    throw new AssertionError("label " + label + " is outside 0..255");
                }
            }
        }
        ImageSet set = IdxReader.readImages(images, labels);
        if (set.hasLabels() != (labels != null)) {
            throw new AssertionError("labels were " + (labels != null ? "given" : "not given") + " but the set "
                    + (set.hasLabels() ? "has" : "has none"));
        }
        // A file that loads holds exactly what its header declares.
        boolean gzipped = imageBytes.length >= 2 && (imageBytes[0] & 0xFF) == 0x1F && (imageBytes[1] & 0xFF) == 0x8B;
        if ((flags & GZIP_IMAGES) != 0 || !gzipped) {
            long count = readInt(imageBytes, 4);
            long rows = readInt(imageBytes, 8);
            long cols = readInt(imageBytes, 12);
            if (set.count() != count || set.rows() != rows || set.cols() != cols) {
                throw new AssertionError("header declares " + count + " images of " + rows + " x " + cols + " but "
                        + set.count() + " of " + set.rows() + " x " + set.cols() + " were read");
            }
        }
    }

    /** The bytes as one gzip member. */
    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** An input of this framing: flags, the label file (or null) and the image file. */
    static byte[] frame(int flags, byte[] labelFile, byte[] imageFile) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(flags | (labelFile != null ? LABELS : 0));
        if (labelFile != null) {
            out.write(labelFile.length >>> 8);
            out.write(labelFile.length);
            out.writeBytes(labelFile);
        }
        out.writeBytes(imageFile);
        return out.toByteArray();
    }

    private static long readInt(byte[] b, int off) {
        return ((long) (b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }
}
