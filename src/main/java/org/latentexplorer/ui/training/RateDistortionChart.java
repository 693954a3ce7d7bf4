package org.latentexplorer.ui.training;

import java.util.List;

import javafx.beans.value.ObservableValue;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

import org.latentexplorer.ui.common.Controls;
import org.latentexplorer.ui.common.FittingText;
import org.latentexplorer.ui.session.CurrentModel;

/**
 * Rate against distortion: the KL to the prior across, the reconstruction term up, on the test set.
 * The window model's epochs (its running training's, while one runs) are a line; every open model
 * with a prior is a labelled point, so beta's trade-off is one picture: a larger beta moves a
 * model left (less KL) and up (worse reconstruction).
 */
public final class RateDistortionChart extends VBox {
    final LineChart<Number, Number> chart;
    private final XYChart.Series<Number, Number> path = new XYChart.Series<>();
    private final Label caption = Controls.caption("");
    private final TrainingViewModel training;
    private final ObservableValue<CurrentModel> window;
    private final ObservableValue<List<CurrentModel>> others;
    private RateDistortion.Picture shown;
    private final RateDistortion.Colours colours = new RateDistortion.Colours();
    /** Below this width a point's name is its kind only ("VAE (\u03b2 = 4)"), without the file. */
    private static final double NARROW = 420;
    private static final String TITLE = "Rate (KL) against distortion (reconstruction)";
    private static final javafx.scene.paint.Color EPOCH = javafx.scene.paint.Color.web("#0072b2");

    /**
     * @param window the window's model, whose epochs are the line
     * @param others the other open models (those compared), each a point
     */
    public RateDistortionChart(TrainingViewModel training, ObservableValue<CurrentModel> window,
                               ObservableValue<List<CurrentModel>> others) {
        this.training = training;
        this.window = window;
        this.others = others;
        NumberAxis x = new NumberAxis();
        FittingText.label(x).set("rate: KL (nats)", "KL (nats)");
        x.setForceZeroInRange(true);
        x.setMinorTickVisible(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("nats");
        y.setForceZeroInRange(false);
        y.setMinorTickVisible(false);
        chart = new LineChart<>(x, y);
        chart.setTitle(TITLE);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setMinHeight(120);
        chart.setPrefHeight(220);
        chart.setMinWidth(140);
        chart.getStyleClass().add("rate-distortion");
        VBox.setVgrow(chart, Priority.ALWAYS);
        path.setName("epochs");
        Controls.tip(chart, "Each model's test set as (KL, reconstruction) in nats per image: moving left costs"
                + " reconstruction, and beta chooses where on that trade-off a VAE lands. The line is the window's model"
                + " epoch by epoch (its training while one runs); the points are the open models.");
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        getChildren().addAll(chart, caption);
        setSpacing(2);
        getStyleClass().add("rate-distortion-pane");
        training.curvesVersionProperty().addListener((o, a, b) -> update());
        training.activeProperty().addListener((o, a, b) -> update());
        window.addListener((o, a, b) -> update());
        others.addListener((o, a, b) -> update());
        // In a narrow panel the points are named by their kind alone.
        chart.widthProperty().addListener((o, a, b) -> {
            if (a.doubleValue() < NARROW != b.doubleValue() < NARROW) {
                shown = null;
                update();
            }
        });
        update();
    }

    /** Whether the chart names itself (not needed under a heading that does). */
    public void showTitle(boolean show) {
        chart.setTitle(show ? TITLE : null);
    }

    /** Names itself while show holds. */
    public void showTitleWhile(javafx.beans.value.ObservableBooleanValue show) {
        Controls.whileHolds(this, show, this::showTitle);
    }

    /** The dots of the line, epoch by epoch (for tests). */
    public List<javafx.scene.Node> epochDots() {
        return path.getData().stream().map(XYChart.Data::getNode).toList();
    }

    /** What is plotted (for tests). */
    public RateDistortion.Picture picture() {
        return shown;
    }

    private void update() {
        RateDistortion.Picture p = RateDistortion.of(window.getValue(), training.isActive(), training.curves(),
                others.getValue() == null ? List.of() : others.getValue());
        if (p.equals(shown)) {
            return;
        }
        if (extendsShown(p)) {
            // A training's new epochs: only their dots are added (rebuilding the chart every epoch
            // stalled the UI thread while training).
            for (int j = shown.path().size(); j < p.path().size(); j++) {
                path.getData().add(dot(p.path().get(j)));
            }
            shown = p;
            fitDistortion(p);
            caption.setText(caption(p));
            return;
        }
        shown = p;
        chart.getData().clear();
        path.getData().clear();
        for (RateDistortion.Point e : p.path()) {
            path.getData().add(dot(e));
        }
        chart.getData().add(path);
        if (path.getNode() != null) {
            path.getNode().setVisible(!p.path().isEmpty());
        }
        int i = 0;
        List<Boolean> right = rightHalf(p);
        List<Integer> colour = colours.of(p.models());
        for (RateDistortion.Point m : p.models()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(m.label());
            XYChart.Data<Number, Number> d = new XYChart.Data<>(m.rate(), m.distortion());
            d.setNode(new Marker(m, colour.get(i), i % 2 == 1, right.get(i), chart.getWidth() < NARROW));
            i++;
            s.getData().add(d);
            chart.getData().add(s);
            // Above the path's dots, so that its name reads.
            d.getNode().toFront();
        }
        fitDistortion(p);
        caption.setText(caption(p));
    }

    /** Whether p is the picture shown with more epochs on the same line, and the open models as they were. */
    private boolean extendsShown(RateDistortion.Picture p) {
        return shown != null && !shown.path().isEmpty() && p.path().size() > shown.path().size()
                && p.pathLabel().equals(shown.pathLabel()) && p.models().equals(shown.models())
                && p.notPlotted().equals(shown.notPlotted()) && chart.getData().contains(path)
                && p.path().subList(0, shown.path().size()).equals(shown.path())
                && rightHalf(p).equals(rightHalf(shown));
    }

    /** One epoch's dot; its tooltip is made when the pointer first comes to it. */
    private static XYChart.Data<Number, Number> dot(RateDistortion.Point e) {
        XYChart.Data<Number, Number> d = new XYChart.Data<>(e.rate(), e.distortion());
        Circle dot = new Circle(2.5);
        dot.setFill(EPOCH);
        dot.setOnMouseEntered(ev -> {
            if (dot.getProperties().putIfAbsent("tip", Boolean.TRUE) == null) {
                Controls.tip(dot, e.label());
            }
        });
        d.setNode(dot);
        return d;
    }

    /**
     * For each model, whether it lies in the right half of the rate axis (which starts at 0): its
     * name then reads leftwards, to stay inside.
     */
    private static List<Boolean> rightHalf(RateDistortion.Picture p) {
        double maxRate = 0;
        for (RateDistortion.Point e : p.path()) {
            maxRate = Math.max(maxRate, e.rate());
        }
        for (RateDistortion.Point m : p.models()) {
            maxRate = Math.max(maxRate, m.rate());
        }
        List<Boolean> right = new java.util.ArrayList<>();
        for (RateDistortion.Point m : p.models()) {
            right.add(m.rate() > maxRate / 2);
        }
        return right;
    }

    private static String caption(RateDistortion.Picture p) {
        StringBuilder text = new StringBuilder();
        if (!p.path().isEmpty()) {
            text.append("Line: ").append(p.pathLabel()).append(". ");
        }
        if (!p.models().isEmpty()) {
            text.append("Points: the open models. ");
        }
        if (!p.notPlotted().isEmpty()) {
            text.append("Not plotted, no KL (no prior): ").append(String.join(", ", p.notPlotted())).append('.');
        }
        if (text.length() == 0) {
            text.append("No model with a prior is open: nothing to plot.");
        }
        return text.toString().trim();
    }

    /**
     * The distortion axis covers the models and the path but its first tenth: the first epochs'
     * reconstruction is far above the later ones and would flatten everything after them (as on the
     * loss charts).
     */
    private void fitDistortion(RateDistortion.Picture p) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        List<RateDistortion.Point> path = p.path();
        for (int i = path.size() < 10 ? 0 : path.size() / 10; i < path.size(); i++) {
            lo = Math.min(lo, path.get(i).distortion());
            hi = Math.max(hi, path.get(i).distortion());
        }
        for (RateDistortion.Point m : p.models()) {
            lo = Math.min(lo, m.distortion());
            hi = Math.max(hi, m.distortion());
        }
        NumberAxis y = (NumberAxis) chart.getYAxis();
        if (!Double.isFinite(lo)) {
            y.setAutoRanging(true);
            return;
        }
        // Room above and below for the points' names.
        double pad = Math.max((hi - lo) * 0.3, 2);
        double step = org.latentexplorer.explore.AxisTicks.step(lo - pad, hi + pad, 4);
        y.setAutoRanging(false);
        y.setLowerBound(Math.floor((lo - pad) / step) * step);
        y.setUpperBound(Math.ceil((hi + pad) / step) * step);
        y.setTickUnit(step);
    }

