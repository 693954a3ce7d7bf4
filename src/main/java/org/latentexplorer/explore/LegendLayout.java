package org.latentexplorer.explore;

import java.util.Arrays;

/**
 * Where a legend's lines go on a square plot. On a large plot, one column in full-size type. On a
 * small one (three models side by side, a small screen), where that column would cover more than
 * 40% of the plot's height, smaller type in as few columns as keep it within that height, each column
 * as wide as its own longest line, and never wider than the plot: when both cannot hold, the legend
 * gets taller rather than wider, unless even its longest line is wider than the plot; then it keeps
 * the height and is cut at the plot's edge.
 *
 * @param compact whether the smaller type is used
 * @param rows    lines per column
 * @param columns widths of the columns, mark included
 * @param width   the box's width
 * @param height  the box's height
 */
public record LegendLayout(boolean compact, int rows, double[] columns, double width, double height) {
    /** Full-size and compact line heights, the box's padding and the room for a line's mark, at scale 1. */
    public static final double LINE = 17;
    public static final double COMPACT_LINE = 13;
    public static final double PADDING = 8;
    public static final double MARK = 34;

    /** Whether lines of full-size type would take more than 40% of the plot's height. */
    public static boolean compact(int lines, double side, double scale) {
        return (PADDING + LINE * lines) * scale > 0.4 * side;
    }

    /**
     * @param textWidths the width of each line's text in the type {@link #compact} chose
     * @param side       the plot's side in pixels
     * @param scale      the interface scale
     */
    public static LegendLayout fit(double[] textWidths, double side, double scale) {
        int n = textWidths.length;
        if (n == 0) {
            throw new IllegalArgumentException("a legend needs at least one line");
        }
        boolean compact = compact(n, side, scale);
        double line = (compact ? COMPACT_LINE : LINE) * scale;
        int rows = n;
        if (compact) {
            rows = Math.min(n, Math.max(3, (int) ((0.4 * side - PADDING * scale) / line)));
            // Fewer, narrower columns; pointless when the longest line alone is wider than the plot.
            boolean oneFits = Arrays.stream(textWidths).max().orElse(0) + MARK * scale <= side - 16;
            while (oneFits && rows < n && sum(widths(textWidths, rows, scale)) > side - 16) {
                rows++;
            }
            int columns = (n + rows - 1) / rows;
            rows = (n + columns - 1) / columns;
        }
        double[] columns = widths(textWidths, rows, scale);
        return new LegendLayout(compact, rows, columns, sum(columns), PADDING * scale + line * rows);
    }

    /** The line height. */
    public double line(double scale) {
        return (compact ? COMPACT_LINE : LINE) * scale;
    }

    /** The left edge of line i's column, from the box's left edge. */
    public double columnLeft(int i) {
        double left = 0;
        for (int c = 0; c < i / rows; c++) {
            left += columns[c];
        }
        return left;
    }

    private static double[] widths(double[] textWidths, int rows, double scale) {
        double[] w = new double[(textWidths.length + rows - 1) / rows];
        for (int i = 0; i < textWidths.length; i++) {
            w[i / rows] = Math.max(w[i / rows], textWidths[i] + MARK * scale);
        }
        return w;
    }

    private static double sum(double[] w) {
        return Arrays.stream(w).sum();
    }
}
