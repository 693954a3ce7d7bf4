package org.latentexplorer.explore;

import java.util.ArrayList;
import java.util.List;

/**
 * The ticks of the grid's two axes for a viewport drawn in a square of side pixels: where each
 * tick goes (pixels from the plot's left or top edge) and its label. The window and the exported
 * picture both draw these.
 */
public final class PlotAxes {
    /** Pixels per tick label the axes aim for. */
    static final double PIXELS_PER_TICK = 60;

    /** A tick: its offset in pixels from the plot's left (x) or top (y) edge, and its label. */
    public record Tick(double pixel, String label) {
    }

    private PlotAxes() {
    }

    /** How many ticks an axis of this many pixels gets. */
    public static int target(double side, double scale) {
        return (int) Math.max(2, Math.min(11, side / (PIXELS_PER_TICK * Math.max(0.5, scale))));
    }

    public static List<Tick> xTicks(Viewport v, double side, double scale) {
        int target = target(side, scale);
        double step = AxisTicks.step(v.xMin(), v.xMax(), target);
        List<Tick> out = new ArrayList<>();
        for (double t : AxisTicks.ticks(v.xMin(), v.xMax(), target)) {
            out.add(new Tick(v.pixelX(t, side), AxisTicks.label(t, step)));
        }
        return out;
    }

    public static List<Tick> yTicks(Viewport v, double side, double scale) {
        int target = target(side, scale);
        double step = AxisTicks.step(v.yMin(), v.yMax(), target);
        List<Tick> out = new ArrayList<>();
        for (double t : AxisTicks.ticks(v.yMin(), v.yMax(), target)) {
            out.add(new Tick(v.pixelY(t, side), AxisTicks.label(t, step)));
        }
        return out;
    }
}
