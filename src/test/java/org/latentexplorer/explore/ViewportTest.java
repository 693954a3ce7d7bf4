package org.latentexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ViewportTest {

    private static final double EPS = 1e-9;
    private static final Viewport OFF_CENTRE = new Viewport(-2, 6, 1, 3);

    @Test
    void defaultIsMinusFiveToFiveOnBothAxes() {
        Viewport v = Viewport.DEFAULT;
        assertEquals(-5, v.xMin());
        assertEquals(5, v.xMax());
        assertEquals(-5, v.yMin());
        assertEquals(5, v.yMax());
        assertEquals(10, v.width());
        assertEquals(10, v.height());
        assertEquals(0, v.centerX());
        assertEquals(0, v.centerY());
    }

    @Test
    void spansAndCentreFollowTheBounds() {
        assertEquals(8, OFF_CENTRE.width());
        assertEquals(2, OFF_CENTRE.height());
        assertEquals(2, OFF_CENTRE.centerX());
        assertEquals(2, OFF_CENTRE.centerY());
    }

    @Test
    void leftEdgeIsXMinAndTopEdgeIsYMax() {
        assertEquals(-2, OFF_CENTRE.latentX(0, 400), EPS);
        assertEquals(6, OFF_CENTRE.latentX(400, 400), EPS);
        assertEquals(3, OFF_CENTRE.latentY(0, 100), EPS);
        assertEquals(1, OFF_CENTRE.latentY(100, 100), EPS);
        assertEquals(0, OFF_CENTRE.latentX(100, 400), EPS);
        assertEquals(2.5, OFF_CENTRE.latentY(25, 100), EPS);
    }

    @Test
    void pixelToLatentAndBackRoundTrips() {
        for (double px = -50; px <= 650; px += 37.5) {
            assertEquals(px, OFF_CENTRE.pixelX(OFF_CENTRE.latentX(px, 600), 600), EPS);
            assertEquals(px, OFF_CENTRE.pixelY(OFF_CENTRE.latentY(px, 600), 600), EPS);
        }
        for (double z = -3; z <= 7; z += 0.7) {
            assertEquals(z, OFF_CENTRE.latentX(OFF_CENTRE.pixelX(z, 321), 321), EPS);
            assertEquals(z, OFF_CENTRE.latentY(OFF_CENTRE.pixelY(z, 123), 123), EPS);
        }
    }

    @Test
    void panMovesTheRangeByTheDraggedDistanceTimesSpanOverSize() {
        // 80 px of a 400 px wide view of span 8 is 1.6 latent units; 25 px of 100 px of span 2 is 0.5.
        Viewport moved = OFF_CENTRE.panByPixels(80, 25, 400, 100);
        assertEquals(-2 - 1.6, moved.xMin(), EPS);
        assertEquals(6 - 1.6, moved.xMax(), EPS);
        assertEquals(1 + 0.5, moved.yMin(), EPS);
        assertEquals(3 + 0.5, moved.yMax(), EPS);
        assertEquals(OFF_CENTRE.width(), moved.width(), EPS);
        assertEquals(OFF_CENTRE.height(), moved.height(), EPS);
    }

    @Test
    void panKeepsTheLatentPointUnderThePointer() {
        double px = 130;
        double py = 70;
        double x = OFF_CENTRE.latentX(px, 400);
        double y = OFF_CENTRE.latentY(py, 100);
        Viewport moved = OFF_CENTRE.panByPixels(-45, 12, 400, 100);
        assertEquals(x, moved.latentX(px - 45, 400), EPS);
        assertEquals(y, moved.latentY(py + 12, 100), EPS);
    }

    @Test
    void panStopsWithTheCentreAtMaxCenter() {
        // Dragging left shows larger x; dragging up shows smaller y.
        Viewport far = Viewport.DEFAULT.panByPixels(-1e9, -1e9, 100, 100);
        assertEquals(Viewport.MAX_CENTER, far.centerX(), EPS);
        assertEquals(-Viewport.MAX_CENTER, far.centerY(), EPS);
        assertEquals(10, far.width(), EPS);
        assertEquals(10, far.height(), EPS);
        Viewport back = far.panByPixels(1e9, 1e9, 100, 100);
        assertEquals(-Viewport.MAX_CENTER, back.centerX(), EPS);
        assertEquals(Viewport.MAX_CENTER, back.centerY(), EPS);
    }

    @Test
    void zoomInDividesTheSpansByTheFactor() {
        Viewport zoomed = Viewport.DEFAULT.zoomAround(2, 50, 50, 100, 100);
        assertEquals(new Viewport(-2.5, 2.5, -2.5, 2.5), zoomed);
        Viewport out = Viewport.DEFAULT.zoomAround(0.5, 50, 50, 100, 100);
        assertEquals(20, out.width(), EPS);
        assertEquals(20, out.height(), EPS);
    }

    @Test
    void zoomKeepsTheLatentPointUnderThePointer() {
        double px = 310;
        double py = 20;
        double x = OFF_CENTRE.latentX(px, 400);
        double y = OFF_CENTRE.latentY(py, 100);
        for (double factor : new double[] {1.25, 3, 0.4}) {
            Viewport zoomed = OFF_CENTRE.zoomAround(factor, px, py, 400, 100);
            assertEquals(x, zoomed.latentX(px, 400), EPS);
            assertEquals(y, zoomed.latentY(py, 100), EPS);
            assertEquals(OFF_CENTRE.width() / factor, zoomed.width(), EPS);
        }
    }

    @Test
    void zoomClampsTheSpansAndStillKeepsThePointUnderThePointer() {
        double px = 20;
        double py = 90;
        double x = Viewport.DEFAULT.latentX(px, 100);
        double y = Viewport.DEFAULT.latentY(py, 100);

        Viewport deep = Viewport.DEFAULT.zoomAround(1e6, px, py, 100, 100);
        assertEquals(Viewport.MIN_SPAN, deep.width(), 1e-12);
        assertEquals(Viewport.MIN_SPAN, deep.height(), 1e-12);
        assertEquals(x, deep.latentX(px, 100), EPS);
        assertEquals(y, deep.latentY(py, 100), EPS);

        Viewport wide = Viewport.DEFAULT.zoomAround(1e-6, px, py, 100, 100);
        assertEquals(Viewport.MAX_SPAN, wide.width(), EPS);
        assertEquals(Viewport.MAX_SPAN, wide.height(), EPS);
        assertEquals(x, wide.latentX(px, 100), 1e-6);
        assertEquals(y, wide.latentY(py, 100), 1e-6);
    }

    @Test
    void zoomAtTheLimitReturnsTheSameViewport() {
        Viewport deep = Viewport.DEFAULT.zoomAround(1e6, 50, 50, 100, 100);
        assertSame(deep, deep.zoomAround(2, 10, 10, 100, 100));
    }

    @Test
    void zoomRejectsBadFactors() {
        for (double factor : new double[] {0, -2, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> Viewport.DEFAULT.zoomAround(factor, 0, 0, 100, 100),
                    "factor " + factor);
        }
    }

    @Test
    void pixelSizesMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> Viewport.DEFAULT.latentX(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Viewport.DEFAULT.latentY(1, -5));
        assertThrows(IllegalArgumentException.class, () -> Viewport.DEFAULT.pixelX(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Viewport.DEFAULT.pixelY(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Viewport.DEFAULT.panByPixels(1, 1, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> Viewport.DEFAULT.zoomAround(2, 1, 1, 100, 0));
    }

    @Test
    void twoTileCentresSitHalfwayToEachEdge() {
        assertEquals(-2.5, Viewport.DEFAULT.tileCenterX(0, 2), EPS);
        assertEquals(2.5, Viewport.DEFAULT.tileCenterX(1, 2), EPS);
        assertEquals(2.5, Viewport.DEFAULT.tileCenterY(0, 2), EPS);
        assertEquals(-2.5, Viewport.DEFAULT.tileCenterY(1, 2), EPS);
    }

    @Test
    void twentyTileCentresAreSymmetricAroundZero() {
        int n = 20;
        assertEquals(-4.75, Viewport.DEFAULT.tileCenterX(0, n), EPS);
        assertEquals(4.75, Viewport.DEFAULT.tileCenterY(0, n), EPS);
        for (int i = 0; i < n; i++) {
            assertEquals(-Viewport.DEFAULT.tileCenterX(n - 1 - i, n), Viewport.DEFAULT.tileCenterX(i, n), EPS);
            assertEquals(-Viewport.DEFAULT.tileCenterY(n - 1 - i, n), Viewport.DEFAULT.tileCenterY(i, n), EPS);
            assertEquals(Viewport.DEFAULT.tileCenterX(i, n), Viewport.DEFAULT.tileCenterY(n - 1 - i, n), EPS);
        }
    }

    @Test
    void tileCentreOfAColumnIsUnderThePixelCentreOfThatTile() {
        // A 20-tile mosaic drawn 400 px wide: tile c spans pixels [20c, 20c + 20).
        for (int c = 0; c < 20; c++) {
            assertEquals(OFF_CENTRE.latentX(20 * c + 10, 400), OFF_CENTRE.tileCenterX(c, 20), EPS);
        }
    }

    @Test
    void tileIndicesOutsideTheMosaicAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Viewport.DEFAULT.tileCenterX(2, 2));
        assertThrows(IllegalArgumentException.class, () -> Viewport.DEFAULT.tileCenterY(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> Viewport.DEFAULT.tileCenterX(0, 0));
    }

    @Test
    void containsIncludesTheEdges() {
        assertTrue(OFF_CENTRE.contains(-2, 1));
        assertTrue(OFF_CENTRE.contains(6, 3));
        assertTrue(OFF_CENTRE.contains(0, 2));
        assertFalse(OFF_CENTRE.contains(6.001, 2));
        assertFalse(OFF_CENTRE.contains(0, 0.999));
        assertFalse(OFF_CENTRE.contains(Double.NaN, 2));
    }

    @Test
    void constructorRejectsEmptyInvertedOrNonFiniteRanges() {
        String message = assertThrows(IllegalArgumentException.class, () -> new Viewport(3, 1, 0, 1)).getMessage();
        assertTrue(message.contains("3.0") && message.contains("1.0"), message);
        assertThrows(IllegalArgumentException.class, () -> new Viewport(0, 1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new Viewport(Double.NaN, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Viewport(0, Double.POSITIVE_INFINITY, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Viewport(0, 1, Double.NEGATIVE_INFINITY, 1));
    }
}
