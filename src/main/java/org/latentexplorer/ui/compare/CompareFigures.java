package org.latentexplorer.ui.compare;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A compared model's figures under a heading, with a line saying where they come from: each name
 * beside its value, or, where that leaves the grid beside them a larger square, each value under
 * its name (a column half as wide). {@link GridWithFigures} chooses from the sizes of both forms.
 */
final class CompareFigures extends VBox {
    private static final double HGAP = 10;
    private static final double VGAP = 1;

    private final Label heading;
    private final GridPane table = new GridPane();
    private final Label source;
    private final List<Label[]> rows = new ArrayList<>();
    private boolean stacked;

    CompareFigures(Label heading, Label source) {
        super(2);
        this.heading = heading;
        this.source = source;
        table.setHgap(HGAP);
        table.setVgap(VGAP);
        getChildren().addAll(heading, table, source);
    }

    /** The figures shown from now on, as pairs of a name and its value. */
    void setRows(List<Label[]> figures) {
        rows.clear();
        rows.addAll(figures);
        place();
    }

    /** Each value under its name, or beside it. */
    void stack(boolean under) {
        if (under != stacked) {
            stacked = under;
            place();
        }
    }

    boolean stacked() {
        return stacked;
    }

    private void place() {
        table.getChildren().clear();
        for (int i = 0; i < rows.size(); i++) {
            Label[] r = rows.get(i);
            if (stacked) {
                table.add(r[0], 0, 2 * i);
                table.add(r[1], 0, 2 * i + 1);
                GridPane.setMargin(r[1], new Insets(0, 0, 0, indent()));
            } else {
                table.add(r[0], 0, i);
                table.add(r[1], 1, i);
                GridPane.setMargin(r[1], null);
            }
        }
    }

    private double indent() {
        return rows.isEmpty() ? 0 : Math.round(rows.get(0)[1].getFont().getSize());
    }

    /** The width the figures take in the given form, the line under them wrapping to it. */
    double widthIf(boolean under) {
        double names = 0;
        double values = 0;
        for (Label[] r : rows) {
            names = Math.max(names, r[0].prefWidth(-1));
            values = Math.max(values, r[1].prefWidth(-1));
        }
        double figures = under ? Math.max(names, indent() + values) : names + HGAP + values;
        return snappedLeftInset() + Math.ceil(Math.max(heading.prefWidth(-1), figures)) + snappedRightInset();
    }

    /** The height the figures take in the given form at that form's width. */
    double heightIf(boolean under) {
        double h = 0;
        for (Label[] r : rows) {
            h += under ? r[0].prefHeight(-1) + VGAP + r[1].prefHeight(-1)
                    : Math.max(r[0].prefHeight(-1), r[1].prefHeight(-1));
        }
        h += VGAP * Math.max(0, rows.size() - 1);
        double inner = widthIf(under) - snappedLeftInset() - snappedRightInset();
        return snappedTopInset() + heading.prefHeight(-1) + getSpacing() + Math.ceil(h) + getSpacing()
                + source.prefHeight(inner) + snappedBottomInset();
    }

    @Override
    protected double computePrefWidth(double height) {
        return widthIf(stacked);
    }
}
