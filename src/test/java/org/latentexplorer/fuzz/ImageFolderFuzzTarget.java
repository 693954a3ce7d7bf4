package org.latentexplorer.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.latentexplorer.data.DataException;
import org.latentexplorer.data.ImageFolderReader;
import org.latentexplorer.data.ImageSet;

/**
 * {@link ImageFolderReader}: a folder of up to {@link #MAX_FILES} picture files, read and scaled.
 *
 * <p>Framing: byte 0 and byte 1 give the target height and width, 1 + (b &amp; 63); then for each
 * file one byte choosing its extension from {@link #EXTENSIONS} and two bytes (big-endian) giving its
 * length, cut to what is there, followed by its bytes. The extension only names the file: the
 * reader decodes by content, so a fuzzed PNG may well be written as {@code .gif}.
 */
final class ImageFolderFuzzTarget implements FuzzedLoader {
    static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "gif", "PNG", "Jpg", "txt");
    static final int MAX_FILES = 4;

    public static void fuzzerTestOneInput(byte[] input) {
        LoaderFuzzing.check(new ImageFolderFuzzTarget(), input);
    }

    @Override
    public Set<Class<? extends Exception>> clearErrors() {
        return Set.of(DataException.class);
    }

    @Override
    public void load(byte[] input, Path dir) throws Exception {
        if (input.length < 2) {
            return;
        }
        int rows = 1 + (input[0] & 63);
        int cols = 1 + (input[1] & 63);
        int at = 2;
        for (int i = 0; i < MAX_FILES && at + 3 <= input.length; i++) {
            String ext = EXTENSIONS.get((input[at] & 0xFF) % EXTENSIONS.size());
            int length = Math.min(((input[at + 1] & 0xFF) << 8) | (input[at + 2] & 0xFF), input.length - at - 3);
            Files.write(dir.resolve("image-" + i + "." + ext), Arrays.copyOfRange(input, at + 3, at + 3 + length));
            at += 3 + length;
        }
        ImageSet set = ImageFolderReader.read(dir, rows, cols);
        if (set.rows() != rows || set.cols() != cols || set.hasLabels()) {
            throw new AssertionError("asked for unlabelled " + rows + " x " + cols + " images, got "
                    + set.rows() + " x " + set.cols() + (set.hasLabels() ? " with labels" : ""));
        }
        if (set.count() != ImageFolderReader.listImages(dir).size()) {
            throw new AssertionError(set.count() + " images read from " + ImageFolderReader.listImages(dir).size() + " files");
        }
    }

    /** An input of this framing: target size and files, each an extension index and its bytes. */
    static byte[] frame(int rows, int cols, int[] extensions, byte[]... files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(rows - 1);
        out.write(cols - 1);
        for (int i = 0; i < files.length; i++) {
            out.write(extensions[i]);
            out.write(files[i].length >>> 8);
            out.write(files[i].length);
            out.writeBytes(files[i]);
        }
        return out.toByteArray();
    }
}
