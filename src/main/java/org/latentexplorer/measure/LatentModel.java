package org.latentexplorer.measure;

/**
 * What the metrics need of a model: its encoder, as the posterior q(z|x) it gives each image, and
 * its decoder, as the pixel means E[x|z] of latent points. Everything is plain arrays, image after
 * image and point after point, so a metric can be checked on a constructed model whose answer is
 * known, and a window can call it on a background thread with a model of its own
 * ({@link NetworkModel} adapts a trained network).
 */
public interface LatentModel {

    /** k, the size of a latent point. */
    int latent();

    /** D, the pixels of an image. */
    int pixels();

    /**
     * q(z|x) of count images, pixels[i * D + p] in [0, 1].
     */
    Posterior encode(float[] pixels, int count);

    /** The pixel means of count latent points z[i * k + d], image after image: [count * D]. */
    float[] decode(float[] z, int count);

    /**
     * The encoder's answer for count images: the centre mu[i * k + d] of each image's code, and
     * logVar[i * k + d] of q(z|x) = N(mu, diag(exp(logVar))) for a kind whose codes spread around
     * their centre (0 for a unit spread); null for a kind whose code is a point, z = f(x).
     */
    record Posterior(int count, int latent, float[] mu, float[] logVar) {
        public Posterior {
            if (mu.length != count * latent || logVar != null && logVar.length != mu.length) {
                throw new IllegalArgumentException(count + " codes of " + latent + " values need " + count * latent
                        + " numbers, not " + mu.length);
            }
        }

        public boolean hasSpread() {
            return logVar != null;
        }

        public float mu(int i, int d) {
            return mu[i * latent + d];
        }

        public float logVar(int i, int d) {
            return logVar[i * latent + d];
        }

        /** The codes of the images i that the filter keeps, in order. */
        public Posterior select(java.util.function.IntPredicate keep) {
            int[] kept = java.util.stream.IntStream.range(0, count).filter(keep).toArray();
            float[] m = new float[kept.length * latent];
            float[] v = logVar == null ? null : new float[m.length];
            for (int j = 0; j < kept.length; j++) {
                System.arraycopy(mu, kept[j] * latent, m, j * latent, latent);
                if (v != null) {
                    System.arraycopy(logVar, kept[j] * latent, v, j * latent, latent);
                }
            }
            return new Posterior(kept.length, latent, m, v);
        }
    }
}
