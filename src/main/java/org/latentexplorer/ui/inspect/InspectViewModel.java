package org.latentexplorer.ui.inspect;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;

import org.latentexplorer.data.ClassNames;
import org.latentexplorer.data.DataSplit;
import org.latentexplorer.data.ImageSet;
import org.latentexplorer.explore.DecodeMode;
import org.latentexplorer.explore.LatentSlice;
import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.model.ModelKind;
import org.latentexplorer.ui.session.CurrentModel;
import org.latentexplorer.ui.session.LatentSpaceWorker;
import org.latentexplorer.ui.session.ModelSession;
import org.latentexplorer.ui.session.Notifier;

/**
 * Looking inside one test image: its original, its reconstruction (the decoder's image of mu, in the
 * grid's decode mode), its posterior q(z|x) = N(mu, diag(exp(logVar))) and a few draws
 * z = mu + exp(logVar / 2) * eps from it with their images. An autoencoder's code has no spread: its
 * pick has no draws and no ellipse, and {@link #explanationProperty()} says why. Only the picked image
 * is encoded, on the decode lane. Follows the session: new weights encode the pick again; a new model
 * or a new dataset drops it.
 */
public final class InspectViewModel {
    /** How many draws from q(z|x) are decoded. */
    public static final int DRAWS = 6;
    /** No image picked. */
    public static final int NONE = -1;

    /**
     * What the decode lane found for test image index: the original and its reconstruction
     * (pixels in [0, 1]), mu and logVar (null for a code without spread), and the draws
     * z[i * k + d] with their images drawImages[i * D + p].
     */
    public record Inspection(int index, int label, int rows, int cols, float[] original, float[] mu, float[] logVar,
            float[] reconstruction, float[] draws, float[] drawImages) {
        public boolean hasSpread() {
            return logVar != null;
        }

        public int latent() {
            return mu.length;
        }

        public int drawCount() {
            return draws.length / mu.length;
        }

        public float draw(int i, int d) {
            return draws[i * mu.length + d];
        }

        /** The posterior's standard deviation along dimension d. */
        public double sigma(int d) {
            return Math.exp(logVar[d] / 2.0);
        }
    }

    private record Query(ImageSet set, int index, DecodeMode mode, long seed) {
    }

    private final ModelSession session;
    private final Notifier notifier;
    private final ObservableValue<DecodeMode> mode;
    private final ObservableValue<LatentSlice> slice;
    private final ReadOnlyIntegerWrapper picked = new ReadOnlyIntegerWrapper(this, "picked", NONE);
    private final ReadOnlyObjectWrapper<Inspection> inspection = new ReadOnlyObjectWrapper<>(this, "inspection");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper(this, "explanation", "");
    private final LatentSpaceWorker.Latest<Query, Inspection> job;
    /** How often the current pick's draws were drawn again: part of their seed. */
    private long redraws;

    /**
     * @param mode  how the grid decodes: the reconstruction and the draws' images follow it
     * @param slice the grid's plane: the ellipses and the numbers shown are along its two dimensions
     */
    public InspectViewModel(ModelSession session, Notifier notifier, ObservableValue<DecodeMode> mode,
            ObservableValue<LatentSlice> slice) {
        this.session = session;
        this.notifier = notifier;
        this.mode = mode;
        this.slice = slice;
        this.job = session.worker().latest(space -> q -> inspect(space, q));
        session.shownProperty().addListener((o, a, b) -> clear());
        session.dataProperty().addListener((o, a, b) -> clear());
        session.weightsProperty().addListener((o, a, b) -> request());
        mode.addListener((o, a, b) -> request());
        slice.addListener((o, a, b) -> describe());
        inspection.addListener((o, a, b) -> describe());
    }

    /** The index of the picked test image, or {@link #NONE}. */
    public ReadOnlyIntegerProperty pickedProperty() {
        return picked.getReadOnlyProperty();
    }

    /** What was found for the pick; null while none is picked, and until its first answer. */
    public ReadOnlyObjectProperty<Inspection> inspectionProperty() {
        return inspection.getReadOnlyProperty();
    }

    /** The picked image's label and its mu and sigma along the plane's dimensions, in words. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What the ellipses (or their absence) mean for the kind of the model on screen; empty without a pick. */
    public ReadOnlyStringProperty explanationProperty() {
        return explanation.getReadOnlyProperty();
    }

    /** Picks test image index (of the current dataset's test set) and encodes it. */
    public void pick(int index) {
        DataSplit data = session.dataProperty().get();
        if (session.model() == null || data == null || index < 0 || index >= data.test().count()) {
            return;
        }
        if (index != picked.get()) {
            inspection.set(null);
        }
        redraws = 0;
        picked.set(index);
        request();
    }

