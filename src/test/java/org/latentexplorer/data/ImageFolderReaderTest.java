package org.latentexplorer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {

    @TempDir
    Path dir;

    static BufferedImage filled(int width, int height, int argb) {
        // Opaque images without an alpha channel, since the JPEG and BMP writers refuse one.
        int type = argb >>> 24 == 0xFF ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB;
        BufferedImage img = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, argb);
            }
        }
        return img;
    }

    static Path save(BufferedImage img, Path file, String format) throws IOException {
        if (!ImageIO.write(img, format, file.toFile())) {
            throw new IOException("no " + format + " writer for " + img);
        }
        return file;
    }

    private static String failure(Executable call) {
        return assertThrows(DataException.class, call).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected \"" + part + "\" in: " + message);
        }
    }

    private static void assertAll(ImageSet set, int image, int value) {
        for (int p = 0; p < set.imageSize(); p++) {
            assertEquals(value, set.pixel(image, p), "pixel " + p);
        }
    }

    @Test
    void whiteImageIsScaledDownToAllWhite() throws Exception {
        save(filled(56, 56, 0xFFFFFFFF), dir.resolve("white.png"), "png");
        ImageSet set = ImageFolderReader.read(dir);
        assertEquals(1, set.count());
        assertEquals(28, set.rows());
        assertEquals(28, set.cols());
        assertFalse(set.hasLabels());
        assertAll(set, 0, 255);
    }

    @Test
    void redPixelBecomesItsLuma() throws Exception {
        save(filled(3, 3, 0xFFFF0000), dir.resolve("red.png"), "png");
        assertAll(ImageFolderReader.read(dir, 3, 3), 0, 76);
    }

    @Test
    void greenAndBlueGetTheirLumaWeights() throws Exception {
        save(filled(2, 2, 0xFF00FF00), dir.resolve("a-green.png"), "png");
        save(filled(2, 2, 0xFF0000FF), dir.resolve("b-blue.png"), "png");
        ImageSet set = ImageFolderReader.read(dir, 2, 2);
        assertAll(set, 0, 150);
        assertAll(set, 1, 29);
    }

    @Test
    void transparentPixelsAreCompositedOnBlack() throws Exception {
        save(filled(4, 4, 0x00FFFFFF), dir.resolve("a-clear.png"), "png");
        save(filled(4, 4, 0x80FFFFFF), dir.resolve("b-half.png"), "png");
        ImageSet set = ImageFolderReader.read(dir, 4, 4);
        assertAll(set, 0, 0);
        assertAll(set, 1, 128);
    }

    @Test
    void grayImageKeepsItsStoredValues() throws Exception {
        BufferedImage gray = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 128);
        gray.getRaster().setSample(1, 0, 0, 37);
        save(gray, dir.resolve("gray.png"), "png");
        ImageSet set = ImageFolderReader.read(dir, 4, 4);
        assertEquals(128, set.pixel(0, 0));
        assertEquals(37, set.pixel(0, 1));
        assertEquals(0, set.pixel(0, 2));
    }

    @Test
    void sixteenBitGrayIsScaledToBytes() throws Exception {
        BufferedImage gray = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        gray.getRaster().setSample(0, 0, 0, 65535);
        gray.getRaster().setSample(1, 0, 0, 257 * 100);
        save(gray, dir.resolve("deep.png"), "png");
        ImageSet set = ImageFolderReader.read(dir, 1, 2);
        assertEquals(255, set.pixel(0, 0));
        assertEquals(100, set.pixel(0, 1));
    }

    @Test
    void shrinkingAveragesTheAreaEachPixelCovers() throws Exception {
        // One-pixel stripes, white on black: each output pixel covers two of them.
        BufferedImage stripes = filled(8, 8, 0xFF000000);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x += 2) {
                stripes.setRGB(x, y, 0xFFFFFFFF);
            }
        }
        save(stripes, dir.resolve("stripes.png"), "png");
        assertAll(ImageFolderReader.read(dir, 4, 4), 0, 128);
    }

    @Test
    void shrinkingByAnUnevenFactorKeepsTheMean() {
        BufferedImage left = filled(3, 1, 0xFF000000);
        left.setRGB(0, 0, 0xFFFFFFFF);
        // Output pixel 0 covers source 0 and half of source 1: (255 + 0.5 * 0) / 1.5 = 170.
        byte[] out = ImageScaler.grayscale(left, 1, 2);
        assertEquals(170, out[0] & 0xFF);
        assertEquals(0, out[1] & 0xFF);
    }

    @Test
    void growingInterpolatesBetweenPixelCentres() {
        BufferedImage two = filled(2, 1, 0xFF000000);
        two.setRGB(1, 0, 0xFFFFFFFF);
        byte[] out = ImageScaler.grayscale(two, 1, 4);
        assertEquals(0, out[0] & 0xFF);
        assertEquals(64, out[1] & 0xFF);
        assertEquals(191, out[2] & 0xFF);
        assertEquals(255, out[3] & 0xFF);
    }

    @Test
    void imagesAreReadInFileNameOrderSkippingOtherFiles() throws Exception {
        save(filled(2, 2, 0xFF202020), dir.resolve("b.png"), "png");
        save(filled(2, 2, 0xFF101010), dir.resolve("a.JPG"), "jpg");
        save(filled(2, 2, 0xFF303030), dir.resolve("c.bmp"), "bmp");
        save(filled(2, 2, 0xFF404040), dir.resolve("d.gif"), "gif");
        save(filled(2, 2, 0xFFFFFFFF), dir.resolve(".hidden.png"), "png");
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        Files.createDirectory(dir.resolve("sub.png"));
        List<String> names = ImageFolderReader.listImages(dir).stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("a.JPG", "b.png", "c.bmp", "d.gif"), names);
        ImageSet set = ImageFolderReader.read(dir, 2, 2);
        assertEquals(4, set.count());
        assertTrue(Math.abs(set.pixel(0, 0) - 0x10) <= 2, "JPEG is lossy, but not by much");
        assertEquals(0x20, set.pixel(1, 0));
        assertEquals(0x30, set.pixel(2, 0));
        assertEquals(0x40, set.pixel(3, 0));
    }

    @Test
    void contentDecidesTheDecoderNotTheExtension() throws Exception {
        save(filled(2, 2, 0xFFFFFFFF), dir.resolve("really-a-png.jpg"), "png");
        assertAll(ImageFolderReader.read(dir, 2, 2), 0, 255);
    }

    @Test
    void nonSquareTargetSizeIsHonoured() throws Exception {
        save(filled(10, 10, 0xFFFFFFFF), dir.resolve("x.png"), "png");
        ImageSet set = ImageFolderReader.read(dir, 5, 7);
        assertEquals(5, set.rows());
        assertEquals(7, set.cols());
        assertAll(set, 0, 255);
    }

    @Test
    void emptyFolderIsRefused() throws Exception {
        Files.writeString(dir.resolve("readme.txt"), "no pictures here");
        assertMentions(failure(() -> ImageFolderReader.read(dir)), "no PNG or JPEG images in " + dir);
    }

    @Test
    void everyBadImageIsListedByName() throws Exception {
        save(filled(2, 2, 0xFFFFFFFF), dir.resolve("good.png"), "png");
        Files.writeString(dir.resolve("text.png"), "just text");
        byte[] png = Files.readAllBytes(dir.resolve("good.png"));
        byte[] broken = java.util.Arrays.copyOf(png, 40);
        Files.write(dir.resolve("broken.png"), broken);
        Files.write(dir.resolve("empty.jpg"), new byte[0]);
        String m = failure(() -> ImageFolderReader.read(dir));
        assertMentions(m, "3 of the 4 images in " + dir, "text.png: not a PNG, JPEG, BMP or GIF image",
                "broken.png: damaged", "empty.jpg", "empty");
        assertFalse(m.contains("good.png"), m);
    }

    @Test
    void absurdImageSizeIsRefusedBeforeDecoding() throws Exception {
        Path bomb = Files.write(dir.resolve("bomb.png"), pngHeaderOnly(100_000, 100_000));
        String m = failure(() -> ImageFolderReader.readImage(bomb, 28, 28));
        assertMentions(m, bomb.toString(), "100,000 x 100,000 pixels", "8192");
    }

    @Test
    void bmpClaimingAHugeEmbeddedJpegIsRefusedBeforeItIsAllocated() throws Exception {
        // Found by fuzzing: the Java runtime's BMP decoder allocates the embedded image's claimed
        // length at once, and a 60-byte file claimed 1.3 GB.
        Path bomb = Files.write(dir.resolve("bomb.bmp"), bmpHeader(4, 0x7FFF_FFFF, new byte[6]));
        String m = failure(() -> ImageFolderReader.readImage(bomb, 28, 28));
        assertMentions(m, bomb.toString(), "embedded JPEG", "2,147,483,647 bytes", "60 bytes");
    }

    @Test
    void bmpEmbeddingAPngThatFitsInTheFileIsRead() throws Exception {
        byte[] png = Files.readAllBytes(save(filled(6, 4, 0xFFFFFFFF), dir.resolve("white.png"), "png"));
        Path bmp = Files.write(dir.resolve("embedded.bmp"), bmpHeader(5, png.length, png));
        byte[] image = ImageFolderReader.readImage(bmp, 3, 3);
        for (byte b : image) {
            assertEquals(255, b & 0xFF);
        }
    }

    @Test
    void pictureClaimingAHugeSizeIsNotAllocatedInFull() throws Exception {
        // 8192 x 8192 at 16 bits per channel with alpha would be 512 MB in memory; the file holds
        // the first rows only, so the decoder allocates the picture and then runs out of data.
        Path bomb = Files.write(dir.resolve("bomb.png"), withFirstRows(pngHeaderOnly(8192, 8192, 16, 6), 4 * 65537));
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        String m = failure(() -> ImageFolderReader.readImage(bomb, 28, 28));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertMentions(m, bomb.toString(), "damaged");
        assertTrue(allocated < 64L << 20, "decoding a file of " + Files.size(bomb) + " bytes allocated "
                + (allocated >> 20) + " MB");
    }

    @Test
    void pictureLargerThanTheDecodedSizeIsReadWhole() throws Exception {
        // Decoded at every third column: 4100 / 3 = 1367 columns, still all of the picture.
        BufferedImage wide = filled(4100, 30, 0xFF000000);
        for (int y = 0; y < 30; y++) {
            for (int x = 2050; x < 4100; x++) {
                wide.setRGB(x, y, 0xFFFFFFFF);
            }
        }
        Path file = save(wide, dir.resolve("wide.png"), "png");
        byte[] image = ImageFolderReader.readImage(file, 1, 2);
        assertEquals(0, image[0] & 0xFF);
        assertEquals(255, image[1] & 0xFF);
    }

    @Test
    void otherFormatsTheRuntimeKnowsAreRefusedNamingThem() throws Exception {
        Path tiff = save(filled(4, 4, 0xFFFFFFFF), dir.resolve("scan.png"), "tiff");
        assertMentions(failure(() -> ImageFolderReader.readImage(tiff, 28, 28)), tiff.toString(),
                "not a PNG, JPEG, BMP or GIF image (it is TIF");
    }

    @Test
    void missingFolderAndFileInsteadOfFolderAreRefused() throws Exception {
        Path missing = dir.resolve("absent");
        assertMentions(failure(() -> ImageFolderReader.read(missing)), missing.toString(), "no such folder");
        Path file = Files.writeString(dir.resolve("file.png"), "x");
        assertMentions(failure(() -> ImageFolderReader.read(file)), file.toString(), "is a file");
    }

    @Test
    void missingImageFileIsRefused() {
        Path missing = dir.resolve("absent.png");
        assertMentions(failure(() -> ImageFolderReader.readImage(missing, 28, 28)), missing.toString(), "no such file");
    }

    @Test
    void targetSizeOutsideTheModelsRangeIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> ImageFolderReader.read(dir, 0, 28));
        assertThrows(IllegalArgumentException.class, () -> ImageFolderReader.read(dir, 28, 1025));
    }

    /** A PNG signature and an IHDR chunk claiming the given size, with no pixel data. */
    static byte[] pngHeaderOnly(int width, int height) {
        return pngHeaderOnly(width, height, 8, 0);
    }

    /** The same with a bit depth and colour type (0 gray, 2 RGB, 6 RGB with alpha). */
    static byte[] pngHeaderOnly(int width, int height, int bitDepth, int colourType) {
        ByteBuffer ihdr = ByteBuffer.allocate(4 + 13);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII));
        ihdr.putInt(width).putInt(height);
        ihdr.put((byte) bitDepth).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        out.writeBytes(ByteBuffer.allocate(4).putInt(13).array());
        out.writeBytes(ihdr.array());
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }

    /** A PNG header followed by an IDAT chunk of that many zero bytes, compressed, and no IEND. */
    static byte[] withFirstRows(byte[] header, int zeros) {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9);
        deflater.setInput(new byte[zeros]);
        deflater.finish();
        byte[] buffer = new byte[zeros];
        int n = deflater.deflate(buffer, 0, buffer.length, java.util.zip.Deflater.SYNC_FLUSH);
        ByteBuffer idat = ByteBuffer.allocate(4 + n).put("IDAT".getBytes(StandardCharsets.US_ASCII)).put(buffer, 0, n);
        CRC32 crc = new CRC32();
        crc.update(idat.array());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(ByteBuffer.allocate(4).putInt(n).array());
        out.writeBytes(idat.array());
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }

    /**
     * A 54-byte BMP header (BITMAPINFOHEADER, 6 x 4 pixels) with the given compression (4 JPEG,
     * 5 PNG) and image size field, followed by the data.
     */
    static byte[] bmpHeader(int compression, int imageSize, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(54 + data.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(54 + data.length).putInt(0).putInt(54);
        b.putInt(40).putInt(6).putInt(4).putShort((short) 1).putShort((short) 0).putInt(compression).putInt(imageSize);
        b.putInt(2835).putInt(2835).putInt(0).putInt(0);
        return b.put(data).array();
    }
}
