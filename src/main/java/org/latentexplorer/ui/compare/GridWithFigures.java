package org.latentexplorer.ui.compare;

import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.layout.Region;

/**
 * A compared model's grid and its figures, placed where they leave the grid the largest square:
 * under the grid, beside it, or beside it with each value under its name (a narrower column). Two
 * models side by side at 1024 x 768 and at 800 x 600 get their figures beside their grids, each
 * value under its name; in the 1440 x 900 window a 1920 x 1080 screen opens with, beside them, name
 * and value on one line; three models at 1024 x 768, under them.
 */
final class GridWithFigures extends Region {
    /** Where the figures go. */
    enum Placement { UNDER, BESIDE, BESIDE_STACKED }

    private final Region grid;
    private final CompareFigures figures;

    GridWithFigures(Region grid, CompareFigures figures) {
        this.grid = grid;
        this.figures = figures;
        getChildren().addAll(grid, figures);
        setMinWidth(0);
    }

    /**
     * The placement that leaves the grid the largest square in an area this large; under the grid
     * where no other is larger, then beside it.
     *
     * @param lineW  the figures' width beside the grid, each name and value on one line
     * @param lineH  their height so
     * @param stackW their width with each value under its name
     * @param stackH their height so
     */
    static Placement choose(double width, double height, double lineW, double lineH, double stackW, double stackH) {
        double under = Math.min(width, height - lineH);
        double beside = Math.min(width - lineW, height);
        double stacked = stackH <= height ? Math.min(width - stackW, height) : Double.NEGATIVE_INFINITY;
        if (stacked > under && stacked > beside) {
            return Placement.BESIDE_STACKED;
        }
        return beside > under ? Placement.BESIDE : Placement.UNDER;
    }

    @Override
    protected void layoutChildren() {
        double x = snappedLeftInset();
        double y = snappedTopInset();
        double w = getWidth() - x - snappedRightInset();
        double h = getHeight() - y - snappedBottomInset();
        Placement p = choose(w, h, figures.widthIf(false), figures.heightIf(false), figures.widthIf(true),
                figures.heightIf(true));
        figures.stack(p == Placement.BESIDE_STACKED);
        if (p == Placement.UNDER) {
            double fh = snapSizeY(figures.prefHeight(w));
            layoutInArea(grid, x, y, w, Math.max(0, h - fh), 0, HPos.CENTER, VPos.CENTER);
            layoutInArea(figures, x, y + h - fh, w, fh, 0, HPos.LEFT, VPos.TOP);
            return;
        }
        // The grid as wide as it is tall, the two together centred in the column.
        double fw = snapSizeX(figures.widthIf(p == Placement.BESIDE_STACKED));
        double gw = Math.max(0, Math.min(w - fw, h));
        double left = x + Math.max(0, (w - gw - fw) / 2);
        layoutInArea(grid, left, y, gw, h, 0, HPos.CENTER, VPos.CENTER);
        layoutInArea(figures, left + gw, y, fw, h, 0, null, true, false, HPos.LEFT, VPos.CENTER);
    }

    /** Where the figures are now (for tests). */
    Placement placement() {
        return figures.stacked() ? Placement.BESIDE_STACKED
                : figures.getLayoutX() > grid.getLayoutX() + grid.getWidth() - 1 ? Placement.BESIDE : Placement.UNDER;
    }

    /** As tall as the grid's least height with the figures under it (beside it needs no more). */
    @Override
    protected double computeMinHeight(double width) {
        return snappedTopInset() + grid.minHeight(-1) + figures.heightIf(false) + snappedBottomInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return snappedTopInset() + grid.prefHeight(-1) + figures.heightIf(false) + snappedBottomInset();
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + Math.max(grid.prefWidth(-1), figures.widthIf(false)) + snappedRightInset();
    }
}
