package org.latentexplorer.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.latentexplorer.model.ModelKind;
import org.latentexplorer.model.Penalty;
import org.latentexplorer.model.TrainingHistory;
import org.latentexplorer.train.Evaluation;

/**
 * A model's figures as the command line reports them: only what means something for its kind.
 * Every kind has its reconstruction term; a kind with a penalty adds it under its own name
 * ("kl", "l1", "l2") and its weight ("beta", "lambda"); only a VAE has a negative ELBO.
 */
final class Figures {
    private Figures() {
    }

    /** The JSON fields of one finished epoch. */
    static Map<String, Object> epoch(ModelKind kind, TrainingHistory.Epoch e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", e.epoch());
        m.put("seconds", Output.round(e.seconds(), 3));
        m.put("train_recon", Output.round(e.trainRecon(), 3));
        kind.penalty().ifPresent(p -> m.put("train_" + p.key(), Output.round(e.trainPenalty(), 3)));
        m.put("test_recon", Output.round(e.testRecon(), 3));
        kind.penalty().ifPresent(p -> m.put("test_" + p.key(), Output.round(e.testPenalty(), 3)));
        if (kind.hasPrior()) {
            m.put("test_neg_elbo", Output.round(e.testNegElbo(), 3));
        }
        m.put("samples_per_second", Output.round(e.samplesPerSecond(), 1));
        kind.penalty().ifPresent(p -> m.put(p.weight(), e.weight()));
        return m;
    }

    /** "train recon 150.2 kl 5.1 | test recon 151.0 kl 5.2 -ELBO 156.2". */
    static String epochText(ModelKind kind, TrainingHistory.Epoch e) {
        String name = kind.penalty().map(p -> " " + p.key()).orElse("");
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "train recon %.2f", e.trainRecon()));
        kind.penalty().ifPresent(p -> b.append(String.format(Locale.ROOT, "%s %.2f", name, e.trainPenalty())));
        b.append(String.format(Locale.ROOT, " | test recon %.2f", e.testRecon()));
        kind.penalty().ifPresent(p -> b.append(String.format(Locale.ROOT, "%s %.2f", name, e.testPenalty())));
        if (kind.hasPrior()) {
            b.append(String.format(Locale.ROOT, " -ELBO %.2f", e.testNegElbo()));
        }
        return b.toString();
    }

    /** The test-set fields of an evaluation. */
    static Map<String, Object> test(ModelKind kind, Evaluation.Terms t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test_recon", Output.round(t.recon(), 3));
        kind.penalty().ifPresent(p -> m.put("test_" + p.key(), Output.round(t.penalty(), 3)));
        if (kind.hasPrior()) {
            m.put("test_neg_elbo", Output.round(t.negElbo(), 3));
        }
        return m;
    }

    /** "recon 150.21  kl 5.10  -ELBO 155.31". */
    static String testText(ModelKind kind, Evaluation.Terms t) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "recon %.2f", t.recon()));
        kind.penalty().map(Penalty::key).ifPresent(k -> b.append(String.format(Locale.ROOT, "  %s %.2f", k, t.penalty())));
        if (kind.hasPrior()) {
            b.append(String.format(Locale.ROOT, "  -ELBO %.2f", t.negElbo()));
        }
        return b.toString();
    }
}
