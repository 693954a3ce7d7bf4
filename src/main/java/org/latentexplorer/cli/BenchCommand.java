package org.latentexplorer.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.latentexplorer.data.DataSplit;
import org.latentexplorer.data.Datasets;
import org.latentexplorer.explore.LatentGrid;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.NetworkBatch;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.runtime.ProcessStats;
import org.latentexplorer.train.TrainingListener;
import org.latentexplorer.train.TrainingRun;
import org.latentexplorer.train.TrainingSettings;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training speed (default model, batch 128, k = 2, seed 1), the latency of "
                + "decoding a 20 x 20 and a 32 x 32 grid, the time to encode 10,000 images, and peak memory.")
final class BenchCommand extends OutputCommand {

    @Option(names = "--data", paramLabel = "D",
            description = "dataset to train on (default fashion-mnist-full when installed, else fashion-mnist)")
    String data;

    @Option(names = "--epochs", defaultValue = "1", description = "training epochs to time (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--repeats", defaultValue = "200", description = "timed calls per grid size (default ${DEFAULT-VALUE})")
    int repeats;


    @Override
    void run(Output o) throws Exception {
        if (repeats < 1 || repeats > 100_000) {
            throw new IllegalArgumentException("--repeats must be between 1 and 100000, not " + repeats);
        }
        String name = data != null ? data : Datasets.fullFashionMnistAvailable() ? "fashion-mnist-full" : "fashion-mnist";
        DataSplit split = Datasets.load(name);
        ModelConfig config = ModelConfig.standard(split.train().rows(), split.train().cols(), 2);
        Network vae = new Network(config, 1);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", split.name());
        m.put("train_images", split.train().count());
        m.put("cores", Runtime.getRuntime().availableProcessors());

        o.progress(String.format("training %d epoch(s) on %s (%,d images)...", epochs, split.name(), split.train().count()));
        TrainingRun run = new TrainingRun(vae, split.train(), split.test(), TrainingSettings.defaults(epochs, 1));
        double[] seconds = new double[epochs];
        double[] negElbo = {Double.NaN};
        run.run(new TrainingListener() {
            @Override
            public void onEpoch(org.latentexplorer.model.TrainingHistory.Epoch e) {
                seconds[e.epoch() - 1] = e.seconds();
                negElbo[0] = e.testNegElbo();
                o.progress(String.format("  epoch %d: %.2f s, test -ELBO %.2f", e.epoch(), e.seconds(), e.testNegElbo()));
            }
        });
        double epochSeconds = median(seconds);
        m.put("epochs", epochs);
        m.put("seconds_per_epoch_median", Output.round(epochSeconds, 3));
        m.put("train_samples_per_second", Output.round(split.train().count() / epochSeconds, 1));
        m.put("test_neg_elbo", Output.round(negElbo[0], 3));

        for (int steps : new int[] {20, 32}) {
            double ms = gridMillis(vae, steps, repeats);
            m.put("decode_grid" + steps + "_ms_median", Output.round(ms, 3));
            o.progress(String.format("decode %d x %d grid: %.3f ms (median of %d)", steps, steps, ms, repeats));
        }
        INDArray images = tenThousand(split);
        double encodeMs = encodeMillis(vae, images);
        m.put("encode_images", images.rows());
        m.put("encode_ms_median", Output.round(encodeMs, 3));
        m.put("peak_rss_mb", Output.round(ProcessStats.peakRssMb(), 1));
        o.result(m, String.format("train %.2f s/epoch (%,.0f images/s) | decode 20x20 %.3f ms, 32x32 %.3f ms | encode %,d"
                        + " images %.1f ms | peak memory %.0f MB", epochSeconds, split.train().count() / epochSeconds,
                m.get("decode_grid20_ms_median"), m.get("decode_grid32_ms_median"), images.rows(), encodeMs,
                ProcessStats.peakRssMb()));
    }

    /** Time to fill the grid's latent points and decode them, into arrays reused as the window does. */
    private static double gridMillis(Network vae, int steps, int repeats) {
        LatentGrid grid = LatentGrid.square(-5, 5, steps);
        INDArray points = grid.newPointsArray(vae.config().latent());
        INDArray images = grid.newImagesArray(vae);
        for (int i = 0; i < Math.max(10, repeats / 10); i++) {
            grid.decode(vae, points, images);
        }
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            grid.decode(vae, points, images);
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        if (!images.equals(grid.decode(vae))) {
            throw new IllegalStateException("reused-array decoding differs from a fresh decode");
        }
        return median(t);
    }

    /** 10,000 images [n, D]: the test set, topped up from the training set when it is smaller. */
    private static INDArray tenThousand(DataSplit split) {
        int fromTest = Math.min(10_000, split.test().count());
        int fromTrain = Math.min(10_000 - fromTest, split.train().count());
        INDArray test = NetworkBatch.pixels(split.test(), 0, fromTest);
        return fromTrain == 0 ? test : Nd4j.vstack(test, NetworkBatch.pixels(split.train(), 0, fromTrain));
    }

    private static double encodeMillis(Network vae, INDArray x) {
        double[] t = new double[7];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            vae.encode(x);
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        return median(Arrays.copyOfRange(t, 2, t.length));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
