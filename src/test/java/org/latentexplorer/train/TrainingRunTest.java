package org.latentexplorer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.latentexplorer.data.DataSplit;
import org.latentexplorer.data.Datasets;
import org.latentexplorer.data.ImageSet;
import org.latentexplorer.model.Bernoulli;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.TrainingHistory;
import org.latentexplorer.model.Vae;

public class TrainingRunTest {

    private static final ModelConfig SMALL = ModelConfig.of(new Vae(1), 6, 6, List.of(32, 16), 2, Bernoulli.INSTANCE);

    /** Bars at random positions: simple images a small VAE can learn. */
    public static ImageSet bars(int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        byte[] px = new byte[n * 36];
        for (int i = 0; i < n; i++) {
            int row = r.nextInt(6);
            for (int c = 0; c < 6; c++) {
                px[i * 36 + row * 6 + c] = (byte) 255;
            }
        }
        return new ImageSet("bars", 6, 6, px, null);
    }

    @Test
    void shortTrainingOnThousandMnistDigitsLowersTheTestNegativeElbo() throws Exception {
        DataSplit mnist = Datasets.load("mnist");
        ImageSet train = mnist.train().first(1000);
        ImageSet test = mnist.test().first(500);
        Network vae = new Network(ModelConfig.standard(28, 28, 2), 1);
        double before = Evaluation.terms(vae, test).negElbo();
        TrainingRun run = new TrainingRun(vae, train, test, TrainingSettings.defaults(3, 1));
        List<TrainingHistory.Epoch> epochs = new ArrayList<>();
        run.run(new TrainingListener() {
            @Override
            public void onEpoch(TrainingHistory.Epoch e) {
                epochs.add(e);
            }
        });
        assertEquals(3, epochs.size());
        double after = epochs.get(2).testNegElbo();
        assertTrue(before > 500, "an untrained model explains digits badly: " + before);
        assertTrue(after < before - 200, "training lowers -ELBO from " + before + " to " + after);
        assertTrue(epochs.get(2).testNegElbo() < epochs.get(0).testNegElbo(), "still improving by epoch 3");
        assertEquals(after, Evaluation.terms(vae, test).negElbo(), 1e-9, "the model holds the trained weights");
    }

    @Test
    void sameSeedGivesTheSameRunAndAnotherSeedDoesNot() {
        double a = trainOnce(5);
        double b = trainOnce(5);
        double c = trainOnce(6);
        assertEquals(a, b, 0.0);
        assertNotEquals(a, c);
    }

    private static double trainOnce(long seed) {
        Network vae = new Network(SMALL, seed);
        TrainingRun run = new TrainingRun(vae, bars(300, 1), bars(100, 2), TrainingSettings.defaults(2, seed));
        run.run(TrainingListener.NONE);
        return run.history().epochs().get(1).testNegElbo();
    }

