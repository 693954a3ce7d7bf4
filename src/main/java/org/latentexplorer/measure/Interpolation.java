package org.latentexplorer.measure;

/**
 * The straight path between two latent codes and how rough its decoded images are: the sum of the
 * squared pixel distances between consecutive images. A decoder that is smooth along the path
 * changes a little at every step; one that jumps puts all its change into one large step, and the
 * sum of squares shows it.
 */
public final class Interpolation {

    /**
     * A decoded path: steps codes z[i * k + d] from the first code to the second, their images
     * [i * D + p], and the path's roughness.
     */
    public record Path(int steps, float[] codes, float[] images, double roughness) {
    }

    private Interpolation() {
    }

    /**
     * steps points on the straight line from a to b, evenly spaced; the first is exactly a and the
     * last exactly b.
     */
    public static float[] line(float[] from, float[] to, int steps) {
        if (from.length != to.length || from.length == 0) {
            throw new IllegalArgumentException("the two codes must have the same length, not " + from.length + " and "
                    + to.length);
        }
        if (steps < 2) {
            throw new IllegalArgumentException("a path needs at least 2 steps, not " + steps);
        }
        int k = from.length;
        float[] z = new float[steps * k];
        for (int i = 1; i < steps - 1; i++) {
            double t = (double) i / (steps - 1);
            for (int d = 0; d < k; d++) {
                z[i * k + d] = (float) (from[d] + t * (to[d] - from[d]));
            }
        }
        System.arraycopy(from, 0, z, 0, k);
        System.arraycopy(to, 0, z, (steps - 1) * k, k);
        return z;
    }

    /** The sum over consecutive images of their squared pixel distance. */
    public static double roughness(float[] images, int count, int pixels) {
        if (images.length != count * pixels) {
            throw new IllegalArgumentException(count + " images of " + pixels + " pixels need " + count * pixels
                    + " values, not " + images.length);
        }
        double sum = 0;
        for (int i = 1; i < count; i++) {
            sum += Continuity.squaredDistance(images, (i - 1) * pixels, images, i * pixels, pixels);
        }
        return sum;
    }

    /** Decodes the straight path of steps points from a to b and measures its roughness. */
    public static Path decode(LatentModel model, float[] from, float[] to, int steps) {
        if (from.length != model.latent()) {
            throw new IllegalArgumentException("the model's codes have " + model.latent() + " values, not " + from.length);
        }
        float[] z = line(from, to, steps);
        float[] images = model.decode(z, steps);
        return new Path(steps, z, images, roughness(images, steps, model.pixels()));
    }
}
