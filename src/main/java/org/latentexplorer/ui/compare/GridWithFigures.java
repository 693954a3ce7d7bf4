package org.latentexplorer.ui.compare;

import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.layout.Region;

/**
 * A compared model's grid and its figures: the figures under the grid, or beside it when that
 * leaves the grid a larger square. Two models side by side get their figures beside their grids in
 * the 1440 x 900 window a 1920 x 1080 screen opens with, and at 800 x 600; three at 1024 x 768,
 * under them.
 */
final class GridWithFigures extends Region {
    private final Region grid;
    private final Region figures;

    GridWithFigures(Region grid, Region figures) {
        this.grid = grid;
        this.figures = figures;
        getChildren().addAll(grid, figures);
        setMinWidth(0);
    }

    /**
     * Whether, in an area this large, the grid's square is larger with the figures beside it.
     *
     * @param figuresWidth   the figures' width beside the grid
     * @param figuresHeight  their height under the grid, as wide as the area
     */
    static boolean besideIsLarger(double width, double height, double figuresWidth, double figuresHeight) {
        double under = Math.min(width, height - figuresHeight);
        double aside = Math.min(width - figuresWidth, height);
        return aside > under;
    }

    @Override
    protected void layoutChildren() {
        double x = snappedLeftInset();
        double y = snappedTopInset();
        double w = getWidth() - x - snappedRightInset();
        double h = getHeight() - y - snappedBottomInset();
        double fw = snapSizeX(figures.prefWidth(-1));
        double fh = snapSizeY(figures.prefHeight(w));
        if (besideIsLarger(w, h, fw, fh)) {
            // The grid as wide as it is tall, the two together centred in the column.
            double gw = Math.max(0, Math.min(w - fw, h));
            double left = x + Math.max(0, (w - gw - fw) / 2);
            layoutInArea(grid, left, y, gw, h, 0, HPos.CENTER, VPos.CENTER);
            layoutInArea(figures, left + gw, y, fw, h, 0, null, true, false, HPos.LEFT, VPos.CENTER);
        } else {
            layoutInArea(grid, x, y, w, Math.max(0, h - fh), 0, HPos.CENTER, VPos.CENTER);
            layoutInArea(figures, x, y + h - fh, w, fh, 0, HPos.LEFT, VPos.TOP);
        }
    }

    /** As tall as the grid's least height with the figures under it (beside it needs no more). */
    @Override
    protected double computeMinHeight(double width) {
        return snappedTopInset() + grid.minHeight(-1) + figures.prefHeight(-1) + snappedBottomInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return snappedTopInset() + grid.prefHeight(-1) + figures.prefHeight(-1) + snappedBottomInset();
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + Math.max(grid.prefWidth(-1), figures.prefWidth(-1)) + snappedRightInset();
    }
}
