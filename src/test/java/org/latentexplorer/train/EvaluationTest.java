package org.latentexplorer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.latentexplorer.data.ImageSet;
import org.latentexplorer.model.Bernoulli;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.PlainAutoencoder;
import org.latentexplorer.model.Vae;

/** A set's terms measured in batches (a training's test set after every epoch, with the same batches each time). */
class EvaluationTest {
    /** 1,234 images: two full batches of 500 and a tail of 234. */
    private static final int IMAGES = 1234;

    private static byte[] barPixels() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        byte[] px = new byte[IMAGES * 36];
        for (int i = 0; i < IMAGES; i++) {
            int row = r.nextInt(6);
            for (int c = 0; c < 6; c++) {
                px[i * 36 + row * 6 + c] = (byte) (128 + r.nextInt(128));
            }
        }
        return px;
    }

    @Test
    void theMeanOverBatchesAndTheTailIsTheMeanOfEachImageAlone() {
        byte[] px = barPixels();
        ImageSet all = new ImageSet("bars", 6, 6, px, null);
        Network ae = new Network(ModelConfig.of(new PlainAutoencoder(), 6, 6, List.of(16), 2, Bernoulli.INSTANCE), 7);
        // The plain autoencoder adds no noise: each image's reconstruction term is one number.
        double sum = 0;
        for (int i = 0; i < IMAGES; i++) {
            ImageSet one = new ImageSet("bar " + i, 6, 6, Arrays.copyOfRange(px, i * 36, (i + 1) * 36), null);
            sum += Evaluation.terms(ae, one).recon();
        }
        Evaluation.Repeated repeated = new Evaluation.Repeated(ae, all);
        try {
            double mean = sum / IMAGES;
            assertEquals(mean, repeated.terms(ae.kind()).recon(), 1e-5 * mean);
            assertEquals(Double.NaN, repeated.terms(ae.kind()).penalty(), "no penalty, not a zero one");
        } finally {
            repeated.release();
        }
    }

    @Test
    void measuringAgainWithTheSameBatchesGivesWhatAFreshMeasurementGives() {
        ImageSet all = new ImageSet("bars", 6, 6, barPixels(), null);
        Network vae = new Network(ModelConfig.of(new Vae(1), 6, 6, List.of(16), 2, Bernoulli.INSTANCE), 8);
        Evaluation.Repeated repeated = new Evaluation.Repeated(vae, all);
        try {
            Evaluation.Terms first = repeated.terms(vae.kind());
            Evaluation.Terms again = repeated.terms(vae.kind());
            assertEquals(first, again, "the same noise each time, nothing left over from the last measurement");
            assertEquals(Evaluation.terms(vae, all), first);
            // Another weight of the penalty is measured as such; the terms themselves do not depend on it.
            Evaluation.Terms beta4 = repeated.terms(new Vae(4));
            assertEquals(Evaluation.terms(vae, new Vae(4), all), beta4);
            // New weights on the same batches: a new measurement, not the last one's.
            vae.params().muli(0.5);
            assertNotEquals(first, repeated.terms(vae.kind()));
            assertEquals(Evaluation.terms(vae, all), repeated.terms(vae.kind()));
        } finally {
            repeated.release();
        }
    }
}
