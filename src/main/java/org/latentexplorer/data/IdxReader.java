package org.latentexplorer.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.latentexplorer.model.ModelConfig;

/**
 * Reads images and labels in the IDX format of MNIST: a big-endian header, then the data.
 *
 * <ul>
 *   <li>images: magic {@code 0x00000803} (unsigned bytes, 3 dimensions), then count, rows, cols,
 *       then count * rows * cols pixel bytes, image after image, row-major;</li>
 *   <li>labels: magic {@code 0x00000801} (unsigned bytes, 1 dimension), then count, then count
 *       label bytes (0..255).</li>
 * </ul>
 *
 * <p>A file is read as gzip when it starts with the gzip magic bytes {@code 1f 8b}, whatever its
 * name; a file whose name ends in {@code .gz} but that does not start with them is refused.
 *
 * <p>Nothing is allocated on the word of the header alone: counts above {@link #MAX_IMAGES}, sides
 * above {@link ModelConfig#MAX_SIDE} and totals above {@link #MAX_BYTES} are refused at once; an
 * uncompressed file must be as long as its header says before its data is read; a gzip stream is
 * read in chunks into a buffer that grows only as data arrives. Data that would take more than
 * half of the memory Java may use ({@link Runtime#maxMemory()}) is refused before it is read,
 * since a gzip file of a few megabytes can decompress to gigabytes.
 *
 * <p>Data after the declared images or labels is refused, not ignored: it means the header's count
 * is wrong or something was appended, and either way the file is not what it claims to be.
 *
 * <p>Every problem is a {@link DataException} whose message starts with the file name.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned-byte images (3 dimensions). */
    public static final int IMAGE_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned-byte labels (1 dimension). */
    public static final int LABEL_MAGIC = 0x00000801;
    /** The most images (or labels) one file may declare. */
    public static final int MAX_IMAGES = 10_000_000;
    /** The most pixel bytes one file may declare: about the largest Java byte array. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 16L;

    static final int IMAGE_HEADER = 16;
    static final int LABEL_HEADER = 8;
    private static final int CHUNK = 1 << 20;

    private IdxReader() {
    }

    /**
     * Reads an IDX image file and, optionally, its label file.
     *
     * @param images the image file (gzipped or not)
     * @param labels the label file, or null for unlabelled images
     * @throws DataException when either file is missing, unreadable, malformed, or when the label
     *                       count differs from the image count
     */
    public static ImageSet readImages(Path images, Path labels) throws DataException {
        String name = display(images);
        try (Source in = Source.open(images)) {
            Header h = readImageHeader(in, name);
            byte[] pixels = in.readBody(h.bodyBytes(), h.imageBytes(), "images", h.count(),
                    fmt(h.count()) + " images of " + h.rows() + " x " + h.cols() + " pixels");
            int[] lb = null;
            if (labels != null) {
                lb = readLabels(labels);
                if (lb.length != h.count()) {
                    throw new DataException(display(labels) + ": holds " + fmt(lb.length) + " labels but "
                            + name + " holds " + fmt(h.count()) + " images; the two files do not belong together");
                }
            }
            return new ImageSet(images.toString(), h.rows(), h.cols(), pixels, lb);
        } catch (IOException e) {
            throw ioProblem(images, e);
        }
    }

    /**
     * Reads an IDX label file (gzipped or not).
     *
     * @return one label per entry, each 0..255
     */
    public static int[] readLabels(Path labels) throws DataException {
        String name = display(labels);
        try (Source in = Source.open(labels)) {
            byte[] header = in.readHeader(LABEL_HEADER, LABEL_MAGIC, "label");
            long count = readUnsigned(header, 4);
            checkCount(name, count, "labels");
            byte[] raw = in.readBody(count, 1, "labels", count, fmt(count) + " labels");
            int[] out = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = raw[i] & 0xFF;
            }
            return out;
        } catch (IOException e) {
            throw ioProblem(labels, e);
        }
    }

    private record Header(long count, int rows, int cols) {
        long imageBytes() {
            return (long) rows * cols;
        }

        long bodyBytes() {
            return count * imageBytes();
        }
    }

    private static Header readImageHeader(Source in, String name) throws IOException, DataException {
        byte[] header = in.readHeader(IMAGE_HEADER, IMAGE_MAGIC, "image");
        long count = readUnsigned(header, 4);
        long rows = readUnsigned(header, 8);
        long cols = readUnsigned(header, 12);
        checkCount(name, count, "images");
        if (rows < 1 || cols < 1 || rows > ModelConfig.MAX_SIDE || cols > ModelConfig.MAX_SIDE) {
            throw new DataException(name + ": header claims images of " + rows + " x " + cols
                    + " pixels; each side must be 1.." + ModelConfig.MAX_SIDE);
        }
        long total = count * rows * cols;
        if (total > MAX_BYTES) {
            throw new DataException(name + ": header claims " + fmt(count) + " images of " + rows + " x " + cols
                    + " = " + fmt(total) + " bytes, more than one data set can hold (2 GiB)");
        }
        return new Header(count, (int) rows, (int) cols);
    }

    private static void checkMagic(String name, int found, int expected) throws DataException {
        if (found == expected) {
            return;
        }
        String hint = "";
        if (expected == IMAGE_MAGIC && found == LABEL_MAGIC) {
            hint = "; is this a label file?";
        } else if (expected == LABEL_MAGIC && found == IMAGE_MAGIC) {
            hint = "; is this an image file?";
        }
        String wanted = String.format(Locale.ROOT, "0x%08X", expected)
                + (expected == IMAGE_MAGIC ? " (IDX images)" : " (IDX labels)");
        throw new DataException(name + ": " + describeMagic(found) + ", expected " + wanted + hint);
    }

    private static void checkCount(String name, long count, String what) throws DataException {
        if (count > MAX_IMAGES) {
            throw new DataException(name + ": header claims " + fmt(count) + " " + what + ", more than the "
                    + fmt(MAX_IMAGES) + " this reader accepts; the file is corrupt or not an IDX file");
        }
    }

    /** Refuses data needing more than half the memory Java may use: the rest is for growing buffers and copies. */
    private static void checkMemory(String name, long bytes, String declared) throws DataException {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max / 2) {
            throw new DataException(name + ": header declares " + declared + ", " + megabytes(bytes)
                    + " in memory, more than half of the " + megabytes(max) + " this program may use;"
                    + " use fewer images, or start Java with more memory (-Xmx)");
        }
    }

    private static String megabytes(long bytes) {
        return fmt((bytes + (1 << 19)) >> 20) + " MB";
    }

    private static String describeMagic(int magic) {
        String found = String.format(Locale.ROOT, "0x%08X", magic);
        if (magic == IMAGE_MAGIC || magic == LABEL_MAGIC) {
            return "magic number " + found + (magic == IMAGE_MAGIC ? " (IDX images)" : " (IDX labels)");
        }
        if ((magic >>> 16) == 0) {
            // An IDX file of another element type or rank: say which, so the user knows it is IDX.
            int type = (magic >>> 8) & 0xFF;
            int dims = magic & 0xFF;
            return "magic number " + found + " (IDX with " + typeName(type) + " elements and " + dims
                    + " dimension" + (dims == 1 ? "" : "s") + ")";
        }
        return "magic number " + found + " (not an IDX file)";
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x08 -> "unsigned byte";
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> String.format(Locale.ROOT, "unknown type 0x%02X", type);
        };
    }

    private static DataException ioProblem(Path file, IOException e) {
        String name = display(file);
        if (e instanceof NoSuchFileException) {
            return new DataException(name + ": no such file", e);
        }
        if (e instanceof AccessDeniedException) {
            return new DataException(name + ": permission denied", e);
        }
        if (Files.isDirectory(file)) {
            return new DataException(name + ": is a folder, expected an IDX file", e);
        }
        return new DataException(name + ": cannot be read (" + e.getMessage() + ")", e);
    }

    static String display(Path file) {
        return file.toString();
    }

    static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    private static long readUnsigned(byte[] b, int off) {
        return readInt(b, off) & 0xFFFFFFFFL;
    }

    /** The bytes of one IDX file, decompressed when it is gzip, with the checks that need its size. */
    private static final class Source implements AutoCloseable {
        private final String name;
        private final InputStream in;
        private final boolean gzip;
        /** Bytes after the header in an uncompressed file; -1 for gzip, where it is unknown. */
        private long remaining;
        /** Set when the compressed data stopped before the end of the gzip stream. */
        private boolean cutShort;

        private Source(String name, InputStream in, boolean gzip, long remaining) {
            this.name = name;
            this.in = in;
            this.gzip = gzip;
            this.remaining = remaining;
        }

        static Source open(Path file) throws IOException, DataException {
            String name = display(file);
            if (Files.isDirectory(file)) {
                throw new DataException(name + ": is a folder, expected an IDX file");
            }
            long size = Files.size(file);
            if (size == 0) {
                throw new DataException(name + ": empty file, expected an IDX header");
            }
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            try {
                raw.mark(2);
                int b0 = raw.read();
                int b1 = raw.read();
                raw.reset();
                boolean gzip = b0 == 0x1F && b1 == 0x8B;
                if (!gzip && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
                    String start = String.format(Locale.ROOT, "%02x %02x", b0, Math.max(b1, 0));
                    boolean idx = b0 == 0 && b1 == 0;
                    throw new DataException(name + ": not a gzip file (it starts with bytes " + start
                            + ", not 1f 8b)" + (idx ? "; it looks like an uncompressed IDX file, so rename it"
                            + " without .gz" : ""));
                }
                if (gzip) {
                    try {
                        return new Source(name, new GZIPInputStream(raw, 1 << 16), true, -1);
                    } catch (EOFException | ZipException e) {
                        throw new DataException(name + ": corrupt gzip header (" + e.getMessage() + ")", e);
                    }
                }
                return new Source(name, raw, false, size);
            } catch (IOException | DataException | RuntimeException e) {
                raw.close();
                throw e;
            }
        }

        /**
         * Reads the header; the magic number is checked before the length, since a short file of
         * the other kind deserves the clearer message.
         */
        byte[] readHeader(int length, int magic, String kind) throws IOException, DataException {
            byte[] header = new byte[length];
            int n = fill(header, 0, length);
            if (n >= 4) {
                checkMagic(name, readInt(header, 0), magic);
            }
            if (n < length) {
                throw new DataException(name + ": " + (gzip ? "decompresses to " : "is ") + n + " byte"
                        + (n == 1 ? "" : "s") + ", shorter than the " + length + "-byte header of an IDX "
                        + kind + " file" + (cutShort ? " (the gzip file itself is cut short)" : ""));
            }
            if (!gzip) {
                remaining -= length;
            }
            return header;
        }

        /**
         * Reads exactly {@code total} bytes of data, then makes sure nothing follows.
         *
         * @param unit  bytes per item (per image, or 1 per label)
         * @param what  "images" or "labels", for messages
         * @param count the number of items the header declares
         * @param declared what the header declares, for messages
         */
        byte[] readBody(long total, long unit, String what, long count, String declared)
                throws IOException, DataException {
            if (!gzip) {
                if (remaining < total) {
                    throw new DataException(name + ": truncated: header declares " + fmt(count) + " " + what
                            + " (" + fmt(total) + " bytes after the header) but the file holds only "
                            + fmt(remaining) + " bytes after the header, " + fmt(remaining / unit) + " whole " + what);
                }
                if (remaining > total) {
                    throw new DataException(name + ": " + fmt(remaining - total) + " unexpected bytes after the "
                            + fmt(count) + " " + what + " the header declares; the header's count is wrong or"
                            + " data was appended");
                }
                checkMemory(name, total, declared);
                byte[] data = new byte[(int) total];
                int n = fill(data, 0, data.length);
                if (n < total) {
                    // The file shrank while being read.
                    throw truncated(total, unit, what, count, n);
                }
                return data;
            }
            // A few megabytes of gzip may decompress to gigabytes: the size is checked before reading.
            checkMemory(name, total, declared);
            byte[] data = new byte[(int) Math.min(total, CHUNK)];
            long filled = 0;
            while (true) {
                int n = fill(data, (int) filled, data.length - (int) filled);
                filled += n;
                if (filled < data.length) {
                    throw truncated(total, unit, what, count, filled);
                }
                if (filled == total) {
                    break;
                }
                // Grow only once the data has filled what was given, so a lying header costs nothing.
                data = Arrays.copyOf(data, (int) Math.min(total, 2L * data.length));
            }
            if (readByte() >= 0) {
                throw new DataException(name + ": unexpected data after the " + fmt(count) + " " + what
                        + " the header declares; the header's count is wrong or data was appended");
            }
            if (cutShort) {
                // All data arrived but the gzip trailer did not, so its checksum could not vouch for it.
                throw new DataException(name + ": the gzip file is cut short after the last of its " + fmt(count)
                        + " " + what + " (its end, with the checksum, is missing)");
            }
            return data;
        }

        private DataException truncated(long total, long unit, String what, long count, long found) {
            return new DataException(name + ": truncated: header declares " + fmt(count) + " " + what + " ("
                    + fmt(total) + " bytes" + (gzip ? " uncompressed" : "") + ") but the data ends "
                    + fmt(found) + " bytes after the header, " + fmt(found / unit) + " whole " + what
                    + (cutShort ? " (the gzip file itself is cut short)" : ""));
        }

        private int readByte() throws IOException, DataException {
            byte[] one = new byte[1];
            return fill(one, 0, 1) == 1 ? one[0] & 0xFF : -1;
        }

        /** Reads until len bytes or the end of the data; returns how many were read. */
        private int fill(byte[] b, int off, int len) throws IOException, DataException {
            int done = 0;
            try {
                while (done < len) {
                    int n = in.read(b, off + done, len - done);
                    if (n < 0) {
                        break;
                    }
                    done += n;
                }
            } catch (ZipException e) {
                throw new DataException(name + ": corrupt gzip data (" + e.getMessage() + ")", e);
            } catch (EOFException e) {
                if (!gzip) {
                    throw e;
                }
                // GZIPInputStream's "Unexpected end of ZLIB input stream": the file was cut short.
                cutShort = true;
            }
            return done;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
