package org.latentexplorer.model;

import java.util.List;
import java.util.random.RandomGenerator;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The denoising autoencoder: it reconstructs x from the code of a corrupted copy,
 * z = f(x + noise), noise ~ N(0, sigma_n^2 I), loss = recon(x). The noise makes the code robust
 * to small changes of the image, not the latent space continuous or complete.
 */
public final class DenoisingAutoencoder extends ModelKind {
    static final Knob NOISE = new Knob("noise", "\u03c3\u2099", "input noise",
            "Standard deviation of the Gaussian noise added to each pixel (in [0, 1]) of the encoder's input"
                    + " while training; the decoder must still reconstruct the clean image.",
            0, 10, 1, 0.5);

    private final double noise;

    public DenoisingAutoencoder(double noise) {
        super(noise);
        this.noise = noise;
    }

    public double noise() {
        return noise;
    }

    @Override
    public String id() {
        return "denoising-ae";
    }

    @Override
    public String title() {
        return "Denoising autoencoder";
    }

    @Override
    public String formula() {
        return "recon(x | f(x + noise))";
    }

    @Override
    public Code code() {
        return Code.POINT;
    }

    @Override
    public List<Knob> knobs() {
        return List.of(NOISE);
    }

    @Override
    ModelKind withValues(double[] values) {
        return new DenoisingAutoencoder(values[0]);
    }

    /** The encoder sees x + sigma_n * N(0, I); the reconstruction term still compares with x. */
    @Override
    void corrupt(Activations a, RandomGenerator rng) {
        if (a.input == a.x) {
            a.input = Nd4j.create(a.x.dataType(), a.x.shape());
        }
        int len = (int) a.x.length();
        float[] px = a.hostScratch(len);
        Host.read(a.x, px, len);
        for (int i = 0; i < len; i++) {
            px[i] += (float) (noise * rng.nextGaussian());
        }
        Host.write(a.input, px, len);
    }
}
