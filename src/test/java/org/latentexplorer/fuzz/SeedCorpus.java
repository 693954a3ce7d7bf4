package org.latentexplorer.fuzz;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.latentexplorer.data.IdxWriter;
import org.latentexplorer.data.ImageSet;
import org.latentexplorer.model.Bernoulli;
import org.latentexplorer.model.Gaussian;
import org.latentexplorer.model.SparseAutoencoder;
import org.latentexplorer.model.Vae;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.model.ModelFile;
import org.latentexplorer.model.OptimizerState;
import org.latentexplorer.model.SavedModel;
import org.latentexplorer.model.TrainingHistory;

/**
 * Writes the seed inputs of {@link LoaderFuzzTest} (checked in under
 * {@code src/test/resources/org/latentexplorer/fuzz/LoaderFuzzTestInputs}): small valid files of
 * every kind each loader reads, in its target's framing, and a few typical damaged ones. Run it
 * from the project folder to rebuild them:
 * {@code java -cp "$(cat target/test-classpath.txt):target/classes:target/test-classes" org.latentexplorer.fuzz.SeedCorpus}
 * (the class path as {@code mvn dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt} writes it).
 */
public final class SeedCorpus {
    static final Path ROOT = Path.of("src/test/resources/org/latentexplorer/fuzz/LoaderFuzzTestInputs");

    private SeedCorpus() {
    }

    public static void main(String[] args) throws IOException {
        Path root = args.length > 0 ? Path.of(args[0]) : ROOT;
        idx(root.resolve("idx"));
        imageFolder(root.resolve("imageFolder"));
        modelFile(root.resolve("modelFile"));
    }

    // ------------------------------------------------------------------ IDX

    static void idx(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempDirectory("seeds");
        ImageSet set = pattern(3, 4, 5);
        byte[] images = idxImages(tmp, set, false);
        byte[] labels = idxLabels(tmp, set.count(), false);
        byte[] gzImages = idxImages(tmp, set, true);
        write(dir, "plain-images", IdxFuzzTarget.frame(0, null, images));
        write(dir, "plain-images-and-labels", IdxFuzzTarget.frame(0, labels, images));
        write(dir, "gzipped-by-target", IdxFuzzTarget.frame(IdxFuzzTarget.GZIP_IMAGES | IdxFuzzTarget.GZIP_LABELS
                | IdxFuzzTarget.GZ_NAME, labels, images));
        write(dir, "gzip-file-as-is", IdxFuzzTarget.frame(IdxFuzzTarget.GZ_NAME, null, gzImages));
        write(dir, "gzip-file-cut-short", IdxFuzzTarget.frame(IdxFuzzTarget.GZ_NAME, null,
                Arrays.copyOf(gzImages, gzImages.length - 12)));
        write(dir, "truncated-body", IdxFuzzTarget.frame(0, null, Arrays.copyOf(images, images.length - 7)));
        write(dir, "labels-given-as-images", IdxFuzzTarget.frame(0, null, labels));
        write(dir, "count-mismatch", IdxFuzzTarget.frame(0, idxLabels(tmp, 2, false), images));
        byte[] huge = images.clone();
        huge[4] = (byte) 0x7F;   // 2 billion images claimed by a 76-byte file
        write(dir, "huge-count-claimed", IdxFuzzTarget.frame(IdxFuzzTarget.GZIP_IMAGES, null, huge));
        ImageSet one = pattern(1, 28, 28);
        write(dir, "one-mnist-sized-image", IdxFuzzTarget.frame(IdxFuzzTarget.GZIP_IMAGES, null, idxImages(tmp, one, false)));
    }

