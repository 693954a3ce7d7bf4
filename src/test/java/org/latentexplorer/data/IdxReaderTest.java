package org.latentexplorer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    /** count images of rows x cols whose pixel p of image i is (i * 31 + p * 7) mod 256. */
    static ImageSet pattern(int count, int rows, int cols, boolean labelled) {
        byte[] px = new byte[count * rows * cols];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < rows * cols; p++) {
                px[i * rows * cols + p] = (byte) (i * 31 + p * 7);
            }
        }
        int[] labels = null;
        if (labelled) {
            labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = (i * 53) % 256;
            }
        }
        return new ImageSet("pattern", rows, cols, px, labels);
    }

    static void assertSameImages(ImageSet expected, ImageSet actual) {
        assertEquals(expected.count(), actual.count(), "count");
        assertEquals(expected.rows(), actual.rows(), "rows");
        assertEquals(expected.cols(), actual.cols(), "cols");
        assertEquals(expected.hasLabels(), actual.hasLabels(), "labelled");
        for (int i = 0; i < expected.count(); i++) {
            for (int p = 0; p < expected.imageSize(); p++) {
                assertEquals(expected.pixel(i, p), actual.pixel(i, p), "image " + i + " pixel " + p);
            }
            if (expected.hasLabels()) {
                assertEquals(expected.label(i), actual.label(i), "label " + i);
            }
        }
    }

    static byte[] header(int magic, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static String failure(Executable call) {
        return assertThrows(DataException.class, call).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected \"" + part + "\" in: " + message);
        }
    }

    @Test
    void uncompressedRoundTripKeepsNonSquareImagesAndLabels() throws Exception {
        ImageSet set = pattern(12, 5, 7, true);
        Path images = dir.resolve("images-idx3-ubyte");
        Path labels = dir.resolve("labels-idx1-ubyte");
        IdxWriter.writeImages(images, set, false);
        IdxWriter.writeLabels(labels, set, false);
        assertEquals(16 + 12 * 35, Files.size(images));
        assertEquals(8 + 12, Files.size(labels));
        assertSameImages(set, IdxReader.readImages(images, labels));
    }

    @Test
    void gzippedRoundTripKeepsImagesAndLabels() throws Exception {
        ImageSet set = pattern(300, 28, 28, true);
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        IdxWriter.writeImages(images, set, true);
        IdxWriter.writeLabels(labels, set, true);
        byte[] start = Arrays.copyOf(Files.readAllBytes(images), 2);
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b}, start);
        assertSameImages(set, IdxReader.readImages(images, labels));
    }

    @Test
    void gzippedDataOverOneChunkIsReadWhole() throws Exception {
        // 3,000 images of 20 x 20 are 1.2 MB, past the first buffer the reader allocates.
        ImageSet set = pattern(3000, 20, 20, false);
        Path images = dir.resolve("big-idx3-ubyte.gz");
        IdxWriter.writeImages(images, set, true);
        assertSameImages(set, IdxReader.readImages(images, null));
    }

    @Test
    void gzipIsRecognisedByItsContentNotItsName() throws Exception {
        ImageSet set = pattern(3, 4, 4, false);
        Path images = dir.resolve("images.idx");
        IdxWriter.writeImages(images, set, true);
        assertSameImages(set, IdxReader.readImages(images, null));
    }

    @Test
    void imagesWithoutLabelsHaveNone() throws Exception {
        Path images = dir.resolve("images");
        IdxWriter.writeImages(images, pattern(2, 3, 3, false), false);
        assertFalse(IdxReader.readImages(images, null).hasLabels());
    }

    @Test
    void labelsKeepTheWholeByteRange() throws Exception {
        int[] labels = new int[256];
        Arrays.setAll(labels, i -> 255 - i);
        Path file = dir.resolve("labels.gz");
        IdxWriter.writeLabels(file, labels, true);
        assertArrayEquals(labels, IdxReader.readLabels(file));
    }

    @Test
    void writerRefusesLabelsThatDoNotFitInAByte() {
        assertThrows(IllegalArgumentException.class,
                () -> IdxWriter.writeLabels(dir.resolve("l"), new int[] {3, 256}, false));
    }

    @Test
    void labelFileGivenAsImagesIsRefusedWithAHint() throws Exception {
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        IdxWriter.writeLabels(labels, new int[] {1, 2, 3}, false);
        String m = failure(() -> IdxReader.readImages(labels, null));
        assertMentions(m, labels.toString(), "0x00000801", "expected 0x00000803", "is this a label file?");
    }

    @Test
    void imageFileGivenAsLabelsIsRefusedWithAHint() throws Exception {
        Path images = dir.resolve("train-images-idx3-ubyte");
        IdxWriter.writeImages(images, pattern(2, 2, 2, false), false);
        Path labelsCopy = Files.copy(images, dir.resolve("labels"));
        String m = failure(() -> IdxReader.readImages(images, labelsCopy));
        assertMentions(m, labelsCopy.toString(), "0x00000803", "expected 0x00000801", "is this an image file?");
    }

    @Test
    void foreignFileIsRefusedWithExpectedAndFoundMagic() throws Exception {
        Path png = write("picture.idx", concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, new byte[16]));
        String m = failure(() -> IdxReader.readImages(png, null));
        assertMentions(m, png.toString(), "0x89504E47", "not an IDX file", "expected 0x00000803");
    }

    @Test
    void idxOfFloatsIsRefusedNamingTheElementType() throws Exception {
        Path floats = write("floats-idx3", concat(header(0x00000D03, 1, 2, 2), new byte[16]));
        assertMentions(failure(() -> IdxReader.readImages(floats, null)), floats.toString(), "0x00000D03", "float");
    }

    @Test
    void truncatedBodyIsRefusedWithImageCounts() throws Exception {
        // 10 images of 5 x 7 declared, three and a half present.
        Path images = write("short-idx3-ubyte", concat(header(IdxReader.IMAGE_MAGIC, 10, 5, 7), new byte[35 * 3 + 17]));
        String m = failure(() -> IdxReader.readImages(images, null));
        assertMentions(m, images.toString(), "truncated", "10 images", "350 bytes", "122 bytes", "3 whole images");
    }

    @Test
    void truncatedGzippedBodyIsRefusedWithImageCounts() throws Exception {
        byte[] raw = concat(header(IdxReader.IMAGE_MAGIC, 10, 28, 28), new byte[784 * 4]);
        Path images = write("short-idx3-ubyte.gz", gzip(raw));
        String m = failure(() -> IdxReader.readImages(images, null));
        assertMentions(m, images.toString(), "truncated", "10 images", "7,840 bytes", "3,136 bytes", "4 whole images");
    }

    @Test
    void gzipFileCutShortIsRefused() throws Exception {
        Path full = dir.resolve("full.gz");
        IdxWriter.writeImages(full, pattern(200, 28, 28, false), true);
        byte[] bytes = Files.readAllBytes(full);
        Path cut = write("cut-idx3-ubyte.gz", Arrays.copyOf(bytes, bytes.length / 2));
        String m = failure(() -> IdxReader.readImages(cut, null));
        assertMentions(m, cut.toString(), "truncated", "200 images", "cut short");
    }

    @Test
    void gzipFileMissingOnlyItsChecksumIsRefused() throws Exception {
        Path full = dir.resolve("full.gz");
        IdxWriter.writeImages(full, pattern(3, 4, 4, false), true);
        byte[] bytes = Files.readAllBytes(full);
        Path cut = write("nocrc-idx3-ubyte.gz", Arrays.copyOf(bytes, bytes.length - 8));
        assertMentions(failure(() -> IdxReader.readImages(cut, null)), cut.toString(), "cut short");
    }

    @Test
    void headerClaiming2To31ImagesFailsFastWithoutAllocating() throws Exception {
        Path images = write("huge-idx3-ubyte", header(IdxReader.IMAGE_MAGIC, Integer.MIN_VALUE, 28, 28));
        long before = allocatedBytes();
        String m = failure(() -> IdxReader.readImages(images, null));
        assertAllocatedLessThan(before, 16 << 20);
        assertMentions(m, images.toString(), "2,147,483,648 images", "10,000,000");
    }

    @Test
    void labelHeaderClaimingBillionsOfLabelsIsRefused() throws Exception {
        Path labels = write("huge-labels", header(IdxReader.LABEL_MAGIC, -1));
        assertMentions(failure(() -> IdxReader.readLabels(labels)), labels.toString(), "4,294,967,295 labels");
    }

    @Test
    void headerClaimingMoreThanADataSetCanHoldIsRefused() throws Exception {
        Path images = write("big-idx3-ubyte", header(IdxReader.IMAGE_MAGIC, 9_000_000, 1024, 1024));
        assertMentions(failure(() -> IdxReader.readImages(images, null)), images.toString(), "9,000,000 images",
                "1024 x 1024", "more than");
    }

    @Test
    void uncompressedHeaderIsCheckedAgainstFileSizeBeforeAllocating() throws Exception {
        // 2,000,000 images of 28 x 28 would be 1.5 GB: within limits, so only the file size can tell.
        Path images = write("liar-idx3-ubyte", header(IdxReader.IMAGE_MAGIC, 2_000_000, 28, 28));
        long before = allocatedBytes();
        String m = failure(() -> IdxReader.readImages(images, null));
        assertAllocatedLessThan(before, 16 << 20);
        assertMentions(m, images.toString(), "truncated", "2,000,000 images", "only 0 bytes");
    }

    @Test
    void gzippedHeaderClaimingMillionsOfImagesAllocatesOnlyWhatArrives() throws Exception {
        // 1,000,000 images of 28 x 28 are 748 MB: less than half of what the tests' JVM may use.
        byte[] raw = concat(header(IdxReader.IMAGE_MAGIC, 1_000_000, 28, 28), new byte[784 * 10]);
        Path images = write("liar-idx3-ubyte.gz", gzip(raw));
        long before = allocatedBytes();
        String m = failure(() -> IdxReader.readImages(images, null));
        assertAllocatedLessThan(before, 16 << 20);
        assertMentions(m, images.toString(), "truncated", "1,000,000 images", "10 whole images");
    }

    @Test
    void absurdImageSidesAreRefused() throws Exception {
        Path images = write("wide-idx3-ubyte", header(IdxReader.IMAGE_MAGIC, 1, 1_000_000, 1_000_000));
        assertMentions(failure(() -> IdxReader.readImages(images, null)), images.toString(), "1000000 x 1000000",
                "1..1024");
        Path empty = write("flat-idx3-ubyte", header(IdxReader.IMAGE_MAGIC, 1, 0, 28));
        assertMentions(failure(() -> IdxReader.readImages(empty, null)), empty.toString(), "0 x 28");
    }

    @Test
    void labelCountDifferentFromImageCountNamesBothFiles() throws Exception {
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        IdxWriter.writeImages(images, pattern(5, 3, 3, false), true);
        IdxWriter.writeLabels(labels, new int[4], true);
        String m = failure(() -> IdxReader.readImages(images, labels));
        assertMentions(m, labels.toString(), images.toString(), "4 labels", "5 images");
    }

    @Test
    void gzNameOnAFileThatIsNotGzipIsRefused() throws Exception {
        Path text = write("train-images-idx3-ubyte.gz", "hello".getBytes());
        String m = failure(() -> IdxReader.readImages(text, null));
        assertMentions(m, "train-images-idx3-ubyte.gz: not a gzip file", "68 65", "1f 8b");
    }

    @Test
    void uncompressedIdxNamedGzIsRefusedWithRenameHint() throws Exception {
        Path raw = dir.resolve("train-images-idx3-ubyte.gz");
        IdxWriter.writeImages(raw, pattern(1, 2, 2, false), false);
        assertMentions(failure(() -> IdxReader.readImages(raw, null)), "not a gzip file", "rename it without .gz");
    }

    @Test
    void corruptGzipStreamIsRefused() throws Exception {
        Path good = dir.resolve("good.gz");
        IdxWriter.writeImages(good, pattern(50, 28, 28, false), true);
        byte[] bad = Files.readAllBytes(good);
        // Keep the 10-byte gzip header, spoil the deflate data after it.
        for (int i = 10; i < bad.length - 8; i++) {
            bad[i] = (byte) 0xFF;
        }
        Path file = write("corrupt-idx3-ubyte.gz", bad);
        assertMentions(failure(() -> IdxReader.readImages(file, null)), file.toString(), "corrupt gzip data");
    }

    @Test
    void emptyFileIsRefused() throws Exception {
        Path empty = write("empty-idx3-ubyte", new byte[0]);
        assertMentions(failure(() -> IdxReader.readImages(empty, null)), empty.toString(), "empty file");
    }

    @Test
    void fileShorterThanItsHeaderIsRefused() throws Exception {
        Path stub = write("stub-idx3-ubyte", new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0});
        assertMentions(failure(() -> IdxReader.readImages(stub, null)), stub.toString(), "10 bytes",
                "16-byte header");
        Path gzStub = write("stub-idx1-ubyte.gz", gzip(new byte[] {0, 0, 8, 1}));
        assertMentions(failure(() -> IdxReader.readLabels(gzStub)), gzStub.toString(), "decompresses to 4 bytes",
                "8-byte header");
    }

    @Test
    void missingFileIsRefused() {
        Path missing = dir.resolve("nowhere-idx3-ubyte.gz");
        assertMentions(failure(() -> IdxReader.readImages(missing, null)), missing.toString(), "no such file");
        assertMentions(failure(() -> IdxReader.readLabels(missing)), missing.toString(), "no such file");
    }

    @Test
    void folderWhereAFileWasExpectedIsRefused() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("train-images-idx3-ubyte.gz"));
        assertMentions(failure(() -> IdxReader.readImages(folder, null)), folder.toString(), "is a folder");
    }

    @Test
    void bytesAfterTheDeclaredImagesAreRefused() throws Exception {
        byte[] raw = concat(header(IdxReader.IMAGE_MAGIC, 2, 2, 2), new byte[8], new byte[] {1, 2, 3});
        Path plain = write("tail-idx3-ubyte", raw);
        assertMentions(failure(() -> IdxReader.readImages(plain, null)), plain.toString(), "3 unexpected bytes",
                "2 images");
        Path packed = write("tail-idx3-ubyte.gz", gzip(raw));
        assertMentions(failure(() -> IdxReader.readImages(packed, null)), packed.toString(), "unexpected data",
                "2 images");
    }

    @Test
    void gzipBombIsRefusedBeforeItIsRead() throws Exception {
        // 2,000,000 images of 28 x 28: 1.5 GB of zeros in a gzip file of 1.5 MB.
        Path bomb = write("bomb-idx3-ubyte.gz", gzipOfZeros(header(IdxReader.IMAGE_MAGIC, 2_000_000, 28, 28), 1_568_000_000L));
        assumeTrue(Runtime.getRuntime().maxMemory() < 3_136_000_000L, "this JVM may use enough memory to read it");
        long before = allocatedBytes();
        assertMentions(failure(() -> IdxReader.readImages(bomb, null)), bomb.toString(), "2,000,000 images of 28 x 28",
                "1,495 MB", "more than half", "-Xmx");
        assertAllocatedLessThan(before, 16 << 20);
    }

    /**
     * A gzip file of the given bytes followed by that many zeros, made without compressing them: one
     * compressed megabyte of zeros repeated (each copy refers only to zeros before it).
     */
    private static byte[] gzipOfZeros(byte[] start, long zeros) throws IOException {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9, true);
        deflater.setInput(new byte[1 << 20]);
        byte[] block = new byte[1 << 16];
        int n = deflater.deflate(block, 0, block.length, java.util.zip.Deflater.SYNC_FLUSH);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        // A stored block with the start, then the compressed zeros, then an empty final block.
        out.writeBytes(new byte[] {0, (byte) start.length, (byte) (start.length >> 8), (byte) ~start.length,
                (byte) (~start.length >> 8)});
        out.writeBytes(start);
        for (long done = 0; done < zeros; done += 1 << 20) {
            out.write(block, 0, n);
        }
        out.writeBytes(new byte[] {1, 0, 0, (byte) 0xff, (byte) 0xff});
        out.writeBytes(new byte[8]);   // CRC and size: never reached
        return out.toByteArray();
    }

    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()) {
            return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }

    private static void assertAllocatedLessThan(long before, long limit) {
        assumeTrue(before >= 0, "this JVM does not measure allocation");
        long used = allocatedBytes() - before;
        assertTrue(used < limit, "allocated " + used + " bytes");
    }
}
