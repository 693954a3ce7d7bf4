package org.latentexplorer.ui.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.latentexplorer.ui.common.Controls;
import org.latentexplorer.ui.grid.GridView;
import org.latentexplorer.ui.grid.ModelOnScreen;
import org.latentexplorer.ui.grid.PlanePane;
import org.latentexplorer.ui.metrics.MetricsViewModel;
import org.latentexplorer.ui.session.CurrentModel;

/**
 * One compared model: its title (file, kind and key hyper-parameter), its grid with the test set's
 * scatter, and under or beside it its metrics ({@link GridWithFigures}): the continuity of the grid as drawn (every frame), the
 * completeness and hole fraction of its report (measured in the background when it opens, as the
 * metrics panel measures the window's model), and what the model file records of its test set.
 */
final class CompareColumn extends VBox {
    final ModelOnScreen model;
    final GridView grid;
    final Label title = new Label();
    final Label kind = Controls.caption("");
    final Button remove = new Button("\u00d7");
    private final Label metricsSource = Controls.caption("");
    private final CompareFigures metrics;
    private final MetricsViewModel measures;
    final Label continuity = figureValue();
    final Label completeness = figureValue();
    final Label holes = figureValue();
    /** For a model of more than two latent dimensions: which plane its grid spans (folded away at first). */
    final PlanePane planePicker;

    /**
     * @param planeRow whether any compared model has a plane to pick: then every column has the fold,
     *                 disabled where there is nothing to pick, so that all grids stay one size
     */
    CompareColumn(ModelOnScreen model, MetricsViewModel measures, Runnable onRemove,
                  javafx.beans.value.ObservableBooleanValue planeRow) {
        this.measures = measures;
        this.model = model;
        this.grid = new GridView(model.grid(), model.session(), model.sampling());
        title.getStyleClass().add("compare-title");
        title.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        title.setMinWidth(0);
        kind.setWrapText(false);
        kind.setMinWidth(0);
        remove.getStyleClass().addAll("compare-remove", "flat");
        remove.setOnAction(e -> onRemove.run());
        remove.setFocusTraversable(false);
        Controls.tip(remove, "Take this model out of the comparison");
        VBox names = new VBox(0, title, kind);
        names.setMinWidth(0);
        HBox.setHgrow(names, Priority.ALWAYS);
        HBox header = new HBox(6, names, remove);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(4, 8, 0, 12));

        Label heading = new Label("Metrics");
        heading.getStyleClass().add("section-title");
        metrics = new CompareFigures(heading, metricsSource);
        metrics.getStyleClass().add("compare-metrics");
        metrics.setPadding(new Insets(2, 12, 6, 12));
        metrics.setMinHeight(Region.USE_PREF_SIZE);
        Controls.tip(metrics, "Continuity: ||dx|| / ||dz|| between neighbouring tiles of the grid on screen, median /"
                + " 95th percentile. Completeness: the fraction of 1,000 prior samples that decode as close to the"
                + " training set as the model's reconstructions of test images. Holes: the prior's mass where q(z) is"
                + " below a tenth of p(z). The rest: what the model file records of its test set, in nats per image.");
        measures.liveProperty().addListener((o, a, b) -> showLive(b));
        measures.liveNoteProperty().addListener((o, a, b) -> showLive(measures.liveProperty().get()));
        measures.measuredProperty().addListener((o, a, b) -> showReport());
        measures.stateProperty().addListener((o, a, b) -> showReport());

