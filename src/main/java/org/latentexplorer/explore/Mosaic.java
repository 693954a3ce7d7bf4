package org.latentexplorer.explore;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javax.imageio.ImageIO;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Decoded images laid out as tiles of one grayscale picture. */
public final class Mosaic {
    private Mosaic() {
    }

    /**
     * @param images [rows * cols, h * w] pixels in [0, 1], row by row
     * @param gap    pixels of black between tiles
     */
    public static BufferedImage render(INDArray images, int rows, int cols, int h, int w, int gap) {
        if (images.rows() != (long) rows * cols || images.columns() != (long) h * w) {
            throw new IllegalArgumentException("expected " + rows * cols + " images of " + h * w + " pixels");
        }
        int width = cols * w + (cols - 1) * gap;
        int height = rows * h + (rows - 1) * gap;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        float[] px = images.dup('c').data().asFloat();
        byte[] raster = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int base = (r * cols + c) * h * w;
                for (int y = 0; y < h; y++) {
                    int dst = (r * (h + gap) + y) * width + c * (w + gap);
                    for (int x = 0; x < w; x++) {
                        float v = px[base + y * w + x];
                        raster[dst + x] = (byte) Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
                    }
                }
            }
        }
        return img;
    }

    /** Writes a PNG atomically: an interrupted write never leaves a half file under the name. */
    public static void writePng(BufferedImage img, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
