package org.latentexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.latentexplorer.model.Bernoulli;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.Vae;

/** The decoded tiles kept by lattice index, on a tiny model of 4 x 4 images. */
class TileMapTest {
    private static final int N = 8;
    private final Network model = new Network(ModelConfig.of(new Vae(1), 4, 4, List.of(16), 2, Bernoulli.INSTANCE), 3);
    private final TileLattice lattice = TileLattice.anchoredTo(Viewport.DEFAULT, N);
    private final LatentSlice plane = LatentSlice.firstTwo(2);

    /** The pixels of tile (column, row) of a shown block. */
    private static int[] tile(TileMap.Shown s, int column, int row) {
        LatentSpace.Mosaic m = s.mosaic();
        int[] px = new int[m.tileRows() * m.tileCols()];
        int c = column - s.tiles().firstColumn();
        int r = row - s.tiles().firstRow();
        for (int y = 0; y < m.tileRows(); y++) {
            System.arraycopy(m.argb(), (r * m.tileRows() + y) * m.width() + c * m.tileCols(), px, y * m.tileCols(), m.tileCols());
        }
        return px;
    }

    @Test
    void inSampleModeATileShowsTheSameDrawWhetherItEnteredAloneOrWithAllTheOthers() {
        LatentSpace space = new LatentSpace(model);
        TileMap panned = new TileMap();
        panned.show(space, lattice, Viewport.DEFAULT, plane, DecodeMode.SAMPLE, null);
        Viewport moved = new Viewport(-6.25, 3.75, -5, 5);   // one tile left: column -1 enters alone
        TileMap.Shown afterPan = panned.show(space, lattice, moved, plane, DecodeMode.SAMPLE, null);
        assertEquals(N, afterPan.decodedTiles());

        TileMap.Shown fresh = new TileMap().show(new LatentSpace(model), lattice, moved, plane, DecodeMode.SAMPLE, null);
        assertEquals(N * N, fresh.decodedTiles());
        assertArrayEquals(fresh.mosaic().argb(), afterPan.mosaic().argb());
        // Tiles have noise of their own: two tiles at one point would still differ.
        assertNotEquals(Arrays.toString(tile(fresh, -1, 0)), Arrays.toString(tile(fresh, 0, 0)));
    }

    @Test
    void theSameTilesShownAgainComeBackAsTheSameMosaic() {
        LatentSpace space = new LatentSpace(model);
        TileMap map = new TileMap();
        TileMap.Shown first = map.show(space, lattice, Viewport.DEFAULT, plane, DecodeMode.MEAN, null);
        TileMap.Shown again = map.show(space, lattice, new Viewport(-5.1, 4.9, -5, 5), plane, DecodeMode.MEAN, null);
        assertEquals(N, again.decodedTiles());
        TileMap.Shown still = map.show(space, lattice, new Viewport(-5.2, 4.8, -5, 5), plane, DecodeMode.MEAN, null);
        assertEquals(0, still.decodedTiles());
        assertSame(again.mosaic(), still.mosaic());
        assertNotEquals(first.mosaic(), again.mosaic());
    }

    @Test
    void newWeightsAnotherPlaneOrModeDecodeEveryTileAgain() {
        LatentSpace space = new LatentSpace(model);
        TileMap map = new TileMap();
        map.show(space, lattice, Viewport.DEFAULT, plane, DecodeMode.MEAN, null);
        assertEquals(0, map.show(space, lattice, Viewport.DEFAULT, plane, DecodeMode.MEAN, null).decodedTiles());
        assertEquals(N * N, map.show(space, lattice, Viewport.DEFAULT, plane, DecodeMode.SAMPLE, null).decodedTiles());
        assertEquals(N * N, map.show(space, lattice, Viewport.DEFAULT, plane.withDims(1, 0), DecodeMode.SAMPLE, null)
                .decodedTiles());
        space.setWeights(new Network(model.config(), 4));
        assertEquals(N * N, map.show(space, lattice, Viewport.DEFAULT, plane.withDims(1, 0), DecodeMode.SAMPLE, null)
                .decodedTiles());
    }
}
