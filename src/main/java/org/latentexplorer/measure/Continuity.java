package org.latentexplorer.measure;

import org.latentexplorer.explore.LatentGrid;
import org.latentexplorer.explore.LatentSlice;
import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.explore.Viewport;
import org.latentexplorer.model.Host;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How fast the decoder's image changes as the latent point moves: for each pair of neighbouring
 * tiles of a grid (left-right and up-down), the pixel distance of their images over the latent
 * distance of their centres, ||x(a) - x(b)|| / ||a - b||. A continuous decoder keeps these ratios
 * small everywhere; a seam is where they jump.
 *
 * <p>The grid is the window's: n x n tiles over a viewport, each image the decoding of its tile's
 * centre (see {@link Viewport#tileCenterX}), row 0 at the top.
 */
public final class Continuity {
    /** The command line's grid: [-5, 5]^2 in 50 x 50 tiles, centres 0.2 apart. */
    public static final Viewport FULL_VIEW = Viewport.DEFAULT;
    public static final int FULL_STEPS = 50;

    /**
     * Each tile's largest ratio to its (up to four) neighbours, row by row from the top: what a seam
     * overlay colours.
     */
    public record SeamField(int columns, int rows, float[] ratio) {
        public float ratio(int row, int column) {
            return ratio[row * columns + column];
        }

        /** The tile whose ratio is largest, as {row, column}. */
        public int[] steepest() {
            int best = 0;
            for (int i = 1; i < ratio.length; i++) {
                if (ratio[i] > ratio[best]) {
                    best = i;
                }
            }
            return new int[] {best / columns, best % columns};
        }
    }

    private Continuity() {
    }

    /**
     * The ratios' median, 95th percentile and maximum over a decoded grid.
     *
     * @param images the n x n tiles' images, tile (r, c) at [(r * n + c) * pixels]
     */
    public static Quantiles of(float[] images, int n, int pixels, Viewport view) {
        return Quantiles.of(ratios(images, n, n, pixels, view.width() / n, view.height() / n, null));
    }

    /**
     * As {@link #of(float[], int, int, Viewport)} for a block of tiles the window has already
     * decoded, their centres dx apart across and dy apart up and down.
     */
    public static Quantiles of(LatentSpace.Mosaic mosaic, double dx, double dy) {
        return ofMosaic(mosaic, dx, dy).quantiles();
    }

    /** The quantiles and the seam field of a block of decoded tiles. */
    public record Measured(Quantiles quantiles, SeamField seams) {
    }

    /**
     * The quantiles and the seam field of a block of tiles the window has already decoded, their
     * centres dx apart across and dy apart up and down, in one pass over the mosaic's 8-bit grey
     * levels, with integer differences and no copy of the pixels: the window measures every grid it
     * draws, on the UI thread.
     */
    public static Measured ofMosaic(LatentSpace.Mosaic mosaic, double dx, double dy) {
        int columns = mosaic.columns();
        int rows = mosaic.rows();
        if (columns < 2 || rows < 2) {
            throw new IllegalArgumentException("continuity needs at least 2 tiles a side, not " + columns + " x " + rows);
        }
        float[] field = new float[columns * rows];
        double[] out = new double[rows * (columns - 1) + columns * (rows - 1)];
        int m = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                if (c + 1 < columns) {
                    out[m++] = mosaicPair(mosaic, r, c, r, c + 1, dx, field);
                }
                if (r + 1 < rows) {
                    out[m++] = mosaicPair(mosaic, r, c, r + 1, c, dy, field);
                }
            }
        }
        return new Measured(Quantiles.of(out), new SeamField(columns, rows, field));
    }

    private static double mosaicPair(LatentSpace.Mosaic mosaic, int r1, int c1, int r2, int c2, double latentDistance,
                                     float[] field) {
        int th = mosaic.tileRows();
        int tw = mosaic.tileCols();
        int width = mosaic.width();
        int[] argb = mosaic.argb();
        long sum = 0;
        for (int y = 0; y < th; y++) {
            int a = (r1 * th + y) * width + c1 * tw;
            int b = (r2 * th + y) * width + c2 * tw;
            for (int x = 0; x < tw; x++) {
                int d = (argb[a + x] & 0xFF) - (argb[b + x] & 0xFF);
                sum += d * d;
            }
        }
        double ratio = Math.sqrt(sum) / 255.0 / latentDistance;
        int columns = mosaic.columns();
        int ta = r1 * columns + c1;
        int tb = r2 * columns + c2;
        field[ta] = (float) Math.max(field[ta], ratio);
        field[tb] = (float) Math.max(field[tb], ratio);
        return ratio;
    }

    /** The seam field of a decoded grid. */
    public static SeamField seams(float[] images, int n, int pixels, Viewport view) {
        float[] field = new float[n * n];
        ratios(images, n, n, pixels, view.width() / n, view.height() / n, field);
        return new SeamField(n, n, field);
    }

    /** The seam field of a block of tiles the window has already decoded, centres dx and dy apart. */
    public static SeamField seams(LatentSpace.Mosaic mosaic, double dx, double dy) {
        return ofMosaic(mosaic, dx, dy).seams();
    }

    /** Decodes the n x n tile centres of a viewport over a plane and measures them. */
    public static Quantiles measure(LatentModel model, Viewport view, LatentSlice slice, int n) {
        return of(decodeGrid(model, view, slice, n), n, model.pixels(), view);
    }

    /** The command line's figure: the plane of the first two dimensions over [-5, 5]^2 at {@link #FULL_STEPS}. */
    public static Quantiles overFullView(LatentModel model) {
        return measure(model, FULL_VIEW, LatentSlice.firstTwo(model.latent()), FULL_STEPS);
    }

    /** The images of the n x n tile centres, tile (r, c) at [(r * n + c) * D]. */
    public static float[] decodeGrid(LatentModel model, Viewport view, LatentSlice slice, int n) {
        return model.decode(gridPoints(view, slice, n), n * n);
    }

    /** The latent points of the n x n tile centres, point (r, c) at [(r * n + c) * k]. */
    public static float[] gridPoints(Viewport view, LatentSlice slice, int n) {
        LatentGrid grid = LatentGrid.tiles(view, n);
        INDArray points = grid.newPointsArray(slice.latent());
        grid.fill(points, slice);
        float[] z = new float[n * n * slice.latent()];
        Host.read(points, z, z.length);
        return z;
    }

    /**
     * Every neighbour pair's ratio over a block of columns x rows tiles whose centres are dx apart
     * across and dy apart up and down; with field non-null, also each tile's largest ratio into it.
     */
    private static double[] ratios(float[] images, int columns, int rows, int pixels, double dx, double dy,
            float[] field) {
        if (columns < 2 || rows < 2 || images.length != columns * rows * pixels) {
            throw new IllegalArgumentException("a grid of " + columns + " x " + rows + " images of " + pixels
                    + " pixels needs " + columns * rows * pixels + " values and at least 2 tiles a side; got "
                    + images.length);
        }
        double[] out = new double[rows * (columns - 1) + columns * (rows - 1)];
        int m = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int tile = r * columns + c;
                if (c + 1 < columns) {
                    out[m++] = pair(images, tile, tile + 1, pixels, dx, field);
                }
                if (r + 1 < rows) {
                    out[m++] = pair(images, tile, tile + columns, pixels, dy, field);
                }
            }
        }
        return out;
    }

    private static double pair(float[] images, int a, int b, int pixels, double latentDistance, float[] field) {
        double ratio = Math.sqrt(squaredDistance(images, a * pixels, images, b * pixels, pixels)) / latentDistance;
        if (field != null) {
            field[a] = (float) Math.max(field[a], ratio);
            field[b] = (float) Math.max(field[b], ratio);
        }
        return ratio;
    }

    static double squaredDistance(float[] x, int xFrom, float[] y, int yFrom, int length) {
        double s = 0;
        for (int p = 0; p < length; p++) {
            double d = x[xFrom + p] - y[yFrom + p];
            s += d * d;
        }
        return s;
    }
}
