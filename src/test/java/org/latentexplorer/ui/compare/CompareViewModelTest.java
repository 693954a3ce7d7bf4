package org.latentexplorer.ui.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.explore.Viewport;
import org.latentexplorer.ui.ExplorerViewModel;
import org.latentexplorer.ui.Shipped;
import org.latentexplorer.ui.grid.ModelOnScreen;
import org.latentexplorer.ui.session.CurrentModel;
import org.latentexplorer.ui.session.UserMessage;

/** Models side by side, without a toolkit: every job runs at once on the test thread. */
class CompareViewModelTest {
    @TempDir
    Path tmp;

    private static ExplorerViewModel opened(CompareViewModel.Pair pair) {
        ExplorerViewModel vm = Shipped.open();
        vm.compare().open(pair);
        assertNull(vm.notifier().messageProperty().get(), () -> String.valueOf(vm.notifier().messageProperty().get()));
        for (ModelOnScreen m : vm.compare().models()) {
            assertNotNull(m.grid().renderedProperty().get(), "a compared grid was not decoded");
        }
        return vm;
    }

    private static List<Viewport> viewports(CompareViewModel c) {
        return c.models().stream().map(m -> m.grid().viewportProperty().get()).toList();
    }

    @Test
    void draggingOneGridMovesEveryGridToTheSameView() {
        ExplorerViewModel vm = opened(CompareViewModel.Pair.AE_VS_VAE);
        CompareViewModel c = vm.compare();
        ModelOnScreen first = c.models().get(0);
        ModelOnScreen second = c.models().get(1);

        first.grid().pan(120, -40, 400, 400);

        Viewport moved = first.grid().viewportProperty().get();
        assertNotEquals(Viewport.DEFAULT, moved);
        assertEquals(List.of(moved, moved), viewports(c));
        assertEquals(moved, c.viewportProperty().get());
        // The other grid decoded the new view, not only took its rectangle.
        assertEquals(moved, second.grid().renderedProperty().get().request().view());
        // The window's own grid is another session: it stays where it was.
        assertEquals(Viewport.DEFAULT, vm.grid().viewportProperty().get());
    }

    @Test
    void zoomingOneGridZoomsEveryGrid() {
        ExplorerViewModel vm = opened(CompareViewModel.Pair.BETA_1_VS_4);
        CompareViewModel c = vm.compare();
        ModelOnScreen second = c.models().get(1);

        second.grid().zoom(2, 100, 300, 400, 400);

        Viewport zoomed = second.grid().viewportProperty().get();
        assertEquals(Viewport.DEFAULT.width() / 2, zoomed.width(), 1e-9);
        assertEquals(List.of(zoomed, zoomed), viewports(c));
        assertEquals(zoomed, c.models().get(0).grid().renderedProperty().get().request().view());

        c.resetView();
        assertEquals(List.of(Viewport.DEFAULT, Viewport.DEFAULT), viewports(c));
        // View > Zoom In while comparing zooms them all about the centre.
        c.zoom(1.25);
        Viewport in = c.models().get(0).grid().viewportProperty().get();
        assertEquals(Viewport.DEFAULT.width() / 1.25, in.width(), 1e-9);
        assertEquals(0, (in.xMin() + in.xMax()) / 2, 1e-9);
        assertEquals(List.of(in, in), viewports(c));
    }

    @Test
    void eachComparedModelIsMeasuredAsTheWindowMeasuresItsOwn() {
        CompareViewModel c = opened(CompareViewModel.Pair.AE_VS_VAE).compare();
        var ae = c.metricsOf(c.models().get(0));
        var vae = c.metricsOf(c.models().get(1));
        // The README's figures of the shipped models: the VAE's prior decodes to data more often.
        assertEquals(0.729, ae.measuredProperty().get().report().completeness().completeness(), 0.0005);
        assertEquals(0.902, vae.measuredProperty().get().report().completeness().completeness(), 0.0005);
        assertEquals(0.060, ae.measuredProperty().get().report().holes().fraction(), 0.0005);
        // The continuity of each grid as drawn, from its own decoded tiles.
        assertTrue(ae.liveProperty().get().quantiles().median() > 0);
        assertNotEquals(ae.liveProperty().get().quantiles().median(), vae.liveProperty().get().quantiles().median());

        ModelOnScreen gone = c.models().get(0);
        c.remove(gone);
        assertEquals(null, c.metricsOf(gone));
    }

