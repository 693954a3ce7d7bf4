package org.latentexplorer.ui.training;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

import javafx.collections.ListChangeListener;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import org.latentexplorer.train.LossCurve;
import org.latentexplorer.ui.common.Controls;
import org.latentexplorer.ui.common.FittingText;
import org.latentexplorer.ui.session.CurrentModel;

/**
 * The loss charts against epochs: reconstruction and the kind's penalty, e.g. the KL (training,
 * smoothed per iteration, and test, per epoch), and the penalty's weight, e.g. beta, beside them,
 * so the effect of a change of beta lines up with it. A kind without a penalty (a plain
 * autoencoder, PCA) shows only its reconstruction: never a KL of 0 as if it were one.
 */
public final class ChartsPane extends HBox {
    public final LineChart<Number, Number> recon;
    public final LineChart<Number, Number> kl;
    public final LineChart<Number, Number> beta;
    private final XYChart.Series<Number, Number> reconTrain = series("train");
    private final XYChart.Series<Number, Number> reconTest = series("test");
    private final XYChart.Series<Number, Number> klTrain = series("train");
    private final XYChart.Series<Number, Number> klTest = series("test");
    private final XYChart.Series<Number, Number> betaLine = series("\u03b2");
    private final javafx.scene.control.Label weightLegend;
    /** The legend's lines for the current training's curves and the model's test curves: shown while they have points. */
    private javafx.scene.control.Label trainLegend;
    private javafx.scene.control.Label testLegend;
    private final FittingText reconTitle;
    private final FittingText penaltyTitle;
    private final TrainingCurves curves;
    private long drawnVersion = -1;
    private final EarlierRuns earlierRuns;
    private long drawnEarlier = -1;
    private final List<XYChart.Series<Number, Number>> earlierRecon = new ArrayList<>();
    private final List<XYChart.Series<Number, Number>> earlierPenalty = new ArrayList<>();
    /** Each earlier run's series and its style class (which dashes), put back after the chart's own (see keepEarlierStyles). */
    private final Map<XYChart.Series<Number, Number>, String> earlierStyles = new IdentityHashMap<>();
    private final javafx.scene.layout.VBox earlierLegend = new javafx.scene.layout.VBox(3);
    private javafx.scene.layout.VBox legendBox;
    final javafx.scene.control.Button clearEarlier = new javafx.scene.control.Button("Clear");
    /** The model on screen: which earlier runs' curves share its charts' units. */
    private CurrentModel shown;

    public ChartsPane(TrainingViewModel vm, javafx.beans.value.ObservableValue<CurrentModel> model) {
        this.curves = vm.curves();
        this.earlierRuns = vm.earlierRuns();
        clearEarlier.setOnAction(e -> {
            vm.clearEarlierRuns();
            update();
        });
        recon = chart("Reconstruction", reconTrain, reconTest);
        kl = chart("KL to the prior", klTrain, klTest);
        reconTitle = FittingText.title(recon).set("Reconstruction", "Recon.");
        penaltyTitle = FittingText.title(kl).set("KL to the prior", "KL");
        keepEarlierStyles(recon);
        keepEarlierStyles(kl);
        beta = chart("\u03b2", betaLine);
        beta.setLegendVisible(false);
        NumberAxis betaAxis = (NumberAxis) beta.getYAxis();
        betaAxis.setAutoRanging(false);
        betaAxis.setLowerBound(0);
        beta.getStyleClass().add("beta-chart");
        Controls.tip(recon, "Reconstruction term \u2212log p(x|z): how many nats it costs to describe an image given its code z;"
                + " lower means sharper reconstructions. Train is smoothed per iteration, test is measured after each epoch.");
        Controls.tip(kl, KL_TIP);
        Controls.tip(beta, "The beta each iteration used: a change here shows up as a change in the two curves beside it.");
        setSpacing(4);
        HBox.setHgrow(recon, Priority.ALWAYS);
        HBox.setHgrow(kl, Priority.ALWAYS);
        beta.setPrefWidth(170);
        beta.setMinWidth(96);
        // One legend for the two loss charts, beside them: the height goes to the curves.
        recon.setLegendVisible(false);
        kl.setLegendVisible(false);
        weightLegend = legendLine("\u03b2", "legend-beta", "the KL weight used");
        getChildren().addAll(recon, kl, beta, legend());
        getStyleClass().add("charts");
        vm.curvesVersionProperty().addListener((o, a, b) -> update());
        model.addListener((o, a, b) -> {
            showTermsOf(b);
            update();
        });
        showTermsOf(model.getValue());
        update();
    }

