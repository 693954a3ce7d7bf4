package org.latentexplorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.data.ImageSet;
import org.latentexplorer.train.Evaluation;
import org.latentexplorer.train.TrainingListener;
import org.latentexplorer.train.TrainingRun;
import org.latentexplorer.train.TrainingSettings;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Model files of format version 1, written by the program before model kinds existed (see
 * src/test/resources/v1/README.md), still load, and give the outputs that program computed.
 */
class ModelFileVersion1Test {
    private static final Path DIR = Path.of("src/test/resources/v1");

    @TempDir
    Path tmp;

    /** The images the outputs were computed on: bars with one grey pixel, as in MakeV1. */
    static ImageSet bars(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] px = new byte[n * 36];
        for (int i = 0; i < n; i++) {
            int row = r.nextInt(6);
            for (int c = 0; c < 6; c++) {
                px[i * 36 + row * 6 + c] = (byte) 255;
            }
            px[i * 36 + r.nextInt(36)] = (byte) 128;
        }
        return new ImageSet("bars", 6, 6, px, null);
    }

    private static JsonNode expected(String file) throws Exception {
        return new ObjectMapper().readTree(Files.readString(DIR.resolve("v1-outputs.json"))).get(file);
    }

    @Test
    void aVersion1VaeLoadsWithItsBetaHistoryAndOptimizerAndGivesTheSameOutputs() throws Exception {
        SavedModel m = ModelFile.read(DIR.resolve("v1-vae.lvae"));
        assertEquals(new Vae(1.5), m.config().kind());
        assertEquals(Bernoulli.INSTANCE, m.config().likelihood());
        assertEquals(List.of(16, 8), m.config().encoder());
        assertEquals(List.of(8, 16), m.config().decoder());
        assertEquals(2, m.history().size());
        assertEquals(1.5, m.history().epochs().get(1).weight());
        assertTrue(m.history().epochs().get(1).testPenalty() > 0, "the KL figures are kept");
        assertNotNull(m.optimizer());
        assertEquals(2 * m.config().parameterCount(), m.optimizer().state().length);

        JsonNode want = expected("v1-vae.lvae");
        Network net = Network.from(m);
        ImageSet images = bars(40, 2);
        Network.Encoding e = net.encode(NetworkBatch.pixels(images, 0, 40));
        assertValues(want.get("mu"), e.mu());
        assertValues(want.get("logVar"), e.logVar());
        assertValues(want.get("means"), net.decodeMeans(points()));
        Evaluation.Terms t = Evaluation.terms(net, images);
        assertEquals(want.get("recon").asDouble(), t.recon(), 1e-9 * Math.abs(t.recon()));
        assertEquals(want.get("kl").asDouble(), t.penalty(), 1e-9 * Math.abs(t.penalty()));
    }

    @Test
    void aVersion1AutoencoderLosesItsUnusedLogVarHeadAndItsZeroKlButNotItsOutputs() throws Exception {
        SavedModel m = ModelFile.read(DIR.resolve("v1-ae.lvae"));
        assertEquals(new PlainAutoencoder(), m.config().kind());
        assertEquals(new Gaussian(0.2), m.config().likelihood());
        assertEquals(List.of("code"), m.config().heads());
        TrainingHistory.Epoch last = m.history().epochs().get(1);
        assertTrue(Double.isNaN(last.weight()) && Double.isNaN(last.trainPenalty()) && Double.isNaN(last.testPenalty()),
                "an autoencoder's history has no KL, not a KL of 0: " + last);
        assertEquals(2 * m.config().parameterCount(), m.optimizer().state().length, "Adam's moments of logVar dropped too");

        JsonNode want = expected("v1-ae.lvae");
        Network net = Network.from(m);
        ImageSet images = bars(40, 2);
        Network.Encoding e = net.encode(NetworkBatch.pixels(images, 0, 40));
        assertValues(want.get("mu"), e.mu());
        assertNull(e.logVar());
        assertValues(want.get("means"), net.decodeMeans(points()));
        Evaluation.Terms t = Evaluation.terms(net, images);
        assertEquals(want.get("recon").asDouble(), t.recon(), 1e-9 * Math.abs(t.recon()));
        assertTrue(Double.isNaN(t.penalty()));
    }

    @Test
    void aVersion1ModelContinuesTrainingAndIsSavedInVersion2() throws Exception {
        for (String name : List.of("v1-vae.lvae", "v1-ae.lvae")) {
            SavedModel m = ModelFile.read(DIR.resolve(name));
            Network net = Network.from(m);
            TrainingRun run = new TrainingRun(net, bars(200, 1), bars(40, 2), TrainingSettings.defaults(1, 7),
                    m.optimizer(), m.history().copy());
            run.run(TrainingListener.NONE);
            assertEquals(3, run.history().size(), name);
            Path f = tmp.resolve(name);
            SavedModel next = run.checkpoint(m.info());
            ModelFile.write(f, next);
            assertEquals(2, java.nio.ByteBuffer.wrap(Files.readAllBytes(f)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(8));
            SavedModel back = ModelFile.read(f);
            assertEquals(next.config(), back.config());
            assertEquals(next.history().epochs(), back.history().epochs());
        }
    }

    private static INDArray points() {
        return Nd4j.createFromArray(new float[][] {{-2, 1}, {0, 0}, {1.5f, -0.5f}});
    }

    private static void assertValues(JsonNode want, INDArray got) {
        float[] g = got.dup().reshape(got.length()).toFloatVector();
        assertEquals(want.size(), g.length);
        for (int i = 0; i < g.length; i++) {
            assertEquals(want.get(i).floatValue(), g[i], 1e-6f * Math.max(1, Math.abs(g[i])), "value " + i);
        }
    }
}
