package org.latentexplorer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.latentexplorer.data.DataSplit;
import org.latentexplorer.data.Datasets;
import org.latentexplorer.model.Bernoulli;
import org.latentexplorer.model.Gaussian;
import org.latentexplorer.model.Likelihood;
import org.latentexplorer.model.ModelFile;
import org.latentexplorer.model.ModelFiles;
import org.latentexplorer.model.ModelKind;
import org.latentexplorer.model.ModelKinds;
import org.latentexplorer.model.SquaredError;
import org.latentexplorer.model.SavedModel;
import org.latentexplorer.model.TrainingHistory;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.runtime.ProcessStats;
import org.latentexplorer.train.TrainingDivergedException;
import org.latentexplorer.train.TrainingListener;
import org.latentexplorer.train.TrainingRun;
import org.latentexplorer.train.TrainingSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model (a beta-VAE by default, or another kind of autoencoder, or fit PCA) and save it."
                + " The model file is rewritten after every epoch, and on Ctrl-C the weights of the last finished"
                + " iteration are saved before exiting.")
final class TrainCommand extends OutputCommand {

    @Option(names = "--data", required = true, paramLabel = "D",
            description = "mnist, fashion-mnist, fashion-mnist-full, or a folder of IDX files or images")
    String data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to save the model")
    Path out;

    @Option(names = "--epochs", defaultValue = "10", description = "passes over the training set (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--kind", defaultValue = "vae", paramLabel = "KIND",
            description = "vae, ae, sparse-ae, denoising-ae, probabilistic-ae, linear-ae or pca (default ${DEFAULT-VALUE})")
    String kind;

    @Option(names = "--beta", paramLabel = "B", description = "vae: weight of the KL term; 0 allowed (default 1)")
    Double beta;

    @Option(names = "--lambda", paramLabel = "L",
            description = "sparse-ae: weight of the L1 penalty (default 1); probabilistic-ae: weight of the L2 penalty"
                    + " (default 0, the unregularised one)")
    Double lambda;

    @Option(names = "--noise", paramLabel = "S",
            description = "denoising-ae: standard deviation of the input noise (default 0.5)")
    Double noise;

    @Option(names = "--latent", defaultValue = "2", paramLabel = "K", description = "latent dimensions (default ${DEFAULT-VALUE})")
    int latent;

    @Option(names = "--batch", defaultValue = "128", description = "images per iteration (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--seed", defaultValue = "1", description = "random seed; the same seed repeats the run (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "EPOCHS",
            description = "KL warm-up: beta grows linearly from 0 over this many epochs (default ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--hidden", split = ",", paramLabel = "W",
            description = "encoder hidden widths; the decoder mirrors them (default 512,256; linear kinds have none)")
    List<Integer> hidden;

    @Option(names = "--likelihood", description = "decoder distribution: bernoulli or gaussian (default bernoulli;"
            + " linear kinds use squared error)")
    String likelihood;

    @Option(names = "--sigma", defaultValue = "0.1",
            description = "fixed sigma of the Gaussian decoder (default ${DEFAULT-VALUE})")
    double sigma;

    @Option(names = "--limit", paramLabel = "N", description = "train on the first N training images only")
    Integer limit;

    @Option(names = "--force", description = "overwrite --out if it already exists")
    boolean force;

