package org.latentexplorer.data;

import java.util.Objects;

/**
 * A set of equally sized grayscale images, stored compactly as one byte per pixel (0 = black,
 * 255 = white), with optional integer labels. Pixels are handed to the model scaled to [0, 1].
 */
public final class ImageSet {
    private final String source;
    private final int rows;
    private final int cols;
    private final int count;
    private final byte[] pixels;
    private final int[] labels;

    /**
     * @param source where the images came from (a file or folder), used in messages
     * @param pixels count * rows * cols bytes, image after image, row-major
     * @param labels one label per image, or null when the images are unlabelled
     */
    public ImageSet(String source, int rows, int cols, byte[] pixels, int[] labels) {
        this.source = Objects.requireNonNull(source);
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + rows + " x " + cols);
        }
        if (pixels.length % (rows * cols) != 0) {
            throw new IllegalArgumentException("pixel count " + pixels.length + " is not a multiple of " + rows * cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels;
        this.count = pixels.length / (rows * cols);
        if (labels != null && labels.length != count) {
            throw new IllegalArgumentException(labels.length + " labels for " + count + " images");
        }
        this.labels = labels;
    }

    public String source() {
        return source;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Pixels per image: the model's input size. */
    public int imageSize() {
        return rows * cols;
    }

    public int count() {
        return count;
    }

    public boolean hasLabels() {
        return labels != null;
    }

    /** The label of image i; only when {@link #hasLabels()}. */
    public int label(int i) {
        if (labels == null) {
            throw new IllegalStateException(source + " has no labels");
        }
        return labels[i];
    }

    /** Raw byte of pixel p of image i, 0..255. */
    public int pixel(int i, int p) {
        return pixels[i * imageSize() + p] & 0xFF;
    }

    /** Copies image i, scaled to [0, 1], into dst starting at offset. */
    public void copyScaled(int i, float[] dst, int offset) {
        int size = imageSize();
        int base = i * size;
        for (int p = 0; p < size; p++) {
            dst[offset + p] = (pixels[base + p] & 0xFF) * (1f / 255f);
        }
    }

    /** The images from (inclusive) to (exclusive) as a new set sharing nothing with this one. */
    public ImageSet range(int from, int to) {
        if (from < 0 || to > count || from > to) {
            throw new IndexOutOfBoundsException("range " + from + ".." + to + " of " + count);
        }
        int size = imageSize();
        byte[] px = java.util.Arrays.copyOfRange(pixels, from * size, to * size);
        int[] lb = labels == null ? null : java.util.Arrays.copyOfRange(labels, from, to);
        return new ImageSet(source, rows, cols, px, lb);
    }

    /** The first n images (or all, when there are fewer). */
    public ImageSet first(int n) {
        return range(0, Math.min(n, count));
    }
}
