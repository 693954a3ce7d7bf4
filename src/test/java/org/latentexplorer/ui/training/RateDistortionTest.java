package org.latentexplorer.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.latentexplorer.model.TrainingHistory;
import org.latentexplorer.ui.ExplorerViewModel;
import org.latentexplorer.ui.Shipped;
import org.latentexplorer.ui.compare.CompareViewModel;
import org.latentexplorer.ui.session.CurrentModel;

/** Rate (KL) against distortion (reconstruction): the window model's epochs as a path, a point per open model. */
class RateDistortionTest {

    private static TrainingHistory.Epoch last(CurrentModel m) {
        List<TrainingHistory.Epoch> epochs = m.history().epochs();
        return epochs.get(epochs.size() - 1);
    }

    @Test
    void thePointsOfTheComparedModelsAreTheirRecordedKlAndReconstruction() {
        ExplorerViewModel vm = Shipped.open();
        vm.compare().open(CompareViewModel.Pair.BETA_1_VS_4);
        List<CurrentModel> compared = vm.compare().shownModelsProperty().get();

        RateDistortion.Picture p = RateDistortion.of(vm.session().model(), false, vm.training().curves(), compared);

        // The window's model is mnist-vae.lvae too: one point for it, not two.
        assertEquals(2, p.models().size(), p.models().toString());
        for (int i = 0; i < 2; i++) {
            TrainingHistory.Epoch e = last(compared.get(i));
            assertEquals(e.testPenalty(), p.models().get(i).rate(), 0);
            assertEquals(e.testRecon(), p.models().get(i).distortion(), 0);
        }
        // The figures README.md gives for the shipped models: beta 4 trades reconstruction for rate.
        assertEquals(6.25, p.models().get(0).rate(), 0.005);
        assertEquals(148.35, p.models().get(0).distortion(), 0.005);
        assertEquals(4.20, p.models().get(1).rate(), 0.005);
        assertEquals(150.48, p.models().get(1).distortion(), 0.005);
        assertTrue(p.models().get(1).label().contains("\u03b2 = 4"), p.models().get(1).label());
        assertEquals(List.of(), p.notPlotted());
    }

    @Test
    void theWindowModelsEpochsAreThePathInOrder() {
        ExplorerViewModel vm = Shipped.open();
        CurrentModel m = vm.session().model();

        RateDistortion.Picture p = RateDistortion.of(m, false, vm.training().curves(), List.of());

        List<TrainingHistory.Epoch> epochs = m.history().epochs();
        assertEquals(epochs.size(), p.path().size());
        for (int i = 0; i < epochs.size(); i++) {
            assertEquals(epochs.get(i).testPenalty(), p.path().get(i).rate(), 0);
            assertEquals(epochs.get(i).testRecon(), p.path().get(i).distortion(), 0);
        }
        assertEquals("mnist-vae.lvae, per epoch", p.pathLabel());
        assertEquals("this training, per epoch", RateDistortion.of(m, true, vm.training().curves(), List.of()).pathLabel());
    }

    @Test
    void kindsWithoutAKlAreNamedAndNotPlotted() {
        ExplorerViewModel vm = Shipped.open();
        vm.compare().open(CompareViewModel.Pair.AE_VS_VAE);
        vm.session().open(vm.session().shippedModel().resolveSibling("mnist-sparse-ae.lvae"));

        RateDistortion.Picture p = RateDistortion.of(vm.session().model(), false, vm.training().curves(),
                vm.compare().shownModelsProperty().get());

        // The sparse autoencoder's penalty is an L1 norm, not a rate: no path, no point.
        assertEquals(List.of(), p.path());
        assertEquals(List.of("mnist-sparse-ae.lvae", "mnist-ae.lvae"), p.notPlotted());
        assertEquals(1, p.models().size());
        assertTrue(p.models().get(0).label().startsWith("mnist-vae \u00b7 VAE"), p.models().get(0).label());
        assertNull(RateDistortion.of(vm.compare().shownModelsProperty().get().get(0)));
    }
    // The window's model leaves the picture while it trains; the compared models' points took
    // their colour from their place in the list and so changed colour at a training's start and end.
    @Test
    void eachModelKeepsItsPointsColourWhileOthersComeAndGo() {
        RateDistortion.Point window = new RateDistortion.Point(6.2, 148, "mnist-vae \u00b7 VAE (\u03b2 = 1)");
        RateDistortion.Point beta4 = new RateDistortion.Point(4.2, 150, "mnist-vae-beta4 \u00b7 VAE (\u03b2 = 4)");
        RateDistortion.Point fashion = new RateDistortion.Point(9.1, 240, "fashion-mnist-vae \u00b7 VAE (\u03b2 = 1)");
        RateDistortion.Colours colours = new RateDistortion.Colours();
        assertEquals(List.of(0, 1), colours.of(List.of(window, beta4)));
        // Training: the window's point goes; the other keeps its colour.
        assertEquals(List.of(1), colours.of(List.of(beta4)));
        assertEquals(List.of(1, 0), colours.of(List.of(beta4, fashion)), "a newcomer takes the lowest free colour");
        // The training ends: the window's model comes back first in the list, with the colour no one has.
        assertEquals(List.of(2, 1, 0), colours.of(List.of(window, beta4, fashion)));
        assertEquals(List.of(2, 1, 0), colours.of(List.of(window, beta4, fashion)), "the same picture, the same colours");
    }
}
