package org.latentexplorer.ui.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.latentexplorer.model.TrainingHistory;
import org.latentexplorer.ui.ExplorerViewModel;
import org.latentexplorer.ui.Shipped;
import org.latentexplorer.ui.session.CurrentModel;

/** What the area under a compared grid shows before live metrics: the figures the file records. */
class RecordedMetricsTest {

    private static CurrentModel shipped(String name) {
        ExplorerViewModel vm = Shipped.open();
        vm.session().open(vm.session().shippedModel().resolveSibling(name));
        return vm.session().model();
    }

    @Test
    void aVaeShowsItsNegativeElboReconstructionAndKlOfTheLastEpoch() {
        CurrentModel m = shipped("mnist-vae-beta4.lvae");
        List<TrainingHistory.Epoch> epochs = m.history().epochs();
        TrainingHistory.Epoch last = epochs.get(epochs.size() - 1);
        List<RecordedMetrics.Figure> f = RecordedMetrics.of(m);
        assertEquals(List.of("\u2212ELBO", "reconstruction", "KL"), f.stream().map(RecordedMetrics.Figure::name).toList());
        assertEquals(last.testRecon() + last.testPenalty(), f.get(0).value(), 1e-12);
        assertEquals(last.testRecon(), f.get(1).value(), 1e-12);
        assertEquals(last.testPenalty(), f.get(2).value(), 1e-12);
        // The figures README.md gives for the shipped model.
        assertEquals("150.48 nats", f.get(1).text());
        assertEquals("4.20 nats", f.get(2).text());
        assertEquals("test set, after epoch 30", RecordedMetrics.source(m));
    }

    @Test
    void otherKindsShowTheirReconstructionAndTheirOwnPenaltyNeverAKl() {
        assertEquals(List.of("reconstruction"), names(shipped("mnist-ae.lvae")));
        assertEquals(List.of("reconstruction", "L1"), names(shipped("mnist-sparse-ae.lvae")));
        CurrentModel pca = shipped("mnist-pca.lvae");
        assertEquals(List.of("squared error"), names(pca));
        assertEquals("", RecordedMetrics.of(pca).get(0).unit());
        assertEquals("143.72 nats", RecordedMetrics.of(shipped("mnist-ae.lvae")).get(0).text());
    }

    private static List<String> names(CurrentModel m) {
        return RecordedMetrics.of(m).stream().map(RecordedMetrics.Figure::name).toList();
    }
}
