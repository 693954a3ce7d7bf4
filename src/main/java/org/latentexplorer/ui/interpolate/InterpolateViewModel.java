package org.latentexplorer.ui.interpolate;

import java.util.Locale;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.latentexplorer.data.DataSplit;
import org.latentexplorer.data.ImageSet;
import org.latentexplorer.explore.DecodeMode;
import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.measure.Interpolation;
import org.latentexplorer.ui.session.LatentSpaceWorker;
import org.latentexplorer.ui.session.ModelSession;
import org.latentexplorer.ui.session.Notifier;

/**
 * The straight line between two codes, decoded, beside the pixel cross-fade of the same two
 * images. An end is a test image (its code the mean of q(z|x), encoded on the decode lane) or a
 * latent point (its image the decoder's mean there). The decoder's path goes through
 * {@link Interpolation#decode}; both strips are measured by the same roughness, the sum of squared
 * pixel steps. Follows the session: new weights decode the path again; a new model or dataset drops
 * it.
 */
public final class InterpolateViewModel {
    /** Images per strip, t = 0, 1/9, ..., 1. */
    public static final int STEPS = 10;

    /** One end of the path: test image index, or a latent point (all k values). */
    public record End(int image, float[] point) {
        public static End image(int index) {
            return new End(index, null);
        }

        public static End point(float[] z) {
            return new End(-1, z.clone());
        }

        public boolean isImage() {
            return point == null;
        }

        /** In words, for the panel. */
        public String describe() {
            if (isImage()) {
                return "test image " + (image + 1);
            }
            StringBuilder b = new StringBuilder("point (");
            for (int d = 0; d < point.length; d++) {
                b.append(d == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", point[d]));
            }
            return b.append(')').toString();
        }
    }

    /**
     * Both strips for two ends: the decoded path (its codes, images and roughness) and the
     * cross-fade fade[i * D + p] of the end images xa, xb with its own roughness.
     */
    public record Result(End from, End to, int rows, int cols, Interpolation.Path path, float[] fade,
            double fadeRoughness) {
        public int pixels() {
            return rows * cols;
        }

        public int latent() {
            return path.codes().length / path.steps();
        }

        /** Dimension d of code i of the path. */
        public float code(int i, int d) {
            return path.codes()[i * latent() + d];
        }
    }

    private record Query(ImageSet set, End from, End to) {
    }

    private final ModelSession session;
    private final Notifier notifier;
    private final ReadOnlyObjectWrapper<End> from = new ReadOnlyObjectWrapper<>(this, "from");
    private final ReadOnlyObjectWrapper<End> to = new ReadOnlyObjectWrapper<>(this, "to");
    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper ends = new ReadOnlyStringWrapper(this, "ends", "");
    private final LatentSpaceWorker.Latest<Query, Result> job;

    public InterpolateViewModel(ModelSession session, Notifier notifier) {
        this.session = session;
        this.notifier = notifier;
        this.job = session.worker().latest(space -> q -> interpolate(space, q));
        session.shownProperty().addListener((o, a, b) -> clear());
        session.dataProperty().addListener((o, a, b) -> clear());
        session.weightsProperty().addListener((o, a, b) -> request());
        from.addListener((o, a, b) -> describe());
        to.addListener((o, a, b) -> describe());
    }

    /** The start a, or null. */
    public ReadOnlyObjectProperty<End> fromProperty() {
        return from.getReadOnlyProperty();
    }

    /** The end b, or null. */
    public ReadOnlyObjectProperty<End> toProperty() {
        return to.getReadOnlyProperty();
    }

    /** Both strips; null until both ends are chosen and decoded. */
    public ReadOnlyObjectProperty<Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The two ends in words. */
    public ReadOnlyStringProperty endsProperty() {
        return ends.getReadOnlyProperty();
    }

    /** Makes end a (start = true) or b a test image of the current dataset, by its index. */
    public void useImage(boolean start, int index) {
        DataSplit data = session.dataProperty().get();
        if (session.model() == null || data == null || index < 0 || index >= data.test().count()) {
            return;
        }
        set(start, End.image(index));
    }

    /** Makes end a (start = true) or b a latent point, all k of its values. */
    public void usePoint(boolean start, float[] z) {
        if (session.model() == null || z == null || z.length != session.model().config().latent()) {
            return;
        }
        set(start, End.point(z));
    }

    /** Drops both ends and the strips. */
    public void clear() {
        from.set(null);
        to.set(null);
        result.set(null);
    }

    /**
     * The pixel cross-fade (1 - t) xa + t xb at t = i / (steps - 1), image after image; the first
     * image is exactly xa and the last exactly xb.
     */
    public static float[] crossFade(float[] xa, float[] xb, int steps) {
        if (xa.length != xb.length) {
            throw new IllegalArgumentException("the two images must have the same size, not " + xa.length + " and "
                    + xb.length);
        }
        int d = xa.length;
        float[] out = new float[steps * d];
        for (int i = 1; i < steps - 1; i++) {
            double t = (double) i / (steps - 1);
            for (int p = 0; p < d; p++) {
                out[i * d + p] = (float) ((1 - t) * xa[p] + t * xb[p]);
            }
        }
        System.arraycopy(xa, 0, out, 0, d);
        System.arraycopy(xb, 0, out, (steps - 1) * d, d);
        return out;
    }

    private void set(boolean start, End end) {
        (start ? from : to).set(end);
        result.set(null);
        request();
    }

    private void request() {
        DataSplit data = session.dataProperty().get();
        End a = from.get();
        End b = to.get();
        if (a == null || b == null || data == null || session.model() == null) {
            return;
        }
        job.request(new Query(data.test(), a, b), found -> {
            // An answer for ends since replaced or dropped is not shown.
            if (found.from() == from.get() && found.to() == to.get()) {
                result.set(found);
            }
        }, notifier.statusOnError("Could not decode the interpolation"));
    }

    /** On the decode lane. */
    private static Result interpolate(LatentSpace space, Query q) {
        DisplayedModel model = new DisplayedModel(space);
        int d = model.pixels();
        float[] za = new float[model.latent()];
        float[] zb = new float[model.latent()];
        float[] xa = new float[d];
        float[] xb = new float[d];
        locate(space, q.set(), q.from(), za, xa);
        locate(space, q.set(), q.to(), zb, xb);
        Interpolation.Path path = Interpolation.decode(model, za, zb, STEPS);
        float[] fade = crossFade(xa, xb, STEPS);
        return new Result(q.from(), q.to(), space.config().rows(), space.config().cols(), path, fade,
                Interpolation.roughness(fade, STEPS, d));
    }

    /** The code z and the image x of an end: a test image and its posterior mean, or a point and its decode. */
    private static void locate(LatentSpace space, ImageSet set, End end, float[] z, float[] x) {
        if (end.isImage()) {
            System.arraycopy(space.posterior(set, end.image()).mu(), 0, z, 0, z.length);
            set.copyScaled(end.image(), x, 0);
        } else {
            System.arraycopy(end.point(), 0, z, 0, z.length);
            System.arraycopy(space.decode(z, DecodeMode.MEAN), 0, x, 0, x.length);
        }
    }

    private void describe() {
        End a = from.get();
        End b = to.get();
        ends.set("a: " + (a == null ? "not chosen" : a.describe()) + "\nb: " + (b == null ? "not chosen" : b.describe()));
    }
}
