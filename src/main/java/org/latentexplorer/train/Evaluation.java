package org.latentexplorer.train;

import java.util.SplittableRandom;

import org.latentexplorer.data.ImageSet;
import org.latentexplorer.model.ImportanceSampler;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.NetworkBatch;

/** A model's loss terms and likelihood estimate on a set of images (typically the test set). */
public final class Evaluation {
    private static final int BATCH = 500;

    /**
     * Mean per-image terms, in nats. For a VAE, recon uses one z ~ q(z|x) per image (as in
     * training), so negElbo = recon + kl is the usual single-sample estimate of the negative ELBO.
     */
    public record Terms(double recon, double kl, double negElbo) {
    }

    private Evaluation() {
    }

    /** Terms over all images, with noise from a fixed seed so the figure is reproducible. */
    public static Terms terms(Network vae, ImageSet images) {
        SplittableRandom rng = new SplittableRandom(0x5EED);
        NetworkBatch batch = new NetworkBatch(vae, Math.min(BATCH, images.count()));
        double recon = 0;
        double kl = 0;
        for (int start = 0; start < images.count(); start += BATCH) {
            int n = Math.min(BATCH, images.count() - start);
            NetworkBatch b = n == batch.capacity() ? batch : new NetworkBatch(vae, n);
            b.load(images, start, n);
            Network.BatchTerms t = b.terms(rng);
            recon += t.reconSum();
            kl += t.klSum();
        }
        int n = images.count();
        return new Terms(recon / n, kl / n, (recon + kl) / n);
    }

    /** Mean IWAE estimate of -log p(x) with K samples over all images (null for an autoencoder). */
    public static Double iwae(Network vae, ImageSet images, int samples) {
        if (!vae.config().variational()) {
            return null;
        }
        ImportanceSampler sampler = new ImportanceSampler(vae);
        SplittableRandom rng = new SplittableRandom(0x1AAE);
        double total = 0;
        for (int start = 0; start < images.count(); start += BATCH) {
            int n = Math.min(BATCH, images.count() - start);
            double[] nll = sampler.negLogLikelihood(NetworkBatch.pixels(images, start, n), samples, rng);
            for (double v : nll) {
                total += v;
            }
        }
        return total / images.count();
    }
}
