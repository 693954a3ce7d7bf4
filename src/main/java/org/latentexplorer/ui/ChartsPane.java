package org.latentexplorer.ui;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import org.latentexplorer.train.LossCurve;

/**
 * The loss charts against epochs: reconstruction and KL (training, smoothed per iteration, and
 * test, per epoch) and beta beside them, so the effect of a change of beta lines up with it.
 */
final class ChartsPane extends HBox {
    final LineChart<Number, Number> recon;
    final LineChart<Number, Number> kl;
    final LineChart<Number, Number> beta;
    private final XYChart.Series<Number, Number> reconTrain = series("train");
    private final XYChart.Series<Number, Number> reconTest = series("test");
    private final XYChart.Series<Number, Number> klTrain = series("train");
    private final XYChart.Series<Number, Number> klTest = series("test");
    private final XYChart.Series<Number, Number> betaLine = series("\u03b2");
    private final TrainingCurves curves;
    private long drawnVersion = -1;

    ChartsPane(TrainingViewModel vm) {
        this.curves = vm.curves();
        recon = chart("Reconstruction  \u2212log p(x|z)", reconTrain, reconTest);
        kl = chart("KL( q(z|x) \u2016 N(0, I) )", klTrain, klTest);
        beta = chart("\u03b2", betaLine);
        beta.setLegendVisible(false);
        NumberAxis betaAxis = (NumberAxis) beta.getYAxis();
        betaAxis.setAutoRanging(false);
        betaAxis.setLowerBound(0);
        beta.getStyleClass().add("beta-chart");
        Controls.tip(recon, "Reconstruction term: how many nats it costs to describe an image given its code z;"
                + " lower means sharper reconstructions. Train is smoothed per iteration, test is measured after each epoch.");
        Controls.tip(kl, "KL term: how far the posterior q(z|x) is from the prior N(0, I), in nats; beta scales"
                + " this term in the loss, and a larger beta pushes it down.");
        Controls.tip(beta, "The beta each iteration used: a change here shows up as a change in the two curves beside it.");
        setSpacing(4);
        HBox.setHgrow(recon, Priority.ALWAYS);
        HBox.setHgrow(kl, Priority.ALWAYS);
        beta.setPrefWidth(170);
        beta.setMinWidth(130);
        getChildren().addAll(recon, kl, beta);
        getStyleClass().add("charts");
        vm.curvesVersionProperty().addListener((o, a, b) -> update());
        update();
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }

    @SafeVarargs
    private static LineChart<Number, Number> chart(String title, XYChart.Series<Number, Number>... series) {
        NumberAxis x = new NumberAxis();
        x.setLabel("epoch");
        x.setForceZeroInRange(true);
        x.setMinorTickVisible(false);
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(false);
        y.setMinorTickVisible(false);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setTitle(title);
        c.setAnimated(false);
        c.setCreateSymbols(false);
        c.setMinHeight(150);
        c.setPrefHeight(190);
        c.setMinWidth(150);
        c.getData().addAll(series);
        return c;
    }

    /** Replaces the plotted points when the curves changed (a few hundred points at most). */
    void update() {
        long v = curves.version();
        if (v == drawnVersion) {
            return;
        }
        drawnVersion = v;
        reconTrain.getData().setAll(points(curves.recon()));
        klTrain.getData().setAll(points(curves.kl()));
        reconTest.getData().setAll(points(curves.testRecon()));
        klTest.getData().setAll(points(curves.testKl()));
        betaLine.getData().setAll(points(curves.beta()));
        // Beta's axis starts at 0 and shows a constant beta as a line, not as a zoomed-in flat range.
        double top = 1;
        for (TrainingCurves.Point p : curves.beta()) {
            top = Math.max(top, p.y());
        }
        NumberAxis y = (NumberAxis) beta.getYAxis();
        y.setUpperBound(Math.ceil(top * 1.2 * 2) / 2);
        y.setTickUnit(y.getUpperBound() <= 2 ? 0.5 : y.getUpperBound() <= 5 ? 1 : 2);
    }

    private static List<XYChart.Data<Number, Number>> points(LossCurve c) {
        List<XYChart.Data<Number, Number>> out = new ArrayList<>(c.size());
        for (int i = 0; i < c.size(); i++) {
            out.add(new XYChart.Data<>(c.x(i), c.y(i)));
        }
        return out;
    }

    private static List<XYChart.Data<Number, Number>> points(List<TrainingCurves.Point> ps) {
        List<XYChart.Data<Number, Number>> out = new ArrayList<>(ps.size());
        for (TrainingCurves.Point p : ps) {
            out.add(new XYChart.Data<>(p.x(), p.y()));
        }
        return out;
    }

    /** Number of points the reconstruction chart's training series shows (for tests). */
    int reconPoints() {
        return reconTrain.getData().size();
    }

    int klPoints() {
        return klTrain.getData().size();
    }
}
