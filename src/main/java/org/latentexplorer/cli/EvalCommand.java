package org.latentexplorer.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.latentexplorer.data.DataSplit;
import org.latentexplorer.data.ImageSet;
import org.latentexplorer.model.ModelKind;
import org.latentexplorer.model.PrincipalAngles;
import org.latentexplorer.model.SavedModel;
import org.latentexplorer.model.Network;
import org.latentexplorer.train.Evaluation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measure a saved model on a dataset's test images: its reconstruction term, its penalty"
                + " (KL, L1, L2) where it has one, and for a VAE the negative ELBO and an importance-sampled"
                + " estimate of -log p(x).")
final class EvalCommand extends OutputCommand {

    @Mixin
    ModelOnData in;

    @Option(names = "--iwae", paramLabel = "K",
            description = "importance samples per image for -log p(x), VAE only; 0 skips it (default 100 for a VAE)")
    Integer iwae;

    @Option(names = "--limit", paramLabel = "N", description = "use the first N test images only")
    Integer limit;


    @Override
    void run(Output o) throws Exception {
        if (iwae != null && (iwae < 0 || iwae > 100_000)) {
            throw new IllegalArgumentException("--iwae must be between 0 and 100000, not " + iwae);
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, not " + limit);
        }
        SavedModel saved = in.read();
        ModelKind kind = saved.config().kind();
        if (iwae != null && iwae > 0 && !kind.hasPrior()) {
            throw new IllegalArgumentException(in.model + " is " + kind.aTitle() + ": it has no prior p(z) and posterior"
                    + " q(z|x), so -log p(x) cannot be estimated by importance sampling; drop --iwae");
        }
        int samples = iwae != null ? iwae : kind.hasPrior() ? 100 : 0;
        Network network = Network.from(saved);
        DataSplit split = in.load(saved);
        ImageSet test = limit == null ? split.test() : split.test().first(limit);
        o.progress(String.format("evaluating %s (%s) on %,d test images of %s", in.model, saved.config().describe(),
                test.count(), split.name()));
        Evaluation.Terms t = Evaluation.terms(network, test);
        Double nll = samples > 0 ? Evaluation.iwae(network, test, samples) : null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", in.model.toString());
        m.put("kind", kind.id());
        m.put("data", split.name());
        m.put("images", test.count());
        m.putAll(Figures.test(kind, t));
        if (nll != null) {
            m.put("iwae_k", samples);
            m.put("iwae_nll", Output.round(nll, 3));
        }
        double[] angles = kind.linear() ? PrincipalAngles.toPca(network, split.train()) : null;
        if (angles != null) {
            m.put("principal_angles_to_pca_deg", roundAll(angles));
        }
        String units = saved.config().likelihood().inNats() ? "nats per image" : "per image (squared error)";
        o.result(m, String.format("test %s %s%s%s", Figures.testText(kind, t), units,
                nll == null ? "" : String.format("; -log p(x) %.2f (IWAE, K = %d)", nll, samples),
                angles == null ? "" : "; principal angles to PCA of the training set " + java.util.Arrays.toString(roundAll(angles))
                        + " degrees"));
    }

    private static double[] roundAll(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.round(v[i] * 1000) / 1000.0;
        }
        return r;
    }
}
