package org.latentexplorer.explore;

import org.latentexplorer.model.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A square grid of points over a rectangle of a latent plane (by default the first two dimensions,
 * the others held at 0, the prior's mean), and the images the decoder makes of them.
 *
 * <p>Point (row r, column c) sits at x = xmin + c (xmax - xmin) / (steps - 1) and
 * y = ymax - r (ymax - ymin) / (steps - 1): rows run top to bottom from ymax, as on screen.
 */
public final class LatentGrid {
    public static final int MAX_STEPS = 256;

    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;
    private final int steps;

    public LatentGrid(double xMin, double xMax, double yMin, double yMax, int steps) {
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("grid steps must be between 1 and " + MAX_STEPS + ", not " + steps);
        }
        if (!Double.isFinite(xMin) || !Double.isFinite(xMax) || !Double.isFinite(yMin) || !Double.isFinite(yMax)) {
            throw new IllegalArgumentException("grid range must be finite numbers");
        }
        if (!(xMin < xMax) || !(yMin < yMax)) {
            throw new IllegalArgumentException("grid range must have min < max, got [" + xMin + ", " + xMax
                    + "] x [" + yMin + ", " + yMax + "]");
        }
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
        this.steps = steps;
    }

    /** The same range on both axes, e.g. [-5, 5] squared. */
    public static LatentGrid square(double min, double max, int steps) {
        return new LatentGrid(min, max, min, max, steps);
    }

    /**
     * The centres of the n x n tiles that cover a viewport: the image drawn in a tile is the decoding
     * of the latent point under the middle of that tile.
     */
    public static LatentGrid tiles(Viewport view, int n) {
        return new LatentGrid(view.tileCenterX(0, n), view.tileCenterX(n - 1, n),
                view.tileCenterY(n - 1, n), view.tileCenterY(0, n), n);
    }

    public int steps() {
        return steps;
    }

    public double x(int column) {
        return steps == 1 ? (xMin + xMax) / 2 : xMin + column * (xMax - xMin) / (steps - 1);
    }

    public double y(int row) {
        return steps == 1 ? (yMin + yMax) / 2 : yMax - row * (yMax - yMin) / (steps - 1);
    }

    /** The steps^2 latent points [steps^2, latent], row by row. */
    public INDArray points(int latent) {
        if (latent < 2) {
            throw new IllegalArgumentException("a 2-D grid needs a latent space of at least 2 dimensions, not " + latent);
        }
        INDArray points = newPointsArray(latent);
        fill(points, LatentSlice.firstTwo(latent));
        return points;
    }

    /** Decoder means for every grid point: [steps^2, D], pixels in [0, 1]. */
    public INDArray decode(Network vae) {
        return vae.decodeMeans(points(vae.config().latent()));
    }

    /**
     * As {@link #decode(Network)}, into arrays the caller keeps between redraws (from
     * {@link #newPointsArray} and {@link #newImagesArray}), so redrawing allocates no array memory.
     */
    public void decode(Network vae, INDArray points, INDArray images) {
        decode(vae, LatentSlice.firstTwo(vae.config().latent()), points, images);
    }

    /** As {@link #decode(Network, INDArray, INDArray)}, over the given plane of the latent space. */
    public void decode(Network vae, LatentSlice slice, INDArray points, INDArray images) {
        fill(points, slice);
        vae.decodeMeans(points, images);
    }

    public INDArray newPointsArray(int latent) {
        return Nd4j.create(DataType.FLOAT, (long) steps * steps, latent);
    }

    public INDArray newImagesArray(Network vae) {
        return Nd4j.create(vae.dataType(), (long) steps * steps, vae.config().inputSize());
    }

    /** Writes the grid's latent points over the given plane into points (from newPointsArray). */
    public void fill(INDArray points, LatentSlice slice) {
        int latent = (int) points.columns();
        if (slice.latent() != latent) {
            throw new IllegalArgumentException("the plane is in " + slice.latent() + " dimensions but the points in " + latent);
        }
        if (points.rows() != (long) steps * steps || latent < 2 || points.dataType() != DataType.FLOAT
                || points.ordering() != 'c' || points.isView()) {
            throw new IllegalArgumentException("points must be a float array [" + steps * steps + ", k >= 2]"
                    + " from newPointsArray");
        }
        float[] z = new float[steps * steps * latent];
        for (int r = 0; r < steps; r++) {
            for (int c = 0; c < steps; c++) {
                slice.point(x(c), y(r), z, (r * steps + c) * latent);
            }
        }
        new org.bytedeco.javacpp.FloatPointer(points.data().addressPointer()).put(z);
    }
}
