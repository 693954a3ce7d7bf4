package org.latentexplorer.ui.compare;

import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.layout.Region;

/**
 * A compared model's grid and its figures: the figures under the grid, or beside it when that
 * leaves the grid a larger square. Two models side by side in a wide, low window (a 1920 x 1080
 * screen, or 800 x 600) get their figures beside their grids; three in a narrow one, under them.
 */
final class GridWithFigures extends Region {
    private final Region grid;
    private final Region figures;
    private boolean beside;

    GridWithFigures(Region grid, Region figures) {
        this.grid = grid;
        this.figures = figures;
        getChildren().addAll(grid, figures);
        setMinWidth(0);
    }

    /** Whether the last layout put the figures beside the grid. */
    boolean figuresBeside() {
        return beside;
    }

    /** Whether, in an area this large, the grid's square is larger with the figures beside it. */
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
        beside = besideIsLarger(w, h, fw, figures.prefHeight(fw));
        if (beside) {
            // The grid as wide as it is tall, the two together centred in the column.
            double gw = Math.max(0, Math.min(w - fw, h));
            double left = x + Math.max(0, (w - gw - fw) / 2);
            layoutInArea(grid, left, y, gw, h, 0, HPos.CENTER, VPos.CENTER);
            layoutInArea(figures, left + gw, y, fw, h, 0, null, true, false, HPos.LEFT, VPos.CENTER);
        } else {
            double fh = snapSizeY(figures.prefHeight(w));
            layoutInArea(grid, x, y, w, Math.max(0, h - fh), 0, HPos.CENTER, VPos.CENTER);
            layoutInArea(figures, x, y + h - fh, w, fh, 0, HPos.LEFT, VPos.TOP);
        }
    }

    @Override
    protected double computeMinHeight(double width) {
        return snappedTopInset() + Math.max(grid.minHeight(-1), figures.prefHeight(-1)) + snappedBottomInset();
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
