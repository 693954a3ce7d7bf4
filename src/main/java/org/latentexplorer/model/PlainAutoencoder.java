package org.latentexplorer.model;

/**
 * The plain autoencoder: z = f(x), loss = recon. Nothing asks its codes to fill the latent space,
 * so nearby points need not decode to similar images and the space between codes decodes to
 * anything: the lecture's foil for the VAE.
 */
public final class PlainAutoencoder extends ModelKind {

    public PlainAutoencoder() {
        super();
    }

    @Override
    public String id() {
        return "ae";
    }

    @Override
    public String title() {
        return "Autoencoder";
    }

    @Override
    public String formula() {
        return "recon";
    }

    @Override
    public Code code() {
        return Code.POINT;
    }

    @Override
    ModelKind withValues(double[] values) {
        return new PlainAutoencoder();
    }
}
