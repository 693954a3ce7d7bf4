package org.latentexplorer.ui.compare;

import java.util.List;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import org.latentexplorer.ui.common.FigureTable;

/**
 * A compared model's figures under a heading, with a line saying where they come from: each name
 * beside its value, or, where that leaves the grid beside them a larger square, each value under
 * its name (a column half as wide). {@link GridWithFigures} chooses from the sizes of both forms.
 */
final class CompareFigures extends VBox {
    private final Label heading;
    private final FigureTable table = new FigureTable(10, 1);
    private final Label source;

    CompareFigures(Label heading, Label source) {
        super(2);
        this.heading = heading;
        this.source = source;
        getChildren().addAll(heading, table, source);
    }

    /** The figures shown from now on, as pairs of a name and its value. */
    void setRows(List<Label[]> figures) {
        table.setLines(figures);
    }

    /** Each value under its name, or beside it. */
    void stack(boolean under) {
        table.stack(under);
    }

    boolean stacked() {
        return table.stacked();
    }

    /** The width the figures take in the given form, the line under them wrapping to it. */
    double widthIf(boolean under) {
        return snappedLeftInset() + Math.ceil(Math.max(heading.prefWidth(-1), table.widthIf(under))) + snappedRightInset();
    }

    /** The height the figures take in the given form at that form's width. */
    double heightIf(boolean under) {
        double inner = widthIf(under) - snappedLeftInset() - snappedRightInset();
        return snappedTopInset() + heading.prefHeight(-1) + getSpacing() + table.heightIf(under) + getSpacing()
                + source.prefHeight(inner) + snappedBottomInset();
    }

    @Override
    protected double computePrefWidth(double height) {
        return widthIf(stacked());
    }
}
