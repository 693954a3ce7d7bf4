package org.latentexplorer.ui.training;

import java.util.ArrayList;
import java.util.List;

import org.latentexplorer.model.Knob;
import org.latentexplorer.model.ModelKind;
import org.latentexplorer.train.LossCurve;

/**
 * Trainings of this window whose curves have made way for another's (a new training, or another
 * model opened): the loss charts keep them, faded and labelled with their kind and weight, until
 * cleared, so that runs at another beta can be held against the current one. The newest few are
 * kept. Not thread-safe: the UI thread owns it.
 */
public final class EarlierRuns {
    /** More faded curves than this are a tangle, and their labels would not fit beside the charts. */
    public static final int MAX_RUNS = 3;

    /**
     * One earlier training's curves.
     *
     * @param number      its number among this window's trainings, from 1
     * @param label       its kind and weight, e.g. "VAE, \u03b2 = 1", "VAE, \u03b2 1 \u2192 3", "Autoencoder"
     * @param recon       its reconstruction term per iteration, smoothed, against epochs
     * @param reconInNats whether that is in nats (or the linear models' squared error)
     * @param penalty     its penalty term per iteration, smoothed; empty for a kind without one
     * @param penaltyKey  which penalty ("kl", "l1", "l2"), or null
     */
    public record Run(int number, String label, List<TrainingCurves.Point> recon, boolean reconInNats,
                      List<TrainingCurves.Point> penalty, String penaltyKey) {

        /** "run 2: VAE, \u03b2 = 4". */
        public String title() {
            return "run " + number + ": " + label;
        }
    }

    private final List<Run> runs = new ArrayList<>();
    private int trainings;
    private long version;

    /** The runs kept, oldest first. */
    public List<Run> runs() {
        return List.copyOf(runs);
    }

    /** Changes whenever the runs kept do. */
    public long version() {
        return version;
    }

    /**
     * What the charts' legend calls a run: its kind and weight, with its number in front when
     * another run kept has the same ("#3 VAE, \u03b2 = 1" beside "#1 VAE, \u03b2 = 1"), short
     * enough for the legend's width.
     */
    public String legendText(Run run) {
        boolean twin = runs.stream().anyMatch(r -> r != run && r.label().equals(run.label()));
        return twin ? "#" + run.number() + " " + run.label() : run.label();
    }

    /** Forgets every earlier run (the charts' Clear). */
    public void clear() {
        if (!runs.isEmpty()) {
            runs.clear();
            version++;
        }
    }

    /**
     * Keeps the curves of a training that ended (or is replaced) as an earlier run.
     *
     * @param kind        the kind it trained, with its weight as it ended
     * @param reconInNats whether its reconstruction term is in nats
     */
    void keep(ModelKind kind, boolean reconInNats, TrainingCurves curves) {
        trainings++;
        if (curves.recon().size() == 0) {
            return;
        }
        runs.add(new Run(trainings, label(kind, curves.weight()), points(curves.recon()), reconInNats,
                points(curves.penalty()), kind.penalty().map(p -> p.key()).orElse(null)));
        while (runs.size() > MAX_RUNS) {
            runs.remove(0);
        }
        version++;
    }

    /** The kind and the weight it trained with: "VAE, \u03b2 = 1", or "VAE, \u03b2 1 \u2192 3" when it changed. */
    static String label(ModelKind kind, List<TrainingCurves.Point> weight) {
        if (kind.penalty().isEmpty() || weight.isEmpty()) {
            return kind.describe();
        }
        String symbol = kind.knobs().stream().filter(k -> k.key().equals(kind.penalty().get().weight()))
                .map(Knob::symbol).findFirst().orElse("weight");
        double first = weight.get(0).y();
        double last = weight.get(weight.size() - 1).y();
        return kind.title() + ", " + symbol + (first == last ? " = " + ModelKind.format(first)
                : " " + ModelKind.format(first) + " \u2192 " + ModelKind.format(last));
    }

    private static List<TrainingCurves.Point> points(LossCurve c) {
        List<TrainingCurves.Point> out = new ArrayList<>(c.size());
        for (int i = 0; i < c.size(); i++) {
            out.add(new TrainingCurves.Point(c.x(i), c.y(i)));
        }
        return List.copyOf(out);
    }
}
