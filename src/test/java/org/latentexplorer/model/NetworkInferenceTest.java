package org.latentexplorer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NetworkInferenceTest {

    private final ModelConfig config = ModelConfig.of(new Vae(1), 4, 5, List.of(16, 8), 2, Bernoulli.INSTANCE);

    @Test
    void decodedMeansArePixelsInUnitInterval() {
        Network vae = new Network(config, 3);
        INDArray z = Nd4j.createFromArray(new float[][] {{-5, -5}, {0, 0}, {5, 5}});
        INDArray x = vae.decodeMeans(z);
        assertArrayEquals(new long[] {3, 20}, x.shape());
        assertTrue(x.minNumber().doubleValue() >= 0 && x.maxNumber().doubleValue() <= 1);
    }

    @Test
    void bernoulliSamplesAreZeroOrOneWithTheDecodedMeanOnAverage() {
        Network vae = new Network(config, 3);
        int n = 4000;
        INDArray z = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, n, 2);
        INDArray samples = vae.decodeSamples(z, new SplittableRandom(1));
        INDArray mean = vae.decodeMeans(z.getRows(0));
        double ones = 0;
        for (int i = 0; i < n; i++) {
            double v = samples.getDouble(i, 0);
            assertTrue(v == 0 || v == 1);
            ones += v;
        }
        assertEquals(mean.getDouble(0, 0), ones / n, 0.03);
    }

    @Test
    void largeBatchesAreProcessedInChunksWithTheSameResult() {
        Network vae = new Network(config, 3);
        INDArray z = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2500, 2).subi(0.5).muli(8);
        INDArray all = vae.decodeMeans(z);
        INDArray part = vae.decodeMeans(z.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2000, 2500),
                org.nd4j.linalg.indexing.NDArrayIndex.all()));
        assertEquals(part, all.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2000, 2500),
                org.nd4j.linalg.indexing.NDArrayIndex.all()));
    }

    @Test
    void wrongShapedInputIsRefusedWithTheExpectedShape() {
        Network vae = new Network(config, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> vae.decodeMeans(Nd4j.zeros(3, 5)));
        assertTrue(e.getMessage().contains("[n, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> vae.encode(Nd4j.zeros(3, 784)));
        assertTrue(e.getMessage().contains("[n, 20]"), e.getMessage());
    }

    @Test
    void savedAndLoadedModelGivesIdenticalOutputs(@TempDir Path dir) throws Exception {
        Network vae = new Network(config, 9);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 7, 20);
        INDArray z = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 7, 2);
        Path file = dir.resolve("m.lvae");
        ModelFile.write(file, new SavedModel(config, vae.paramsToArray(), null, new TrainingHistory(), Map.of()));
        SavedModel back = ModelFile.read(file);
        Network loaded = new Network(back.config(), back.params());
        assertEquals(vae.encode(x).mu(), loaded.encode(x).mu());
        assertEquals(vae.encode(x).logVar(), loaded.encode(x).logVar());
        assertEquals(vae.decodeMeans(z), loaded.decodeMeans(z));
        assertNotEquals(vae.decodeMeans(z), new Network(config, 10).decodeMeans(z), "a different network differs");
    }

    @Test
    void copyIsIndependentOfTheOriginal() {
        Network vae = new Network(config, 9);
        Network copy = vae.copy();
        INDArray z = Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 2);
        INDArray before = copy.decodeMeans(z);
        vae.params().addi(1);
        assertEquals(before, copy.decodeMeans(z));
        assertNotEquals(before, vae.decodeMeans(z));
    }

    @Test
    void iwaeBoundIsBelowTheNegativeElboOnAverage() {
        Network vae = new Network(config, 5);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 50, 20);
        ImportanceSampler sampler = new ImportanceSampler(vae);
        double[] k1 = sampler.negLogLikelihood(x, 1, new SplittableRandom(1));
        double[] k200 = sampler.negLogLikelihood(x, 200, new SplittableRandom(2));
        double m1 = 0;
        double m200 = 0;
        for (int i = 0; i < 50; i++) {
            m1 += k1[i] / 50;
            m200 += k200[i] / 50;
        }
        // With K = 1 the estimate is a single-sample negative ELBO; more samples tighten the bound.
        NetworkBatch batch = new NetworkBatch(vae, 50);
        var t = vae.terms(batchActivations(vae, x), vae.kind(), new SplittableRandom(3), true);
        double negElbo = (t.reconSum() + t.penaltySum()) / 50;
        assertTrue(m200 < negElbo, "IWAE " + m200 + " below -ELBO " + negElbo);
        assertEquals(negElbo, m1, 0.05 * negElbo, "K = 1 is a single-sample -ELBO");
        assertTrue(batch.capacity() == 50);
    }

    private static Activations batchActivations(Network vae, INDArray x) {
        Activations a = vae.newActivations((int) x.rows(), false);
        a.x.assign(x);
        return a;
    }
}