        grid.setMinSize(120, 120);
        grid.setPrefSize(400, 400);
        GridWithFigures body = new GridWithFigures(grid, metrics);
        VBox.setVgrow(body, Priority.ALWAYS);
        planePicker = new PlanePane(model.grid(), true);
        TitledPane plane = new TitledPane("", planePicker);
        plane.setExpanded(false);
        plane.getStyleClass().add("compare-plane");
        plane.setPadding(new Insets(0, 8, 0, 12));
        var slice = model.grid().sliceProperty();
        BooleanBinding more = Bindings.createBooleanBinding(() -> slice.get().latent() > 2, slice);
        BooleanBinding row = more.or(planeRow);
        plane.visibleProperty().bind(row);
        plane.managedProperty().bind(row);
        plane.disableProperty().bind(more.not());
        more.addListener((o, a, b) -> {
            if (!b) {
                plane.setExpanded(false);
            }
        });
        plane.textProperty().bind(Bindings.createStringBinding(() -> "Latent plane: z" + (slice.get().dimX() + 1)
                + " across, z" + (slice.get().dimY() + 1) + " up, "
                + (slice.get().latent() > 2 ? "of " + slice.get().latent() : "all of 2"), slice));
        Controls.tip(plane, "This model's latent space has more than two dimensions: pick the two its grid spans"
                + " and hold the others; models with those dimensions follow.");
        getChildren().addAll(header, plane, body);
        getStyleClass().add("compare-column");
        setMinWidth(0);
        model.session().modelProperty().addListener((o, a, b) -> show(b));
        show(model.session().model());
    }

    /**
     * The area under or beside the grid for this model's metrics. It shows the figures the model file records;
     * live measurements of the latent space (continuity, completeness) belong here too.
     */
    VBox metricsArea() {
        return metrics;
    }

    private void show(CurrentModel m) {
        List<Label[]> rows = new ArrayList<>();
        rows.add(new Label[] {Controls.caption("Continuity"), continuity});
        rows.add(new Label[] {Controls.caption("Completeness"), completeness});
        rows.add(new Label[] {Controls.caption("Holes"), holes});
        showLive(measures.liveProperty().get());
        showReport();
        if (m == null) {
            title.setText("Opening \u2026");
            kind.setText("");
            metricsSource.setText("");
        } else {
            title.setText(m.title());
            kind.setText(RecordedMetrics.kind(m));
            Controls.tip(title, m.file() == null ? m.title() : m.file().toString());
            for (RecordedMetrics.Figure f : RecordedMetrics.of(m)) {
                Label name = Controls.caption(f.name());
                name.setWrapText(false);
                Label value = new Label(f.text());
                value.getStyleClass().add("value");
                rows.add(new Label[] {name, value});
            }
            metricsSource.setText(RecordedMetrics.source(m));
        }
        // As many lines for every kind, so that the grids beside each other are the same size.
        while (rows.size() < LIVE_FIGURES + MAX_FIGURES) {
            rows.add(new Label[] {blankFigure(), blankFigure()});
        }
        metrics.setRows(rows);
    }

    private void showLive(MetricsViewModel.LiveContinuity live) {
        continuity.setText(live == null ? (measures.liveNoteProperty().get().isEmpty() ? "\u2014" : "means only")
                : String.format(Locale.ROOT, "%.2f / %.2f", live.quantiles().median(), live.quantiles().p95()));
    }

    private void showReport() {
        MetricsViewModel.Measured m = measures.measuredProperty().get();
        if (m == null) {
            String state = measures.stateProperty().get();
            String text = state.startsWith("Measuring") ? "measuring \u2026" : "\u2014";
            completeness.setText(text);
            holes.setText(text);
            if (state.isEmpty()) {
                completeness.setTooltip(null);
            } else {
                Controls.tip(completeness, state);
            }
            return;
        }
        completeness.setText(String.format(Locale.ROOT, "%.3f", m.report().completeness().completeness()));
        holes.setText(String.format(Locale.ROOT, "%.3f", m.report().holes().fraction()));
        completeness.setTooltip(null);
    }

    private static Label figureValue() {
        Label value = new Label("\u2014");
        value.getStyleClass().add("value");
        return value;
    }

    /** An empty line as tall as a figure's. */
    private static Label blankFigure() {
        Label blank = new Label(" ");
        blank.getStyleClass().add("value");
        return blank;
    }

    /** The most figures a kind records: -ELBO, reconstruction and KL. */
    private static final int MAX_FIGURES = 3;
    /** Continuity, completeness and holes, above the recorded figures. */
    private static final int LIVE_FIGURES = 3;
}