    @Test
    void tilesDecodeModeAndScatterAreSharedToo() {
        CompareViewModel c = opened(CompareViewModel.Pair.AE_VS_VAE).compare();
        c.models().get(0).grid().stepsProperty().set(12);
        assertEquals(12, c.models().get(1).grid().stepsProperty().get());
        assertEquals(12, c.models().get(1).grid().renderedProperty().get().mosaic().columns());
        c.models().get(1).grid().modeProperty().set(org.latentexplorer.explore.DecodeMode.SAMPLE);
        assertEquals(org.latentexplorer.explore.DecodeMode.SAMPLE, c.models().get(0).grid().modeProperty().get());
        // Each compared grid shows its own model's test set.
        for (ModelOnScreen m : c.models()) {
            assertTrue(m.grid().showTestSetProperty().get());
            assertEquals(2000, m.grid().embeddingProperty().get().count());
        }
        assertNotEquals(c.models().get(0).grid().embeddingProperty().get().mu()[0],
                c.models().get(1).grid().embeddingProperty().get().mu()[0]);
    }

    @Test
    void theMenuPairsOpenTheirTwoShippedModels() {
        ExplorerViewModel vm = Shipped.open();
        Path models = vm.session().shippedModel().getParent();
        assertEquals(List.of(models.resolve("mnist-ae.lvae"), models.resolve("mnist-vae.lvae")),
                files(opened(CompareViewModel.Pair.AE_VS_VAE).compare()));
        assertEquals(List.of(models.resolve("mnist-vae.lvae"), models.resolve("mnist-vae-beta4.lvae")),
                files(opened(CompareViewModel.Pair.BETA_1_VS_4).compare()));

        CompareViewModel c = opened(CompareViewModel.Pair.BETA_1_VS_4).compare();
        assertTrue(c.isActive());
        assertEquals(List.of("VAE (\u03b2 = 1), k = 2", "VAE (\u03b2 = 4), k = 2"),
                c.shownModelsProperty().get().stream().map(RecordedMetrics::kind).toList());
        // Another pair replaces the one compared, it does not add to it.
        c.open(CompareViewModel.Pair.AE_VS_VAE);
        assertEquals(2, c.models().size());
        assertEquals("mnist-ae.lvae", c.shownModelsProperty().get().get(0).title());
    }

    private static List<Path> files(CompareViewModel c) {
        return c.models().stream().map(m -> m.session().model().file()).toList();
    }

    @Test
    void aFourthModelIsRefusedWithAMessageAndTheThreeStay() {
        ExplorerViewModel vm = opened(CompareViewModel.Pair.AE_VS_VAE);
        CompareViewModel c = vm.compare();
        Path models = vm.session().shippedModel().getParent();
        c.add(models.resolve("mnist-vae-beta4.lvae"));
        assertEquals(3, c.models().size());
        assertNull(vm.notifier().messageProperty().get());

        c.add(models.resolve("mnist-pca.lvae"));

        UserMessage refused = vm.notifier().messageProperty().get();
        assertNotNull(refused, "a fourth model was not refused");
        assertTrue(refused.text().contains("mnist-pca.lvae"), refused.text());
        assertTrue(refused.text().contains("3"), refused.text());
        assertEquals(3, c.models().size());
        assertEquals(List.of("mnist-ae.lvae", "mnist-vae.lvae", "mnist-vae-beta4.lvae"),
                c.shownModelsProperty().get().stream().map(CurrentModel::title).toList());
    }

    @Test
    void aFileThatCannotBeReadIsNamedAndTheOthersKeepWorking() throws IOException {
        ExplorerViewModel vm = opened(CompareViewModel.Pair.AE_VS_VAE);
        CompareViewModel c = vm.compare();
        Path bad = tmp.resolve("half.lvae");
        byte[] shipped = Files.readAllBytes(vm.session().shippedModel());
        Files.write(bad, java.util.Arrays.copyOf(shipped, shipped.length / 2));

        c.add(bad);

        UserMessage m = vm.notifier().messageProperty().get();
        assertNotNull(m, "the bad file was not reported");
        assertTrue(m.text().contains("half.lvae"), m.text());
        assertEquals(2, c.models().size());
        assertTrue(c.isActive());
        // The others still follow each other.
        c.models().get(0).grid().pan(50, 0, 400, 400);
        assertEquals(c.models().get(0).grid().viewportProperty().get(),
                c.models().get(1).grid().renderedProperty().get().request().view());
    }

