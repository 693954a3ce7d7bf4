package org.latentexplorer.ui.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

import org.latentexplorer.measure.Completeness;
import org.latentexplorer.measure.Holes;
import org.latentexplorer.measure.ModelMetrics;
import org.latentexplorer.measure.PosteriorStats;
import org.latentexplorer.measure.Quantiles;
import org.latentexplorer.ui.common.Controls;
import org.latentexplorer.ui.common.FigureTable;
import org.latentexplorer.ui.common.FittingText;
import org.latentexplorer.ui.common.Images;

/**
 * The metrics of the latent space in the side panel: the Seams and Holes toggles, the live
 * continuity of the grid, and the model's report, each figure with its unit and a tooltip saying
 * what it measures; the samples farthest from the training set as a strip of images. Collapsible.
 */
public final class MetricsPane extends VBox {
    static final double WORST_SIDE = 34;
    /** The least room for the values beside their names, in ems: the longest word ("(excess") with room to spare. */
    static final double VALUE_EMS = 6;
    private static final double HGAP = 6;

    public final TitledPane titled;
    public final CheckBox seams = new CheckBox("Seams");
    public final CheckBox holes = new CheckBox("Holes");
    public final Label state = Controls.caption("");
    public final FigureTable figures = new FigureTable(HGAP, 4);
    public final TilePane worst = new TilePane(3, 3);
    private final MetricsViewModel vm;
    private final Label liveValue = value();
    private final VBox worstBox;
    /**
     * The figures' labels and the strip's images, made once and refilled by every report: a report
     * arrives every 30 s during a training, and making some twenty labels with their tooltips
     * afresh each time held the UI thread for tens of milliseconds.
     */
    private final Map<String, Label[]> rows = new HashMap<>();
    private final List<ImageView> worstViews = new ArrayList<>();
    private final List<Tooltip> worstTips = new ArrayList<>();
    private Label collapseWarning;
    private Label about;
    /** The figures' lines as rebuild makes them. */
    private final List<Label[]> lines = new ArrayList<>();

    public MetricsPane(MetricsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("metrics");
        seams.selectedProperty().bindBidirectional(vm.showSeamsProperty());
        Controls.tip(seams, "Tint each tile by how fast the decoder's image changes there: its largest"
                + " ||x(a) - x(b)|| / ||a - b|| to a neighbouring tile. Seams are where it jumps (View > Seams).");
        holes.selectedProperty().bindBidirectional(vm.showHolesProperty());
        Controls.tip(holes, "Shade the tiles where the aggregate posterior q(z) of the training images falls below a"
                + " tenth of the prior p(z): codes the prior draws but no image is encoded to (View > Holes).");
        HBox toggles = new HBox(12, seams, holes);

        // Each value under its name where the panel leaves it too little room beside it (a larger
        // interface): squeezed, numbers broke in the middle ("10.7" over "5").
        figures.widthProperty().addListener((o, a, b) -> figures.stack(b.doubleValue() > 0
                && b.doubleValue() < figures.namesWidth() + HGAP + VALUE_EMS * liveValue.getFont().getSize()));

        worst.setPrefColumns(5);
        worst.setPrefTileWidth(WORST_SIDE);
        worst.setPrefTileHeight(WORST_SIDE);
        worst.setStyle("-fx-background-color: black; -fx-background-radius: 4; -fx-padding: 2;");
        worst.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Controls.tip(worst, "The prior samples farthest from every training image, farthest first: what the decoder"
                + " makes of the parts of the prior the data does not reach.");
        worstBox = new VBox(3, Controls.caption("Samples farthest from the training set:"), worst);
        worstBox.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(worst.getChildren()));
        worstBox.managedProperty().bind(worstBox.visibleProperty());
        state.visibleProperty().bind(state.textProperty().isNotEmpty());
        state.managedProperty().bind(state.visibleProperty());
        state.textProperty().bind(vm.stateProperty());

