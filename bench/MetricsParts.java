import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.latentexplorer.data.DataSplit;
import org.latentexplorer.data.Datasets;
import org.latentexplorer.data.ImageSet;
import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.measure.AggregatePosterior;
import org.latentexplorer.measure.Completeness;
import org.latentexplorer.measure.Continuity;
import org.latentexplorer.measure.Holes;
import org.latentexplorer.measure.LatentModel;
import org.latentexplorer.measure.NetworkModel;
import org.latentexplorer.measure.PosteriorStats;
import org.latentexplorer.measure.ReconstructionFloor;
import org.latentexplorer.model.ModelFiles;
import org.latentexplorer.model.Network;
import org.latentexplorer.train.Evaluation;

/**
 * Where the time of `metrics` goes: each part of a VAE's metrics timed in one JVM, after two warm-up
 * passes, as ModelMetrics runs them (M = 1,000, IWAE K = 100 on 200 test images).
 *
 *   java -cp target/latent-explorer.jar bench/MetricsParts.java [MODEL] [DATA]
 */
public class MetricsParts {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "models/mnist-vae.lvae");
        DataSplit data = Datasets.load(args.length > 1 ? args[1] : "mnist");
        Network network = Network.from(ModelFiles.read(file));
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (int pass = 0; pass < 3; pass++) {
            seconds.clear();
            long[] t = {System.nanoTime()};
            NetworkModel model = new NetworkModel(network);
            float[] train = NetworkModel.pixels(data.train());
            float[] test = NetworkModel.pixels(data.test());
            int n = data.train().count();
            int m = data.test().count();
            t[0] = lap(seconds, "images as arrays", t[0]);
            Completeness.Reference reference = Completeness.Reference.ofReconstructions(model, train, n, test, m);
            t[0] = lap(seconds, "test reconstructions' nearest-training distances", t[0]);
            Continuity.overFullView(model);
            t[0] = lap(seconds, "continuity, 50 x 50", t[0]);
            float[] draws = LatentSpace.drawFromPrior(1000, model.latent(), 1.0, 1);
            Completeness.measure(model, reference, draws, 1000, 5);
            t[0] = lap(seconds, "completeness, 1,000 samples", t[0]);
            LatentModel.Posterior codes = model.encode(train, n);
            t[0] = lap(seconds, "encoding the training set", t[0]);
            AggregatePosterior q = AggregatePosterior.of(codes);
            t[0] = lap(seconds, "q(z), its kernel chosen", t[0]);
            Holes.coverage(q, draws, 1000);
            t[0] = lap(seconds, "hole fraction", t[0]);
            if (network.kind().hasPrior()) {
                PosteriorStats.of(model.encode(test, m), 1);
                t[0] = lap(seconds, "KL, active units, I(x; z)", t[0]);
                ImageSet first = data.test().first(200);
                Evaluation.terms(network, first);
                Evaluation.iwae(network, first, 100);
                t[0] = lap(seconds, "ELBO and IWAE, 200 images", t[0]);
            }
            Evaluation.terms(network, data.test());
            ReconstructionFloor.of(data.test());
            lap(seconds, "test recon and its floor", t[0]);
        }
        double total = 0;
        for (Map.Entry<String, Double> e : seconds.entrySet()) {
            System.out.printf("%-40s %6.3f s%n", e.getKey(), e.getValue());
            total += e.getValue();
        }
        System.out.printf("%-40s %6.3f s%n", "all", total);
    }

    private static long lap(Map<String, Double> seconds, String part, long since) {
        long now = System.nanoTime();
        seconds.put(part, (now - since) / 1e9);
        return now;
    }
}