    /** New draws from the same posterior. */
    public void drawAgain() {
        if (picked.get() != NONE) {
            redraws++;
            request();
        }
    }

    /** Drops the pick. */
    public void clear() {
        picked.set(NONE);
        inspection.set(null);
    }

    /** The posterior's ellipses in the grid's plane; none without a pick or for a code without spread. */
    public List<PosteriorEllipse> ellipses() {
        Inspection i = inspection.get();
        LatentSlice plane = slice.getValue();
        // A plane of another model's latent space (the grid changes it before the pick is dropped).
        return i == null || plane.latent() != i.latent() ? List.of() : PosteriorEllipse.around(i.mu(), i.logVar(), plane);
    }

    /**
     * Draws count points z = mu + exp(logVar / 2) * eps, eps ~ N(0, I), from the posterior of one
     * image: z[i * k + d]. The same seed gives the same draws.
     */
    public static float[] draw(float[] mu, float[] logVar, int count, long seed) {
        int k = mu.length;
        SplittableRandom rng = new SplittableRandom(seed);
        float[] z = new float[count * k];
        for (int i = 0; i < count; i++) {
            for (int d = 0; d < k; d++) {
                double eps = rng.nextGaussian();
                z[i * k + d] = (float) (mu[d] + Math.exp(logVar[d] / 2.0) * eps);
            }
        }
        return z;
    }

    private void request() {
        DataSplit data = session.dataProperty().get();
        int index = picked.get();
        if (index == NONE || data == null) {
            return;
        }
        long seed = 0x9E3779B97F4A7C15L * (index + 1) + redraws;
        job.request(new Query(data.test(), index, mode.getValue(), seed), found -> {
            // An answer for a pick since replaced or dropped is not shown.
            if (found.index() == picked.get()) {
                inspection.set(found);
            }
        }, notifier.statusOnError("Could not encode the picked test image"));
    }

    /** On the decode lane. */
    private static Inspection inspect(LatentSpace space, Query q) {
        ImageSet set = q.set();
        int i = q.index();
        LatentSpace.Posterior p = space.posterior(set, i);
        float[] original = new float[set.imageSize()];
        set.copyScaled(i, original, 0);
        float[] reconstruction = space.decode(p.mu(), q.mode());
        float[] z = new float[0];
        float[] images = new float[0];
        if (p.logVar() != null) {
            z = draw(p.mu(), p.logVar(), DRAWS, q.seed());
            images = space.decode(z, DRAWS, q.mode());
        }
        return new Inspection(i, set.hasLabels() ? set.label(i) : -1, set.rows(), set.cols(), original, p.mu(),
                p.logVar(), reconstruction, z, images);
    }

    private void describe() {
        Inspection i = inspection.get();
        CurrentModel m = session.model();
        if (i == null || m == null || slice.getValue().latent() != i.latent()) {
            summary.set("");
            explanation.set("");
            return;
        }
        LatentSlice plane = slice.getValue();
        StringBuilder b = new StringBuilder("Test image ").append(i.index() + 1);
        if (i.label() >= 0) {
            String dataset = m.dataset() == null ? "" : m.dataset();
            b.append(", label ").append(ClassNames.of(dataset, i.label() + 1).get(i.label()));
        }
        for (int d : new int[] {plane.dimX(), plane.dimY()}) {
            b.append(i.hasSpread()
                    ? String.format(Locale.ROOT, "\nz%d: \u03bc = %.2f, \u03c3 = %.3f", d + 1, i.mu()[d], i.sigma(d))
                    : String.format(Locale.ROOT, "\nz%d = %.2f", d + 1, i.mu()[d]));
        }
        if (i.latent() > 2) {
            b.append("\n(the plane's two of ").append(i.latent()).append(" dimensions)");
        }
        summary.set(b.toString());
        explanation.set(explain(m.config().kind()));
    }

    /** What the pick shows for a kind, in one or two sentences. */
    static String explain(ModelKind kind) {
        String a = kind.aTitle();
        String kindInSentence = Character.toUpperCase(a.charAt(0)) + a.substring(1);
        return switch (kind.code()) {
            case POINT -> kindInSentence + " maps this image to a single point: there is no spread, so nothing"
                    + " around it is trained to decode to anything.";
            case UNIT_NOISE -> kindInSentence + " adds noise N(0, I) to this image's code: the ellipses, which hold"
                    + " 39% and 86% of its draws in this plane, are the same for every image, not learned.";
            case GAUSSIAN -> "q(z|x) is learned for this image: in this plane its ellipses at 1\u03c3 and 2\u03c3 hold"
                    + " 39% and 86% of its draws, and the decoder is trained to turn each draw back into this image.";
        };
    }
}
