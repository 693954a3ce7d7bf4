package org.latentexplorer.ui.interpolate;

import org.latentexplorer.data.ImageSet;
import org.latentexplorer.explore.DecodeMode;
import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.measure.LatentModel;

/**
 * The window's display copy of the model seen as a {@link LatentModel}, so that a measure runs on
 * the decode lane with the weights the grid shows. Decodes to the pixel means E[x|z], whatever the
 * grid's decode mode: a path's roughness is a property of the decoder's mean. Belongs to the lane
 * its space belongs to.
 */
final class DisplayedModel implements LatentModel {
    private final LatentSpace space;

    DisplayedModel(LatentSpace space) {
        this.space = space;
    }

    @Override
    public int latent() {
        return space.config().latent();
    }

    @Override
    public int pixels() {
        return space.config().inputSize();
    }

    /** Each image alone, as the window encodes a picked one; pixels are taken to the 256 grey levels of an image file. */
    @Override
    public Posterior encode(float[] pixels, int count) {
        int d = pixels();
        if (pixels.length != count * d) {
            throw new IllegalArgumentException(count + " images of " + d + " pixels need " + count * d + " values, not "
                    + pixels.length);
        }
        byte[] grey = new byte[pixels.length];
        for (int p = 0; p < grey.length; p++) {
            grey[p] = (byte) Math.round(Math.max(0, Math.min(1, pixels[p])) * 255);
        }
        ImageSet set = new ImageSet("images to encode", space.config().rows(), space.config().cols(), grey, null);
        int k = latent();
        float[] mu = new float[count * k];
        float[] logVar = null;
        for (int i = 0; i < count; i++) {
            LatentSpace.Posterior q = space.posterior(set, i);
            System.arraycopy(q.mu(), 0, mu, i * k, k);
            if (q.logVar() != null) {
                logVar = logVar == null ? new float[count * k] : logVar;
                System.arraycopy(q.logVar(), 0, logVar, i * k, k);
            }
        }
        return new Posterior(count, k, mu, logVar);
    }

    @Override
    public float[] decode(float[] z, int count) {
        return space.decode(z, count, DecodeMode.MEAN);
    }
}
