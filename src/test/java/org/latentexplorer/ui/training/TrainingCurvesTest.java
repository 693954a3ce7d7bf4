package org.latentexplorer.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.latentexplorer.model.TrainingHistory;

/** What the loss charts plot: per-iteration curves, per-epoch test points, beta as a step line. */
class TrainingCurvesTest {
    private static TrainingCurves.Point p(double x, double y) {
        return new TrainingCurves.Point(x, y);
    }

    private static TrainingHistory.Epoch epoch(int n, double beta) {
        return new TrainingHistory.Epoch(n, 1, beta, 100 + n, 5 + n, 110 + n, 6 + n, 1000);
    }

    @Test
    void aConstantBetaIsOneFlatSegmentUpToTheLatestIteration() {
        TrainingCurves c = new TrainingCurves();
        for (int i = 1; i <= 50; i++) {
            c.addIteration(i / 10.0, 150, 6, 1);
        }
        assertEquals(List.of(p(0.1, 1), p(5.0, 1)), c.weight());
        assertEquals(50, c.recon().size());
        assertEquals(5.0, c.penalty().x(c.penalty().size() - 1));
    }

    @Test
    void aBetaChangeIsAVerticalEdgeAtTheIterationWhereItHappens() {
        TrainingCurves c = new TrainingCurves();
        c.addIteration(0.1, 150, 6, 1);
        c.addIteration(0.2, 150, 6, 1);
        c.addIteration(0.3, 150, 6, 1);
        c.addIteration(0.4, 150, 6, 4);
        c.addIteration(0.5, 150, 6, 4);
        c.addIteration(0.6, 150, 6, 4);

        List<TrainingCurves.Point> beta = c.weight();
        assertEquals(List.of(p(0.1, 1), p(0.3, 1), p(0.4, 1), p(0.4, 4), p(0.6, 4)), beta);
    }

    @Test
    void betaChangesBackAndForthMakeOneEdgeEach() {
        TrainingCurves c = new TrainingCurves();
        double[] betas = {1, 1, 0, 0, 0, 2, 2};
        for (int i = 0; i < betas.length; i++) {
            c.addIteration(i + 1, 150, 6, betas[i]);
        }
        List<TrainingCurves.Point> beta = c.weight();
        int edges = 0;
        for (int i = 1; i < beta.size(); i++) {
            assertTrue(beta.get(i).x() >= beta.get(i - 1).x(), "x goes back at " + i + ": " + beta);
            if (beta.get(i).x() == beta.get(i - 1).x() && beta.get(i).y() != beta.get(i - 1).y()) {
                edges++;
            }
        }
        assertEquals(2, edges, beta::toString);
        assertEquals(p(7, 2), beta.get(beta.size() - 1));
    }

    @Test
    void historyIsOnePointPerEpochAtTheEpochNumber() {
        TrainingCurves c = new TrainingCurves();
        c.addIteration(0.5, 150, 6, 1);
        c.showHistory(new TrainingHistory(List.of(epoch(1, 1), epoch(2, 1), epoch(3, 1))));

        assertEquals(List.of(p(1, 111), p(2, 112), p(3, 113)), c.testRecon());
        assertEquals(List.of(p(1, 7), p(2, 8), p(3, 9)), c.testPenalty());
        // Past epochs have no per-iteration values, and the old run's are gone.
        assertEquals(0, c.recon().size());
        assertEquals(0, c.penalty().size());
        assertEquals(List.of(p(0, 1), p(3, 1)), c.weight());
    }

    @Test
    void historyWithABetaChangeStepsAtTheEpochBoundary() {
        TrainingCurves c = new TrainingCurves();
        c.showHistory(new TrainingHistory(List.of(epoch(1, 1), epoch(2, 1), epoch(3, 2))));
        List<TrainingCurves.Point> beta = c.weight();
        assertEquals(p(0, 1), beta.get(0));
        assertEquals(p(3, 2), beta.get(beta.size() - 1));
        assertTrue(beta.contains(p(2, 1)) && beta.contains(p(2, 2)), beta::toString);
        for (TrainingCurves.Point pt : beta) {
            assertTrue(pt.x() < 2 && pt.y() == 1 || pt.x() == 2 || pt.x() > 2 && pt.y() == 2, "off the step at " + pt);
        }
    }

    @Test
    void anEmptyHistoryClearsEverything() {
        TrainingCurves c = new TrainingCurves();
        c.addIteration(0.5, 150, 6, 1);
        c.addEpoch(1, 140, 5);
        c.showHistory(new TrainingHistory());
        assertEquals(0, c.recon().size());
        assertEquals(List.of(), c.testRecon());
        assertEquals(List.of(), c.testPenalty());
        assertEquals(List.of(), c.weight());
    }

    @Test
    void everyChangeMovesTheVersion() {
        TrainingCurves c = new TrainingCurves();
        long v0 = c.version();
        c.addIteration(0.1, 150, 6, 1);
        long v1 = c.version();
        assertNotEquals(v0, v1);
        c.addEpoch(1, 140, 5);
        long v2 = c.version();
        assertNotEquals(v1, v2);
        c.clear();
        assertNotEquals(v2, c.version());
    }

    @Test
    void theListsHandedOutAreSnapshots() {
        TrainingCurves c = new TrainingCurves();
        c.addEpoch(1, 140, 5);
        List<TrainingCurves.Point> before = c.testRecon();
        c.addEpoch(2, 130, 5);
        assertEquals(1, before.size());
        assertEquals(2, c.testRecon().size());
    }
}