    @Test
    void iterationsReportBetaChangedFromAnotherThread() throws Exception {
        Network vae = new Network(SMALL, 1);
        TrainingSettings s = new TrainingSettings(3, 10, 1e-3, 1, 0);
        TrainingRun run = new TrainingRun(vae, bars(300, 1), bars(50, 2), s);
        List<Double> betas = new CopyOnWriteArrayList<>();
        CountDownLatch changed = new CountDownLatch(1);
        run.run(new TrainingListener() {
            @Override
            public void onIteration(IterationStats st) {
                betas.add(st.weight());
                if (st.iteration() == 5) {
                    Thread t = new Thread(() -> {
                        run.setKnob("beta", 0.0);
                        changed.countDown();
                    });
                    t.start();
                    try {
                        changed.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
                assertTrue(Double.isFinite(st.recon()) && st.samplesPerSecond() > 0);
            }
        });
        assertEquals(90, betas.size());
        assertEquals(1.0, betas.get(4), "before the change");
        assertEquals(0.0, betas.get(5), "the very next iteration uses the new beta");
        assertEquals(0.0, betas.get(89));
    }

    @Test
    void warmUpRaisesBetaLinearlyToItsTarget() {
        Network vae = new Network(SMALL.withKind(new Vae(2)), 1);
        TrainingSettings s = new TrainingSettings(2, 10, 1e-3, 1, 1.0);
        TrainingRun run = new TrainingRun(vae, bars(100, 1), bars(20, 2), s);
        List<Double> betas = new ArrayList<>();
        run.run(new TrainingListener() {
            @Override
            public void onIteration(IterationStats st) {
                betas.add(st.weight());
            }
        });
        assertEquals(0.2, betas.get(0), 1e-12, "1/10 of the way after the first of 10 warm-up iterations");
        assertEquals(2.0, betas.get(9), 1e-12);
        assertEquals(2.0, betas.get(19), 1e-12);
    }

    @Test
    void pauseHoldsTheRunAndCancelWhilePausedLeavesAUsableModel() throws Exception {
        Network vae = new Network(SMALL, 1);
        TrainingRun run = new TrainingRun(vae, bars(2000, 1), bars(50, 2), new TrainingSettings(50, 10, 1e-3, 1, 0));
        CountDownLatch started = new CountDownLatch(20);
        List<Long> iterations = new CopyOnWriteArrayList<>();
        CompletableFuture<TrainingRun.Result> result = CompletableFuture.supplyAsync(() -> run.run(new TrainingListener() {
            @Override
            public void onIteration(IterationStats st) {
                iterations.add(st.iteration());
                started.countDown();
            }
        }));
        assertTrue(started.await(30, TimeUnit.SECONDS));
        run.pause();
        Thread.sleep(200);
        int atPause = iterations.size();
        Thread.sleep(300);
        assertTrue(iterations.size() <= atPause + 1, "paused: no progress (" + atPause + " -> " + iterations.size() + ")");
        Network snapshot = run.snapshot();
        run.resume();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (iterations.size() <= atPause + 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(iterations.size() > atPause + 1, "resumed");
        run.pause();
        Thread.sleep(100);
        run.cancel();
        TrainingRun.Result r = result.get(30, TimeUnit.SECONDS);
        assertEquals(TrainingRun.Outcome.CANCELLED, r.outcome());
        assertEquals(iterations.size(), r.iterations());
        double negElbo = Evaluation.terms(vae, bars(50, 2)).negElbo();
        assertTrue(Double.isFinite(negElbo), "the cancelled model still works");
        assertFalse(snapshot.params() == vae.params());
    }

    @Test
    void impossibleSettingsAreRefusedNamingTheSetting() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TrainingSettings(0, 128, 1e-3, 1, 0))
                .getMessage().contains("epochs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TrainingSettings(1, 0, 1e-3, 1, 0))
                .getMessage().contains("batch size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TrainingSettings(1, 128, -1, 1, 0))
                .getMessage().contains("learning rate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TrainingSettings(1, 128, 1e-3, 1, -1))
                .getMessage().contains("warm-up"));
        assertEquals("beta must be between 0 and 1000, not -1.0",
                assertThrows(IllegalArgumentException.class, () -> new Vae(-1)).getMessage());
        assertEquals("beta must be between 0 and 1000, not NaN",
                assertThrows(IllegalArgumentException.class, () -> new Vae(Double.NaN)).getMessage());
        Network vae = new Network(SMALL, 1);
        TrainingRun running = new TrainingRun(vae, bars(10, 1), bars(10, 2), TrainingSettings.defaults(1, 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> running.setKnob("lambda", 1))
                .getMessage().contains("has no hyper-parameter 'lambda'"));
        assertEquals(1.0, running.kind().value("beta"), "a refused change leaves the kind as it was");
        ImageSet wrongSize = new ImageSet("big", 7, 7, new byte[49 * 3], null);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new TrainingRun(vae, wrongSize, wrongSize, TrainingSettings.defaults(1, 1)))
                .getMessage().contains("7 x 7"));
    }

    @Test
    void divergingTrainingStopsWithAClearMessageAndKeepsTheWeights() {
        Network vae = new Network(SMALL, 1);
        // Weights so large that the first loss overflows: exp(logVar) is infinite.
        vae.params().muli(1e20f);
        float[] before = vae.paramsToArray();
        TrainingRun run = new TrainingRun(vae, bars(500, 1), bars(20, 2), new TrainingSettings(2, 50, 1e-3, 1, 0));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> run.run(TrainingListener.NONE));
        assertTrue(e.getMessage().contains("learning rate") && e.getMessage().contains("iteration 1"), e.getMessage());
        assertTrue(java.util.Arrays.equals(before, vae.paramsToArray()), "no step was taken with the broken loss");
    }

