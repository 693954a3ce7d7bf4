package org.latentexplorer.explore;

/**
 * The rectangle of a latent plane shown in the grid view: immutable; pixel mappings put xMin at the
 * left edge and yMax at the top edge (y grows upward, as in a plot).
 *
 * <p>A view of w x h pixels maps pixel column px to x = xMin + px (xMax - xMin) / w and pixel row py
 * to y = yMax - py (yMax - yMin) / h; pixel coordinates are continuous, px = w is the right edge.
 */
public record Viewport(double xMin, double xMax, double yMin, double yMax) {

    public static final Viewport DEFAULT = new Viewport(-5, 5, -5, 5);
    /** Narrowest zoom: below this the decoder's images barely change from tile to tile. */
    public static final double MIN_SPAN = 0.01;
    /** Widest zoom: the prior puts almost no mass that far out, so wider shows nothing new. */
    public static final double MAX_SPAN = 1000;
    /** How far from the origin the centre may be panned, so the view cannot be lost far away. */
    public static final double MAX_CENTER = 1000;

    public Viewport {
        if (!Double.isFinite(xMin) || !Double.isFinite(xMax) || !Double.isFinite(yMin) || !Double.isFinite(yMax)) {
            throw new IllegalArgumentException("viewport bounds must be finite numbers, got " + describe(xMin, xMax, yMin, yMax));
        }
        if (!(xMin < xMax) || !(yMin < yMax)) {
            throw new IllegalArgumentException("viewport must have min < max on both axes, got "
                    + describe(xMin, xMax, yMin, yMax));
        }
    }

    public double width() {
        return xMax - xMin;
    }

    public double height() {
        return yMax - yMin;
    }

    public double centerX() {
        return xMin + width() / 2;
    }

    public double centerY() {
        return yMin + height() / 2;
    }

    /** Latent x under pixel column px (0 = left edge, widthPx = right edge). */
    public double latentX(double px, double widthPx) {
        requirePixelSize(widthPx, "width");
        return xMin + px / widthPx * width();
    }

    /** Latent y under pixel row py (0 = top edge, heightPx = bottom edge). */
    public double latentY(double py, double heightPx) {
        requirePixelSize(heightPx, "height");
        return yMax - py / heightPx * height();
    }

    /** Pixel column of latent x: the inverse of {@link #latentX}. */
    public double pixelX(double x, double widthPx) {
        requirePixelSize(widthPx, "width");
        return (x - xMin) / width() * widthPx;
    }

    /** Pixel row of latent y: the inverse of {@link #latentY}. */
    public double pixelY(double y, double heightPx) {
        requirePixelSize(heightPx, "height");
        return (yMax - y) / height() * heightPx;
    }

    /**
     * A drag by (dxPx, dyPx) screen pixels: the latent point under the pointer stays under the
     * pointer, so dragging right shows smaller x and dragging down shows larger y. The centre is
     * clamped to within {@link #MAX_CENTER} of the origin on each axis.
     */
    public Viewport panByPixels(double dxPx, double dyPx, double widthPx, double heightPx) {
        requirePixelSize(widthPx, "width");
        requirePixelSize(heightPx, "height");
        requireFinite(dxPx, "horizontal drag");
        requireFinite(dyPx, "vertical drag");
        // Both bounds move by the same shift, so the spans stay exactly as they were.
        double shiftX = clampedShift(centerX(), -dxPx / widthPx * width());
        double shiftY = clampedShift(centerY(), dyPx / heightPx * height());
        return new Viewport(xMin + shiftX, xMax + shiftX, yMin + shiftY, yMax + shiftY);
    }

    /**
     * Zoom by factor (&gt; 1 zooms in: spans divide by factor) around pixel (px, py): the latent
     * point under that pixel stays there. Each span is clamped to [{@link #MIN_SPAN},
     * {@link #MAX_SPAN}] (when clamped, the point under the pointer still stays fixed). factor must
     * be finite and &gt; 0. The centre is not clamped here: that would move the point under the
     * pointer; the next pan brings it back within {@link #MAX_CENTER}.
     */
    public Viewport zoomAround(double factor, double px, double py, double widthPx, double heightPx) {
        if (!Double.isFinite(factor) || !(factor > 0)) {
            throw new IllegalArgumentException("zoom factor must be a finite number > 0, not " + factor);
        }
        requirePixelSize(widthPx, "width");
        requirePixelSize(heightPx, "height");
        requireFinite(px, "zoom pixel x");
        requireFinite(py, "zoom pixel y");
        double newWidth = clampSpan(width() / factor);
        double newHeight = clampSpan(height() / factor);
        if (newWidth == width() && newHeight == height()) {
            return this; // already at the zoom limit: same rectangle, nothing to redraw
        }
        // The pointer keeps its fraction of the way across the view, and its latent point.
        double fx = px / widthPx;
        double fy = py / heightPx;
        double newXMin = latentX(px, widthPx) - fx * newWidth;
        double newYMax = latentY(py, heightPx) + fy * newHeight;
        return new Viewport(newXMin, newXMin + newWidth, newYMax - newHeight, newYMax);
    }

    /** Latent x of the centre of tile column c of an n x n mosaic covering this rectangle: xMin + (c + 0.5) width / n. */
    public double tileCenterX(int column, int n) {
        requireTile(column, n, "column");
        return xMin + (column + 0.5) * width() / n;
    }

    /** Latent y of the centre of tile row r (row 0 at the top): yMax - (r + 0.5) height / n. */
    public double tileCenterY(int row, int n) {
        requireTile(row, n, "row");
        return yMax - (row + 0.5) * height() / n;
    }

    /** Whether (x, y) lies inside the rectangle (edges included). */
    public boolean contains(double x, double y) {
        return x >= xMin && x <= xMax && y >= yMin && y <= yMax;
    }

    /** The shift itself while the centre stays in bounds, so an ordinary drag moves by exactly the dragged distance. */
    private static double clampedShift(double center, double shift) {
        double moved = center + shift;
        if (moved > MAX_CENTER) {
            return MAX_CENTER - center;
        }
        if (moved < -MAX_CENTER) {
            return -MAX_CENTER - center;
        }
        return shift;
    }

    private static double clampSpan(double span) {
        return Math.max(MIN_SPAN, Math.min(MAX_SPAN, span));
    }

    private static void requirePixelSize(double size, String what) {
        if (!Double.isFinite(size) || !(size > 0)) {
            throw new IllegalArgumentException("view " + what + " in pixels must be a finite number > 0, not " + size);
        }
    }

    private static void requireFinite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number, not " + value);
        }
    }

    private static void requireTile(int index, int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException("a mosaic needs at least 1 tile per side, not " + n);
        }
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException("tile " + what + " must be between 0 and " + (n - 1) + ", not " + index);
        }
    }

    private static String describe(double xMin, double xMax, double yMin, double yMax) {
        return "[" + xMin + ", " + xMax + "] x [" + yMin + ", " + yMax + "]";
    }
}
