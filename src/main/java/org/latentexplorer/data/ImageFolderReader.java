package org.latentexplorer.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.latentexplorer.model.ModelConfig;

/**
 * Reads a folder of pictures (PNG, JPEG, BMP, GIF) as one unlabelled {@link ImageSet}.
 *
 * <ul>
 *   <li>Only the folder's own files count, not its subfolders; names starting with a dot are
 *       skipped (hidden files, such as the "._name.png" companions macOS leaves behind).</li>
 *   <li>A file counts by its extension (.png, .jpg, .jpeg, .bmp, .gif, any case); what decodes it
 *       is its content, so a JPEG named .png still reads.</li>
 *   <li>Images are in file-name order (by Unicode code point, the same on every machine), so a
 *       folder always gives the same set in the same order.</li>
 *   <li>Each image becomes grayscale and is scaled to the requested size as {@link ImageScaler}
 *       describes; of a GIF only the first frame is used.</li>
 *   <li>Only the PNG, JPEG, BMP and GIF decoders are used: content in another format the Java
 *       runtime knows (TIFF, WBMP) is refused, not decoded.</li>
 *   <li>Nothing is allocated on the word of a file's header alone. Width and height are read before
 *       anything is decoded, and a side over {@link #MAX_SOURCE_SIDE} is refused; a picture larger
 *       than {@link #MAX_DECODED_SIDE} on a side is decoded at every n-th pixel and row, so that it
 *       is at most that large in memory (such a picture is scaled down to the model's size anyway;
 *       the area average then runs over the pixels decoded). A BMP that claims to embed a JPEG or
 *       PNG longer than the file itself is refused before the decoder allocates that length.</li>
 *   <li>Files that cannot be used do not stop the reading: every image is tried and then one
 *       {@link DataException} lists each bad file with its problem.</li>
 * </ul>
 */
public final class ImageFolderReader {

