package org.latentexplorer.ui.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.data.AssetLocator;
import org.latentexplorer.explore.DecodeMode;
import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.ui.ExplorerViewModel;
import org.latentexplorer.ui.Shipped;
import org.latentexplorer.ui.session.DirectTasks;

/** Drawing points from the prior and decoding them, again when the decode mode changes. */
class SamplingViewModelTest {

    @Test
    void sampleDrawsTenPointsAndDecodesThem() {
        ExplorerViewModel vm = Shipped.open();
        SamplingViewModel sampling = vm.sampling();
        assertNull(sampling.samplesProperty().get());

        sampling.sample();

        SamplingViewModel.Samples s = sampling.samplesProperty().get();
        assertNotNull(s, "samples did not arrive");
        assertEquals(SamplingViewModel.COUNT, s.count());
        assertEquals(2, s.latent());
        assertEquals(SamplingViewModel.COUNT * 2, s.z().length);
        assertEquals(28, s.rows());
        assertEquals(28, s.cols());
        assertEquals(SamplingViewModel.COUNT * 28 * 28, s.pixels().length);
        for (float p : s.pixels()) {
            assertTrue(p >= 0 && p <= 1, "pixel " + p);
        }
        // Ten different points give ten different images.
        float[] first = Arrays.copyOfRange(s.pixels(), 0, 784);
        float[] second = Arrays.copyOfRange(s.pixels(), 784, 2 * 784);
        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void eachSampleDrawsNewPoints() {
        ExplorerViewModel vm = Shipped.open();
        vm.sampling().sample();
        float[] a = vm.sampling().samplesProperty().get().z();
        vm.sampling().sample();
        float[] b = vm.sampling().samplesProperty().get().z();
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void temperatureIsClampedWhenDrawing() {
        ExplorerViewModel vm = Shipped.open();
        vm.sampling().temperatureProperty().set(100);
        vm.sampling().sample();
        // The first draw uses seed 7919; a temperature of 100 is drawn as the maximum, 3.
        float[] expected = LatentSpace.drawFromPrior(SamplingViewModel.COUNT, 2, SamplingViewModel.MAX_TEMPERATURE, 7_919L);
        assertArrayEquals(expected, vm.sampling().samplesProperty().get().z(), 1e-5f);
    }

    @Test
    void movingTheTemperatureSpreadsTheSameDrawAndTheCirclesFollow() {
        ExplorerViewModel vm = Shipped.open();
        vm.sampling().sample();
        SamplingViewModel.Samples atOne = vm.sampling().samplesProperty().get();
        assertArrayEquals(new double[] {1, 2, 3}, vm.sampling().circleRadii(), 1e-12);
        vm.sampling().temperatureProperty().set(2.5);
        SamplingViewModel.Samples atTwoAndAHalf = vm.sampling().samplesProperty().get();
        // Decoded again, at the temperature the label names: the same noise, 2.5 times as far out.
        assertNotSame(atOne, atTwoAndAHalf);
        for (int i = 0; i < atOne.z().length; i++) {
            assertEquals(2.5 * atOne.z()[i], atTwoAndAHalf.z()[i], 1e-5);
        }
        assertFalse(Arrays.equals(atOne.pixels(), atTwoAndAHalf.pixels()));
        assertArrayEquals(new double[] {2.5, 5, 7.5}, vm.sampling().circleRadii(), 1e-12);
    }

    @Test
    void aNewDecodeModeDecodesTheSamePointsAgain() {
        ExplorerViewModel vm = Shipped.open();
        vm.sampling().sample();
        SamplingViewModel.Samples mean = vm.sampling().samplesProperty().get();

        vm.grid().modeProperty().set(DecodeMode.SAMPLE);

        SamplingViewModel.Samples drawn = vm.sampling().samplesProperty().get();
        assertNotSame(mean, drawn);
        assertArrayEquals(mean.z(), drawn.z());
        assertFalse(Arrays.equals(mean.pixels(), drawn.pixels()));
        for (float p : drawn.pixels()) {
            assertTrue(p == 0 || p == 1, "a Bernoulli draw is binary, not " + p);
        }
    }

    @Test
    void theSamePointsAreDecodedAgainWhenTheModelIsReopened() {
        ExplorerViewModel vm = Shipped.open();
        vm.sampling().sample();
        SamplingViewModel.Samples before = vm.sampling().samplesProperty().get();
        vm.session().open(vm.session().shippedModel());
        SamplingViewModel.Samples after = vm.sampling().samplesProperty().get();
        assertNotSame(before, after);
        assertArrayEquals(before.z(), after.z());
        assertArrayEquals(before.pixels(), after.pixels());
    }

    @Test
    void withoutAModelNothingIsDrawn() {
        DirectTasks tasks = new DirectTasks();
        ExplorerViewModel vm = new ExplorerViewModel(tasks, AssetLocator.fromEnvironment());
        vm.sampling().sample();
        assertNull(vm.sampling().samplesProperty().get());
        assertTrue(tasks.submitted.isEmpty());
    }

    @Test
    void samplesAreForgottenWhenAModelOfAnotherLatentSizeIsShown(@TempDir Path tmp) throws IOException {
        ExplorerViewModel vm = Shipped.open();
        vm.sampling().sample();
        assertNotNull(vm.sampling().samplesProperty().get());

        vm.session().open(Shipped.modelWithLatent(tmp, 3));

        assertEquals(3, vm.session().modelProperty().get().config().latent());
        assertNull(vm.sampling().samplesProperty().get());
        vm.sampling().sample();
        assertEquals(3, vm.sampling().samplesProperty().get().latent());
    }
}
