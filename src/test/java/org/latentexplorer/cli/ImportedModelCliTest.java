package org.latentexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.data.Datasets;
import org.latentexplorer.data.ImageSet;
import org.latentexplorer.explore.LatentGrid;
import org.latentexplorer.explore.Viewport;
import org.latentexplorer.model.ModelFile;
import org.latentexplorer.model.dl4j.Dl4jVaes;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The command line on a VAE trained with Deeplearning4j: eval and grid give Deeplearning4j's own numbers and images. */
class ImportedModelCliTest {
    @TempDir
    static Path dir;
    static Path zip;
    static MultiLayerNetwork dl4j;

    @BeforeAll
    static void aModelTrainedWithDeeplearning4j() throws Exception {
        zip = Dl4jVaes.mnistZip(dir.resolve("dl4j-vae.zip"));
        dl4j = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
    }

    /**
     * The KL is computed from the encoder's heads, so it must equal Deeplearning4j's to the three
     * decimals printed. The -ELBO is a single-sample estimate (one z per image) on both sides: eval's
     * is one draw, Deeplearning4j's score is averaged over R draws; with s the spread of one draw
     * they differ by at most four times s sqrt(1 + 1/R).
     */
    @Test
    void evalReportsTheKlAndNegativeElboDeeplearning4jGives() throws Exception {
        CliTest.Run r = CliTest.run("eval", "--model", zip.toString(), "--data", "mnist", "--limit", "200",
                "--iwae", "5", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = r.json().get(0);
        assertEquals("vae", n.get("kind").asText());
        assertEquals(200, n.get("images").asInt());

        ImageSet test = Datasets.load("mnist").test().first(200);
        INDArray x = Dl4jVaes.pixels(test);
        double kl = Dl4jVaes.kl(dl4j, x);
        assertEquals(kl, n.get("test_kl").asDouble(), 0.001, "KL, nats per image");

        int repeats = 30;
        double[] scores = Dl4jVaes.scores(dl4j, x, repeats, 9);
        double mean = Arrays.stream(scores).average().orElseThrow();
        double spread = Math.sqrt(Arrays.stream(scores).map(s -> (s - mean) * (s - mean)).sum() / (repeats - 1));
        assertEquals(mean, n.get("test_neg_elbo").asDouble(), 4 * spread * Math.sqrt(1 + 1.0 / repeats) + 0.001,
                "-ELBO, nats per image (Deeplearning4j's score " + mean + ", spread " + spread + ")");
        assertTrue(n.get("iwae_nll").asDouble() > 0);
    }

    @Test
    void gridDrawsWhatDeeplearning4jsDecoderGives() throws Exception {
        Path png = dir.resolve("grid.png");
        CliTest.Run r = CliTest.run("grid", "--model", zip.toString(), "--steps", "5", "--range", "-3,3",
                "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(5 * 28, img.getWidth());
        LatentGrid grid = LatentGrid.tiles(new Viewport(-3, 3, -3, 3), 5);
        var vae = (org.deeplearning4j.nn.layers.variational.VariationalAutoencoder) dl4j.getLayer(0);
        for (int[] tile : new int[][] {{0, 0}, {2, 3}, {4, 1}}) {
            int row = tile[0];
            int col = tile[1];
            INDArray z = org.nd4j.linalg.factory.Nd4j.createFromArray(new float[][] {{(float) grid.x(col), (float) grid.y(row)}});
            float[] p = vae.generateAtMeanGivenZ(z).toFloatVector();
            for (int i = 0; i < 28 * 28; i++) {
                int shown = img.getRaster().getSample(col * 28 + i % 28, row * 28 + i / 28, 0);
                assertEquals(Math.round(p[i] * 255), shown, 1, "tile " + row + "," + col + " pixel " + i);
            }
        }
    }

    @Test
    void aHostileZipExitsWithOneLineNamingIt() throws Exception {
        byte[] whole = Files.readAllBytes(zip);
        Path cut = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(whole, whole.length / 2));
        for (String command : new String[] {"eval", "grid"}) {
            CliTest.Run r = command.equals("eval")
                    ? CliTest.run("eval", "--model", cut.toString(), "--data", "mnist")
                    : CliTest.run("grid", "--model", cut.toString(), "--out", dir.resolve("g.png").toString());
            assertEquals(1, r.code(), r.err());
            String[] lines = r.err().strip().split("\n");
            assertEquals(1, lines.length, r.err());
            assertTrue(lines[0].startsWith("error: " + cut + ": not a complete zip archive"), lines[0]);
            assertEquals("", r.out());
        }
    }

    @Test
    void anImportedModelTrainsFurtherIntoAModelFileAndItsZipIsNotReplaced() throws Exception {
        byte[] before = Files.readAllBytes(zip);
        CliTest.Run refused = CliTest.run("train", "--resume", zip.toString(), "--data", "mnist", "--limit", "300",
                "--epochs", "1", "--out", zip.toString());
        assertEquals(1, refused.code(), refused.err());
        assertTrue(refused.err().contains("--force"), refused.err());
        assertArrayEquals(before, Files.readAllBytes(zip));

        Path out = dir.resolve("continued.lvae");
        CliTest.Run r = CliTest.run("train", "--resume", zip.toString(), "--data", "mnist", "--limit", "300",
                "--epochs", "1", "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        var continued = ModelFile.read(out);
        assertEquals(1, continued.history().size());
        assertEquals("deeplearning4j", continued.info().get("imported_from"));
        assertEquals("mnist", continued.info().get("dataset"));
    }
}
