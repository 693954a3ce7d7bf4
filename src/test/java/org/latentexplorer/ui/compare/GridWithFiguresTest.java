package org.latentexplorer.ui.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.latentexplorer.ui.compare.GridWithFigures.Placement;

class GridWithFiguresTest {
    // Figures 200 x 170 with names and values on one line, 110 x 300 with each value under its name.
    @Test
    void theFiguresGoWhereTheyLeaveTheGridTheLargestSquare() {
        // A wide, low column: under them the grid would have 130 pixels, beside them 200; stacked
        // they do not fit its height.
        assertEquals(Placement.BESIDE, GridWithFigures.choose(400, 290, 200, 170, 110, 300));
        // Tall enough for them stacked: 290 pixels beside them against 200.
        assertEquals(Placement.BESIDE_STACKED, GridWithFigures.choose(400, 320, 200, 170, 110, 300));
        // A narrow, tall column: under them 266, beside them 66 or 156.
        assertEquals(Placement.UNDER, GridWithFigures.choose(266, 500, 200, 170, 110, 300));
        // Alike: they stay under, then beside on one line.
        assertEquals(Placement.UNDER, GridWithFigures.choose(370, 340, 200, 170, 110, 400));
        assertEquals(Placement.BESIDE, GridWithFigures.choose(500, 300, 200, 170, 200, 300));
    }
}