        VBox content = new VBox(8, toggles, state, figures, worstBox);
        content.setPadding(new Insets(6, 0, 0, 0));
        titled = new TitledPane("Latent space metrics", content);
        // With a larger interface in a small window the whole title was cut to "Latent space ...".
        FittingText.title(titled).set("Latent space metrics", "Metrics");
        titled.setAnimated(false);
        titled.getStyleClass().add("section-title");
        Controls.tip(titled, "What the lecture claims about a latent space, measured: as the metrics command"
                + " measures it, on the model's dataset.");

        vm.liveProperty().addListener((o, a, b) -> showLive());
        vm.liveNoteProperty().addListener((o, a, b) -> showLive());
        vm.measuredProperty().addListener((o, a, b) -> rebuild());
        rebuild();
        getChildren().add(titled);
    }

    /** The worst samples' images larger or smaller with the interface's scale. */
    public void scaleWith(javafx.beans.value.ObservableDoubleValue s) {
        Runnable apply = () -> {
            worst.setPrefTileWidth(Math.round(WORST_SIDE * s.get()));
            worst.setPrefTileHeight(Math.round(WORST_SIDE * s.get()));
        };
        s.addListener((o, a, b) -> apply.run());
        apply.run();
    }

    private void showLive() {
        MetricsViewModel.LiveContinuity l = vm.liveProperty().get();
        liveValue.setText(l == null ? (vm.liveNoteProperty().get().isEmpty() ? "\u2014" : vm.liveNoteProperty().get())
                : quantiles(l.quantiles()));
    }

    private void rebuild() {
        lines.clear();
        worst.getChildren().clear();
        showLive();
        add("Continuity, grid", liveValue, "Over the neighbouring tiles of the grid as drawn, the"
                + " pixel distance of their images over the latent distance of their centres, ||x(a) - x(b)|| / ||a - b||:"
                + " median / 95th percentile / maximum. Measured again for every new grid.");
        MetricsViewModel.Measured m = vm.measuredProperty().get();
        if (m == null) {
            figures.setLines(lines);
            return;
        }
        ModelMetrics.Report r = m.report();
        add("Continuity, \u00b15", quantiles(r.continuity()), "The same over the command line's"
                + " grid: [-5, 5]\u00b2 in 50 \u00d7 50 tiles on the plane of z1 and z2, the other dimensions at 0.");
        Completeness.Result c = r.completeness();
        add("Completeness", String.format(Locale.ROOT, "%.3f (median %.2f, bound %.2f)",
                c.completeness(), c.medianDistance(), c.threshold()), String.format(Locale.ROOT, "The fraction of %,d"
                + " samples of the prior whose decoded image lies within %.2f of a training image (the 95th percentile"
                + " of the model's reconstructions of the test images' distances): whether the prior decodes to images like the data. Median: the"
                + " median sample's distance to its nearest training image, in pixels in [0, 1].",
                c.samples(), c.threshold()));
        Holes.Coverage h = r.holes();
        add("Hole fraction", String.format(Locale.ROOT, "%.3f (median q/p %.2f)", h.fraction(),
                h.medianRatio()), "The prior's mass lying where the aggregate posterior q(z) is below a tenth of"
                + " p(z), and the median q(z)/p(z) over the prior's samples. q(z): " + r.qForm() + ".");
        PosteriorStats p = r.posterior();
        if (p != null) {
            StringBuilder kl = new StringBuilder();
            for (int d = 0; d < p.klPerDimension().length; d++) {
                kl.append(d == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", p.klPerDimension()[d]));
            }
            add("KL per dim.", kl + " nats", String.format(Locale.ROOT, "KL(q(z|x) || p(z))"
                    + " of each latent dimension, averaged over the %,d test images; %.2f nats in all.", p.images(),
                    p.meanKl()));
            add("Active units", p.activeUnits() + " of " + p.klPerDimension().length,
                    "Dimensions whose posterior mean varies across the data,"
                    + " Var_x(\u03bc_d(x)) > 0.01: the others carry nothing about the image.");
            if (p.collapsed()) {
                StringBuilder dims = new StringBuilder();
                for (int d : p.inactiveDimensions()) {
                    dims.append(dims.length() == 0 ? "z" : ", z").append(d + 1);
                }
                if (collapseWarning == null) {
                    collapseWarning = value();
                    collapseWarning.getStyleClass().add("warning");
                    collapseWarning.setStyle("-fx-text-fill: #e8590c;");
                    Controls.tip(collapseWarning, "q(z|x) of these dimensions equals the prior for every image: the"
                            + " decoder ignores them. A smaller beta or a warm-up of beta keeps them in use.");
                }
                collapseWarning.setText("Posterior collapse: " + dims + " follow the prior and carry nothing");
                lines.add(new Label[] {collapseWarning});
            }
            add("I(x; z)", String.format(Locale.ROOT, "%.2f nats (at most log N = %.2f)",
                    p.mutualInformation(), p.mutualInformationCeiling()), "The mutual information I(x; z) under q: how much the code tells"
                    + " which test image it came from; over N images it can be no more than log N.");
            add("Marginal KL", String.format(Locale.ROOT, "%.2f nats", p.marginalKl()),
                    "KL(q(z) || p(z)) = mean KL - I(x; z): the part of the KL that buys no information.");
        }
        ModelMetrics.Bounds b = r.bounds();
        if (b != null) {
            add("\u2212ELBO / IWAE", String.format(Locale.ROOT, "%.2f / %.2f nats (gap %.2f)",
                    b.negElbo(), b.iwaeNll(), b.gap()), String.format(Locale.ROOT, "The negative ELBO and the"
                    + " importance-weighted estimate of -log p(x) with K = %d samples, on the first %d test images:"
                    + " the gap is how loose the ELBO is.", b.samples(), b.images()));
        }
        ModelMetrics.Floor f = r.floor();
        if (f != null) {
            add("Recon / floor", String.format(Locale.ROOT, "%.2f / %.2f nats (excess %.2f)",
                    f.recon(), f.floor(), f.excess()), "The test set's reconstruction term, and the least a Bernoulli"
                    + " cross-entropy can be on grey images, the sum of their pixel entropies: the excess is what the"
                    + " model can still improve.");
        }
        if (about == null) {
            about = Controls.caption("");
        }
        about.setText(String.format(Locale.ROOT, "%s: %,d training and %,d test images, %,d prior samples; measured"
                + " in %.1f s.", r.data(), m.trainImages(), m.testImages(), c.samples(), r.seconds()));
        lines.add(new Label[] {about});
        figures.setLines(lines);
        int d = m.rows() * m.cols();
        for (int i = 0; i < m.worstImages().length / d; i++) {
            if (i == worstViews.size()) {
                ImageView v = new ImageView();
                v.setSmooth(true);
                v.fitWidthProperty().bind(worst.prefTileWidthProperty());
                v.fitHeightProperty().bind(worst.prefTileHeightProperty());
                worstViews.add(v);
                worstTips.add(Controls.tooltip(v, ""));
            }
            worstViews.get(i).setImage(Images.gray(m.worstImages(), i, m.rows(), m.cols()));
            Completeness.Sample s = c.worst().get(i);
            worstTips.get(i).setText(String.format(Locale.ROOT, "Sample %d, %.2f from its nearest training image",
                    s.index() + 1, s.distance()));
            worst.getChildren().add(worstViews.get(i));
        }
    }

    private void add(String name, String value, String tip) {
        add(name, null, tip, value);
    }

    /** The next line of the figures: a name and its value (valueLabel, or the line's own label showing value). */
    private void add(String name, Label valueLabel, String tip) {
        add(name, valueLabel, tip, null);
    }

    private void add(String name, Label valueLabel, String tip, String value) {
        Label[] r = rows.computeIfAbsent(name, key -> {
            Label n = Controls.tip(Controls.caption(key), tip);
            Label v = Controls.tip(valueLabel != null ? valueLabel : value(), tip);
            return new Label[] {n, v};
        });
        r[0].getTooltip().setText(tip);
        r[1].getTooltip().setText(tip);
        if (value != null) {
            r[1].setText(value);
        }
        lines.add(r);
    }

    /** Whether each value is under its name (for tests). */
    public boolean stacked() {
        return figures.stacked();
    }

    private static Label value() {
        Label l = new Label();
        l.getStyleClass().add("value");
        l.setWrapText(true);
        return l;
    }

    static String quantiles(Quantiles q) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", q.median(), q.p95(), q.max());
    }
}
