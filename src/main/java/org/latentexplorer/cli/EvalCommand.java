package org.latentexplorer.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.latentexplorer.data.DataSplit;
import org.latentexplorer.data.Datasets;
import org.latentexplorer.data.ImageSet;
import org.latentexplorer.model.ModelFile;
import org.latentexplorer.model.SavedModel;
import org.latentexplorer.model.Network;
import org.latentexplorer.train.Evaluation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measure a saved model on a dataset's test images: reconstruction and KL terms, "
                + "negative ELBO, and an importance-sampled estimate of -log p(x).")
final class EvalCommand extends OutputCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "D",
            description = "mnist, fashion-mnist, fashion-mnist-full, or a folder of IDX files or images")
    String data;

    @Option(names = "--iwae", defaultValue = "100", paramLabel = "K",
            description = "importance samples per image for -log p(x); 0 skips it (default ${DEFAULT-VALUE})")
    int iwae;

    @Option(names = "--limit", paramLabel = "N", description = "use the first N test images only")
    Integer limit;


    @Override
    void run(Output o) throws Exception {
        if (iwae < 0 || iwae > 100_000) {
            throw new IllegalArgumentException("--iwae must be between 0 and 100000, not " + iwae);
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, not " + limit);
        }
        SavedModel saved = ModelFile.read(model);
        Network vae = Network.from(saved);
        DataSplit split = Datasets.load(data, saved.config().rows(), saved.config().cols());
        ImageSet test = limit == null ? split.test() : split.test().first(limit);
        o.progress(String.format("evaluating %s (%s) on %,d test images of %s", model, saved.config().describe(),
                test.count(), split.name()));
        Evaluation.Terms t = Evaluation.terms(vae, test);
        Double nll = iwae > 0 ? Evaluation.iwae(vae, test, iwae) : null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.toString());
        m.put("data", split.name());
        m.put("images", test.count());
        m.put("test_recon", Output.round(t.recon(), 3));
        m.put("test_kl", Output.round(t.kl(), 3));
        m.put("test_neg_elbo", Output.round(t.negElbo(), 3));
        m.put("iwae_k", iwae > 0 && nll != null ? iwae : null);
        m.put("iwae_nll", nll == null ? null : Output.round(nll, 3));
        o.result(m, String.format("test recon %.2f  kl %.2f  -ELBO %.2f  -log p(x) %s nats per image", t.recon(),
                t.kl(), t.negElbo(), nll == null ? "n/a" : String.format("%.2f (IWAE, K = %d)", nll, iwae)));
    }
}
