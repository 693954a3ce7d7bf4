package org.latentexplorer.ui.common;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Grayscale pixels in [0, 1] as JavaFX images. */
public final class Images {
    private Images() {
    }

    /** Image i of a batch pixels[i * rows * cols + p]. */
    public static WritableImage gray(float[] pixels, int index, int rows, int cols) {
        int d = rows * cols;
        byte[] bgra = new byte[d * 4];
        for (int p = 0; p < d; p++) {
            int v = Math.round(Math.max(0f, Math.min(1f, pixels[index * d + p])) * 255f);
            bgra[4 * p] = (byte) v;
            bgra[4 * p + 1] = (byte) v;
            bgra[4 * p + 2] = (byte) v;
            bgra[4 * p + 3] = (byte) 255;
        }
        WritableImage img = new WritableImage(cols, rows);
        img.getPixelWriter().setPixels(0, 0, cols, rows, PixelFormat.getByteBgraInstance(), bgra, 0, cols * 4);
        return img;
    }
}