    /**
     * The chart centres a point's node on the point: the node is the dot alone, and its name is laid
     * out beside it, outside its bounds (to the left for points on the right, so it stays in the plot;
     * every other name lower, so names of models of similar distortion do not write over each other).
     */
    private static final class Marker extends Region {
        private static final double R = 5;
        private final Circle dot = new Circle(R);
        private final Label name;
        private final boolean textLeft;
        private final boolean below;

        Marker(RateDistortion.Point m, int colour, boolean below, boolean textLeft, boolean narrow) {
            this.textLeft = textLeft;
            this.below = below;
            dot.getStyleClass().addAll("rate-distortion-model", "rate-distortion-model-" + colour % 3);
            String label = m.label();
            name = new Label(narrow && label.contains(" \u00b7 ") ? label.substring(label.indexOf(" \u00b7 ") + 3) : label);
            name.getStyleClass().add("rate-distortion-label");
            getChildren().addAll(dot, name);
            // The name is kept inside the plot from where the chart puts the point.
            layoutXProperty().addListener((o, a, b) -> requestLayout());
            Controls.tip(this, String.format(java.util.Locale.ROOT, "%s: KL %.2f nats, reconstruction %.2f nats",
                    m.label(), m.rate(), m.distortion()));
        }

        @Override
        protected double computePrefWidth(double height) {
            return 2 * R;
        }

        @Override
        protected double computePrefHeight(double width) {
            return 2 * R;
        }

        @Override
        protected void layoutChildren() {
            dot.setCenterX(R);
            dot.setCenterY(R);
            double w = name.prefWidth(-1);
            double h = name.prefHeight(w);
            double y = below ? R + 2 : R - h - 2;
            double x = textLeft ? -w - 2 : 2 * R + 2;
            // Inside the plot: in the side panel's narrow chart a name read leftwards ran out of it.
            // The chart lays this node out in the plot's own coordinates, its left edge at 0.
            javafx.scene.Node chart = getParent();
            while (chart != null && !(chart instanceof XYChart)) {
                chart = chart.getParent();
            }
            javafx.scene.Node plot = chart == null ? null : chart.lookup(".chart-plot-background");
            if (plot != null) {
                x = Math.min(x, plot.getLayoutBounds().getWidth() - getLayoutX() - w);
            }
            x = Math.max(x, -getLayoutX());
            name.resizeRelocate(x, y, w, h);
        }
    }
}
