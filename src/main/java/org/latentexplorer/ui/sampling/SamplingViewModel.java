package org.latentexplorer.ui.sampling;

import javafx.beans.Observable;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.value.ObservableValue;

import org.latentexplorer.explore.DecodeMode;
import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.ui.session.LatentSpaceWorker;
import org.latentexplorer.ui.session.ModelSession;
import org.latentexplorer.ui.session.Notifier;

/**
 * Sampling from the generative model: draw z ~ N(0, T^2 I) from the prior, decode, show the images
 * as a strip and their points on the grid. The same points are decoded again when the decode mode
 * or the weights change, until the next draw.
 */
public final class SamplingViewModel {
    public static final int COUNT = 10;
    public static final double MIN_TEMPERATURE = 0.1;
    public static final double MAX_TEMPERATURE = 3;

    /** Points drawn from the prior, z[i * k + d], and their images pixels[i * D + p]. */
    public record Samples(int count, int latent, float[] z, int rows, int cols, float[] pixels) {
        public float z(int i, int d) {
            return z[i * latent + d];
        }
    }

    private final ModelSession session;
    private final Notifier notifier;
    private final ObservableValue<DecodeMode> mode;
    private final DoubleProperty temperature = new SimpleDoubleProperty(this, "temperature", 1);
    private final ReadOnlyObjectWrapper<Samples> samples = new ReadOnlyObjectWrapper<>(this, "samples");
    private record Query(float[] z, DecodeMode mode) {
    }

    private final LatentSpaceWorker.Latest<Query, Samples> decodeJob;
    /** The last draw from N(0, I); the points shown are these times the temperature. */
    private float[] noise;
    private float[] drawn;
    private long draws;

    /**
     * @param mode  how the grid decodes (mean or a sample of p(x|z)); the samples follow it
     * @param slice the grid's latent plane; the samples' points are drawn again on a change of it
     */
    public SamplingViewModel(ModelSession session, Notifier notifier, ObservableValue<DecodeMode> mode, Observable slice) {
        this.session = session;
        this.notifier = notifier;
        this.mode = mode;
        this.decodeJob = session.worker().latest(space -> q -> {
            int k = space.config().latent();
            int n = q.z().length / k;
            return new Samples(n, k, q.z(), space.config().rows(), space.config().cols(),
                    space.decode(q.z(), n, q.mode()));
        });
        // The same draw, spread by the new temperature: the strip always shows samples at the T it names.
        temperature.addListener((o, a, b) -> {
            if (noise != null) {
                drawn = scaled(noise, clampTemperature(b.doubleValue()));
                redraw();
            }
        });
        mode.addListener((o, a, b) -> redraw());
        slice.addListener(o -> redraw());
        session.weightsProperty().addListener((o, a, b) -> redraw());
    }

    private static double clampTemperature(double t) {
        return Double.isFinite(t) ? Math.max(MIN_TEMPERATURE, Math.min(MAX_TEMPERATURE, t)) : 1;
    }

    private static float[] scaled(float[] z, double t) {
        float[] out = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = (float) (t * z[i]);
        }
        return out;
    }

    /**
     * Radii of the circles drawn around the origin: 1, 2 and 3 standard deviations of the
     * distribution the samples come from, N(0, T^2 I) (the prior itself at T = 1).
     */
    public double[] circleRadii() {
        double t = clampTemperature(temperature.get());
        return new double[] {t, 2 * t, 3 * t};
    }

    /** Scales the prior's standard deviation: 1 samples the prior itself; above 1 reaches its tails. */
    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    public ReadOnlyObjectProperty<Samples> samplesProperty() {
        return samples.getReadOnlyProperty();
    }

    /** Draws COUNT new points from the prior and decodes them. */
    public void sample() {
        if (session.model() == null) {
            return;
        }
        noise = LatentSpace.drawFromPrior(COUNT, session.model().config().latent(), 1, 7_919L * ++draws);
        drawn = scaled(noise, clampTemperature(temperature.get()));
        redraw();
    }

    /** Decodes the drawn points again (new weights, new decode mode); forgets them for a new model shape. */
    public void redraw() {
        if (drawn == null || session.model() == null) {
            return;
        }
        if (drawn.length != COUNT * session.model().config().latent()) {
            drawn = null;
            noise = null;
            samples.set(null);
            return;
        }
        decodeJob.request(new Query(drawn, mode.getValue()), samples::set, notifier.statusOnError("Could not decode the samples"));
    }
}
