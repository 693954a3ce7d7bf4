package org.latentexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.model.Bernoulli;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.model.ModelFile;
import org.latentexplorer.model.ParamTensor;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.SavedModel;
import org.latentexplorer.model.TrainingHistory;
import org.latentexplorer.model.Vae;

/** The metrics command on the shipped models, and its refusals of bad input. */
class MetricsCommandTest {
    private static final String VAE = "models/mnist-vae.lvae";
    private static final String AE = "models/mnist-ae.lvae";

    @TempDir
    Path dir;

    private static JsonNode only(CliTest.Run r) throws Exception {
        assertEquals(0, r.code(), r.err());
        List<JsonNode> lines = r.json();
        assertEquals(1, lines.size(), r.out());
        return lines.get(0);
    }

    @Test
    void aVaeReportsEveryFigureOfItsKind() throws Exception {
        JsonNode n = only(CliTest.run("metrics", "--model", VAE, "--data", "mnist", "--samples", "300", "--iwae", "5",
                "--iwae-images", "20", "--json"));
        for (String key : List.of("continuity_median", "continuity_p95", "continuity_max", "completeness",
                "completeness_threshold", "hole_fraction", "kl", "active_units", "mutual_information",
                "mutual_information_ceiling", "marginal_kl", "neg_elbo", "iwae_nll", "elbo_gap", "recon_floor",
                "recon_excess", "seconds")) {
            assertTrue(n.get(key).isNumber(), key + " in " + n);
        }
        assertEquals(2, n.get("kl_per_dim").size());
        assertEquals(5, n.get("worst_samples").size());
        assertEquals(300, n.get("samples").asInt());
        assertEquals(n.get("kl").asDouble() - n.get("mutual_information").asDouble(), n.get("marginal_kl").asDouble(), 0.002);
        assertTrue(n.get("mutual_information").asDouble() <= n.get("mutual_information_ceiling").asDouble());
        assertEquals(46, n.get("recon_floor").asDouble(), 0.5);
    }

    @Test
    void anAutoencoderReportsNoKlAndNoBounds() throws Exception {
        JsonNode n = only(CliTest.run("metrics", "--model", AE, "--data", "mnist", "--samples", "300", "--json"));
        for (String key : List.of("kl", "kl_per_dim", "active_units", "mutual_information", "marginal_kl", "neg_elbo",
                "iwae_nll")) {
            assertFalse(n.has(key), key + " in " + n);
        }
        assertTrue(n.get("completeness").isNumber());
        assertTrue(n.get("q_z").asText().contains("held-out likelihood"), n.toString());
    }

    @Test
    void withoutJsonItPrintsATable() {
        CliTest.Run r = CliTest.run("metrics", "--model", AE, "--data", "mnist", "--samples", "100");
        assertEquals(0, r.code(), r.err());
        for (String row : List.of("continuity", "completeness", "hole fraction", "floor")) {
            assertTrue(r.out().contains(row), row + " in " + r.out());
        }
    }

    @Test
    void aMissingModelFileIsNamed() {
        CliTest.Run r = CliTest.run("metrics", "--model", dir.resolve("nope.lvae").toString(), "--data", "mnist");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("nope.lvae: no such file"), r.err());
    }

    @Test
    void noSamplesIsRefusedNamingTheOption() {
        CliTest.Run r = CliTest.run("metrics", "--model", VAE, "--data", "mnist", "--samples", "0");
        assertEquals(1, r.code());
        assertEquals("error: --samples must be between 1 and 4096, not 0", r.err().strip());
    }

    @Test
    void aDatasetOfAnotherImageSizeIsNamedWithTheModel() throws Exception {
        ModelConfig config = ModelConfig.of(new Vae(1), 14, 14, List.of(8), 2, Bernoulli.INSTANCE);
        Path small = dir.resolve("small-images.lvae");
        ModelFile.write(small, new SavedModel(config, new Network(config, 1).paramsToArray(), null, new TrainingHistory(),
                Map.of()));
        CliTest.Run r = CliTest.run("metrics", "--model", small.toString(), "--data", "mnist");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--data mnist: its images are 28 x 28 but " + small + " takes 14 x 14"), r.err());
    }

    @Test
    void importanceSamplingAnAutoencoderIsRefused() {
        CliTest.Run r = CliTest.run("metrics", "--model", AE, "--data", "mnist", "--iwae", "10");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no prior"), r.err());
    }

    @Test
    void aVaeWithACollapsedDimensionIsWarnedAbout() throws Exception {
        // Both heads ignore the image in z2 and give N(0, 1) there: the dimension has collapsed to the
        // prior. The mean of z1 is made to vary widely, so that it alone stays active.
        ModelConfig config = ModelConfig.of(new Vae(1), 28, 28, List.of(16), 2, Bernoulli.INSTANCE);
        float[] params = new Network(config, 2).paramsToArray();
        for (ParamTensor t : config.layout()) {
            if (t.name().startsWith("mu.") || t.name().startsWith("logVar.")) {
                for (int r = 0; r < t.rows(); r++) {
                    int at = (int) (t.offset() + (long) r * t.cols());
                    params[at] *= t.name().equals("mu.W") ? 100 : 1;
                    params[at + 1] = 0;
                }
            }
        }
        Path collapsed = dir.resolve("collapsed.lvae");
        ModelFile.write(collapsed, new SavedModel(config, params, null, new TrainingHistory(), Map.of()));
        String[] args = {"metrics", "--model", collapsed.toString(), "--data", "mnist", "--samples", "50", "--iwae", "2",
                "--iwae-images", "5"};
        JsonNode n = only(CliTest.run(concat(args, "--json")));
        assertTrue(n.get("posterior_collapse").asBoolean(), n.toString());
        assertEquals("z2", n.get("collapsed_dims").get(0).asText());
        assertEquals(1, n.get("active_units").asInt());
        assertEquals(0, n.get("kl_per_dim").get(1).asDouble(), 1e-6);
        CliTest.Run table = CliTest.run(args);
        assertTrue(table.out().contains("1 of 2  warning: posterior collapse in dimension(s) [z2]"), table.out());
    }

    private static String[] concat(String[] a, String b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + 1);
        r[a.length] = b;
        return r;
    }
}
