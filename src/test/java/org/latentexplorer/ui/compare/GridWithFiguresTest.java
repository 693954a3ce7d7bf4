package org.latentexplorer.ui.compare;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GridWithFiguresTest {
    // Figures 200 wide beside, 170 tall under: the grid's square either way.
    @Test
    void theFiguresGoBesideOnlyWhenThatDrawsTheGridLarger() {
        // A wide, low column: under them the grid would have 130 pixels, beside them 200.
        assertTrue(GridWithFigures.besideIsLarger(400, 300, 200, 170));
        // A narrow, tall column: under them 266, beside them 66.
        assertFalse(GridWithFigures.besideIsLarger(266, 500, 200, 170));
        // Both alike: they stay under.
        assertFalse(GridWithFigures.besideIsLarger(370, 340, 200, 170));
    }
}
