package org.latentexplorer.explore;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Opaque pixels resampled to the size they take on screen (bilinear, by Java2D) and, where asked,
 * darkened as if drawn at an opacity over black: done once for a mosaic, so a frame of a drag draws
 * it pixel for pixel instead of resampling and blending it again. Keeps its images between calls.
 */
public final class PixelScaler {
    private static final java.util.concurrent.atomic.AtomicBoolean WARMED = new java.util.concurrent.atomic.AtomicBoolean();

    private BufferedImage source;
    private BufferedImage target;

    /**
     * Loads and sets up Java2D's resampling in a background thread, once per program: the first
     * scale otherwise takes about a fifth of a second more, in the frame that shows the first grid.
     */
    public static void warmUpInBackground() {
        if (WARMED.compareAndSet(false, true)) {
            Thread t = new Thread(() -> new PixelScaler().scale(new int[4], 2, 2, 5, 5, 0.5), "drawing-warm-up");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
        }
    }

    /**
     * @param argb       width x height opaque ARGB pixels, row by row
     * @param toWidth    width of the result
     * @param toHeight   height of the result
     * @param brightness in [0, 1]: 1 keeps the colours, 0 is black
     * @return toWidth x toHeight opaque ARGB pixels (premultiplied is the same), this scaler's own
     *         array, overwritten by the next call
     */
    public int[] scale(int[] argb, int width, int height, int toWidth, int toHeight, double brightness) {
        if (width <= 0 || height <= 0 || toWidth <= 0 || toHeight <= 0 || argb.length < width * height) {
            throw new IllegalArgumentException("cannot scale " + width + " x " + height + " pixels (" + argb.length
                    + " given) to " + toWidth + " x " + toHeight);
        }
        if (!(brightness >= 0 && brightness <= 1)) {
            throw new IllegalArgumentException("brightness must be in [0, 1], not " + brightness);
        }
        if (source == null || source.getWidth() != width || source.getHeight() != height) {
            source = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        }
        System.arraycopy(argb, 0, pixels(source), 0, width * height);
        if (target == null || target.getWidth() != toWidth || target.getHeight() != toHeight) {
            target = new BufferedImage(toWidth, toHeight, BufferedImage.TYPE_INT_ARGB_PRE);
        }
        Graphics2D g = target.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, toWidth, toHeight);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) brightness));
            g.drawImage(source, 0, 0, toWidth, toHeight, null);
        } finally {
            g.dispose();
        }
        return pixels(target);
    }

    private static int[] pixels(BufferedImage image) {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }
}
