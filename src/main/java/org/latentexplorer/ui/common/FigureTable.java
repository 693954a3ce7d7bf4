package org.latentexplorer.ui.common;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Figures as names and values: each name beside its value (the names on one line, the values
 * wrapping in what is left), or, in a narrow place, each value under its name, indented. A line of
 * one label runs across the table (a warning, a note on where the figures come from).
 */
public final class FigureTable extends GridPane {
    private final double hgap;
    private final ColumnConstraints names = new ColumnConstraints();
    private final ColumnConstraints values = new ColumnConstraints();
    private final List<Label[]> lines = new ArrayList<>();
    private boolean stacked;

    public FigureTable(double hgap, double vgap) {
        this.hgap = hgap;
        setVgap(vgap);
        getColumnConstraints().addAll(names, values);
        arrange();
    }

    /** The lines shown from now on: each a name and its value, or one label across the table. */
    public void setLines(List<Label[]> shown) {
        lines.clear();
        lines.addAll(shown);
        place();
    }

    /** Each value under its name, or beside it. */
    public void stack(boolean under) {
        if (under != stacked) {
            stacked = under;
            arrange();
            place();
        }
    }

    public boolean stacked() {
        return stacked;
    }

    /**
     * One column, the values under their names, or two. (One column rather than lines spanning two:
     * a spanning label that wraps was given the height of a narrower one.)
     */
    private void arrange() {
        names.setMinWidth(stacked ? 0 : Region.USE_PREF_SIZE);
        names.setHgrow(stacked ? Priority.ALWAYS : Priority.NEVER);
        values.setMinWidth(0);
        values.setMaxWidth(stacked ? 0 : Double.MAX_VALUE);
        values.setHgrow(Priority.ALWAYS);
        setHgap(stacked ? 0 : hgap);
    }

    private void place() {
        getChildren().clear();
        int row = 0;
        for (Label[] line : lines) {
            if (line.length == 1) {
                add(line[0], 0, row++, stacked ? 1 : 2, 1);
                continue;
            }
            add(line[0], 0, row, 1, 1);
            if (stacked) {
                add(line[1], 0, row + 1, 1, 1);
                GridPane.setMargin(line[1], new Insets(0, 0, 2, indent(line[1])));
                row += 2;
            } else {
                add(line[1], 1, row, 1, 1);
                GridPane.setMargin(line[1], null);
                row++;
            }
        }
    }

    private static double indent(Label value) {
        return Math.round(value.getFont().getSize());
    }

    /** The widest name, on one line. */
    public double namesWidth() {
        double w = 0;
        for (Label[] line : lines) {
            if (line.length == 2) {
                w = Math.max(w, line[0].prefWidth(-1));
            }
        }
        return w;
    }

    /** The table's width in the given form, each value on one line. */
    public double widthIf(boolean under) {
        double v = 0;
        for (Label[] line : lines) {
            if (line.length == 2) {
                v = Math.max(v, (under ? indent(line[1]) : 0) + line[1].prefWidth(-1));
            }
        }
        return Math.ceil(under ? Math.max(namesWidth(), v) : namesWidth() + hgap + v);
    }

    /** The table's height in the given form, at that form's width. */
    public double heightIf(boolean under) {
        double h = 0;
        int rows = 0;
        for (Label[] line : lines) {
            if (line.length == 1) {
                h += line[0].prefHeight(widthIf(under));
                rows++;
            } else if (under) {
                h += line[0].prefHeight(-1) + line[1].prefHeight(-1);
                rows += 2;
            } else {
                h += Math.max(line[0].prefHeight(-1), line[1].prefHeight(-1));
                rows++;
            }
        }
        return Math.ceil(h + getVgap() * Math.max(0, rows - 1));
    }
}
