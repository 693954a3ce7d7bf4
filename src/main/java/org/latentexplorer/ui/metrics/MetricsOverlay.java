package org.latentexplorer.ui.metrics;

import java.util.Locale;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import org.latentexplorer.explore.TileLattice;
import org.latentexplorer.measure.Continuity;
import org.latentexplorer.measure.Holes;
import org.latentexplorer.ui.grid.GridOverlay;
import org.latentexplorer.ui.grid.GridView;

/**
 * The seam and hole overlays: each visible tile tinted by its seam ratio on a perceptual ramp
 * (viridis), more opaque where the decoder changes faster so that smooth regions keep their digits
 * plain; the tiles where q(z) / p(z) is below a tenth hatched and shaded. Each has a small legend
 * at the plot's lower left.
 */
public final class MetricsOverlay implements GridOverlay {
    /** Viridis at five stops (van der Walt and Smith's matplotlib colour map): even in lightness, read without colour vision. */
    private static final Color[] RAMP = {Color.web("#440154"), Color.web("#3b528b"), Color.web("#21918c"),
        Color.web("#5ec962"), Color.web("#fde725")};
    /** Outside the class palette and the ramp. */
    static final Color HOLE = Color.web("#ff4d6d");
    private static final double MIN_ALPHA = 0.12;
    private static final double MAX_ALPHA = 0.62;

    private final MetricsViewModel vm;

    MetricsOverlay(MetricsViewModel vm) {
        this.vm = vm;
    }

    /** Draws the overlays over the grid while their toggles are on. */
    public static void attach(GridView grid, MetricsViewModel vm) {
        grid.addOverlay(new MetricsOverlay(vm), vm.showSeamsProperty(), vm.showHolesProperty(), vm.liveProperty(),
                vm.holesProperty());
    }

    /** The ramp's colour at t in [0, 1]. */
    static Color ramp(double t) {
        double x = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
        int i = Math.min(RAMP.length - 2, (int) Math.floor(x));
        return RAMP[i].interpolate(RAMP[i + 1], x - i);
    }

    @Override
    public void draw(GraphicsContext g, Plot plot) {
        MetricsViewModel.LiveContinuity live = vm.liveProperty().get();
        boolean seams = vm.showSeamsProperty().get() && live != null;
        MetricsViewModel.HoleField holes = vm.holesProperty().get();
        boolean holesShown = vm.showHolesProperty().get() && holes != null && holes.slice().equals(plot.slice());
        if (seams) {
            drawSeams(g, plot, live);
        }
        if (holesShown) {
            drawHoles(g, plot, holes);
        }
        // The legends over every tile, the seams' below the holes'.
        double bottom = plot.y0() + plot.side() - 8;
        if (seams) {
            bottom = seamLegend(g, plot, live.quantiles().max(), bottom);
        }
        if (holesShown) {
            holeLegend(g, plot, bottom);
        }
    }

    private static void drawSeams(GraphicsContext g, Plot plot, MetricsViewModel.LiveContinuity live) {
        Continuity.SeamField f = live.seams();
        TileLattice lattice = live.lattice();
        TileLattice.Range t = live.tiles();
        double max = live.quantiles().max();
        if (!(max > 0)) {
            return;
        }
        for (int r = 0; r < f.rows(); r++) {
            for (int c = 0; c < f.columns(); c++) {
                double v = f.ratio(r, c) / max;
                Color k = ramp(v);
                g.setFill(Color.color(k.getRed(), k.getGreen(), k.getBlue(), MIN_ALPHA + (MAX_ALPHA - MIN_ALPHA) * v));
                fillTile(g, plot, lattice, t.firstColumn() + c, t.firstRow() + r);
            }
        }
    }

    private static void drawHoles(GraphicsContext g, Plot plot, MetricsViewModel.HoleField h) {
        Holes.Field f = h.field();
        g.setFill(Color.color(HOLE.getRed(), HOLE.getGreen(), HOLE.getBlue(), 0.26));
        g.setStroke(Color.color(HOLE.getRed(), HOLE.getGreen(), HOLE.getBlue(), 0.6));
        g.setLineWidth(1);
        for (int r = 0; r < f.n(); r++) {
            for (int c = 0; c < f.n(); c++) {
                if (!f.isHole(r, c)) {
                    continue;
                }
                double[] box = fillTile(g, plot, h.lattice(), h.firstColumn() + c, h.firstRow() + r);
                // A hatch, so a hole reads as one under the seam tint as well.
                g.save();
                g.beginPath();
                g.rect(box[0], box[1], box[2], box[3]);
                g.clip();
                double step = Math.max(6, box[2] / 2);
                for (double d = -box[3]; d < box[2]; d += step) {
                    g.strokeLine(box[0] + d, box[1] + box[3], box[0] + d + box[3], box[1]);
                }
                g.restore();
            }
        }
    }

    /** Fills tile (column, row) of the lattice; returns its box {x, y, w, h} on screen. */
    private static double[] fillTile(GraphicsContext g, Plot plot, TileLattice lattice, int column, int row) {
        double x0 = plot.screenX(lattice.left(column));
        double x1 = plot.screenX(lattice.left(column + 1));
        double y0 = plot.screenY(lattice.top(row));
        double y1 = plot.screenY(lattice.top(row + 1));
        g.fillRect(x0, y0, x1 - x0, y1 - y0);
        return new double[] {x0, y0, x1 - x0, y1 - y0};
    }

    /** The ramp from 0 to the visible maximum; returns the top of what it drew. */
    private static double seamLegend(GraphicsContext g, Plot plot, double max, double bottom) {
        double s = plot.scale();
        double w = 150 * s;
        double h = 40 * s;
        double x = plot.x0() + 8;
        double y = bottom - h;
        box(g, x, y, w, h);
        g.setFont(Font.font(11 * s));
        g.setFill(Color.WHITE);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText("Seams: \u2016\u0394x\u2016 / \u2016\u0394z\u2016", x + 6 * s, y + 4 * s);
        double barX = x + 6 * s;
        double barW = w - 12 * s;
        double barY = y + 19 * s;
        int steps = 40;
        for (int i = 0; i < steps; i++) {
            g.setFill(ramp((i + 0.5) / steps));
            g.fillRect(barX + barW * i / steps, barY, barW / steps + 0.5, 7 * s);
        }
        g.setFill(Color.WHITE);
        g.setFont(Font.font(10 * s));
        g.fillText("0", barX, barY + 8 * s);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(String.format(Locale.ROOT, "%.1f", max), barX + barW, barY + 8 * s);
        return y - 4 * s;
    }

    private static void holeLegend(GraphicsContext g, Plot plot, double bottom) {
        double s = plot.scale();
        double w = 150 * s;
        double h = 22 * s;
        double x = plot.x0() + 8;
        double y = bottom - h;
        box(g, x, y, w, h);
        g.setFill(Color.color(HOLE.getRed(), HOLE.getGreen(), HOLE.getBlue(), 0.7));
        g.fillRect(x + 6 * s, y + 5 * s, 12 * s, 12 * s);
        g.setFill(Color.WHITE);
        g.setFont(Font.font(11 * s));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("Hole: q(z) < p(z) / 10", x + 24 * s, y + h / 2);
    }

    private static void box(GraphicsContext g, double x, double y, double w, double h) {
        g.setFill(Color.color(0, 0, 0, 0.72));
        g.fillRoundRect(x, y, w, h, 8, 8);
    }
}
