package org.latentexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.model.ModelFile;

/** The command line as a script would use it: exit codes, JSON on stdout, messages on stderr. */
class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path model;

    record Run(int code, String out, String err) {
        List<JsonNode> json() throws Exception {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    nodes.add(JSON.readTree(line));
                }
            }
            return nodes;
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void trainSmallModel() throws Exception {
        model = dir.resolve("small.lvae");
        Run r = run("train", "--data", "mnist", "--limit", "300", "--epochs", "2", "--seed", "3",
                "--hidden", "64,32", "--json", "--out", model.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void trainPrintsOneJsonObjectPerEpochAndASummary() throws Exception {
        Path out = dir.resolve("t.lvae");
        Run r = run("train", "--data", "mnist", "--limit", "200", "--epochs", "2", "--hidden", "32,16",
                "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<JsonNode> lines = r.json();
        assertEquals(3, lines.size(), r.out());
        for (int e = 0; e < 2; e++) {
            JsonNode n = lines.get(e);
            assertEquals(e + 1, n.get("epoch").asInt());
            for (String key : List.of("seconds", "train_recon", "train_kl", "test_recon", "test_kl", "test_neg_elbo",
                    "samples_per_second")) {
                assertTrue(n.get(key).isNumber(), key + " in " + n);
            }
            assertEquals(n.get("test_recon").asDouble() + n.get("test_kl").asDouble(),
                    n.get("test_neg_elbo").asDouble(), 0.01);
        }
        JsonNode s = lines.get(2);
        assertTrue(s.get("summary").asBoolean());
        assertTrue(s.get("peak_rss_mb").asDouble() > 50, s.toString());
        assertEquals(2, ModelFile.read(out).history().size(), "the saved model carries its history");
    }

    @Test
    void resumingAfterAnEpochGivesTheSameModelAsTrainingStraightThrough() throws Exception {
        Path straight = dir.resolve("straight.lvae");
        Path resumed = dir.resolve("resumed.lvae");
        String[] common = {"--data", "mnist", "--limit", "256", "--hidden", "32,16", "--seed", "4"};
        assertEquals(0, run(concat(new String[] {"train", "--epochs", "2", "--out", straight.toString()}, common)).code());
        assertEquals(0, run(concat(new String[] {"train", "--epochs", "1", "--out", resumed.toString()}, common)).code());
        Run r = run(concat(new String[] {"train", "--epochs", "1", "--resume", resumed.toString(), "--out",
                resumed.toString(), "--json"}, common));
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.json().get(0).get("epoch").asInt(), "epoch numbers continue");

        var a = ModelFile.read(straight);
        var b = ModelFile.read(resumed);
        assertTrue(java.util.Arrays.equals(a.params(), b.params()), "same weights, bit for bit");
        assertEquals(a.optimizer().iteration(), b.optimizer().iteration());
        assertEquals(2, b.history().size());
        assertEquals(a.history().epochs().get(1).testNegElbo(), b.history().epochs().get(1).testNegElbo());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void evalReportsTermsAndImportanceSampledLikelihood() throws Exception {
        Run r = run("eval", "--model", model.toString(), "--data", "mnist", "--iwae", "10", "--limit", "100", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = r.json().get(0);
        for (String key : List.of("test_recon", "test_kl", "test_neg_elbo", "iwae_nll")) {
            assertTrue(n.get(key).isNumber(), key + " in " + n);
        }
        assertTrue(n.get("iwae_nll").asDouble() < n.get("test_neg_elbo").asDouble() + 5,
                "IWAE is a tighter bound: " + n);
    }

    @Test
    void gridWritesAPngOfStepsTimesImageSize() throws Exception {
        Path png = dir.resolve("grid.png");
        Run r = run("grid", "--model", model.toString(), "--range", "-3,3", "--steps", "7", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        var img = ImageIO.read(png.toFile());
        assertEquals(7 * 28, img.getWidth());
        assertEquals(7 * 28, img.getHeight());
    }

    /** The command line and the window decode the same points: the centres of the tiles. */
    @Test
    void gridDecodesTheTileCentresTheWindowDecodes() throws Exception {
        Path png = dir.resolve("grid-centres.png");
        Run r = run("grid", "--model", model.toString(), "--range", "-5,5", "--steps", "20", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        var img = ImageIO.read(png.toFile());
        var space = new org.latentexplorer.explore.LatentSpace(org.latentexplorer.model.Network.from(ModelFile.read(model)));
        var window = space.render(org.latentexplorer.explore.Viewport.DEFAULT,
                org.latentexplorer.explore.LatentSlice.firstTwo(2), 20, org.latentexplorer.explore.DecodeMode.MEAN);
        assertEquals(window.width(), img.getWidth());
        int differing = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int a = img.getRaster().getSample(x, y, 0);
                int b = window.argb()[y * window.width() + x] & 0xff;
                differing += Math.abs(a - b) > 1 ? 1 : 0;
            }
        }
        assertEquals(0, differing, "pixels that differ between the PNG and the window's mosaic");
        var centres = org.latentexplorer.explore.LatentGrid.tiles(org.latentexplorer.explore.Viewport.DEFAULT, 20);
        assertEquals(-4.75, centres.x(0), 1e-12);
        assertEquals(4.75, centres.x(19), 1e-12);
    }

    @Test
    void exportWritesTheHistoryTheEncodedTestSetAndAStampedGrid() throws Exception {
        Path history = dir.resolve("export").resolve("history.csv");
        Path encoded = dir.resolve("export").resolve("encoded.csv");
        Path png = dir.resolve("export").resolve("grid.png");
        Run r = run("export", "--model", model.toString(), "--history", history.toString(), "--encoded",
                encoded.toString(), "--grid", png.toString(), "--size", "300", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode result = r.json().get(0);
        assertEquals("small.lvae \u00b7 VAE (\u03b2 = 1) \u00b7 k = 2 \u00b7 epoch 2 \u00b7 seed 3", result.get("stamp").asText());

        List<String> lines = java.nio.file.Files.readAllLines(history);
        assertEquals("epoch,seconds,samples_per_second,train_recon,test_recon,beta,train_kl,test_kl,test_neg_elbo",
                lines.get(0));
        assertEquals(3, lines.size());
        assertTrue(lines.get(2).startsWith("2,"), lines.get(2));

        List<String> rows = java.nio.file.Files.readAllLines(encoded);
        assertEquals("label,mu_1,mu_2,logvar_1,logvar_2", rows.get(0));
        // The shipped MNIST test split: 2,000 images, each with its label and four finite numbers.
        assertEquals(2001, rows.size());
        String[] first = rows.get(1).split(",");
        assertEquals(5, first.length);
        int label = Integer.parseInt(first[0]);
        assertTrue(label >= 0 && label <= 9);
        for (int i = 1; i < 5; i++) {
            assertTrue(Double.isFinite(Double.parseDouble(first[i])), rows.get(1));
        }

        var img = ImageIO.read(png.toFile());
        // Plot, margins for the axes, and the band with the stamp below.
        assertTrue(img.getWidth() > 300 && img.getHeight() > img.getWidth(), img.getWidth() + " x " + img.getHeight());
        // Coloured class markers drawn over the grey mosaic.
        int coloured = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int c = img.getRGB(x, y);
                int red = c >> 16 & 0xFF;
                int green = c >> 8 & 0xFF;
                int blue = c & 0xFF;
                if (Math.max(red, Math.max(green, blue)) - Math.min(red, Math.min(green, blue)) > 80) {
                    coloured++;
                }
            }
        }
        assertTrue(coloured > 200, coloured + " coloured pixels");
    }

    @Test
    void exportRefusesToOverwriteAndNeedsSomethingToExport() throws Exception {
        Path history = dir.resolve("twice.csv");
        assertEquals(0, run("export", "--model", model.toString(), "--history", history.toString()).code());
        Run again = run("export", "--model", model.toString(), "--history", history.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("twice.csv already exists"), again.err());
        Run none = run("export", "--model", model.toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("nothing to export"), none.err());
        Run badSteps = run("export", "--model", model.toString(), "--grid", dir.resolve("g.png").toString(), "--steps", "1");
        assertTrue(badSteps.err().contains("--steps"), badSteps.err());
    }

    @Test
    void benchReportsEveryFigure() throws Exception {
        Run r = run("bench", "--data", "mnist", "--epochs", "1", "--repeats", "3", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = r.json().get(0);
        for (String key : List.of("seconds_per_epoch_median", "train_samples_per_second", "decode_grid20_ms_median",
                "decode_grid32_ms_median", "encode_ms_median", "peak_rss_mb")) {
            assertTrue(n.get(key).isNumber() && n.get(key).asDouble() > 0, key + " in " + n);
        }
        assertEquals(10_000, n.get("encode_images").asInt());
    }

    @Test
    void unknownDatasetFailsWithExitCodeOneAndAMessage() {
        Run r = run("train", "--data", "no-such-dataset", "--epochs", "1", "--out", dir.resolve("x.lvae").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no-such-dataset"), r.err());
        assertFalse(Files.exists(dir.resolve("x.lvae")));
    }

    @Test
    void damagedModelIsRefusedNamingTheFile() throws Exception {
        Path bad = dir.resolve("damaged.lvae");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(bad, bytes);
        Run r = run("eval", "--model", bad.toString(), "--data", "mnist", "--json");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("damaged.lvae"), r.err());
        assertTrue(r.json().get(0).get("error").asText().contains("damaged.lvae"));
    }

    @Test
    void existingModelIsNotOverwrittenWithoutForce() throws Exception {
        byte[] before = Files.readAllBytes(model);
        Run r = run("train", "--data", "mnist", "--limit", "50", "--epochs", "1", "--out", model.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--force"), r.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(model)));
    }

    @Test
    void impossibleSettingsNameTheOption() {
        Run r = run("train", "--data", "mnist", "--epochs", "1", "--beta", "-2", "--out", dir.resolve("b.lvae").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("beta"), r.err());
        r = run("grid", "--model", model.toString(), "--range", "5,-5", "--out", dir.resolve("g.png").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--range"), r.err());
        r = run("train", "--data", "mnist", "--epochs", "many", "--out", dir.resolve("c.lvae").toString());
        assertEquals(2, r.code(), "a usage error");
        assertTrue(r.err().contains("--epochs"), r.err());
    }

    /** Every kind trains from the command line and reports only the figures that mean something for it. */
    @Test
    void everyKindTrainsAndReportsOnlyItsOwnTerms() throws Exception {
        Map<String, List<String>> terms = Map.of(
                "vae", List.of("train_kl", "test_kl", "test_neg_elbo", "beta"),
                "ae", List.of(),
                "sparse-ae", List.of("train_l1", "test_l1", "lambda"),
                "denoising-ae", List.of(),
                "probabilistic-ae", List.of("train_l2", "test_l2", "lambda"),
                "linear-ae", List.of(),
                "pca", List.of());
        List<String> all = List.of("train_kl", "test_kl", "test_neg_elbo", "beta", "train_l1", "test_l1", "lambda",
                "train_l2", "test_l2");
        for (var e : terms.entrySet()) {
            Path out = dir.resolve(e.getKey() + ".lvae");
            Run r = run("train", "--data", "mnist", "--limit", "200", "--epochs", "1", "--hidden", "32,16", "--kind",
                    e.getKey(), "--json", "--out", out.toString(), "--force");
            if (e.getKey().equals("pca") || e.getKey().equals("linear-ae")) {
                r = run("train", "--data", "mnist", "--limit", "200", "--epochs", "1", "--kind", e.getKey(), "--json",
                        "--out", out.toString(), "--force");
            }
            assertEquals(0, r.code(), e.getKey() + ": " + r.err());
            JsonNode epoch = r.json().get(0);
            assertTrue(epoch.get("test_recon").isNumber(), epoch.toString());
            for (String key : all) {
                assertEquals(e.getValue().contains(key), epoch.has(key), e.getKey() + " reports " + key + "? " + epoch);
            }
            assertEquals(e.getKey(), ModelFile.read(out).config().kind().id());
            Run eval = run("eval", "--model", out.toString(), "--data", "mnist", "--limit", "100", "--iwae", "5", "--json");
            if (e.getKey().equals("vae")) {
                assertEquals(0, eval.code(), eval.err());
                assertTrue(eval.json().get(0).get("iwae_nll").isNumber());
            } else {
                assertEquals(1, eval.code(), "IWAE refused for " + e.getKey());
                assertTrue(eval.err().contains("cannot be estimated by importance sampling; drop --iwae"), eval.err());
                Run plain = run("eval", "--model", out.toString(), "--data", "mnist", "--limit", "100", "--json");
                assertEquals(0, plain.code(), plain.err());
                assertFalse(plain.json().get(0).has("iwae_nll"), "no IWAE figure, not a null one");
                assertFalse(plain.json().get(0).has("test_neg_elbo"), "no -ELBO for a model without a prior");
            }
        }
    }

    @Test
    void settingsThatDoNotApplyToTheKindAreRefusedNamingThem() {
        Path out = dir.resolve("refused.lvae");
        Run r = run("train", "--data", "mnist", "--limit", "50", "--kind", "vae", "--lambda", "2", "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--lambda does not apply to a VAE; its hyper-parameters are [--beta]"), r.err());
        r = run("train", "--data", "mnist", "--limit", "50", "--kind", "ae", "--warmup", "2", "--out", out.toString());
        assertTrue(r.err().contains("--warmup raises a penalty's weight, and an autoencoder has no penalty term"), r.err());
        r = run("train", "--data", "mnist", "--limit", "50", "--kind", "pca", "--hidden", "64", "--out", out.toString());
        assertTrue(r.err().contains("a PCA model is linear: it has no hidden layers, so --hidden does not apply"), r.err());
        r = run("train", "--data", "mnist", "--limit", "50", "--kind", "gan", "--out", out.toString());
        assertTrue(r.err().contains("unknown model kind 'gan'; known: vae, ae, sparse-ae"), r.err());
        r = run("train", "--data", "mnist", "--limit", "50", "--kind", "sparse-ae", "--lambda", "-1", "--out", out.toString());
        assertTrue(r.err().contains("lambda must be between 0 and 1000, not -1.0"), r.err());
        assertFalse(java.nio.file.Files.exists(out), "nothing written");
    }
}
