package org.latentexplorer.ui.training;

import java.util.ArrayList;
import java.util.List;

import org.latentexplorer.model.TrainingHistory;
import org.latentexplorer.train.LossCurve;

/**
 * What the loss charts plot, against training progress in epochs (1.5 = half-way through the
 * second epoch): the reconstruction term and the kind's penalty (the KL of a VAE, the L1 or L2 norm
 * of the code) per iteration, smoothed and bounded in size; both on the test set after each epoch;
 * and the penalty's weight (beta, lambda), as steps, so a change of beta lines up with the change it
 * causes in the curves. Not thread-safe: the UI thread owns it.
 */
public final class TrainingCurves {
    /** Points per smoothed curve: enough for a smooth line, few enough to redraw in a millisecond. */
    public static final int MAX_POINTS = 400;
    static final double SMOOTHING = 0.9;

    /** A point of a per-epoch series. */
    public record Point(double x, double y) {
    }

    private final LossCurve recon = new LossCurve(MAX_POINTS, SMOOTHING);
    private final LossCurve penalty = new LossCurve(MAX_POINTS, SMOOTHING);
    private final List<Point> testRecon = new ArrayList<>();
    private final List<Point> testPenalty = new ArrayList<>();
    private final List<Point> weight = new ArrayList<>();
    private long version;
    /** The last epoch the current training will reach, or 0. */
    private double plannedEnd;

    public LossCurve recon() {
        return recon;
    }

    public LossCurve penalty() {
        return penalty;
    }

    public List<Point> testRecon() {
        return List.copyOf(testRecon);
    }

    public List<Point> testPenalty() {
        return List.copyOf(testPenalty);
    }

    /** The weight as a step line: one point where each value starts, and one at the latest x. */
    public List<Point> weight() {
        return List.copyOf(weight);
    }

    /** Changes whenever anything plotted changes. */
    public long version() {
        return version + recon.version() + penalty.version();
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
        for (List<Point> ps : List.of(testRecon, testPenalty, weight)) {
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
        penalty.clear();
        testRecon.clear();
        testPenalty.clear();
        weight.clear();
        version++;
    }

    /** Plots a model's past epochs (e.g. of a model just opened), at x = epoch number. */
    void showHistory(TrainingHistory history) {
        clear();
        for (TrainingHistory.Epoch e : history.epochs()) {
            testRecon.add(new Point(e.epoch(), e.testRecon()));
            if (!Double.isNaN(e.testPenalty())) {
                testPenalty.add(new Point(e.epoch(), e.testPenalty()));
            }
            if (!Double.isNaN(e.weight())) {
                addWeight(e.epoch() - 1, e.weight());
                addWeight(e.epoch(), e.weight());
            }
        }
    }

    void addIteration(double x, double reconValue, double penaltyValue, double weightValue) {
        recon.add(x, reconValue);
        // A kind without a penalty reports NaN for it: nothing to plot, rather than a zero.
        if (!Double.isNaN(penaltyValue)) {
            penalty.add(x, penaltyValue);
        }
        if (!Double.isNaN(weightValue)) {
            addWeight(x, weightValue);
        }
    }

    void addEpoch(double x, double testReconValue, double testPenaltyValue) {
        testRecon.add(new Point(x, testReconValue));
        if (!Double.isNaN(testPenaltyValue)) {
            testPenalty.add(new Point(x, testPenaltyValue));
        }
        version++;
    }

    private void addWeight(double x, double value) {
        int n = weight.size();
        if (n >= 2 && weight.get(n - 1).y() == value && weight.get(n - 2).y() == value) {
            // Extend the current step instead of adding a point per iteration.
            if (weight.get(n - 1).x() != x) {
                weight.set(n - 1, new Point(x, value));
                version++;
            }
            return;
        }
        if (n >= 1 && weight.get(n - 1).y() != value) {
            // A vertical edge: the old value up to x, the new from x.
            weight.add(new Point(x, weight.get(n - 1).y()));
        }
        weight.add(new Point(x, value));
        version++;
    }
}
