package org.latentexplorer.measure;

import java.util.SplittableRandom;
import java.util.function.IntFunction;

/** Models and posteriors whose metrics are known in advance. */
final class Constructed {
    private Constructed() {
    }

    /** What one latent point decodes to. */
    interface Decoder {
        void decode(float[] z, float[] image);
    }

    /** A model of k latent dimensions and D pixels whose decoder is given; it has no encoder. */
    static LatentModel decoder(int latent, int pixels, Decoder decoder) {
        return new LatentModel() {
            @Override
            public int latent() {
                return latent;
            }

            @Override
            public int pixels() {
                return pixels;
            }

            @Override
            public Posterior encode(float[] images, int count) {
                throw new UnsupportedOperationException("this model only decodes");
            }

            @Override
            public float[] decode(float[] z, int count) {
                float[] out = new float[count * pixels];
                float[] point = new float[latent];
                float[] image = new float[pixels];
                for (int i = 0; i < count; i++) {
                    System.arraycopy(z, i * latent, point, 0, latent);
                    java.util.Arrays.fill(image, 0);
                    decoder.decode(point, image);
                    System.arraycopy(image, 0, out, i * pixels, pixels);
                }
                return out;
            }
        };
    }

    /** count point codes, each dimension d normal around centre[d] with the given spread. */
    static LatentModel.Posterior pointCodes(int count, float[] centre, double spread, long seed) {
        int k = centre.length;
        float[] mu = new float[count * k];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            for (int d = 0; d < k; d++) {
                mu[i * k + d] = (float) (centre[d] + spread * rng.nextGaussian());
            }
        }
        return new LatentModel.Posterior(count, k, mu, null);
    }

    /** Random posteriors N(mu, diag(exp(logVar))) with mu ~ N(0, I) and logVar uniform in [-2, 0.5]. */
    static LatentModel.Posterior randomPosteriors(int count, int latent, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] mu = new float[count * latent];
        float[] logVar = new float[count * latent];
        for (int i = 0; i < mu.length; i++) {
            mu[i] = (float) rng.nextGaussian();
            logVar[i] = (float) rng.nextDouble(-2, 0.5);
        }
        return new LatentModel.Posterior(count, latent, mu, logVar);
    }

    /** n posteriors N(mu, diag(exp(logVar))) of k dimensions, image i's mu and logVar given by the two functions. */
    static LatentModel.Posterior posteriors(int n, int latent, IntFunction<float[]> mu, IntFunction<float[]> logVar) {
        float[] m = new float[n * latent];
        float[] v = new float[n * latent];
        for (int i = 0; i < n; i++) {
            System.arraycopy(mu.apply(i), 0, m, i * latent, latent);
            System.arraycopy(logVar.apply(i), 0, v, i * latent, latent);
        }
        return new LatentModel.Posterior(n, latent, m, v);
    }
}
