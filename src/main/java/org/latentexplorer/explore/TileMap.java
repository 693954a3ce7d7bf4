package org.latentexplorer.explore;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The decoded tiles of one grid, kept by their lattice index as a map keeps its tiles: showing a
 * viewport decodes only the tiles that are not decoded yet, so a pan decodes just the tiles that
 * enter, and a tile already on screen is never decoded again. Tiles are valid for one model, one
 * version of its weights, one lattice (zoom and tile count), one plane and one decode mode; any
 * other shows everything afresh. Tiles that leave the view are kept a little while (up to a quarter
 * of a view away) for a drag that comes back, then dropped.
 *
 * <p>Belongs to the thread that decodes, as its {@link LatentSpace} does; what it hands out is a
 * copy.
 */
public final class TileMap {
    private final Map<Long, int[]> tiles = new HashMap<>();
    /** Pixel arrays of dropped tiles, for the next tiles decoded. */
    private final ArrayDeque<int[]> free = new ArrayDeque<>();
    private LatentSpace space;
    private long weightsVersion;
    private TileLattice lattice;
    private LatentSlice slice;
    private DecodeMode mode;
    private int[] columns = new int[0];
    private int[] rows = new int[0];
    private int[][] decoded = new int[0][];
    /** The last mosaic handed out and its tiles: shown again as it is while nothing changes. */
    private TileLattice.Range lastRange;
    private LatentSpace.Mosaic lastMosaic;

    /** The tiles a viewport shows as one mosaic, and how many of them had to be decoded for it. */
    public record Shown(TileLattice.Range tiles, LatentSpace.Mosaic mosaic, int decodedTiles) {
    }

    /**
     * The mosaic of the tiles of lattice that view shows, its first pixel the top-left corner of tile
     * (range.firstColumn, range.firstRow); its pixels are written into reuse when that has the right
     * length (a mosaic the caller no longer needs). When the view shows the same tiles as last time,
     * the last mosaic comes back as it is, so a caller sees by its identity that nothing changed.
     */
    public Shown show(LatentSpace space, TileLattice lattice, Viewport view, LatentSlice slice, DecodeMode mode,
                      int[] reuse) {
        if (space != this.space || space.weightsVersion() != weightsVersion || !lattice.equals(this.lattice)
                || !slice.equals(this.slice) || mode != this.mode) {
            clear();
            this.space = space;
            this.weightsVersion = space.weightsVersion();
            this.lattice = lattice;
            this.slice = slice;
            this.mode = mode;
        }
        int d = space.config().inputSize();
        TileLattice.Range range = lattice.visible(view);
        int visible = range.columns() * range.rows();
        if (columns.length < visible) {
            columns = new int[visible];
            rows = new int[visible];
            decoded = new int[visible][];
        }
        int missing = 0;
        for (int r = range.firstRow(); r < range.firstRow() + range.rows(); r++) {
            for (int c = range.firstColumn(); c < range.firstColumn() + range.columns(); c++) {
                if (!tiles.containsKey(key(c, r))) {
                    columns[missing] = c;
                    rows[missing] = r;
                    int[] px = free.poll();
                    decoded[missing++] = px != null && px.length == d ? px : new int[d];
                }
            }
        }
        if (missing == 0 && range.equals(lastRange)) {
            return new Shown(range, lastMosaic, 0);
        }
        space.decodeTiles(lattice, slice, mode, columns, rows, missing, decoded);
        for (int t = 0; t < missing; t++) {
            tiles.put(key(columns[t], rows[t]), decoded[t]);
            decoded[t] = null;
        }
        LatentSpace.Mosaic mosaic = compose(range, space.config().rows(), space.config().cols(), reuse);
        forgetFarTiles(range, visible);
        lastRange = range;
        lastMosaic = mosaic;
        return new Shown(range, mosaic, missing);
    }

    private LatentSpace.Mosaic compose(TileLattice.Range range, int tileRows, int tileCols, int[] reuse) {
        int width = range.columns() * tileCols;
        int size = width * range.rows() * tileRows;
        int[] argb = reuse != null && reuse.length == size ? reuse : new int[size];
        for (int r = 0; r < range.rows(); r++) {
            for (int c = 0; c < range.columns(); c++) {
                int[] tile = tiles.get(key(range.firstColumn() + c, range.firstRow() + r));
                for (int y = 0; y < tileRows; y++) {
                    System.arraycopy(tile, y * tileCols, argb, (r * tileRows + y) * width + c * tileCols, tileCols);
                }
            }
        }
        return new LatentSpace.Mosaic(range.columns(), range.rows(), tileRows, tileCols, argb);
    }

    /** Keeps at most four views' worth of tiles: beyond that, drops those more than a quarter of a view away. */
    private void forgetFarTiles(TileLattice.Range range, int visible) {
        if (tiles.size() <= 4 * visible) {
            return;
        }
        TileLattice.Range kept = range.grow(lattice.n() / 4);
        for (Iterator<Map.Entry<Long, int[]>> it = tiles.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, int[]> e = it.next();
            long k = e.getKey();
            if (!kept.contains((int) (k >> 32), (int) k)) {
                it.remove();
                recycle(e.getValue());
            }
        }
    }

    private void clear() {
        for (int[] px : tiles.values()) {
            recycle(px);
        }
        tiles.clear();
        lastRange = null;
        lastMosaic = null;
    }

    private void recycle(int[] px) {
        if (free.size() < 2048) {
            free.push(px);
        }
    }

    private static long key(int column, int row) {
        return (long) column << 32 | row & 0xFFFFFFFFL;
    }
}
