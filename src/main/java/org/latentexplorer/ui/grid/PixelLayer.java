package org.latentexplorer.ui.grid;

import java.nio.IntBuffer;

import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * An image the grid writes every frame: premultiplied ARGB ints in a buffer the renderer takes as
 * they are ({@link PixelBuffer}), with no conversion to its own pixel format on either side. For
 * opaque pixels, such as decoded tiles, plain ARGB is the same.
 */
final class PixelLayer {
    private PixelBuffer<IntBuffer> buffer;
    private WritableImage image;

    /** The image, now showing pixels (width x height, row by row); a new image only when the size changed. */
    WritableImage show(int[] pixels, int width, int height) {
        if (image == null || buffer.getWidth() != width || buffer.getHeight() != height) {
            buffer = new PixelBuffer<>(width, height, IntBuffer.allocate(width * height), PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(buffer);
        }
        buffer.updateBuffer(b -> {
            b.getBuffer().clear();
            b.getBuffer().put(pixels, 0, width * height);
            return null;
        });
        return image;
    }

    /** The image last shown, or null. */
    WritableImage image() {
        return image;
    }
}
