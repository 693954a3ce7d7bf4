package org.latentexplorer.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SideWidthsTest {
    @Test
    void aWideWindowGivesThePanelsTheirFullWidth() {
        SideWidths w = SideWidths.of(1920, 1);
        assertEquals(340, w.left(), 1e-9);
        assertEquals(300, w.right(), 1e-9);
        assertEquals(1280, w.centre(1920), 1e-9);
        SideWidths large = SideWidths.of(1920, 1.25);
        assertEquals(425, large.left(), 1e-9);
        assertEquals(375, large.right(), 1e-9);
    }

    @Test
    void at1024ThePanelsNarrowSoTheCentreKeepsItsRoom() {
        SideWidths w = SideWidths.of(1024, 1);
        assertEquals(500, w.centre(1024), 1e-9);
        // Between their least and full widths, in the same step for both: 4 of the 120 pixels they can give.
        assertEquals(280 + 60 * 4 / 120.0, w.left(), 1e-9);
        assertEquals(240 + 60 * 4 / 120.0, w.right(), 1e-9);
        // One step larger, the panels are at their least width, and the centre gives way.
        SideWidths larger = SideWidths.of(1024, 1.125);
        assertEquals(315, larger.left(), 1e-9);
        assertEquals(270, larger.right(), 1e-9);
        // Two steps larger, they give way too, so the centre keeps its least.
        assertEquals(190 + 175 * 1.25, SideWidths.of(1024, 1.25).centre(1024), 1e-9);
    }

    // At 800 x 600 (the window's smallest) the right panel used to lie partly outside the window.
    @Test
    void at800ThePanelsGiveWayOnlySoTheCentreKeepsItsMinimum() {
        SideWidths w = SideWidths.of(800, 1);
        assertEquals(365, w.centre(800), 1e-9);
        assertEquals(280 * 435 / 520.0, w.left(), 1e-9);
        assertEquals(240 * 435 / 520.0, w.right(), 1e-9);
        assertEquals(280, SideWidths.of(885, 1).left(), 1e-9);
    }

    @Test
    void aLargeInterfaceInASmallWindowStillLeavesTheCentreItsMinimum() {
        for (double scale = UiScale.MIN; scale <= UiScale.MAX; scale += UiScale.STEP) {
            for (int width : new int[] {800, 1024, 1280}) {
                SideWidths w = SideWidths.of(width, scale);
                assertTrue(w.centre(width) >= SideWidths.leastCentre(scale) - 1e-9, width + " at " + scale + ": " + w);
                assertTrue(w.left() <= 340 * scale + 1e-9 && w.right() <= 300 * scale + 1e-9, w.toString());
            }
        }
        assertEquals(190 + 175 * 2.5, SideWidths.of(1024, 2.5).centre(1024), 1e-9);
    }

    @Test
    void wideningTheWindowNeverNarrowsTheCentreOrAPanel() {
        for (double scale : new double[] {1, 1.5, 2.5}) {
            SideWidths before = SideWidths.of(600, scale);
            for (int width = 601; width <= 3000; width++) {
                SideWidths w = SideWidths.of(width, scale);
                assertTrue(w.centre(width) >= before.centre(width - 1) - 1e-9, width + " at " + scale);
                assertTrue(w.left() >= before.left() - 1e-9 && w.right() >= before.right() - 1e-9, width + " at " + scale);
                before = w;
            }
        }
    }
}
