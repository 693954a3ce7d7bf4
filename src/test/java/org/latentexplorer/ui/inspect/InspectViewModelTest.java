package org.latentexplorer.ui.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.data.AssetLocator;
import org.latentexplorer.explore.DecodeMode;
import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.model.ModelFiles;
import org.latentexplorer.model.Network;
import org.latentexplorer.ui.ExplorerViewModel;
import org.latentexplorer.ui.Shipped;
import org.latentexplorer.ui.session.DirectTasks;

/** Picking one test image of the shipped models: what is encoded, decoded and drawn, and when it goes. */
class InspectViewModelTest {
    private ExplorerViewModel vm;
    private InspectViewModel inspect;

    @TempDir
    Path tmp;

    @BeforeEach
    void openShipped() {
        vm = Shipped.open();
        inspect = vm.inspect();
    }

    /** The shipped model's display copy, for decoding outside the window's lane. */
    private LatentSpace shippedSpace(String file) throws Exception {
        return new LatentSpace(Network.from(ModelFiles.read(vm.session().shippedModel().resolveSibling(file))));
    }

    @Test
    void aPickEncodesTheImageAloneToTheMeanTheScatterShows() {
        inspect.pick(7);

        InspectViewModel.Inspection i = inspect.inspectionProperty().get();
        assertNotNull(i);
        assertEquals(7, i.index());
        assertEquals(7, inspect.pickedProperty().get());
        LatentSpace.Embedding scatter = vm.grid().embeddingProperty().get();
        assertEquals(scatter.mu(7, 0), i.mu()[0], 1e-4);
        assertEquals(scatter.mu(7, 1), i.mu()[1], 1e-4);
        assertEquals(scatter.labels()[7], i.label());
        assertTrue(i.hasSpread());
        assertEquals(2, i.logVar().length);
        // The original is the test image itself.
        float[] original = new float[28 * 28];
        vm.session().dataProperty().get().test().copyScaled(7, original, 0);
        assertArrayEquals(original, i.original());
        assertTrue(inspect.summaryProperty().get().startsWith("Test image 8, label " + i.label()),
                inspect.summaryProperty().get());
        assertTrue(inspect.summaryProperty().get().contains(String.format(java.util.Locale.ROOT, "\u03c3 = %.3f", i.sigma(1))));
    }

    @Test
    void theReconstructionIsTheDecodeOfMuAndTheDrawsImagesAreTheirDecodes() throws Exception {
        inspect.pick(3);
        InspectViewModel.Inspection i = inspect.inspectionProperty().get();
        LatentSpace space = shippedSpace("mnist-vae.lvae");

        assertArrayEquals(space.decode(i.mu(), DecodeMode.MEAN), i.reconstruction(), 1e-6f);
        assertEquals(InspectViewModel.DRAWS, i.drawCount());
        assertArrayEquals(space.decode(i.draws(), InspectViewModel.DRAWS, DecodeMode.MEAN), i.drawImages(), 1e-6f);
        // A trained VAE reconstructs: nearer its image than a blank one is.
        assertTrue(squaredDistance(i.reconstruction(), i.original()) < squaredDistance(new float[28 * 28], i.original()));
    }

    @Test
    void theReconstructionFollowsTheGridsDecodeMode() throws Exception {
        inspect.pick(3);
        float[] mean = inspect.inspectionProperty().get().reconstruction();

        vm.grid().modeProperty().set(DecodeMode.SAMPLE);

        InspectViewModel.Inspection i = inspect.inspectionProperty().get();
        assertArrayEquals(shippedSpace("mnist-vae.lvae").decode(i.mu(), DecodeMode.SAMPLE), i.reconstruction());
        assertFalse(java.util.Arrays.equals(mean, i.reconstruction()));
    }

    @Test
    void theDrawsComeFromTheImagesPosteriorWithAFixedSeedPerPickAndDrawAgainChangesThem() {
        inspect.pick(5);
        InspectViewModel.Inspection first = inspect.inspectionProperty().get();
        for (int k = 0; k < first.drawCount(); k++) {
            for (int d = 0; d < 2; d++) {
                // Within five standard deviations: each is mu + sigma * eps.
                assertEquals(first.mu()[d], first.draw(k, d), 5 * first.sigma(d));
            }
        }
        inspect.pick(9);
        inspect.pick(5);
        assertArrayEquals(first.draws(), inspect.inspectionProperty().get().draws(), "the same pick, the same draws");

        inspect.drawAgain();

        InspectViewModel.Inspection again = inspect.inspectionProperty().get();
        assertArrayEquals(first.mu(), again.mu());
        assertFalse(java.util.Arrays.equals(first.draws(), again.draws()));
    }

    @Test
    void theEllipsesAreTheImagesPosteriorInTheGridsPlane() {
        inspect.pick(2);
        InspectViewModel.Inspection i = inspect.inspectionProperty().get();

        List<PosteriorEllipse> e = inspect.ellipses();

        assertEquals(2, e.size());
        assertEquals(i.mu()[0], e.get(1).cx(), 1e-6);
        assertEquals(i.mu()[1], e.get(1).cy(), 1e-6);
        assertEquals(2 * Math.exp(i.logVar()[0] / 2), e.get(1).rx(), 1e-6);
        assertEquals(2 * Math.exp(i.logVar()[1] / 2), e.get(1).ry(), 1e-6);
    }