    /** Titles, and which charts are shown, for the kind of the model on screen. */
    private void showTermsOf(CurrentModel m) {
        if (m == null) {
            return;
        }
        shown = m;
        drawnEarlier = -1;
        org.latentexplorer.model.ModelConfig c = m.liveConfig();
        if (c.likelihood().inNats()) {
            reconTitle.set("Reconstruction", "Recon.");
        } else {
            reconTitle.set("Squared error", "Sq. error");
        }
        java.util.Optional<org.latentexplorer.model.Penalty> penalty = c.kind().penalty();
        for (javafx.scene.Node n : List.of(kl, beta, weightLegend)) {
            n.setVisible(penalty.isPresent());
            n.setManaged(penalty.isPresent());
        }
        penalty.ifPresent(p -> {
            org.latentexplorer.model.Knob weight = c.kind().knobs().stream().filter(k -> k.key().equals(p.weight()))
                    .findFirst().orElseThrow();
            if (p.key().equals("kl")) {
                penaltyTitle.set("KL to the prior", "KL");
            } else {
                penaltyTitle.set(p.name(), p.name());
            }
            beta.setTitle(weight.symbol());
            weightLegend.setText(weight.symbol());
            Controls.tip(weightLegend, "the " + weight.name() + " used");
            Controls.tip(kl, p.key().equals("kl") ? KL_TIP : "The penalty " + p.name() + " that " + c.kind().aTitle()
                    + " adds to its loss, weighted by " + weight.symbol() + ".");
            Controls.tip(beta, "The " + weight.name() + " each iteration used: a change here shows up as a change in"
                    + " the curves beside it.");
        });
    }

    private static final String KL_TIP = "KL term KL(q(z|x) \u2016 N(0, I)): how far the posterior q(z|x) is from the"
            + " prior N(0, I), in nats; beta scales this term in the loss, and a larger beta pushes it down.";

