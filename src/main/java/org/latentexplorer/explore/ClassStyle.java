package org.latentexplorer.explore;

import java.util.ArrayList;
import java.util.List;

/**
 * How the grid marks things, in one place for the window and for exported pictures: a colour and
 * a shape per class label that colour-blind viewers can tell apart (the Okabe-Ito palette, with
 * white for its black, which would vanish on the mosaic, and five marker shapes, so no two of the
 * first forty labels share both), and the legend's entries.
 */
public final class ClassStyle {
    /** Okabe and Ito (2008), "Color Universal Design", without black; then white. As 0xRRGGBB. */
    public static final int[] COLORS = {
        0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7, 0xFFFFFF,
    };
    /** The samples from the prior and the selected point, in colours outside the class palette. */
    public static final int SAMPLE_COLOR = 0x22D3EE;
    public static final int SELECTION_COLOR = 0xFF2E88;
    public static final int PRIOR_COLOR = 0xFFD43B;

    /** Marker shapes, each drawable as a polygon. */
    public enum Shape { CIRCLE, SQUARE, TRIANGLE, DIAMOND, STAR }

    private ClassStyle() {
    }

    public static int color(int label) {
        return COLORS[Math.floorMod(label, COLORS.length)];
    }

    /**
     * The marker of a label. The shapes go round one step slower than the labels (label - label / 4),
     * so that labels whose colours are close get different shapes: 0 and 8 (orange) beside 3
     * (yellow) and 5 (vermillion), 1 and 9 (sky blue) beside 4 (blue); with the colours' eight
     * steps, no two of the first forty labels share both.
     */
    public static Shape shape(int label) {
        Shape[] all = Shape.values();
        return all[Math.floorMod(label - Math.floorDiv(label, 4), all.length)];
    }

    /**
     * The outline of a marker of radius r about (cx, cy): xs and ys of its vertices (a circle as a
     * 16-gon), for any renderer to fill.
     */
    public static double[][] outline(Shape shape, double cx, double cy, double r) {
        double[] angles;
        double[] radii;
        switch (shape) {
            case SQUARE -> {
                angles = new double[] {45, 135, 225, 315};
                radii = new double[] {r * 1.2, r * 1.2, r * 1.2, r * 1.2};
            }
            case TRIANGLE -> {
                angles = new double[] {90, 210, 330};
                radii = new double[] {r * 1.4, r * 1.4, r * 1.4};
            }
            case DIAMOND -> {
                angles = new double[] {0, 90, 180, 270};
                radii = new double[] {r * 1.3, r * 1.3, r * 1.3, r * 1.3};
            }
            case STAR -> {
                angles = new double[10];
                radii = new double[10];
                for (int i = 0; i < 10; i++) {
                    angles[i] = 90 + 36 * i;
                    radii[i] = i % 2 == 0 ? r * 1.5 : r * 0.65;
                }
            }
            default -> {
                angles = new double[16];
                radii = new double[16];
                for (int i = 0; i < 16; i++) {
                    angles[i] = 22.5 * i;
                    radii[i] = r;
                }
            }
        }
        double[] xs = new double[angles.length];
        double[] ys = new double[angles.length];
        for (int i = 0; i < angles.length; i++) {
            double a = Math.toRadians(angles[i]);
            xs[i] = cx + radii[i] * Math.cos(a);
            ys[i] = cy - radii[i] * Math.sin(a);
        }
        return new double[][] {xs, ys};
    }

    /**
     * One line of the legend.
     *
     * @param brief the line where room is short (a small plot): the same text, or a shorter one
     */
    public record Entry(String text, String brief, int color, Kind kind, Shape shape) {
        public Entry(String text, int color, Kind kind, Shape shape) {
            this(text, text, color, kind, shape);
        }
    }

    /** What a legend line shows beside its text. */
    public enum Kind { CLASS, SAMPLE, SELECTION, PRIOR }

    /**
     * The legend of the grid: one line per class shown (when the scatter is), then what the other
     * marks mean, for those on screen. N(0, I) is called the prior only for a model that has one.
     */
    public static List<Entry> legend(List<String> classNames, boolean samples, boolean selection, boolean prior,
                                     double temperature, boolean modelHasPrior) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < classNames.size(); i++) {
            out.add(new Entry(classNames.get(i), color(i), Kind.CLASS, shape(i)));
        }
        if (samples) {
            out.add(new Entry(modelHasPrior ? "sample from the prior" : "sample z ~ N(0, I)", SAMPLE_COLOR, Kind.SAMPLE,
                    Shape.CIRCLE));
        }
        if (selection) {
            out.add(new Entry("selected point", SELECTION_COLOR, Kind.SELECTION, Shape.CIRCLE));
        }
        if (prior) {
            boolean plain = Math.abs(temperature - 1) < 1e-9;
            String t = plain ? (modelHasPrior ? "prior " : "") + "N(0, I): 1, 2, 3 \u03c3"
                    : String.format(java.util.Locale.ROOT, "N(0, T\u00b2I), T = %.1f: 1, 2, 3 T", temperature);
            String brief = plain && modelHasPrior ? "prior 1, 2, 3 \u03c3" : t;
            out.add(new Entry(t, brief, PRIOR_COLOR, Kind.PRIOR, Shape.CIRCLE));
        }
        return out;
    }
}