    /** The longest side, in pixels, an image file may have. */
    public static final int MAX_SOURCE_SIDE = 8192;
    /**
     * The longest side an image is decoded at: at most 2048 x 2048 pixels, 32 MB even at 16 bits
     * per channel with alpha, while a full 8192 x 8192 picture of that kind would take 512 MB.
     */
    public static final int MAX_DECODED_SIDE = 2048;
    /** The decoders used, by their format names in the Java runtime. */
    private static final List<String> FORMATS = List.of("png", "jpeg", "bmp", "gif");
    /** The file extensions read, lower case, without the dot. */
    public static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "gif");
    /** The side of the model's images unless the caller asks otherwise, as in MNIST. */
    public static final int DEFAULT_SIDE = 28;

    private static final int MAX_LISTED_PROBLEMS = 10;

    private ImageFolderReader() {
    }

    /** Reads the folder's images at the default 28 x 28. */
    public static ImageSet read(Path folder) throws DataException {
        return read(folder, DEFAULT_SIDE, DEFAULT_SIDE);
    }

    /**
     * Reads every image of the folder, scaled to rows x cols.
     *
     * @throws DataException when the folder is missing, holds no image, or when any image file
     *                       cannot be used (the message lists them all)
     * @throws IllegalArgumentException when rows or cols is outside 1..{@link ModelConfig#MAX_SIDE}
     */
    public static ImageSet read(Path folder, int rows, int cols) throws DataException {
        checkSize(rows, cols);
        List<Path> files = listImages(folder);
        if (files.isEmpty()) {
            throw new DataException("no PNG or JPEG images in " + folder + " (also read: .bmp and .gif)");
        }
        long bytes = (long) files.size() * rows * cols;
        if (files.size() > IdxReader.MAX_IMAGES || bytes > IdxReader.MAX_BYTES) {
            throw new DataException(folder + ": " + IdxReader.fmt(files.size()) + " images of " + rows + " x " + cols
                    + " are more than one data set can hold");
        }
        byte[] pixels = new byte[(int) bytes];
        List<String> problems = new ArrayList<>();
        int size = rows * cols;
        for (int i = 0; i < files.size(); i++) {
            try {
                // The listing already names the folder, so each problem names just the file.
                Path file = files.get(i);
                byte[] image = ImageScaler.grayscale(decode(file, file.getFileName().toString()), rows, cols);
                System.arraycopy(image, 0, pixels, i * size, size);
            } catch (DataException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            sb.append(problems.size()).append(" of the ").append(files.size()).append(" images in ").append(folder)
                    .append(problems.size() == 1 ? " cannot be read:" : " cannot be read; fix or remove them:");
            for (String p : problems.subList(0, Math.min(problems.size(), MAX_LISTED_PROBLEMS))) {
                sb.append("\n  ").append(p);
            }
            if (problems.size() > MAX_LISTED_PROBLEMS) {
                sb.append("\n  and ").append(problems.size() - MAX_LISTED_PROBLEMS).append(" more");
            }
            throw new DataException(sb.toString());
        }
        return new ImageSet(folder.toString(), rows, cols, pixels, null);
    }

    /**
     * The image files of a folder, in the order {@link #read} uses: its own files with one of
     * {@link #EXTENSIONS}, hidden ones left out, sorted by file name.
     *
     * @throws DataException when the folder does not exist, is a file, or cannot be listed
     */
    public static List<Path> listImages(Path folder) throws DataException {
        if (!Files.exists(folder)) {
            throw new DataException(folder + ": no such folder");
        }
        if (!Files.isDirectory(folder)) {
            throw new DataException(folder + ": is a file, expected a folder of images");
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && EXTENSIONS.contains(extension(name)) && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new DataException(folder + ": cannot list the folder (" + e.getMessage() + ")", e);
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    /**
     * Reads one image file as rows * cols grayscale bytes.
     *
     * @throws DataException naming the file, when it is not an image this reader can decode, is
     *                       damaged, or is larger than {@link #MAX_SOURCE_SIDE} on a side
     */
    public static byte[] readImage(Path file, int rows, int cols) throws DataException {
        checkSize(rows, cols);
        return ImageScaler.grayscale(decode(file, file.toString()), rows, cols);
    }

    /** Decodes the first image of a file; {@code name} is how messages call the file. */
    private static BufferedImage decode(Path file, String name) throws DataException {
        if (!Files.exists(file)) {
            throw new DataException(name + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new DataException(name + ": is a folder, expected an image file");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new DataException(name + ": cannot be opened");
            }
            ImageReader reader = null;
            String other = null;
            for (Iterator<ImageReader> readers = ImageIO.getImageReaders(in); readers.hasNext() && reader == null; ) {
                ImageReader r = readers.next();
                String format = r.getFormatName().toLowerCase(Locale.ROOT);
                if (FORMATS.contains(format)) {
                    reader = r;
                } else if (other == null) {
                    other = format.toUpperCase(Locale.ROOT);
                }
            }
            if (reader == null) {
                throw new DataException(name + ": not a PNG, JPEG, BMP or GIF image"
                        + (Files.size(file) == 0 ? " (the file is empty)" : other != null ? " (it is " + other + ")" : ""));
            }
            try {
                if (reader.getFormatName().equalsIgnoreCase("bmp")) {
                    checkEmbeddedLength(file, name);
                }
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                String format = reader.getFormatName().toUpperCase(Locale.ROOT);
                if (width < 1 || height < 1) {
                    throw new DataException(name + ": " + format + " header gives an empty size " + width + " x " + height);
                }
                if (width > MAX_SOURCE_SIDE || height > MAX_SOURCE_SIDE) {
                    throw new DataException(name + ": " + IdxReader.fmt(width) + " x " + IdxReader.fmt(height)
                            + " pixels; images may be at most " + MAX_SOURCE_SIDE + " pixels on a side");
                }
                BufferedImage image = reader.read(0, decodedAtMost(reader, width, height));
                if (image == null) {
                    throw new DataException(name + ": " + format + " data could not be decoded");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new DataException(name + ": damaged or unsupported image (" + describe(e) + ")", e);
        } catch (RuntimeException e) {
            // Some decoders fail on damaged data with unchecked exceptions; it is still a bad file.
            throw new DataException(name + ": damaged image (" + describe(e) + ")", e);
        }
    }

    /** Read parameters that decode every n-th pixel and row of a picture over {@link #MAX_DECODED_SIDE}. */
    private static ImageReadParam decodedAtMost(ImageReader reader, int width, int height) {
        ImageReadParam param = reader.getDefaultReadParam();
        int stepX = (width + MAX_DECODED_SIDE - 1) / MAX_DECODED_SIDE;
        int stepY = (height + MAX_DECODED_SIDE - 1) / MAX_DECODED_SIDE;
        if (stepX > 1 || stepY > 1) {
            param.setSourceSubsampling(stepX, stepY, 0, 0);
        }
        return param;
    }

    /**
     * A BMP (with a header of 40 bytes or more) compressed as BI_JPEG (4) or BI_PNG (5) embeds a
     * JPEG or PNG whose length is the header's image size; the Java runtime's decoder allocates
     * that many bytes before reading them, so a 60-byte file claiming 2 GB would exhaust memory.
     */
    private static void checkEmbeddedLength(Path file, String name) throws IOException, DataException {
        byte[] header = new byte[38];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(header, 0, header.length);
        }
        if (n < header.length) {
            return;   // the decoder says what is missing
        }
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        long headerSize = b.getInt(14) & 0xFFFFFFFFL;
        int compression = b.getInt(30);
        long embedded = b.getInt(34) & 0xFFFFFFFFL;
        long size = Files.size(file);
        if (headerSize >= 40 && (compression == 4 || compression == 5) && embedded > size) {
            throw new DataException(name + ": BMP header claims an embedded " + (compression == 4 ? "JPEG" : "PNG")
                    + " image of " + IdxReader.fmt(embedded) + " bytes, but the whole file is "
                    + IdxReader.fmt(size) + " bytes");
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static void checkSize(int rows, int cols) {
        if (rows < 1 || cols < 1 || rows > ModelConfig.MAX_SIDE || cols > ModelConfig.MAX_SIDE) {
            throw new IllegalArgumentException("image size " + rows + " x " + cols + " is outside 1.." + ModelConfig.MAX_SIDE);
        }
    }
}