    private javafx.scene.layout.VBox legend() {
        javafx.scene.control.Label train = legendLine("train", "legend-train", "smoothed per iteration");
        javafx.scene.control.Label test = legendLine("test", "legend-test", "after each epoch");
        trainLegend = train;
        testLegend = test;
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(6, train, test, weightLegend, earlierLegend);
        Controls.tip(clearEarlier, "Remove the earlier trainings' faded curves from the charts.");
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        box.getStyleClass().add("charts-legend");
        // The legend's own lines and Clear keep their width always, an earlier run's label unless
        // the centre is at its narrowest (narrowLegendWhile).
        for (javafx.scene.control.Labeled l : List.of(train, test, weightLegend, clearEarlier)) {
            l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        box.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        legendBox = box;
        return box;
    }

    /**
     * While narrow holds, an earlier run's label in the legend is cut short ("VAE, ...") rather than
     * widen the charts past the width the window gave them (SideWidths); otherwise the legend keeps
     * its width and the charts give way (at 1024 x 768 every label whole).
     */
    public void narrowLegendWhile(javafx.beans.value.ObservableBooleanValue narrow) {
        Controls.whileHolds(legendBox, narrow, n -> legendBox.setMinWidth(n ? javafx.scene.layout.Region.USE_COMPUTED_SIZE
                : javafx.scene.layout.Region.USE_PREF_SIZE));
    }

    private static javafx.scene.control.Label legendLine(String text, String style, String tip) {
        javafx.scene.shape.Line line = new javafx.scene.shape.Line(0, 0, 16, 0);
        line.getStyleClass().add(style);
        javafx.scene.control.Label l = new javafx.scene.control.Label(text, line);
        l.setGraphicTextGap(6);
        Controls.tip(l, tip);
        return l;
    }

    /** Gives the charts the height the window can spare, larger with the interface's scale. */
    public void fitHeight(javafx.beans.value.ObservableDoubleValue sceneHeight, javafx.beans.value.ObservableDoubleValue scale) {
        Runnable apply = () -> {
            // Below 800 lines (a 1280 x 720 projector) the grid needs every pixel: the charts take 120.
            double h = sceneHeight.get() < 800 ? 120 * Math.min(scale.get(), 1.25)
                    : Math.max(132 * Math.min(scale.get(), 1.25), Math.min(300 * scale.get(), sceneHeight.get() * 0.21));
            for (LineChart<Number, Number> c : List.of(recon, kl, beta)) {
                c.setMinHeight(h);
                c.setPrefHeight(h);
                c.setMaxHeight(h);
            }
            beta.setPrefWidth(150 * scale.get());
            beta.setMinWidth(96 * scale.get());
        };
        sceneHeight.addListener((o, a, b) -> apply.run());
        scale.addListener((o, a, b) -> apply.run());
        apply.run();
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }

    @SafeVarargs
    private static LineChart<Number, Number> chart(String title, XYChart.Series<Number, Number>... series) {
        NumberAxis x = new NumberAxis();
        // The three charts share one epoch axis: a chart too narrow for its name leaves it to the others.
        FittingText.label(x).set("epoch", "");
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
        c.setMinWidth(80);
        // A modest preferred width, so that in a wide window the row grows (the loss charts take the
        // room, the weight's chart keeps its own) instead of shrinking all three to fit.
        c.setPrefWidth(200);
        c.getData().addAll(series);
        return c;
    }

    /** Replaces the plotted points when the curves changed (a few hundred points at most). */
    void update() {
        long v = curves.version();
        long e = earlierRuns.version();
        if (v == drawnVersion && e == drawnEarlier) {
            return;
        }
        drawnVersion = v;
        // The earlier runs do not change while a training reports: re-plotted only when they or the model do.
        if (e != drawnEarlier) {
            drawnEarlier = e;
            plotEarlierRuns();
        }
        plot(reconTrain, curves.recon().size(), curves.recon()::x, curves.recon()::y);
        plot(klTrain, curves.penalty().size(), curves.penalty()::x, curves.penalty()::y);
        plot(reconTest, curves.testRecon());
        plot(klTest, curves.testPenalty());
        fitY(recon, curves.recon(), curves.testRecon(), earlierRecon);
        fitY(kl, curves.penalty(), curves.testPenalty(), earlierPenalty);
        plot(betaLine, curves.weight());
        // A line of the legend only for curves on the charts (a model opened from a file has only its
        // test curve); hidden, not removed, so the charts do not move when a training starts.
        trainLegend.setVisible(curves.recon().size() + curves.penalty().size() > 0);
        testLegend.setVisible(curves.testRecon().size() + curves.testPenalty().size() > 0);
        // One epoch axis for all three charts, so a step of beta lines up with what it does.
        double end = curves.epochSpan();
        for (XYChart.Series<Number, Number> s : earlierRecon) {
            end = Math.max(end, lastX(s));
        }
        for (XYChart.Series<Number, Number> s : earlierPenalty) {
            end = Math.max(end, lastX(s));
        }
        for (LineChart<Number, Number> c : List.of(recon, kl, beta)) {
            fitEpochs((NumberAxis) c.getXAxis(), end);
        }
        // Beta's axis starts at 0 and shows a constant beta as a line, not as a zoomed-in flat range.
        double top = 1;
        for (TrainingCurves.Point p : curves.weight()) {
            top = Math.max(top, p.y());
        }
        NumberAxis y = (NumberAxis) beta.getYAxis();
        y.setUpperBound(Math.ceil(top * 1.2 * 2) / 2);
        y.setTickUnit(y.getUpperBound() <= 2 ? 0.5 : y.getUpperBound() <= 5 ? 1 : 2);
    }

    private static void plot(XYChart.Series<Number, Number> series, List<TrainingCurves.Point> points) {
        plot(series, points.size(), i -> points.get(i).x(), i -> points.get(i).y());
    }

    /**
     * Makes a series show points 0 .. size-1, changing only the points that differ: while a training
     * reports, an update adds a point or moves the last one, so replacing all of them (up to 2,000
     * data objects and their path elements ten times a second) was work for the UI thread and
     * garbage for the collector. A series left empty is hidden: the chart keeps drawing the last
     * line of a series whose points are all removed, which would show another model's curve.
     */
    private static void plot(XYChart.Series<Number, Number> series, int size, IntToDoubleFunction x,
                             IntToDoubleFunction y) {
        javafx.collections.ObservableList<XYChart.Data<Number, Number>> data = series.getData();
        if (data.size() > size) {
            data.remove(size, data.size());
        }
        for (int i = 0; i < data.size(); i++) {
            XYChart.Data<Number, Number> d = data.get(i);
            double xi = x.applyAsDouble(i);
            double yi = y.applyAsDouble(i);
            if (Double.compare(d.getXValue().doubleValue(), xi) != 0) {
                d.setXValue(xi);
            }
            if (Double.compare(d.getYValue().doubleValue(), yi) != 0) {
                d.setYValue(yi);
            }
        }
        if (data.size() < size) {
            List<XYChart.Data<Number, Number>> added = new ArrayList<>(size - data.size());
            for (int i = data.size(); i < size; i++) {
                added.add(new XYChart.Data<>(x.applyAsDouble(i), y.applyAsDouble(i)));
            }
            data.addAll(added);
        }
        if (series.getNode() != null) {
            series.getNode().setVisible(size > 0);
        }
    }

    /**
     * The epoch axis from 0 to end, rounded up to a tick: about five ticks, whole epochs apart after
     * the first epoch and half epochs within it (labels 0.2 apart ran together under a one-epoch
     * training's narrow charts).
     */
    static void fitEpochs(NumberAxis x, double end) {
        double step = Math.max(org.latentexplorer.explore.AxisTicks.step(0, Math.max(1, end), 5), end <= 1 ? 0.5 : 1);
        x.setAutoRanging(false);
        x.setLowerBound(0);
        x.setUpperBound(Math.max(step, Math.ceil(end / step - 1e-9) * step));
        x.setTickUnit(step);
    }

    /** The upper bound of the epoch axis (for tests: the same on all three charts). */
    public double epochAxisEnd(LineChart<Number, Number> chart) {
        return ((NumberAxis) chart.getXAxis()).getUpperBound();
    }

    /**
     * Fits the y axis to the curves, except the first tenth of the training curve: the losses of
     * the first iterations are many times the later ones and would flatten everything after them.
     */
    private static void fitY(LineChart<Number, Number> chart, LossCurve train, List<TrainingCurves.Point> test,
                             List<XYChart.Series<Number, Number>> earlier) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYChart.Series<Number, Number> s : earlier) {
            List<XYChart.Data<Number, Number>> d = s.getData();
            for (int i = d.size() < 20 ? 0 : d.size() / 10; i < d.size(); i++) {
                lo = Math.min(lo, d.get(i).getYValue().doubleValue());
                hi = Math.max(hi, d.get(i).getYValue().doubleValue());
            }
        }
        for (int i = train.size() < 20 ? 0 : train.size() / 10; i < train.size(); i++) {
            lo = Math.min(lo, train.y(i));
            hi = Math.max(hi, train.y(i));
        }
        for (TrainingCurves.Point p : test) {
            lo = Math.min(lo, p.y());
            hi = Math.max(hi, p.y());
        }
        NumberAxis y = (NumberAxis) chart.getYAxis();
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            y.setAutoRanging(true);
            return;
        }
        // A term that is never negative (KL, a norm, a Bernoulli reconstruction) gets no axis below 0,
        // whether its curve came from this training or only from a model's saved epochs.
        boolean nonNegative = lo >= 0 && (train.size() == 0 || minOf(train) >= 0);
        double pad = Math.max((hi - lo) * 0.08, Math.max(Math.abs(hi) * 0.01, 0.05));
        lo -= pad;
        hi += pad;
        if (lo < 0 && nonNegative) {
            lo = 0;
        }
        double step = org.latentexplorer.explore.AxisTicks.step(lo, hi, 5);
        y.setAutoRanging(false);
        y.setLowerBound(Math.floor(lo / step) * step);
        y.setUpperBound(Math.ceil(hi / step) * step);
        y.setTickUnit(step);
    }

    private static double minOf(LossCurve c) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < c.size(); i++) {
            m = Math.min(m, c.y(i));
        }
        return m;
    }

    private static List<XYChart.Data<Number, Number>> points(List<TrainingCurves.Point> ps) {
        List<XYChart.Data<Number, Number>> out = new ArrayList<>(ps.size());
        for (TrainingCurves.Point p : ps) {
            out.add(new XYChart.Data<>(p.x(), p.y()));
        }
        return out;
    }

    /**
     * The earlier trainings' curves, faded and labelled with their kind and weight: on the
     * reconstruction chart when their units are this model's, on the penalty chart when their
     * penalty is this model's (never an L1 on a KL chart).
     */
    private void plotEarlierRuns() {
        recon.getData().removeAll(earlierRecon);
        kl.getData().removeAll(earlierPenalty);
        earlierRecon.clear();
        earlierPenalty.clear();
        earlierStyles.clear();
        List<javafx.scene.Node> legend = new ArrayList<>();
        org.latentexplorer.model.ModelConfig c = shown == null ? null : shown.liveConfig();
        String penaltyKey = c == null ? null : c.kind().penalty().map(org.latentexplorer.model.Penalty::key).orElse(null);
        for (EarlierRuns.Run r : earlierRuns.runs()) {
            String style = "earlier-run-" + r.number() % 3;
            boolean reconFits = c == null || r.reconInNats() == c.likelihood().inNats();
            boolean penaltyFits = r.penaltyKey() != null && r.penaltyKey().equals(penaltyKey);
            if (reconFits) {
                earlierRecon.add(earlierSeries(recon, r, r.recon(), style));
            }
            if (penaltyFits && !r.penalty().isEmpty()) {
                earlierPenalty.add(earlierSeries(kl, r, r.penalty(), style));
            }
            if (reconFits || penaltyFits) {
                // Short beside the charts (the dashes tell the runs apart); the run's number is in the
                // tooltip, and in front when two runs have the same kind and weight.
                javafx.scene.control.Label l = legendLine(earlierRuns.legendText(r), style, "Earlier training " + r.title()
                        + ": its curves stay, faded, until Clear.");
                l.getGraphic().getStyleClass().add("earlier-run");
                l.getStyleClass().add("earlier-run-label");
                // One line, its whole text in the tooltip; narrow enough that at 1024 x 768 the
                // charts keep their titles whole ("Reconstruc..." with 130 px).
                Controls.lines(l, 1);
                l.setMaxWidth(110);
                l.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
                legend.add(l);
            }
        }
        if (!legend.isEmpty()) {
            legend.add(clearEarlier);
        }
        earlierLegend.getChildren().setAll(legend);
        earlierLegend.setVisible(!legend.isEmpty());
        earlierLegend.setManaged(!legend.isEmpty());
    }

    private XYChart.Series<Number, Number> earlierSeries(LineChart<Number, Number> chart, EarlierRuns.Run r,
                                                        List<TrainingCurves.Point> points, String style) {
        XYChart.Series<Number, Number> s = series(r.title());
        s.getData().setAll(points(points));
        earlierStyles.put(s, style);
        chart.getData().add(s);
        return s;
    }

    /**
     * A line chart gives every series its default style classes again whenever a series is added or
     * removed (all but the newest earlier run then lost their faded dashes, drawn in the default
     * palette's green); the earlier runs' classes go back on after it.
     */
    private void keepEarlierStyles(LineChart<Number, Number> chart) {
        chart.getData().addListener((ListChangeListener<XYChart.Series<Number, Number>>) change -> {
            for (XYChart.Series<Number, Number> s : chart.getData()) {
                String style = earlierStyles.get(s);
                if (style != null && s.getNode() != null) {
                    for (String c : List.of("earlier-run", style)) {
                        if (!s.getNode().getStyleClass().contains(c)) {
                            s.getNode().getStyleClass().add(c);
                        }
                    }
                }
            }
        });
    }

    private static double lastX(XYChart.Series<Number, Number> s) {
        return s.getData().isEmpty() ? 0 : s.getData().get(s.getData().size() - 1).getXValue().doubleValue();
    }

    /** Earlier trainings' curves on the charts now (for tests): on the reconstruction chart, and on the penalty chart. */
    public int[] earlierCurves() {
        return new int[] {earlierRecon.size(), earlierPenalty.size()};
    }

    /** Whether the legend shows its lines for the training curves and the test curves (for tests). */
    public boolean[] legendShows() {
        return new boolean[] {trainLegend.isVisible(), testLegend.isVisible()};
    }

    /** Number of points the reconstruction chart's training series shows (for tests). */
    public int reconPoints() {
        return reconTrain.getData().size();
    }

    public int penaltyPoints() {
        return klTrain.getData().size();
    }
}
