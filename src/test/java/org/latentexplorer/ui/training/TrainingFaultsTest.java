package org.latentexplorer.ui.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.data.AssetLocator;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.model.ModelFile;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.SavedModel;
import org.latentexplorer.ui.ExplorerViewModel;
import org.latentexplorer.ui.session.DirectTasks;
import org.latentexplorer.ui.session.UserMessage;
import org.latentexplorer.ui.session.CurrentModel;

/** What the window does when a training goes wrong: a learning rate that makes the loss blow up. */
class TrainingFaultsTest {
    @TempDir
    Path tmp;

    /** MNIST, hidden 64, batch 128: at learning rate 1.0 the loss is NaN at iteration 5, and so are half the weights. */
    private static ExplorerViewModel diverging(List<UserMessage> said) {
        ExplorerViewModel vm = new ExplorerViewModel(new DirectTasks(), AssetLocator.fromEnvironment());
        vm.notifier().messageProperty().addListener((o, a, b) -> {
            if (b != null) {
                said.add(b);
            }
        });
        TrainingViewModel t = vm.training();
        t.datasetProperty().set("mnist");
        t.hiddenProperty().set("64");
        t.latentProperty().set(2);
        t.batchSizeProperty().set(128);
        t.epochsProperty().set(2);
        t.learningRateProperty().set(1.0);
        return vm;
    }

    private static void assertAllFinite(float[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            assertTrue(Float.isFinite(values[i]), what + " " + i + " is " + values[i]);
        }
    }

    @Test
    void divergingTrainingStopsRestoresTheWeightsFromBeforeAndSaysToLowerTheLearningRate() throws Exception {
        List<UserMessage> said = new ArrayList<>();
        ExplorerViewModel vm = diverging(said);

        vm.training().start();

        assertFalse(vm.training().isActive());
        assertEquals(1, said.size(), "one message: " + said);
        UserMessage m = said.get(0);
        assertEquals("Training stopped", m.title());
        assertTrue(m.text().startsWith("The loss became infinite or NaN in epoch 1: a learning rate of 1 is too large"),
                m.text());
        assertTrue(m.text().contains("The weights from before this training are back."), m.text());
        assertTrue(m.text().endsWith("Train again with a smaller learning rate, such as 0.001."), m.text());

        // No epoch finished: the model is the freshly initialised one, not the NaN weights of the last step.
        CurrentModel model = vm.session().modelProperty().get();
        ModelConfig config = model.config();
        assertArrayEquals(new Network(config, 1).paramsToArray(), model.saved().params());
        assertAllFinite(model.saved().params(), "weight");
        assertTrue(vm.session().isDirty(), "a new model, not saved");
        for (int argb : vm.grid().renderedProperty().get().mosaic().argb()) {
            assertEquals(0xFF, argb >>> 24, "the grid is drawn from finite weights");
        }
        // And it can be kept: a file refuses non-finite weights.
        Path file = tmp.resolve("restored.lvae");
        vm.session().save(file, () -> { });
        assertTrue(Files.isRegularFile(file), String.valueOf(vm.notifier().messageProperty().get()));
        assertArrayEquals(model.saved().params(), ModelFile.read(file).params());
    }

    @Test
    void divergingWhenContinuingGoesBackToTheModelItContinuedWithItsAdamState() throws Exception {
        List<UserMessage> said = new ArrayList<>();
        ExplorerViewModel vm = diverging(said);
        TrainingViewModel t = vm.training();
        t.learningRateProperty().set(1e-3);
        t.epochsProperty().set(1);
        t.start();
        assertTrue(said.isEmpty(), said::toString);
        SavedModel afterOneEpoch = vm.session().modelProperty().get().saved();
        assertNotNull(afterOneEpoch.optimizer());

        // With Adam's moments from an epoch, 1.0 only spoils the model; 10 makes the loss NaN.
        t.continueCurrentProperty().set(true);
        t.learningRateProperty().set(10);
        t.epochsProperty().set(3);
        t.start();

        assertEquals(1, said.size(), "one message: " + said);
        assertTrue(said.get(0).text().startsWith("The loss became infinite or NaN in epoch 2:"), said.get(0).text());
        assertTrue(said.get(0).text().contains("The weights from the end of epoch 1 are back."), said.get(0).text());
        SavedModel back = vm.session().modelProperty().get().saved();
        assertArrayEquals(afterOneEpoch.params(), back.params());
        assertArrayEquals(afterOneEpoch.optimizer().state(), back.optimizer().state());
        assertEquals(1, back.history().size());
    }
}