    @Option(names = "--no-optimizer-state",
            description = "save the weights and history without Adam's state: a third of the size, for sharing;"
                    + " continuing such a model starts Adam afresh")
    boolean noOptimizerState;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "continue training a saved model: its shape, weights, Adam state and history come from"
                    + " FILE (--kind, --latent, --hidden, --likelihood and --sigma are then ignored; --beta, --lambda"
                    + " and --noise change its hyper-parameters);"
                    + " --out may be FILE itself")
    Path resume;


    @Override
    void run(Output o) throws Exception {
        TrainingSettings settings = new TrainingSettings(epochs, batch, lr, seed, warmup);
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, not " + limit);
        }
        SavedModel from = resume == null ? null : ModelFiles.read(resume);
        ModelKind modelKind = withKnobs(from != null ? from.config().kind() : ModelKinds.byId(kind));
        if (warmup > 0 && modelKind.penalty().isEmpty()) {
            throw new IllegalArgumentException("--warmup raises a penalty's weight, and " + modelKind.aTitle()
                    + " has no penalty term");
        }
        // Only our own format is continued in place: an imported file is not replaced without --force.
        boolean continuesInPlace = from != null && Files.exists(out) && Files.isSameFile(resume, out)
                && ModelFiles.format(resume) == ModelFiles.Format.LATENT_EXPLORER;
        ModelPaths.checkWritable(out, force || continuesInPlace);
        DataSplit split = from == null ? Datasets.load(data)
                : Datasets.load(data, from.config().rows(), from.config().cols());
        var trainSet = limit == null ? split.train() : split.train().first(limit);
        ModelConfig config = from != null ? from.config().withKind(modelKind)
                : ModelConfig.of(modelKind, trainSet.rows(), trainSet.cols(), networkHidden(modelKind), latent,
                        likelihood(modelKind));
        Network vae = from != null ? new Network(config, from.params()) : new Network(config, seed);
        TrainingHistory history = from != null ? from.history() : new TrainingHistory();
        int lastEpoch = history.size() + (modelKind.fitted() ? 1 : epochs);
        o.progress(String.format("%s %s on %s: %,d training and %,d test images, %s", from == null
                        ? (modelKind.fitted() ? "fitting" : "training") : "continuing " + resume + ",",
                config.describe(), split.name(), trainSet.count(), split.test().count(), modelKind.fitted()
                        ? "in closed form (--epochs does not apply)"
                        : "epochs " + (history.size() + 1) + " to " + lastEpoch));

        TrainingRun run = new TrainingRun(vae, trainSet, split.test(), settings,
                from == null ? null : from.optimizer(), history);
        Map<String, String> info = new LinkedHashMap<>(from == null ? Map.of() : from.info());
        info.put("dataset", split.name());
        info.put("train_images", Integer.toString(trainSet.count()));
        info.put("seed", Long.toString(seed));
        info.remove("beta");   // version 1 kept beta here; the kind holds it now
        info.putIfAbsent("created", Instant.now().toString());
        if (from != null) {
            info.put("resumed", Instant.now().toString());
        }

        CountDownLatch saved = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            run.cancel();
            try {
                saved.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "save-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        long start = System.nanoTime();
        TrainingRun.Result result;
        try {
            try {
                result = run.run(new TrainingListener() {
                    @Override
                    public void onEpoch(TrainingHistory.Epoch e) {
                        save(run, info, out);
                        o.result(Figures.epoch(modelKind, e), String.format("epoch %d/%d  %.1f s  %s | %,.0f images/s",
                                e.epoch(), lastEpoch, e.seconds(), Figures.epochText(modelKind, e), e.samplesPerSecond()));
                    }
                });
            } catch (TrainingDivergedException diverged) {
                save(run, info, out);   // the weights before the failed step
                throw diverged;
            }
            if (result.outcome() == TrainingRun.Outcome.CANCELLED) {
                save(run, info, out);
                stderr().printf("interrupted: saved the weights after iteration %,d (%d finished epochs) to %s%n",
                        run.iterations(), history.size(), out);
                stderr().flush();
            }
        } finally {
            saved.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Already exiting: the hook is running and the model is saved.
        }
        List<TrainingHistory.Epoch> epochsDone = history.epochs();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("summary", true);
        s.put("outcome", result.outcome().name().toLowerCase());
        s.put("kind", modelKind.id());
        s.put("epochs", epochsDone.size());
        s.put("iterations", result.iterations());
        s.put("seconds", Output.round((System.nanoTime() - start) / 1e9, 3));
        TrainingHistory.Epoch last = epochsDone.isEmpty() ? null : epochsDone.get(epochsDone.size() - 1);
        if (last != null) {
            Map<String, Object> fields = Figures.epoch(modelKind, last);
            fields.forEach((k, v) -> {
                if (k.startsWith("test_")) {
                    s.put(k, v);
                }
            });
        }
        s.put("seconds_per_epoch_median", Output.round(medianSeconds(epochsDone), 3));
        s.put("peak_rss_mb", Output.round(ProcessStats.peakRssMb(), 1));
        s.put("model", out.toString());
        o.result(s, String.format("saved %s (%s); peak memory %.0f MB", out,
                last == null ? "no finished epoch" : "test " + Figures.testText(modelKind,
                        new org.latentexplorer.train.Evaluation.Terms(last.testRecon(), last.testPenalty())),
                ProcessStats.peakRssMb()));
    }

    /** The kind with the hyper-parameters given on the command line; one that does not apply is an error. */
    private ModelKind withKnobs(ModelKind k) {
        Map<String, Double> given = new LinkedHashMap<>();
        given.put("beta", beta);
        given.put("lambda", lambda);
        given.put("noise", noise);
        for (Map.Entry<String, Double> e : given.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            boolean known = k.knobs().stream().anyMatch(knob -> knob.key().equals(e.getKey()));
            if (!known) {
                throw new IllegalArgumentException("--" + e.getKey() + " does not apply to " + k.aTitle()
                        + (k.knobs().isEmpty() ? ", which has no hyper-parameters"
                        : "; its hyper-parameters are " + k.knobs().stream().map(x -> "--" + x.key()).toList()));
            }
            k = k.with(e.getKey(), e.getValue());
        }
        return k;
    }

    private List<Integer> networkHidden(ModelKind k) {
        if (k.linear()) {
            if (hidden != null && !hidden.isEmpty()) {
                throw new IllegalArgumentException(k.aTitle() + " is linear: it has no hidden layers, so --hidden"
                        + " does not apply");
            }
            return List.of();
        }
        return hidden == null ? ModelConfig.STANDARD_HIDDEN : hidden;
    }

    private Likelihood likelihood(ModelKind k) {
        if (k.linear()) {
            if (likelihood != null) {
                throw new IllegalArgumentException(k.aTitle() + " is measured by squared error, so --likelihood"
                        + " does not apply");
            }
            return SquaredError.INSTANCE;
        }
        String name = likelihood == null ? "bernoulli" : likelihood.toLowerCase(java.util.Locale.ROOT);
        return switch (name) {
            case "bernoulli" -> Bernoulli.INSTANCE;
            case "gaussian" -> new Gaussian(sigma);
            default -> throw new IllegalArgumentException("--likelihood must be bernoulli or gaussian, not " + likelihood);
        };
    }

    private void save(TrainingRun run, Map<String, String> info, Path out) {
        try {
            SavedModel m = run.checkpoint(info);
            ModelFile.write(out, noOptimizerState ? new SavedModel(m.config(), m.params(), null, m.history(), m.info()) : m);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(out + ": could not save the model: " + e.getMessage(), e);
        }
    }

    private static double medianSeconds(List<TrainingHistory.Epoch> epochs) {
        if (epochs.isEmpty()) {
            return Double.NaN;
        }
        double[] s = epochs.stream().mapToDouble(TrainingHistory.Epoch::seconds).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