    /**
     * A checkpoint taken from another thread while the run trains pairs weights, Adam's moments and
     * iteration count of one and the same iteration: each equals what the run had after that
     * iteration, recorded in a run without interference.
     */
    @Test
    void checkpointsTakenDuringTrainingAreConsistent() throws Exception {
        TrainingSettings s = new TrainingSettings(2, 10, 1e-3, 1, 0);
        Network reference = new Network(SMALL, 4);
        TrainingRun ref = new TrainingRun(reference, bars(200, 1), bars(20, 2), s);
        java.util.Map<Long, org.latentexplorer.model.SavedModel> after = new java.util.HashMap<>();
        ref.run(new TrainingListener() {
            @Override
            public void onIteration(IterationStats st) {
                after.put(st.iteration(), ref.checkpoint(java.util.Map.of()));
            }
        });

        TrainingRun run = new TrainingRun(new Network(SMALL, 4), bars(200, 1), bars(20, 2), s);
        List<org.latentexplorer.model.SavedModel> taken = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread saver = new Thread(() -> {
            while (!done.get()) {
                taken.add(run.checkpoint(java.util.Map.of()));
            }
        });
        saver.start();
        // On a loaded machine the saver may hardly run: after each iteration give it a moment to take
        // one checkpoint more, while the next iteration runs beside it.
        run.run(new TrainingListener() {
            @Override
            public void onIteration(IterationStats st) {
                int seen = taken.size();
                long until = System.nanoTime() + 50_000_000L;
                while (taken.size() == seen && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
        });
        done.set(true);
        saver.join();
        int checked = 0;
        for (org.latentexplorer.model.SavedModel c : taken) {
            long t = c.optimizer().iteration();
            if (t == 0) {
                continue;
            }
            org.latentexplorer.model.SavedModel want = after.get(t);
            assertTrue(java.util.Arrays.equals(want.params(), c.params()), "weights of iteration " + t);
            assertTrue(java.util.Arrays.equals(want.optimizer().state(), c.optimizer().state()), "moments of iteration " + t);
            checked++;
        }
        assertTrue(checked > 10, "checkpoints taken while training: " + checked);
    }

    /**
     * The run keeps each finished epoch as it ended: while the next epoch trains, what it gives is
     * exactly the checkpoint taken when the epoch ended, history included; before the first epoch
     * ends there is none.
     */
    @Test
    void theLastGoodEpochIsEachEpochAsItEndedUntilTheNextEnds() {
        TrainingSettings s = new TrainingSettings(3, 10, 1e-3, 1, 0);
        TrainingRun run = new TrainingRun(new Network(SMALL, 4), bars(200, 1), bars(20, 2), s);
        java.util.Map<String, String> info = java.util.Map.of("name", "bars");
        List<org.latentexplorer.model.SavedModel> atEnds = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        run.run(new TrainingListener() {
            @Override
            public void onIteration(IterationStats st) {
                org.latentexplorer.model.SavedModel last = run.lastGoodEpoch(info);
                if (atEnds.isEmpty() ? last != null : !same(atEnds.get(atEnds.size() - 1), last)) {
                    problems.add("iteration " + st.iteration() + " of epoch " + st.epoch());
                }
            }

            @Override
            public void onEpoch(TrainingHistory.Epoch e) {
                atEnds.add(run.checkpoint(info));
            }
        });
        assertEquals(List.of(), problems, "the last good epoch differed from the last epoch's end");
        assertEquals(3, atEnds.size());
        assertTrue(same(atEnds.get(2), run.lastGoodEpoch(info)));
        assertEquals(3, run.lastGoodEpoch(info).history().size());
        assertEquals(info, run.lastGoodEpoch(info).info());
    }

    @Test
    void weightsThatAreNotFiniteAtAnEpochsEndLeaveTheLastGoodEpochAsItWas() {
        Network vae = new Network(SMALL, 1);
        org.latentexplorer.model.Adam adam = new org.latentexplorer.model.Adam(vae, 1e-3);
        TrainingHistory history = new TrainingHistory();
        history.add(new TrainingHistory.Epoch(1, 1, 1, 100, 5, 101, 5, 1000));
        LastGoodEpoch last = new LastGoodEpoch();
        assertEquals(null, last.toSaved(vae, 1e-3, history, java.util.Map.of()), "no epoch has ended yet");
        assertTrue(last.take(vae, adam, SMALL.kind(), 1));
        float[] good = vae.paramsToArray();

        history.add(new TrainingHistory.Epoch(2, 1, 1, Double.NaN, 5, 101, 5, 1000));
        vae.params().putScalar(3, Float.NaN);
        assertFalse(last.take(vae, adam, SMALL.kind(), 2));
        org.latentexplorer.model.SavedModel kept = last.toSaved(vae, 1e-3, history, java.util.Map.of());
        assertTrue(java.util.Arrays.equals(good, kept.params()), "the weights of epoch 1");
        assertEquals(1, kept.history().size(), "the history up to epoch 1");
    }

    private static boolean same(org.latentexplorer.model.SavedModel a, org.latentexplorer.model.SavedModel b) {
        return b != null && java.util.Arrays.equals(a.params(), b.params())
                && java.util.Arrays.equals(a.optimizer().state(), b.optimizer().state())
                && a.optimizer().iteration() == b.optimizer().iteration()
                && a.optimizer().learningRate() == b.optimizer().learningRate()
                && a.history().epochs().equals(b.history().epochs())
                && a.config().equals(b.config());
    }
}
