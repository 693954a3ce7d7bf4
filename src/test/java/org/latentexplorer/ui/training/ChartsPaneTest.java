package org.latentexplorer.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.chart.XYChart;

import org.junit.jupiter.api.Test;
import org.latentexplorer.data.AssetLocator;
import org.latentexplorer.train.LossCurve;
import org.latentexplorer.ui.ExplorerViewModel;
import org.latentexplorer.ui.session.DirectTasks;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The loss charts show exactly the curves' points as a training adds, merges and clears them. */
class ChartsPaneTest {

    private static List<TrainingCurves.Point> points(LossCurve c) {
        List<TrainingCurves.Point> out = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            out.add(new TrainingCurves.Point(c.x(i), c.y(i)));
        }
        return out;
    }

    private static List<TrainingCurves.Point> shown(XYChart.Series<Number, Number> s) {
        return s.getData().stream()
                .map(d -> new TrainingCurves.Point(d.getXValue().doubleValue(), d.getYValue().doubleValue())).toList();
    }

    private static ExplorerViewModel viewModel() throws Exception {
        FxToolkit.registerPrimaryStage();
        return new ExplorerViewModel(new DirectTasks(), AssetLocator.fromEnvironment());
    }

    /** The charts of vm's training, its curves cleared (on the JavaFX thread). */
    private static ChartsPane chartsWithNoCurves(ExplorerViewModel vm) {
        vm.training().curves().clear();
        return new ChartsPane(vm.training(), vm.session().modelProperty());
    }

    @Test
    void theSeriesFollowTheCurvesThroughAppendsMergesAndAClear() throws Exception {
        ExplorerViewModel vm = viewModel();
        WaitForAsyncUtils.asyncFx(() -> {
            TrainingCurves curves = vm.training().curves();
            ChartsPane charts = chartsWithNoCurves(vm);
            XYChart.Series<Number, Number> reconTrain = charts.recon.getData().get(0);
            XYChart.Series<Number, Number> klTrain = charts.kl.getData().get(0);
            XYChart.Series<Number, Number> reconTest = charts.recon.getData().get(1);
            XYChart.Series<Number, Number> betaLine = charts.beta.getData().get(0);

            int iteration = 0;
            for (; iteration < 50; iteration++) {
                curves.addIteration(iteration / 100.0, 200 - iteration, 3 + iteration % 7, 1);
            }
            charts.update();
            assertEquals(points(curves.recon()), shown(reconTrain));
            assertEquals(points(curves.penalty()), shown(klTrain));
            XYChart.Data<Number, Number> first = reconTrain.getData().get(0);

            // More iterations: the points drawn before stay the same objects, the new ones are added.
            for (; iteration < 60; iteration++) {
                curves.addIteration(iteration / 100.0, 200 - iteration, 3 + iteration % 7, 1);
            }
            curves.addEpoch(0.6, 150, 5);
            charts.update();
            assertEquals(points(curves.recon()), shown(reconTrain));
            assertSame(first, reconTrain.getData().get(0), "a point that did not change is not made again");
            assertEquals(curves.testRecon(), shown(reconTest));

            // Past the curve's size its points merge pairwise: fewer points, all moved.
            for (; iteration < 2 * TrainingCurves.MAX_POINTS + 30; iteration++) {
                curves.addIteration(iteration / 100.0, 200 - iteration / 10.0, 3 + iteration % 7, iteration < 500 ? 1 : 4);
            }
            charts.update();
            assertTrue(curves.recon().size() < TrainingCurves.MAX_POINTS, "the curve merged its points");
            assertEquals(points(curves.recon()), shown(reconTrain));
            assertEquals(points(curves.penalty()), shown(klTrain));
            assertEquals(curves.weight(), shown(betaLine));
            assertTrue(reconTrain.getNode().isVisible());

            // Another model: its empty curves leave nothing of this one drawn.
            curves.clear();
            charts.update();
            assertEquals(List.of(), shown(reconTrain));
            assertFalse(reconTrain.getNode().isVisible(), "an empty series is hidden");
            return null;
        }).get(60, TimeUnit.SECONDS);
    }
    @Test
    void theEpochAxisHasFewTicksWholeEpochsApartAfterTheFirst() throws Exception {
        FxToolkit.registerPrimaryStage();
        javafx.scene.chart.NumberAxis x = org.testfx.util.WaitForAsyncUtils.asyncFx(
                (java.util.concurrent.Callable<javafx.scene.chart.NumberAxis>) javafx.scene.chart.NumberAxis::new)
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        double[][] endStepBound = {{0.3, 0.5, 0.5}, {1, 0.5, 1}, {1.5, 1, 2}, {2, 1, 2}, {5, 1, 5}, {7, 2, 8}, {30, 10, 30}, {41, 10, 50}};
        for (double[] e : endStepBound) {
            ChartsPane.fitEpochs(x, e[0]);
            assertEquals(e[1], x.getTickUnit(), 1e-9, "tick unit for " + e[0] + " epochs");
            assertEquals(e[2], x.getUpperBound(), 1e-9, "axis end for " + e[0] + " epochs");
            assertEquals(0, x.getLowerBound(), 0);
            assertTrue(x.getUpperBound() / x.getTickUnit() <= 5 + 1e-9, "at most six ticks for " + e[0]);
        }
    }

    @Test
    void aNarrowChartShortensItsTitleAndTheLegendNamesOnlyCurvesOnTheCharts() throws Exception {
        ExplorerViewModel vm = viewModel();
        WaitForAsyncUtils.asyncFx(() -> {
            TrainingCurves curves = vm.training().curves();
            ChartsPane charts = chartsWithNoCurves(vm);
            javafx.stage.Stage stage = new javafx.stage.Stage();
            stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.Pane(charts), 1000, 200));
            stage.show();
            try {
                charts.resize(1000, 200);
                charts.applyCss();
                charts.layout();
                assertEquals("Reconstruction", charts.recon.getTitle());
                assertEquals("KL to the prior", charts.kl.getTitle());
                assertFalse(charts.legendShows()[0], "no training curve, no train line in the legend");
                assertFalse(charts.legendShows()[1]);

                // A model opened from a file: its test curve only.
                curves.addEpoch(1, 150, 5);
                charts.update();
                assertFalse(charts.legendShows()[0], "a model's saved epochs have no train curve");
                assertTrue(charts.legendShows()[1]);
                curves.addIteration(1.1, 149, 5, 1);
                charts.update();
                assertTrue(charts.legendShows()[0], "a training's curve is named as it starts");

                // Too narrow for the whole titles: the short ones, whole, rather than "Reconst...".
                charts.resize(360, 200);
                for (int pass = 0; pass < 2; pass++) {
                    charts.applyCss();
                    charts.layout();
                }
                assertEquals("Recon.", charts.recon.getTitle());
                assertEquals("KL", charts.kl.getTitle());
                for (javafx.scene.chart.LineChart<Number, Number> c : List.of(charts.recon, charts.kl)) {
                    javafx.scene.control.Label title = (javafx.scene.control.Label) c.lookup(".chart-title");
                    assertTrue(title.prefWidth(-1) <= title.getWidth() + 0.5,
                            c.getTitle() + " whole: " + title.prefWidth(-1) + " in " + title.getWidth());
                }

                charts.resize(1000, 200);
                charts.applyCss();
                charts.layout();
                assertEquals("Reconstruction", charts.recon.getTitle(), "the whole title again where it fits");
            } finally {
                stage.close();
            }
            return null;
        }).get(60, TimeUnit.SECONDS);
    }
}
