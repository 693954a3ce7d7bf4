package org.latentexplorer.ui.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.latentexplorer.model.Bernoulli;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.SavedModel;
import org.latentexplorer.model.Vae;
import org.latentexplorer.train.TrainingListener;
import org.latentexplorer.train.TrainingRun;
import org.latentexplorer.train.TrainingRunTest;
import org.latentexplorer.train.TrainingSettings;

class CurrentModelTest {
    private static final ModelConfig SMALL = ModelConfig.of(new Vae(1), 6, 6, List.of(16, 8), 2, Bernoulli.INSTANCE);

    @Test
    void aModelNotTrainingIsMeasuredWithItsSavedWeights() {
        SavedModel saved = new TrainingRun(new Network(SMALL, 3), TrainingRunTest.bars(40, 1), TrainingRunTest.bars(10, 2),
                TrainingSettings.defaults(1, 3)).checkpoint(Map.of());
        Network network = new CurrentModel(null, saved, null).network();
        assertArrayEquals(saved.params(), network.paramsToArray());
        assertEquals(saved.config(), network.config());
    }

    @Test
    void aTrainingModelIsMeasuredWithTheRunsWeightsAndBetaOfTheMomentNotThoseItStartedFrom() {
        TrainingRun run = new TrainingRun(new Network(SMALL, 3), TrainingRunTest.bars(200, 1), TrainingRunTest.bars(40, 2), TrainingSettings.defaults(2, 3));
        SavedModel atStart = run.checkpoint(Map.of());
        run.run(TrainingListener.NONE);
        run.setKnob("beta", 4.0);
        CurrentModel training = new CurrentModel(null, atStart, run);

        Network network = training.network();
        SavedModel snapshot = training.toSave();
        assertFalse(Arrays.equals(atStart.params(), snapshot.params()), "two epochs changed the weights");
        assertArrayEquals(snapshot.params(), network.paramsToArray());
        assertEquals(snapshot.config(), network.config());
        assertEquals(4.0, ((Vae) network.config().kind()).beta(), 0.0);
        // A copy of its own: the training's next steps do not change what is being measured.
        run.setKnob("beta", 1.0);
        run.run(TrainingListener.NONE);
        assertArrayEquals(snapshot.params(), network.paramsToArray());
    }
}
