package org.latentexplorer.ui.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.latentexplorer.model.TrainingHistory;
import org.latentexplorer.ui.session.CurrentModel;

/**
 * What the rate-distortion chart plots: rate = the KL to the prior, distortion = the reconstruction
 * term, both on the test set in nats per image. The epochs of the window's model (of its running
 * training while one runs) are a path; every open model with a prior is a point at its last
 * epoch. A model without a prior has no rate: it is named as not plotted, never drawn at a KL of 0.
 * Toolkit-free.
 */
public final class RateDistortion {
    private RateDistortion() {
    }

    /** One (rate, distortion) pair: a model, or one epoch of the path. */
    public record Point(double rate, double distortion, String label) {
    }

    /**
     * @param path       the window model's epochs, in order; empty when its kind has no KL
     * @param pathLabel  what the path is ("this training, per epoch", "mnist-vae.lvae, per epoch")
     * @param models     one point per open model with a prior, labelled with its title and kind
     * @param notPlotted the titles of open models without a prior
     */
    public record Picture(List<Point> path, String pathLabel, List<Point> models, List<String> notPlotted) {
    }

    /** A model's point, from the last epoch its history records; null for a kind without a prior or no history. */
    public static Point of(CurrentModel m) {
        if (!m.config().kind().hasPrior()) {
            return null;
        }
        List<TrainingHistory.Epoch> epochs = m.history().epochs();
        if (epochs.isEmpty()) {
            return null;
        }
        TrainingHistory.Epoch last = epochs.get(epochs.size() - 1);
        return new Point(last.testPenalty(), last.testRecon(),
                m.title().replaceFirst("\\.lvae$", "") + " \u00b7 " + m.config().kind().describe());
    }

    /**
     * The picture of the window's model (training while a training runs; its epochs come from the
     * curves, which follow it) and of the other open models (e.g. those compared).
     */
    public static Picture of(CurrentModel window, boolean training, TrainingCurves curves, List<CurrentModel> others) {
        List<Point> path = new ArrayList<>();
        String pathLabel = "";
        if (window != null && window.liveConfig().kind().hasPrior()) {
            Map<Double, Double> kl = new HashMap<>();
            for (TrainingCurves.Point p : curves.testPenalty()) {
                kl.put(p.x(), p.y());
            }
            for (TrainingCurves.Point p : curves.testRecon()) {
                Double rate = kl.get(p.x());
                if (rate != null) {
                    path.add(new Point(rate, p.y(), "epoch " + Math.round(p.x())));
                }
            }
            pathLabel = training ? "this training, per epoch" : window.title() + ", per epoch";
        }
        List<Point> models = new ArrayList<>();
        List<String> notPlotted = new ArrayList<>();
        List<CurrentModel> all = new ArrayList<>();
        if (window != null && !training) {
            all.add(window);
        }
        all.addAll(others);
        for (CurrentModel m : all) {
            Point p = of(m);
            if (p != null) {
                if (!models.contains(p)) {
                    models.add(p);
                }
            } else if (!m.config().kind().hasPrior() && !notPlotted.contains(m.title())) {
                notPlotted.add(m.title());
            }
        }
        return new Picture(List.copyOf(path), pathLabel, List.copyOf(models), List.copyOf(notPlotted));
    }
    /**
     * The colours of the models' points, kept by each model while it stays in the picture: the
     * window's model leaves the picture while it trains (its path stands for it) and comes back
     * after, and by position in the list the compared models' points then changed colour. A model
     * new to the picture takes the lowest colour no shown model has. Not thread-safe.
     */
    public static final class Colours {
        private final Map<String, Integer> byLabel = new HashMap<>();

        /** The colour (0, 1, 2, ...) of each of these models' points, in their order. */
        public List<Integer> of(List<Point> models) {
            List<String> labels = models.stream().map(Point::label).toList();
            byLabel.keySet().retainAll(labels);
            List<Integer> out = new ArrayList<>(labels.size());
            for (String label : labels) {
                out.add(byLabel.computeIfAbsent(label, l -> {
                    int free = 0;
                    while (byLabel.containsValue(free)) {
                        free++;
                    }
                    return free;
                }));
            }
            return out;
        }
    }
}
