package org.latentexplorer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.latentexplorer.data.ImageSet;
import org.latentexplorer.model.Bernoulli;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.model.ModelKind;
import org.latentexplorer.model.ModelKinds;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.TrainingHistory;

/** Each model kind, trained (or fitted) briefly on simple images, lowers its own objective. */
class EveryKindTrainsTest {

    static List<ModelKind> kinds() {
        return ModelKinds.all();
    }

    /** recon + weight * penalty on the test set, the kind's own objective. */
    private static double objective(Network net, ModelKind kind, ImageSet test) {
        Evaluation.Terms t = Evaluation.terms(net, kind, test);
        return t.recon() + (kind.penalty().isPresent() ? kind.penaltyWeight() * t.penalty() : 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void trainingLowersTheKindsObjectiveAndRecordsOnlyItsTerms(ModelKind kind) {
        ImageSet train = TrainingRunTest.bars(600, 1);
        ImageSet test = TrainingRunTest.bars(100, 2);
        ModelConfig config = ModelConfig.of(kind, 6, 6, List.of(32, 16), 2, Bernoulli.INSTANCE);
        Network net = new Network(config, 3);
        double before = objective(net, kind, test);
        TrainingRun run = new TrainingRun(net, train, test, new TrainingSettings(3, 20, 3e-3, 3, 0));
        TrainingRun.Result result = run.run(TrainingListener.NONE);
        double after = objective(net, kind, test);
        assertTrue(after < 0.8 * before, kind + ": objective " + before + " -> " + after);

        List<TrainingHistory.Epoch> epochs = run.history().epochs();
        assertEquals(kind.fitted() ? 1 : 3, epochs.size(), "a fitted kind is one pass");
        assertEquals(kind.fitted() ? 0 : 90, result.iterations());
        TrainingHistory.Epoch last = epochs.get(epochs.size() - 1);
        assertTrue(Double.isFinite(last.testRecon()));
        assertEquals(kind.penalty().isPresent(), Double.isFinite(last.testPenalty()),
                "a penalty figure exactly when the kind has a penalty: " + last);
        assertEquals(kind.penalty().isPresent(), Double.isFinite(last.weight()));
    }
}
