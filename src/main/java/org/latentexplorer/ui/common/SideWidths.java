package org.latentexplorer.ui.common;

/**
 * How wide the window's two side panels are, for a window this wide and an interface this large.
 * In a wide window they have their full width. As the window narrows, they narrow before the grid
 * does, down to the least width that still holds their controls whole ("Train", "Resume" and
 * "Cancel" side by side; "Sample from the prior"). Below that the centre (grid, toolbar, charts)
 * narrows, but keeps {@link #leastCentre}: its toolbar wraps and its charts shrink to that. A
 * very large interface in a small window therefore gets panels narrower than their content, which
 * then scrolls sideways, rather than panels outside the window. Toolkit-free.
 *
 * @param left  the model and training panel's width, in pixels
 * @param right the selected point, inspection, sampling and metrics panel's width, in pixels
 */
public record SideWidths(double left, double right) {
    /** The panels' full widths at scale 1. */
    public static final double LEFT = 340;
    public static final double RIGHT = 300;
    /** The panels' least widths at scale 1, which still hold their controls whole. */
    public static final double LEAST_LEFT = 280;
    public static final double LEAST_RIGHT = 240;
    /** What the centre asks for at scale 1 before the panels give way. */
    public static final double GRID_ROOM = 500;
    /**
     * The pixels the centre always keeps: what its charts need at least (two loss charts of 80
     * pixels, and the weight's chart and the legend, which grow with the scale), plus their gaps.
     */
    public static double leastCentre(double scale) {
        return 190 + 175 * scale;
    }

    public static SideWidths of(double windowWidth, double scale) {
        double spare = windowWidth / scale - GRID_ROOM - LEAST_LEFT - LEAST_RIGHT;
        double t = Math.max(0, Math.min(1, spare / (LEFT + RIGHT - LEAST_LEFT - LEAST_RIGHT)));
        double left = scale * (LEAST_LEFT + t * (LEFT - LEAST_LEFT));
        double right = scale * (LEAST_RIGHT + t * (RIGHT - LEAST_RIGHT));
        double room = Math.max(0, windowWidth - leastCentre(scale));
        double k = Math.min(1, room / (left + right));
        return new SideWidths(left * k, right * k);
    }

    /** What the two panels leave for the centre. */
    public double centre(double windowWidth) {
        return windowWidth - left - right;
    }
}
