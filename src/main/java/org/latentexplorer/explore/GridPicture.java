package org.latentexplorer.explore;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;

/**
 * The latent grid as one picture without any window toolkit, as the window draws it: the decoded
 * mosaic, the axes' ticks ({@link PlotAxes}), the prior's circles, the encoded test set with each
 * class's colour and shape, and the legend ({@link ClassStyle}). For the command line's export.
 */
public final class GridPicture {
    private static final int LEFT = 60;
    private static final int BOTTOM = 46;
    private static final int TOP = 14;
    private static final int RIGHT = 16;

    private GridPicture() {
    }

    /**
     * @param space      the model's latent space
     * @param view       the part of the plane to draw
     * @param slice      the plane
     * @param steps      tiles per side
     * @param scatter    the encoded test set to draw over it, or null
     * @param classNames names of the scatter's classes (may be empty)
     * @param prior      whether to draw the prior's circles at 1, 2 and 3 standard deviations
     * @param side       the plot's side in pixels
     */
    public static BufferedImage draw(LatentSpace space, Viewport view, LatentSlice slice, int steps,
                                     LatentSpace.Embedding scatter, List<String> classNames, boolean prior, int side) {
        LatentSpace.Mosaic m = space.render(view, slice, steps, DecodeMode.MEAN);
        BufferedImage mosaic = new BufferedImage(m.width(), m.height(), BufferedImage.TYPE_INT_RGB);
        mosaic.setRGB(0, 0, m.width(), m.height(), m.argb(), 0, m.width());

        BufferedImage out = new BufferedImage(LEFT + side + RIGHT, TOP + side + BOTTOM, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(new Color(0xF6F7F9));
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setColor(Color.BLACK);
            g.fillRect(LEFT, TOP, side, side);
            java.awt.Shape clip = g.getClip();
            g.clipRect(LEFT, TOP, side, side);
            boolean dots = scatter != null;
            if (dots) {
                g.setComposite(java.awt.AlphaComposite.getInstance(java.awt.AlphaComposite.SRC_OVER, 0.55f));
            }
            g.drawImage(mosaic, LEFT, TOP, side, side, null);
            g.setComposite(java.awt.AlphaComposite.SrcOver);
            double unit = side / view.width();
            if (prior) {
                g.setColor(new Color(ClassStyle.PRIOR_COLOR));
                g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 5}, 0));
                double cx = LEFT + view.pixelX(0, side);
                double cy = TOP + view.pixelY(0, side);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
                for (int k = 1; k <= 3; k++) {
                    double r = k * unit;
                    g.draw(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
                    // The label on a dark backing, as in the window: over white strokes it could not be read.
                    String label = k + "\u03c3";
                    float lx = (float) (cx + r * 0.7071 + 3);
                    float ly = (float) (cy - r * 0.7071 - 2);
                    java.awt.FontMetrics fm = g.getFontMetrics();
                    Color line = g.getColor();
                    g.setColor(new Color(0, 0, 0, 153));
                    g.fillRoundRect(Math.round(lx) - 2, Math.round(ly) - fm.getAscent(), fm.stringWidth(label) + 4,
                            fm.getAscent() + 2, 4, 4);
                    g.setColor(line);
                    g.drawString(label, lx, ly);
                }
                g.setStroke(new BasicStroke(1));
            }
            if (dots) {
                int[] layer = new ScatterRaster(Math.max(2.0, side / 260.0), 0.85)
                        .draw(scatter, slice.dimX(), slice.dimY(), view, side);
                BufferedImage points = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB_PRE);
                System.arraycopy(layer, 0, ((DataBufferInt) points.getRaster().getDataBuffer()).getData(), 0, layer.length);
                g.drawImage(points, LEFT, TOP, null);
            }
            g.setClip(clip);
            axes(g, view, slice, side);
            legend(g, ClassStyle.legend(dots && scatter.hasLabels() ? classNames : List.of(), false, false, prior, 1,
                    space.config().kind().hasPrior()), side);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static void fill(Graphics2D g, ClassStyle.Shape shape, double cx, double cy, double r) {
        double[][] p = ClassStyle.outline(shape, cx, cy, r);
        Polygon poly = new Polygon();
        for (int i = 0; i < p[0].length; i++) {
            poly.addPoint((int) Math.round(p[0][i]), (int) Math.round(p[1][i]));
        }
        if (shape == ClassStyle.Shape.CIRCLE) {
            g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
        } else {
            g.fill(poly);
        }
    }

    private static void axes(Graphics2D g, Viewport v, LatentSlice slice, int side) {
        g.setColor(new Color(0x343A40));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (PlotAxes.Tick t : PlotAxes.xTicks(v, side, 1)) {
            int px = (int) Math.round(LEFT + t.pixel());
            g.drawLine(px, TOP + side, px, TOP + side + 5);
            g.drawString(t.label(), px - fm.stringWidth(t.label()) / 2, TOP + side + 7 + fm.getAscent());
        }
        for (PlotAxes.Tick t : PlotAxes.yTicks(v, side, 1)) {
            int py = (int) Math.round(TOP + t.pixel());
            g.drawLine(LEFT - 5, py, LEFT, py);
            g.drawString(t.label(), LEFT - 8 - fm.stringWidth(t.label()), py + fm.getAscent() / 2 - 1);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        fm = g.getFontMetrics();
        String x = "z" + (slice.dimX() + 1) + " \u2192";
        g.drawString(x, LEFT + side - fm.stringWidth(x), TOP + side + 22 + fm.getAscent());
        String y = "z" + (slice.dimY() + 1) + " \u2192";
        AffineTransform before = g.getTransform();
        g.translate(LEFT - 44 + fm.getAscent(), TOP + fm.stringWidth(y));
        g.rotate(-Math.PI / 2);
        g.drawString(y, 0, 0);
        g.setTransform(before);
    }

    private static void legend(Graphics2D g, List<ClassStyle.Entry> entries, int side) {
        if (entries.isEmpty()) {
            return;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        int lineH = 17;
        int textW = 0;
        for (ClassStyle.Entry e : entries) {
            textW = Math.max(textW, fm.stringWidth(e.text()));
        }
        int boxW = textW + 34;
        int boxH = 8 + lineH * entries.size();
        int bx = LEFT + side - boxW - 8;
        int by = TOP + 8;
        g.setColor(new Color(0, 0, 0, 184));
        g.fillRoundRect(bx, by, boxW, boxH, 8, 8);
        for (int i = 0; i < entries.size(); i++) {
            ClassStyle.Entry e = entries.get(i);
            int y = by + 4 + lineH * i + lineH / 2;
            g.setColor(new Color(e.color()));
            if (e.kind() == ClassStyle.Kind.CLASS) {
                fill(g, e.shape(), bx + 13, y, 4);
            } else {
                g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {3, 2}, 0));
                g.draw(new Ellipse2D.Double(bx + 7, y - 6, 12, 12));
                g.setStroke(new BasicStroke(1));
            }
            g.setColor(Color.WHITE);
            g.drawString(e.text(), bx + 26, y + fm.getAscent() / 2 - 1);
        }
    }
}
