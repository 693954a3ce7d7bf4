package org.latentexplorer.ui.interpolate;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import org.latentexplorer.ui.grid.GridOverlay;
import org.latentexplorer.ui.grid.GridView;

/**
 * The interpolation on the grid: the straight line from a to b in the grid's plane, its decoded
 * points as small dots and the two ends as labelled rings.
 */
public final class InterpolateOverlay implements GridOverlay {
    /** Outside the class palette and the other marks' colours (samples, selection, prior, posterior). */
    static final Color PATH = Color.web("#c084fc");

    private final InterpolateViewModel vm;

    InterpolateOverlay(InterpolateViewModel vm) {
        this.vm = vm;
    }

    /** Draws the interpolation over the grid from now on. */
    public static void attach(GridView grid, InterpolateViewModel vm) {
        grid.addOverlay(new InterpolateOverlay(vm), vm.resultProperty());
    }

    @Override
    public void draw(GraphicsContext g, Plot plot) {
        InterpolateViewModel.Result r = vm.resultProperty().get();
        if (r == null || plot.slice().latent() != r.latent()) {
            return;
        }
        int dx = plot.slice().dimX();
        int dy = plot.slice().dimY();
        int last = r.path().steps() - 1;
        double s = plot.scale();
        double ax = plot.screenX(r.code(0, dx));
        double ay = plot.screenY(r.code(0, dy));
        double bx = plot.screenX(r.code(last, dx));
        double by = plot.screenY(r.code(last, dy));
        outlined(g, () -> g.strokeLine(ax, ay, bx, by), 1.5 * s);
        double dot = 2.5 * s;
        for (int i = 1; i < last; i++) {
            double x = plot.screenX(r.code(i, dx));
            double y = plot.screenY(r.code(i, dy));
            g.setFill(Color.BLACK);
            g.fillOval(x - dot - 1, y - dot - 1, 2 * dot + 2, 2 * dot + 2);
            g.setFill(PATH);
            g.fillOval(x - dot, y - dot, 2 * dot, 2 * dot);
        }
        g.setFont(Font.font(null, FontWeight.BOLD, 12 * s));
        g.setTextBaseline(VPos.CENTER);
        double ring = 6 * s;
        end(g, ax, ay, ring, "a", ax <= bx);
        end(g, bx, by, ring, "b", bx < ax);
    }

    /** A ring at an end with its letter on the side away from the other end. */
    private static void end(GraphicsContext g, double x, double y, double ring, String name, boolean left) {
        outlined(g, () -> g.strokeOval(x - ring, y - ring, 2 * ring, 2 * ring), 2);
        g.setTextAlign(left ? TextAlignment.RIGHT : TextAlignment.LEFT);
        double tx = left ? x - ring - 3 : x + ring + 3;
        g.setStroke(Color.BLACK);
        g.setLineWidth(3);
        g.strokeText(name, tx, y);
        g.setFill(PATH);
        g.fillText(name, tx, y);
    }

    /** A stroke in the path's colour over a wider black one, visible on light and dark tiles alike. */
    private static void outlined(GraphicsContext g, Runnable stroke, double width) {
        g.setStroke(Color.BLACK);
        g.setLineWidth(width + 2);
        stroke.run();
        g.setStroke(PATH);
        g.setLineWidth(width);
        stroke.run();
    }
}
