package org.latentexplorer.explore;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The encoded test set as a layer of pixels to lay over the grid. Each class's marker
 * ({@link ClassStyle}: its colour and shape) is drawn once, anti-aliased by Java2D, and then
 * stamped at every point: ten thousand points cost ten thousand small copies instead of ten
 * thousand shape fills, which is what keeps a drag of one or three grids with their scatters
 * smooth on a software renderer. A point sits within half a pixel of its exact place.
 */
public final class ScatterRaster {
    /** The star reaches 1.5 radii from its centre, the farthest of the shapes. */
    private static final double REACH = 1.5;

    private final double radius;
    private final double opacity;
    private final Map<Integer, Sprite> sprites = new HashMap<>();
    private int[] pixels = new int[0];

    /** A marker drawn once: premultiplied ARGB, size x size, its centre at (half + 0.5, half + 0.5). */
    private record Sprite(int half, int size, int[] argb) {
    }

    /**
     * @param radius  the markers' radius in pixels (as {@link ClassStyle#outline})
     * @param opacity how opaque each marker is, in [0, 1]
     */
    public ScatterRaster(double radius, double opacity) {
        if (!(radius > 0 && radius < 100)) {
            throw new IllegalArgumentException("marker radius must be in (0, 100) pixels, not " + radius);
        }
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("marker opacity must be in [0, 1], not " + opacity);
        }
        this.radius = radius;
        this.opacity = opacity;
    }

    public double radius() {
        return radius;
    }

    public double opacity() {
        return opacity;
    }

    /**
     * The points of e inside view on a transparent side x side layer, each drawn over the earlier
     * ones: premultiplied ARGB, row by row. The array is this raster's own, overwritten by the next
     * call.
     *
     * @param dimX the latent dimension across
     * @param dimY the latent dimension up
     */
    public int[] draw(LatentSpace.Embedding e, int dimX, int dimY, Viewport view, int side) {
        if (side <= 0) {
            throw new IllegalArgumentException("layer side must be positive, not " + side);
        }
        int n = side * side;
        if (pixels.length != n) {
            pixels = new int[n];
        } else {
            Arrays.fill(pixels, 0);
        }
        for (int i = 0; i < e.count(); i++) {
            double x = e.mu(i, dimX);
            double y = e.mu(i, dimY);
            if (!view.contains(x, y)) {
                continue;
            }
            int label = e.hasLabels() ? e.labels()[i] : -1;
            Sprite s = sprites.computeIfAbsent(label, this::sprite);
            stamp(s, (int) Math.floor(view.pixelX(x, side)) - s.half(), (int) Math.floor(view.pixelY(y, side)) - s.half(),
                    side);
        }
        return pixels;
    }

    /** Source-over of a premultiplied sprite at (left, top), clipped to the layer. */
    private void stamp(Sprite s, int left, int top, int side) {
        int x0 = Math.max(0, left);
        int y0 = Math.max(0, top);
        int x1 = Math.min(side, left + s.size());
        int y1 = Math.min(side, top + s.size());
        int[] src = s.argb();
        for (int y = y0; y < y1; y++) {
            int row = (y - top) * s.size() - left;
            int out = y * side;
            for (int x = x0; x < x1; x++) {
                int c = src[row + x];
                int a = c >>> 24;
                if (a == 0) {
                    continue;
                }
                if (a == 255) {
                    pixels[out + x] = c;
                    continue;
                }
                int d = pixels[out + x];
                int keep = 255 - a;
                pixels[out + x] = (a + div255((d >>> 24) * keep)) << 24
                        | ((c >> 16 & 0xFF) + div255((d >> 16 & 0xFF) * keep)) << 16
                        | ((c >> 8 & 0xFF) + div255((d >> 8 & 0xFF) * keep)) << 8
                        | (c & 0xFF) + div255((d & 0xFF) * keep);
            }
        }
    }

    /** v / 255 rounded, for v in [0, 255 * 255]. */
    private static int div255(int v) {
        int t = v + 128;
        return (t + (t >> 8)) >> 8;
    }

    private Sprite sprite(int label) {
        int half = (int) Math.ceil(radius * REACH) + 1;
        int size = 2 * half + 1;
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB_PRE);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) opacity));
            g.setColor(new Color(label < 0 ? 0xFFFFFF : ClassStyle.color(label)));
            double c = half + 0.5;
            ClassStyle.Shape shape = label < 0 ? ClassStyle.Shape.CIRCLE : ClassStyle.shape(label);
            if (shape == ClassStyle.Shape.CIRCLE) {
                g.fill(new Ellipse2D.Double(c - radius, c - radius, 2 * radius, 2 * radius));
            } else {
                double[][] p = ClassStyle.outline(shape, c, c, radius);
                Path2D.Double path = new Path2D.Double();
                path.moveTo(p[0][0], p[1][0]);
                for (int i = 1; i < p[0].length; i++) {
                    path.lineTo(p[0][i], p[1][i]);
                }
                path.closePath();
                g.fill(path);
            }
        } finally {
            g.dispose();
        }
        return new Sprite(half, size, ((DataBufferInt) img.getRaster().getDataBuffer()).getData());
    }
}