    private static ImageSet pattern(int count, int rows, int cols) {
        byte[] px = new byte[count * rows * cols];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 37);
        }
        int[] labels = new int[count];
        Arrays.setAll(labels, i -> i % 10);
        return new ImageSet("seed", rows, cols, px, labels);
    }

    private static byte[] idxImages(Path tmp, ImageSet set, boolean gzip) throws IOException {
        Path f = tmp.resolve("images" + (gzip ? ".gz" : ""));
        IdxWriter.writeImages(f, set, gzip);
        return Files.readAllBytes(f);
    }

    private static byte[] idxLabels(Path tmp, int count, boolean gzip) throws IOException {
        Path f = tmp.resolve("labels" + (gzip ? ".gz" : ""));
        int[] labels = new int[count];
        Arrays.setAll(labels, i -> i % 10);
        IdxWriter.writeLabels(f, labels, gzip);
        return Files.readAllBytes(f);
    }

    // ------------------------------------------------------------------ image folders

    static void imageFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        BufferedImage rgb = new BufferedImage(6, 4, BufferedImage.TYPE_INT_RGB);
        BufferedImage argb = new BufferedImage(5, 5, BufferedImage.TYPE_INT_ARGB);
        BufferedImage gray = new BufferedImage(7, 3, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage gray16 = new BufferedImage(3, 3, BufferedImage.TYPE_USHORT_GRAY);
        BufferedImage indexed = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_INDEXED);
        for (BufferedImage img : List.of(rgb, argb, gray, gray16, indexed)) {
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    img.setRGB(x, y, new Color((x * 50) % 256, (y * 80) % 256, (x * y * 30) % 256, (x + y) * 20 % 256).getRGB());
                }
            }
        }
        int png = 0;
        int jpg = 1;
        int bmp = 3;
        int gif = 4;
        byte[] pngRgb = encode(rgb, "png");
        byte[] pngArgb = encode(argb, "png");
        byte[] pngGray = encode(gray, "png");
        byte[] pngGray16 = encode(gray16, "png");
        byte[] jpeg = encode(rgb, "jpeg");
        byte[] jpegGray = encode(gray, "jpeg");
        byte[] bmpRgb = encode(rgb, "bmp");
        byte[] bmpIndexed = encode(indexed, "bmp");
        byte[] gifIndexed = encode(indexed, "gif");
        write(dir, "png-rgb", ImageFolderFuzzTarget.frame(28, 28, new int[] {png}, pngRgb));
        write(dir, "png-alpha", ImageFolderFuzzTarget.frame(3, 9, new int[] {png}, pngArgb));
        write(dir, "png-gray", ImageFolderFuzzTarget.frame(28, 28, new int[] {png}, pngGray));
        write(dir, "png-gray16", ImageFolderFuzzTarget.frame(2, 2, new int[] {png}, pngGray16));
        write(dir, "jpeg-rgb", ImageFolderFuzzTarget.frame(28, 28, new int[] {jpg}, jpeg));
        write(dir, "jpeg-gray", ImageFolderFuzzTarget.frame(8, 8, new int[] {jpg}, jpegGray));
        write(dir, "bmp-rgb", ImageFolderFuzzTarget.frame(28, 28, new int[] {bmp}, bmpRgb));
        write(dir, "bmp-indexed", ImageFolderFuzzTarget.frame(4, 4, new int[] {bmp}, bmpIndexed));
        write(dir, "gif-indexed", ImageFolderFuzzTarget.frame(28, 28, new int[] {gif}, gifIndexed));
        write(dir, "one-of-each", ImageFolderFuzzTarget.frame(16, 16, new int[] {png, jpg, bmp, gif},
                pngGray, jpeg, bmpIndexed, gifIndexed));
        write(dir, "png-cut-short", ImageFolderFuzzTarget.frame(28, 28, new int[] {png}, Arrays.copyOf(pngRgb, pngRgb.length / 2)));
        write(dir, "text-named-png", ImageFolderFuzzTarget.frame(28, 28, new int[] {png},
                "not a picture\n".getBytes(StandardCharsets.US_ASCII)));
        write(dir, "png-named-gif", ImageFolderFuzzTarget.frame(28, 28, new int[] {gif}, pngGray));
        write(dir, "tiff-named-png", ImageFolderFuzzTarget.frame(28, 28, new int[] {png}, encode(rgb, "tiff")));
        write(dir, "png-claiming-8192-square-16-bit-rgba", ImageFolderFuzzTarget.frame(28, 28, new int[] {png},
                pngFirstRowsOnly(8192, 8192, 16, 6, 4 * 65537)));
    }

    /** A PNG claiming a size, with a compressed IDAT of that many zero bytes and no end. */
    private static byte[] pngFirstRowsOnly(int width, int height, int bitDepth, int colourType, int zeros) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) bitDepth).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0);
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9);
        deflater.setInput(new byte[zeros]);
        deflater.finish();
        byte[] idat = new byte[zeros];
        int n = deflater.deflate(idat, 0, idat.length, java.util.zip.Deflater.SYNC_FLUSH);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", Arrays.copyOf(idat, n));
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeAndData = ByteBuffer.allocate(4 + data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data).array();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(typeAndData);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeAndData);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) {
            throw new IOException("no " + format + " writer for " + img);
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ model files

    static void modelFile(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempDirectory("seeds");
        ModelConfig small = ModelConfig.of(new Vae(1), 2, 2, List.of(3), 1, Bernoulli.INSTANCE);
        ModelConfig gaussian = ModelConfig.of(new SparseAutoencoder(0.5), 2, 3, List.of(2, 2), 2, new Gaussian(0.1));
        byte[] plain = modelBytes(tmp, new SavedModel(small, values(small.parameterCount(), 0.1f), null,
                new TrainingHistory(), Map.of()));
        TrainingHistory history = new TrainingHistory(List.of(
                new TrainingHistory.Epoch(1, 0.5, 1, 200, 5, 190, 4.5, 16000),
                new TrainingHistory.Epoch(2, 0.5, 1, Double.NaN, Double.POSITIVE_INFINITY, 180, 4, 16000)));
        long p = gaussian.parameterCount();
        byte[] full = modelBytes(tmp, new SavedModel(gaussian, values(p, -0.2f),
                new OptimizerState(1e-3, 17, values(2 * p, 0.01f)), history, Map.of("dataset", "mnist", "seed", "1")));
        write(dir, "raw-plain", prepend(ModelFileFuzzTarget.RAW, plain));
        write(dir, "raw-with-optimizer-and-history", prepend(ModelFileFuzzTarget.RAW, full));
        write(dir, "rehash-plain", prepend(ModelFileFuzzTarget.REHASH, plain));
        write(dir, "rehash-with-optimizer-and-history", prepend(ModelFileFuzzTarget.REHASH, full));
        write(dir, "build-plain", ModelFileFuzzTarget.frameBuilt(header(plain), data(plain)));
        write(dir, "build-with-optimizer-and-history", ModelFileFuzzTarget.frameBuilt(header(full), data(full)));
        write(dir, "raw-truncated", prepend(ModelFileFuzzTarget.RAW, Arrays.copyOf(plain, plain.length - 40)));
        byte[] flipped = plain.clone();
        flipped[flipped.length / 2] ^= 0x10;
        write(dir, "raw-flipped-byte", prepend(ModelFileFuzzTarget.RAW, flipped));
        write(dir, "build-not-json", ModelFileFuzzTarget.frameBuilt("{\"config\": [".getBytes(StandardCharsets.UTF_8), new byte[0]));
        write(dir, "raw-zip", prepend(ModelFileFuzzTarget.RAW, new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0}));
    }

    private static float[] values(long n, float scale) {
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * ((i % 7) - 3);
        }
        return v;
    }

    private static byte[] modelBytes(Path tmp, SavedModel model) throws IOException {
        Path f = tmp.resolve("m.lvae");
        ModelFile.write(f, model);
        return Files.readAllBytes(f);
    }

    private static byte[] header(byte[] file) {
        int h = ByteBuffer.wrap(file, 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return Arrays.copyOfRange(file, 24, 24 + h);
    }

    private static byte[] data(byte[] file) {
        int h = ByteBuffer.wrap(file, 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return Arrays.copyOfRange(file, 24 + h + 32, file.length - 32);
    }

    private static byte[] prepend(int first, byte[] rest) {
        byte[] out = new byte[rest.length + 1];
        out[0] = (byte) first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static void write(Path dir, String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes);
    }
}
