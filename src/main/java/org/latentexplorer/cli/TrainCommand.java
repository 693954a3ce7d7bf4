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
import org.latentexplorer.model.Likelihood;
import org.latentexplorer.model.ModelFile;
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
        description = "Train a beta-VAE and save it. The model file is rewritten after every epoch, "
                + "and on Ctrl-C the weights of the last finished iteration are saved before exiting.")
final class TrainCommand extends OutputCommand {

    @Option(names = "--data", required = true, paramLabel = "D",
            description = "mnist, fashion-mnist, fashion-mnist-full, or a folder of IDX files or images")
    String data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to save the model")
    Path out;

    @Option(names = "--epochs", defaultValue = "10", description = "passes over the training set (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--beta", defaultValue = "1", description = "weight of the KL term; 0 allowed (default ${DEFAULT-VALUE})")
    double beta;

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

    @Option(names = "--hidden", defaultValue = "512,256", split = ",", paramLabel = "W",
            description = "encoder hidden widths; the decoder mirrors them (default ${DEFAULT-VALUE})")
    List<Integer> hidden = new ArrayList<>();

    @Option(names = "--likelihood", defaultValue = "bernoulli",
            description = "decoder distribution: bernoulli or gaussian (default ${DEFAULT-VALUE})")
    String likelihood;

    @Option(names = "--sigma", defaultValue = "0.1",
            description = "fixed sigma of the Gaussian decoder (default ${DEFAULT-VALUE})")
    double sigma;

    @Option(names = "--autoencoder", description = "a plain deterministic autoencoder (z = mu, no KL), for comparison")
    boolean autoencoder;

    @Option(names = "--limit", paramLabel = "N", description = "train on the first N training images only")
    Integer limit;

    @Option(names = "--force", description = "overwrite --out if it already exists")
    boolean force;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "continue training a saved model: its shape, weights, Adam state and history come from"
                    + " FILE (--latent, --hidden, --likelihood, --sigma and --autoencoder are then ignored);"
                    + " --out may be FILE itself")
    Path resume;


    @Override
    void run(Output o) throws Exception {
        TrainingSettings settings = new TrainingSettings(epochs, batch, lr, seed, beta, warmup);
        Likelihood lik = switch (likelihood.toLowerCase()) {
            case "bernoulli" -> Likelihood.BERNOULLI;
            case "gaussian" -> Likelihood.GAUSSIAN;
            default -> throw new IllegalArgumentException("--likelihood must be bernoulli or gaussian, not " + likelihood);
        };
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, not " + limit);
        }
        SavedModel from = resume == null ? null : ModelFile.read(resume);
        boolean continuesInPlace = from != null && Files.exists(out) && Files.isSameFile(resume, out);
        ModelPaths.checkWritable(out, force || continuesInPlace);
        DataSplit split = from == null ? Datasets.load(data)
                : Datasets.load(data, from.config().rows(), from.config().cols());
        var trainSet = limit == null ? split.train() : split.train().first(limit);
        ModelConfig config = from != null ? from.config()
                : new ModelConfig(trainSet.rows(), trainSet.cols(), hidden, latent, lik, sigma, !autoencoder);
        Network vae = from != null ? Network.from(from) : new Network(config, seed);
        TrainingHistory history = from != null ? from.history() : new TrainingHistory();
        int lastEpoch = history.size() + epochs;
        o.progress(String.format("%s %s on %s: %,d training and %,d test images, epochs %d to %d, beta %s",
                from == null ? "training" : "continuing " + resume + ",", config.describe(), split.name(),
                trainSet.count(), split.test().count(), history.size() + 1, lastEpoch, beta));

        TrainingRun run = new TrainingRun(vae, trainSet, split.test(), settings,
                from == null ? null : from.optimizer(), history);
        Map<String, String> info = new LinkedHashMap<>(from == null ? Map.of() : from.info());
        info.put("dataset", split.name());
        info.put("train_images", Integer.toString(trainSet.count()));
        info.put("seed", Long.toString(seed));
        info.put("beta", Double.toString(beta));
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
                        o.result(epochFields(e), String.format("epoch %d/%d  %.1f s  train recon %.2f kl %.2f | test recon %.2f"
                                        + " kl %.2f -ELBO %.2f | %,.0f images/s", e.epoch(), lastEpoch, e.seconds(),
                                e.trainRecon(), e.trainKl(), e.testRecon(), e.testKl(), e.testNegElbo(),
                                e.samplesPerSecond()));
                    }
                });
            } catch (TrainingDivergedException diverged) {
                save(run, info, out);   // the weights before the failed step
                throw diverged;
            }
            if (result.outcome() == TrainingRun.Outcome.CANCELLED) {
                save(run, info, out);
                stderr().printf("interrupted: saved the weights after iteration %,d (%d finished epochs) to %s%n",
                        run.optimizerState().iteration(), history.size(), out);
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
        s.put("epochs", epochsDone.size());
        s.put("iterations", result.iterations());
        s.put("seconds", Output.round((System.nanoTime() - start) / 1e9, 3));
        TrainingHistory.Epoch last = epochsDone.isEmpty() ? null : epochsDone.get(epochsDone.size() - 1);
        s.put("test_recon", last == null ? null : Output.round(last.testRecon(), 3));
        s.put("test_kl", last == null ? null : Output.round(last.testKl(), 3));
        s.put("test_neg_elbo", last == null ? null : Output.round(last.testNegElbo(), 3));
        s.put("seconds_per_epoch_median", Output.round(medianSeconds(epochsDone), 3));
        s.put("peak_rss_mb", Output.round(ProcessStats.peakRssMb(), 1));
        s.put("model", out.toString());
        o.result(s, String.format("saved %s (%s); peak memory %.0f MB", out,
                last == null ? "no finished epoch" : String.format("test -ELBO %.2f", last.testNegElbo()),
                ProcessStats.peakRssMb()));
    }

    /** The JSON fields of one finished epoch. */
    static Map<String, Object> epochFields(TrainingHistory.Epoch e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", e.epoch());
        m.put("seconds", Output.round(e.seconds(), 3));
        m.put("train_recon", Output.round(e.trainRecon(), 3));
        m.put("train_kl", Output.round(e.trainKl(), 3));
        m.put("test_recon", Output.round(e.testRecon(), 3));
        m.put("test_kl", Output.round(e.testKl(), 3));
        m.put("test_neg_elbo", Output.round(e.testNegElbo(), 3));
        m.put("samples_per_second", Output.round(e.samplesPerSecond(), 1));
        m.put("beta", e.beta());
        return m;
    }

    private static void save(TrainingRun run, Map<String, String> info, Path out) {
        Network snapshot = run.snapshot();
        SavedModel m = new SavedModel(snapshot.config(), snapshot.paramsToArray(), run.optimizerState(),
                run.history().copy(), info);
        try {
            ModelFile.write(out, m);
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
