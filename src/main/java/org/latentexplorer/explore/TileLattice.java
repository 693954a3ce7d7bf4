package org.latentexplorer.explore;

/**
 * Where the grid's tiles sit in a latent plane, as a map's tiles sit on the earth: tile (column c,
 * row r) covers x from left(c) to left(c + 1) and y from top(r + 1) to top(r), and its image is the
 * decoding of its centre. Columns count rightwards and rows downwards (as on screen) from the tile
 * whose top-left corner is (x0, y0); indices outside 0..n-1 are tiles beyond the rectangle the
 * lattice was anchored to.
 *
 * <p>A lattice is fixed for one zoom and one tile count: a pan only changes which tiles are
 * visible, so a tile once decoded stays right wherever the view moves, and several grids showing
 * one viewport can share one lattice. Anchored to a viewport, its tiles 0..n-1 are exactly the
 * viewport's n x n tiles ({@link Viewport#tileCenterX}, the convention of the {@code grid} command).
 *
 * @param x0    left edge of column 0
 * @param y0    top edge of row 0
 * @param spanX width of n columns
 * @param spanY height of n rows
 * @param n     tiles per span
 */
public record TileLattice(double x0, double y0, double spanX, double spanY, int n) {
    /** A tile visible by less than this fraction of its side counts as not visible (a sliver below a pixel). */
    private static final double SLIVER = 1e-6;

    public TileLattice {
        if (n < 1) {
            throw new IllegalArgumentException("a lattice needs at least 1 tile per span, not " + n);
        }
        if (!Double.isFinite(x0) || !Double.isFinite(y0) || !(spanX > 0) || !(spanY > 0)
                || !Double.isFinite(spanX) || !Double.isFinite(spanY)) {
            throw new IllegalArgumentException("a lattice needs a finite corner and positive spans");
        }
    }

    /** The tiles of a viewport split into n x n: column 0 at its left edge, row 0 at its top. */
    public static TileLattice anchoredTo(Viewport view, int n) {
        return new TileLattice(view.xMin(), view.yMax(), view.width(), view.height(), n);
    }

    /** Latent x of the centre of column c, computed as {@link Viewport#tileCenterX} does. */
    public double centerX(int column) {
        return x0 + (column + 0.5) * spanX / n;
    }

    /** Latent y of the centre of row r (rows run downwards). */
    public double centerY(int row) {
        return y0 - (row + 0.5) * spanY / n;
    }

    /** Latent x of the left edge of column c. */
    public double left(int column) {
        return x0 + column * spanX / n;
    }

    /** Latent y of the top edge of row r. */
    public double top(int row) {
        return y0 - row * spanY / n;
    }

    /** The block of tiles a viewport shows, each at least partly. */
    public Range visible(Viewport view) {
        double tx = spanX / n;
        double ty = spanY / n;
        int c0 = (int) Math.floor((view.xMin() - x0) / tx + SLIVER);
        int c1 = (int) Math.ceil((view.xMax() - x0) / tx - SLIVER);
        int r0 = (int) Math.floor((y0 - view.yMax()) / ty + SLIVER);
        int r1 = (int) Math.ceil((y0 - view.yMin()) / ty - SLIVER);
        return new Range(c0, r0, Math.max(1, c1 - c0), Math.max(1, r1 - r0));
    }

    /** A block of tiles: columns firstColumn .. firstColumn + columns - 1, and likewise rows. */
    public record Range(int firstColumn, int firstRow, int columns, int rows) {
        public boolean contains(int column, int row) {
            return column >= firstColumn && column < firstColumn + columns && row >= firstRow && row < firstRow + rows;
        }

        /** The same block grown by margin tiles on every side. */
        public Range grow(int margin) {
            return new Range(firstColumn - margin, firstRow - margin, columns + 2 * margin, rows + 2 * margin);
        }
    }
}