    @Test
    void inAThreeDimensionalModelTheEllipsesFollowThePlanesDimensions() throws Exception {
        vm.session().open(Shipped.modelWithLatent(tmp, 3));
        vm.grid().setDims(2, 0);
        inspect.pick(4);
        InspectViewModel.Inspection i = inspect.inspectionProperty().get();
        assertEquals(3, i.latent());

        PosteriorEllipse one = inspect.ellipses().get(0);

        assertEquals(i.mu()[2], one.cx(), 1e-6);
        assertEquals(i.mu()[0], one.cy(), 1e-6);
        assertEquals(Math.exp(i.logVar()[2] / 2), one.rx(), 1e-6);
        assertEquals(Math.exp(i.logVar()[0] / 2), one.ry(), 1e-6);
        assertTrue(inspect.summaryProperty().get().contains("z3: \u03bc"), inspect.summaryProperty().get());
    }

    @Test
    void anAutoencodersPickHasNoEllipseNoDrawsAndSaysWhy() throws Exception {
        vm.session().open(vm.session().shippedModel().resolveSibling("mnist-ae.lvae"));
        inspect.pick(0);

        InspectViewModel.Inspection i = inspect.inspectionProperty().get();
        assertNotNull(i);
        assertFalse(i.hasSpread());
        assertEquals(0, i.drawCount());
        assertTrue(inspect.ellipses().isEmpty());
        assertArrayEquals(shippedSpace("mnist-ae.lvae").decode(i.mu(), DecodeMode.MEAN), i.reconstruction(), 1e-6f);
        assertEquals("An autoencoder maps this image to a single point: there is no spread, so nothing around it is"
                + " trained to decode to anything.", inspect.explanationProperty().get());
        assertFalse(inspect.summaryProperty().get().contains("\u03c3"), inspect.summaryProperty().get());
        assertTrue(inspect.summaryProperty().get().contains(String.format(java.util.Locale.ROOT, "z2 = %.2f", i.mu()[1])),
                inspect.summaryProperty().get());
    }

    @Test
    void aProbabilisticAutoencodersSpreadIsTheUnitNoiseItAddsToEveryCode() throws Exception {
        org.latentexplorer.model.ModelConfig config = org.latentexplorer.model.ModelConfig.of(
                new org.latentexplorer.model.ProbabilisticAutoencoder(0.01), 28, 28, List.of(16), 2,
                org.latentexplorer.model.Bernoulli.INSTANCE);
        Path file = tmp.resolve("probabilistic.lvae");
        org.latentexplorer.model.ModelFile.write(file, new org.latentexplorer.model.SavedModel(config,
                new Network(config, 3).paramsToArray(), null, new org.latentexplorer.model.TrainingHistory(),
                java.util.Map.of("dataset", "mnist")));
        vm.session().open(file);
        inspect.pick(0);

        InspectViewModel.Inspection i = inspect.inspectionProperty().get();
        assertArrayEquals(new float[] {0f, 0f}, i.logVar());
        assertEquals(InspectViewModel.DRAWS, i.drawCount());
        List<PosteriorEllipse> e = inspect.ellipses();
        assertEquals(1, e.get(0).rx(), 1e-9);
        assertEquals(2, e.get(1).ry(), 1e-9);
        String said = inspect.explanationProperty().get();
        assertTrue(said.contains("probabilistic autoencoder adds noise N(0, I)") && said.endsWith("not learned."), said);
    }

    @Test
    void aNewModelDropsThePick() throws Exception {
        inspect.pick(1);
        assertNotNull(inspect.inspectionProperty().get());

        vm.session().open(vm.session().shippedModel().resolveSibling("mnist-vae-beta4.lvae"));

        assertEquals(InspectViewModel.NONE, inspect.pickedProperty().get());
        assertNull(inspect.inspectionProperty().get());
        assertTrue(inspect.ellipses().isEmpty());
        assertEquals("", inspect.explanationProperty().get());
    }

    @Test
    void newWeightsEncodeThePickAgain() {
        inspect.pick(1);
        InspectViewModel.Inspection before = inspect.inspectionProperty().get();
        Network untrained = new Network(vm.session().model().config(), 99);

        vm.session().refreshWeights(n -> n.copyFrom(untrained), () -> { }, e -> { throw new AssertionError(e); });

        InspectViewModel.Inspection after = inspect.inspectionProperty().get();
        assertEquals(1, after.index());
        assertFalse(java.util.Arrays.equals(before.mu(), after.mu()));
        assertArrayEquals(before.original(), after.original());
    }

    @Test
    void clearDropsThePickAndAnAnswerStillOnItsWayIsNotShown() {
        DirectTasks.Queued tasks = new DirectTasks.Queued();
        ExplorerViewModel queued = new ExplorerViewModel(tasks, AssetLocator.fromEnvironment());
        queued.session().open(queued.session().shippedModel());
        tasks.runAll();
        InspectViewModel slow = queued.inspect();

        slow.pick(0);
        assertNull(slow.inspectionProperty().get(), "still encoding");
        slow.clear();
        tasks.runAll();

        assertEquals(InspectViewModel.NONE, slow.pickedProperty().get());
        assertNull(slow.inspectionProperty().get());
    }

    @Test
    void aPickOutsideTheTestSetIsIgnored() {
        inspect.pick(vm.session().dataProperty().get().test().count());
        inspect.pick(-3);
        assertEquals(InspectViewModel.NONE, inspect.pickedProperty().get());
        assertNull(inspect.inspectionProperty().get());
    }

    private static double squaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int p = 0; p < a.length; p++) {
            s += (a[p] - b[p]) * (a[p] - b[p]);
        }
        return s;
    }
}
