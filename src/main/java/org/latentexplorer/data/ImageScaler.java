package org.latentexplorer.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;

import org.latentexplorer.model.ModelConfig;

/**
 * Turns any decoded image into the model's kind of picture: grayscale bytes of a given size.
 *
 * <ul>
 *   <li>Gray is the luma of ITU-R BT.601, {@code 0.299 R + 0.587 G + 0.114 B}, on the stored
 *       (gamma-encoded) sRGB values. Grayscale images keep their stored values as they are.</li>
 *   <li>Transparency is composited on black, since the model's images are light strokes on a
 *       black ground (as in MNIST): a fully transparent pixel is 0.</li>
 *   <li>The image is stretched to exactly rows x cols. Each axis shrinks by area averaging (every
 *       output pixel is the mean of the source area it covers, which keeps thin strokes instead of
 *       skipping them) and grows by linear interpolation between pixel centres.</li>
 *   <li>Results are rounded to the nearest of 0..255.</li>
 * </ul>
 */
public final class ImageScaler {

    private ImageScaler() {
    }

    /**
     * @return rows * cols bytes, row-major, 0 = black, 255 = white
     * @throws IllegalArgumentException when rows or cols is outside 1..{@link ModelConfig#MAX_SIDE}
     */
    public static byte[] grayscale(BufferedImage image, int rows, int cols) {
        if (rows < 1 || cols < 1 || rows > ModelConfig.MAX_SIDE || cols > ModelConfig.MAX_SIDE) {
            throw new IllegalArgumentException("target size " + rows + " x " + cols + " is outside 1.."
                    + ModelConfig.MAX_SIDE);
        }
        int w = image.getWidth();
        int h = image.getHeight();
        Kernel across = Kernel.of(w, cols);
        Kernel down = Kernel.of(h, rows);
        // Rows are narrowed first, so at most h * cols floats are held besides the decoded image.
        float[][] narrowed = new float[h][];
        float[] line = new float[w];
        LumaRows luma = new LumaRows(image);
        for (int y = 0; y < h; y++) {
            luma.read(y, line);
            narrowed[y] = across.apply(i -> line[i]);
        }
        byte[] out = new byte[rows * cols];
        for (int x = 0; x < cols; x++) {
            final int column = x;
            float[] col = down.apply(y -> narrowed[y][column]);
            for (int y = 0; y < rows; y++) {
                out[y * cols + x] = (byte) Math.max(0, Math.min(255, Math.round(col[y])));
            }
        }
        return out;
    }

    /** Reads one row of an image as luma values 0..255, alpha already composited on black. */
    private static final class LumaRows {
        private final BufferedImage image;
        private final boolean gray;
        private final float grayScale;
        private final float alphaScale;
        private final boolean alpha;
        private final boolean premultiplied;
        private final int[] buffer;
        private final int[] alphaBuffer;

        LumaRows(BufferedImage image) {
            this.image = image;
            ColorModel cm = image.getColorModel();
            // getRGB would pass gray samples through a linear-to-sRGB conversion and brighten them.
            gray = cm instanceof ComponentColorModel && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
            alpha = gray && cm.hasAlpha();
            premultiplied = gray && cm.isAlphaPremultiplied();
            grayScale = gray ? 255f / ((1L << cm.getComponentSize(0)) - 1) : 1f;
            alphaScale = alpha ? 1f / ((1L << cm.getComponentSize(1)) - 1) : 1f;
            buffer = new int[image.getWidth()];
            alphaBuffer = alpha ? new int[image.getWidth()] : null;
        }

        void read(int y, float[] out) {
            int w = image.getWidth();
            if (gray) {
                Raster r = image.getRaster();
                r.getSamples(0, y, w, 1, 0, buffer);
                if (alpha) {
                    r.getSamples(0, y, w, 1, 1, alphaBuffer);
                }
                for (int x = 0; x < w; x++) {
                    float v = buffer[x] * grayScale;
                    out[x] = alpha && !premultiplied ? v * alphaBuffer[x] * alphaScale : v;
                }
                return;
            }
            image.getRGB(0, y, w, 1, buffer, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = buffer[x];
                float a = (argb >>> 24) / 255f;
                float luma = 0.299f * ((argb >> 16) & 0xFF) + 0.587f * ((argb >> 8) & 0xFF) + 0.114f * (argb & 0xFF);
                out[x] = luma * a;
            }
        }
    }

    /** Resampling weights along one axis: output i is the weighted sum of inputs from[i]... */
    private static final class Kernel {
        private final int[] from;
        private final float[][] weights;

        private Kernel(int[] from, float[][] weights) {
            this.from = from;
            this.weights = weights;
        }

        static Kernel of(int source, int target) {
            return target <= source ? area(source, target) : linear(source, target);
        }

        private static Kernel area(int source, int target) {
            int[] from = new int[target];
            float[][] weights = new float[target][];
            double step = (double) source / target;
            for (int i = 0; i < target; i++) {
                double lo = i * step;
                double hi = (i + 1) * step;
                int first = (int) Math.floor(lo);
                int last = Math.min(source - 1, (int) Math.ceil(hi) - 1);
                from[i] = first;
                weights[i] = new float[last - first + 1];
                for (int s = first; s <= last; s++) {
                    double overlap = Math.min(hi, s + 1) - Math.max(lo, s);
                    weights[i][s - first] = (float) (overlap / step);
                }
            }
            return new Kernel(from, weights);
        }

        private static Kernel linear(int source, int target) {
            int[] from = new int[target];
            float[][] weights = new float[target][];
            double step = (double) source / target;
            for (int i = 0; i < target; i++) {
                double centre = Math.max(0, Math.min(source - 1, (i + 0.5) * step - 0.5));
                int left = (int) Math.floor(centre);
                double t = centre - left;
                if (left + 1 < source && t > 0) {
                    from[i] = left;
                    weights[i] = new float[] {(float) (1 - t), (float) t};
                } else {
                    from[i] = left;
                    weights[i] = new float[] {1f};
                }
            }
            return new Kernel(from, weights);
        }

        interface Samples {
            float at(int index);
        }

        float[] apply(Samples in) {
            float[] out = new float[from.length];
            for (int i = 0; i < out.length; i++) {
                float[] w = weights[i];
                double sum = 0;
                for (int k = 0; k < w.length; k++) {
                    sum += w[k] * in.at(from[i] + k);
                }
                out[i] = (float) sum;
            }
            return out;
        }
    }
}
