package org.latentexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class LegendLayoutTest {
    /** Ten digit classes and the prior's long line, as the grid's legend has them (widths in pixels). */
    private static double[] digitsAndPrior(double digit, double prior) {
        double[] w = new double[11];
        Arrays.fill(w, digit);
        w[10] = prior;
        return w;
    }

    @Test
    void aLargePlotHasOneFullSizeColumn() {
        LegendLayout l = LegendLayout.fit(digitsAndPrior(7, 140), 700, 1);
        assertFalse(l.compact());
        assertEquals(11, l.rows());
        assertEquals(1, l.columns().length);
        assertEquals(140 + LegendLayout.MARK, l.width(), 1e-9);
        assertEquals(LegendLayout.PADDING + 11 * LegendLayout.LINE, l.height(), 1e-9);
    }

    @Test
    void aSmallPlotGetsColumnsEachAsWideAsItsOwnLongestLine() {
        // 260 px: 40% is 104 px, room for 7 lines of 13 px; 11 lines in 2 columns of 6 and 5.
        LegendLayout l = LegendLayout.fit(digitsAndPrior(6, 110), 260, 1);
        assertTrue(l.compact());
        assertEquals(6, l.rows());
        assertEquals(2, l.columns().length);
        assertEquals(6 + LegendLayout.MARK, l.columns()[0], 1e-9, "the digits' column is narrow");
        assertEquals(110 + LegendLayout.MARK, l.columns()[1], 1e-9, "the prior's line sets its own column");
        assertTrue(l.height() <= 0.4 * 260);
        assertEquals(6 + LegendLayout.MARK, l.columnLeft(7), 1e-9);
    }

    @Test
    void aLegendIsNeverWiderThanItsPlotWhileOneColumnFits() {
        // Class names of Fashion-MNIST are long: side by side on a small screen, 3 columns would not fit.
        double[] w = {60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 140};
        // One column is 174 px wide: it fits from a 190 px plot on (8 px each side).
        for (double side : new double[] {190, 220, 260, 300, 360}) {
            LegendLayout l = LegendLayout.fit(w, side, 1);
            assertTrue(l.width() <= side - 16, side + " px: " + l.width() + " px wide");
            assertTrue(l.rows() * l.columns().length >= 11, "every line has a place");
        }
    }

    @Test
    void whenHeightAndWidthCannotBothHoldItGrowsTaller() {
        LegendLayout l = LegendLayout.fit(digitsAndPrior(60, 150), 200, 1);
        assertEquals(1, l.columns().length, "one column of 184 px fits in 200 px; two would not");
        assertEquals(11, l.rows());
        assertTrue(l.height() > 0.4 * 200);
    }

    @Test
    void onAPlotNarrowerThanItsLongestLineItKeepsToFortyPercentOfTheHeight() {
        // 160 px: no column can fit, so taller would only cover more of the grid.
        LegendLayout l = LegendLayout.fit(digitsAndPrior(6, 150), 160, 1);
        assertTrue(l.height() <= 0.4 * 160 + LegendLayout.COMPACT_LINE, l.height() + " px high");
        assertTrue(l.columns().length > 1);
    }

    @Test
    void theInterfaceScaleScalesEveryLength() {
        LegendLayout one = LegendLayout.fit(digitsAndPrior(7, 140), 700, 1);
        LegendLayout two = LegendLayout.fit(digitsAndPrior(14, 280), 1400, 2);
        assertEquals(2 * one.width(), two.width(), 1e-9);
        assertEquals(2 * one.height(), two.height(), 1e-9);
        assertEquals(one.rows(), two.rows());
    }
}