    @Test
    void compareWithFromTheOneModelViewPutsTheWindowsModelBesideTheFileAndLeavesItAlone() {
        ExplorerViewModel vm = Shipped.open();
        CurrentModel windowModel = vm.session().model();
        Path ae = vm.session().shippedModel().resolveSibling("mnist-ae.lvae");

        vm.compare().add(ae);

        CompareViewModel c = vm.compare();
        assertTrue(c.isActive());
        assertEquals(List.of("mnist-vae.lvae", "mnist-ae.lvae"),
                c.shownModelsProperty().get().stream().map(CurrentModel::title).toList());
        assertSame(windowModel, vm.session().model());
        assertFalse(vm.session().isDirty());

        assertEquals("Opened " + ae, vm.notifier().statusProperty().get());
        c.leave();
        assertFalse(c.isActive());
        assertTrue(c.models().isEmpty());
        assertEquals(List.of(), c.shownModelsProperty().get());
        assertSame(windowModel, vm.session().model());
        assertEquals("Back to one model: mnist-vae.lvae", vm.notifier().statusProperty().get(),
                "the status bar no longer speaks of a compared model");
    }

    @Test
    void aModelWithAnotherLatentSizeKeepsAPlaneItHas() throws IOException {
        ExplorerViewModel vm = Shipped.open();
        Path k3 = Shipped.modelWithLatent(tmp, 3);
        CompareViewModel c = vm.compare();
        c.compare(List.of(vm.session().shippedModel(), k3));
        ModelOnScreen two = c.models().get(0);
        ModelOnScreen three = c.models().get(1);
        assertEquals(3, three.grid().sliceProperty().get().latent());
        assertEquals(2, two.grid().sliceProperty().get().latent());

        three.grid().setDims(2, 1);
        // z3 is not a dimension of the 2-d model: it keeps z1 x z2.
        assertEquals(0, two.grid().sliceProperty().get().dimX());
        assertEquals(1, two.grid().sliceProperty().get().dimY());
        assertEquals(2, two.grid().renderedProperty().get().request().slice().latent());

        three.grid().setDims(1, 0);
        assertEquals(1, two.grid().sliceProperty().get().dimX());
        assertEquals(0, two.grid().sliceProperty().get().dimY());
        // The viewport is shared whatever the plane.
        two.grid().pan(30, 30, 300, 300);
        assertEquals(two.grid().viewportProperty().get(), three.grid().viewportProperty().get());
    }

    @Test
    void removingAModelLetsItGoAndTheOthersStayInStep() {
        CompareViewModel c = opened(CompareViewModel.Pair.AE_VS_VAE).compare();
        ModelOnScreen gone = c.models().get(0);
        c.remove(gone);
        assertEquals(1, c.models().size());
        c.models().get(0).grid().pan(80, 0, 400, 400);
        assertEquals(Viewport.DEFAULT, gone.grid().viewportProperty().get());
        assertEquals(c.viewportProperty().get(), c.models().get(0).grid().viewportProperty().get());
    }

    @Test
    void comparingWhileTheWindowsModelTrainsLeavesTheTrainingRunning() {
        org.latentexplorer.ui.session.DirectTasks.Queued tasks = new org.latentexplorer.ui.session.DirectTasks.Queued();
        ExplorerViewModel vm = new ExplorerViewModel(tasks, org.latentexplorer.data.AssetLocator.fromEnvironment());
        org.latentexplorer.ui.training.TrainingViewModel t = vm.training();
        t.datasetProperty().set("mnist");
        t.epochsProperty().set(1);
        t.hiddenProperty().set("32");
        t.batchSizeProperty().set(1000);
        t.start();
        assertTrue(tasks.runNext(), "no data job");
        assertEquals(org.latentexplorer.ui.training.TrainingViewModel.State.RUNNING, t.stateProperty().get());
        CurrentModel training = vm.session().model();

        vm.compare().open(CompareViewModel.Pair.BETA_1_VS_4);

        // Opening the compared models is not opening a model in the window: nothing is refused.
        assertNull(vm.notifier().messageProperty().get(), () -> String.valueOf(vm.notifier().messageProperty().get()));
        assertSame(training, vm.session().model());
        assertTrue(t.isActive());
        tasks.runAll();
        assertTrue(t.progressTextProperty().get().startsWith("Finished"), t.progressTextProperty().get());
        assertEquals(List.of("mnist-vae.lvae", "mnist-vae-beta4.lvae"),
                vm.compare().shownModelsProperty().get().stream().map(CurrentModel::title).toList());
        assertEquals("untitled", vm.session().model().title());
        assertEquals(1, vm.session().model().history().size());
    }
}
