package org.latentexplorer.ui;

import java.util.ArrayList;
import java.util.List;

import org.latentexplorer.model.TrainingHistory;
import org.latentexplorer.train.LossCurve;

/**
 * What the loss charts plot, against training progress in epochs (1.5 = half-way through the
 * second epoch): the reconstruction term and the KL per iteration, smoothed and bounded in size;
 * both on the test set after each epoch; and beta, as steps, so a change of beta lines up with the
 * change it causes in the curves. Not thread-safe: the UI thread owns it.
 */
public final class TrainingCurves {
    /** Points per smoothed curve: enough for a smooth line, few enough to redraw in a millisecond. */
    public static final int MAX_POINTS = 400;
    static final double SMOOTHING = 0.9;

    /** A point of a per-epoch series. */
    public record Point(double x, double y) {
    }

    private final LossCurve recon = new LossCurve(MAX_POINTS, SMOOTHING);
    private final LossCurve kl = new LossCurve(MAX_POINTS, SMOOTHING);
    private final List<Point> testRecon = new ArrayList<>();
    private final List<Point> testKl = new ArrayList<>();
    private final List<Point> beta = new ArrayList<>();
    private long version;
    /** The last epoch the current training will reach, or 0. */
    private double plannedEnd;

    public LossCurve recon() {
        return recon;
    }

    public LossCurve kl() {
        return kl;
    }

    public List<Point> testRecon() {
        return List.copyOf(testRecon);
    }

    public List<Point> testKl() {
        return List.copyOf(testKl);
    }

    /** Beta as a step line: one point where each value starts, and one at the latest x. */
    public List<Point> weight() {
        return List.copyOf(beta);
    }

    /** Changes whenever anything plotted changes. */
    public long version() {
        return version + recon.version() + kl.version();
    }

    /**
     * Where the epoch axis ends: the last epoch plotted, or the last one the running training
     * will reach, whichever is later (at least 1), so the axis does not rescale as it runs.
     */
    public double epochSpan() {
        double end = Math.max(1, plannedEnd);
        if (recon.size() > 0) {
            end = Math.max(end, recon.x(recon.size() - 1));
        }
        for (List<Point> ps : List.of(testRecon, testKl, beta)) {
            if (!ps.isEmpty()) {
                end = Math.max(end, ps.get(ps.size() - 1).x());
            }
        }
        return end;
    }

    /** The running training ends at this epoch (0 when none runs). */
    void planEnd(double epoch) {
        if (plannedEnd != epoch) {
            plannedEnd = epoch;
            version++;
        }
    }

    void clear() {
        plannedEnd = 0;
        recon.clear();
        kl.clear();
        testRecon.clear();
        testKl.clear();
        beta.clear();
        version++;
    }

    /** Plots a model's past epochs (e.g. of a model just opened), at x = epoch number. */
    void showHistory(TrainingHistory history) {
        clear();
        for (TrainingHistory.Epoch e : history.epochs()) {
            testRecon.add(new Point(e.epoch(), e.testRecon()));
            if (!Double.isNaN(e.testPenalty())) {
                testKl.add(new Point(e.epoch(), e.testPenalty()));
            }
            if (!Double.isNaN(e.weight())) {
                addBeta(e.epoch() - 1, e.weight());
                addBeta(e.epoch(), e.weight());
            }
        }
    }

    void addIteration(double x, double reconValue, double klValue, double betaValue) {
        recon.add(x, reconValue);
        // A kind without a penalty reports NaN for it: nothing to plot, rather than a zero.
        if (!Double.isNaN(klValue)) {
            kl.add(x, klValue);
        }
        if (!Double.isNaN(betaValue)) {
            addBeta(x, betaValue);
        }
    }

    void addEpoch(double x, double testReconValue, double testKlValue) {
        testRecon.add(new Point(x, testReconValue));
        if (!Double.isNaN(testKlValue)) {
            testKl.add(new Point(x, testKlValue));
        }
        version++;
    }

    private void addBeta(double x, double value) {
        int n = beta.size();
        if (n >= 2 && beta.get(n - 1).y() == value && beta.get(n - 2).y() == value) {
            // Extend the current step instead of adding a point per iteration.
            if (beta.get(n - 1).x() != x) {
                beta.set(n - 1, new Point(x, value));
                version++;
            }
            return;
        }
        if (n >= 1 && beta.get(n - 1).y() != value) {
            // A vertical edge: the old value up to x, the new from x.
            beta.add(new Point(x, beta.get(n - 1).y()));
        }
        beta.add(new Point(x, value));
        version++;
    }
}
