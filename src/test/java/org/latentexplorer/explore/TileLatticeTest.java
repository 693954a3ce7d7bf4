package org.latentexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Where the tiles of a map-like grid sit, and which of them a viewport shows. */
class TileLatticeTest {
    @Test
    void anchoredToAViewportItsTilesAreTheViewportsOwnBitForBit() {
        Viewport view = new Viewport(-1.3, 2.9, -0.7, 3.5);
        TileLattice lattice = TileLattice.anchoredTo(view, 20);
        for (int i = 0; i < 20; i++) {
            assertEquals(view.tileCenterX(i, 20), lattice.centerX(i));
            assertEquals(view.tileCenterY(i, 20), lattice.centerY(i));
        }
        assertEquals(new TileLattice.Range(0, 0, 20, 20), lattice.visible(view));
    }

    @Test
    void thePartlyVisibleTilesAtTheEdgesCount() {
        TileLattice lattice = TileLattice.anchoredTo(Viewport.DEFAULT, 20);
        // A quarter of a tile left and three quarters up: a column and a row more, partly shown.
        Viewport moved = new Viewport(-5.125, 4.875, -4.625, 5.375);
        assertEquals(new TileLattice.Range(-1, -1, 21, 21), lattice.visible(moved));
        // Whole tiles: exactly n, even with the rounding a long drag leaves behind.
        Viewport whole = new Viewport(-6 + 1e-13, 4 + 1e-13, -5 - 1e-13, 5 - 1e-13);
        assertEquals(new TileLattice.Range(-2, 0, 20, 20), lattice.visible(whole));
    }

    @Test
    void edgesAndCentresFollowTheIndexBeyondTheAnchoredTiles() {
        TileLattice lattice = TileLattice.anchoredTo(Viewport.DEFAULT, 20);
        assertEquals(-5.5, lattice.left(-1), 1e-12);
        assertEquals(-5.25, lattice.centerX(-1), 1e-12);
        assertEquals(5.5, lattice.top(-1), 1e-12);
        assertEquals(-5.25, lattice.centerY(20), 1e-12);
    }
}
