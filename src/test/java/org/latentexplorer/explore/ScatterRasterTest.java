package org.latentexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScatterRasterTest {
    private static final Viewport VIEW = new Viewport(-5, 5, -5, 5);
    private static final int SIDE = 200;

    private static LatentSpace.Embedding points(int[] labels, float... xy) {
        return new LatentSpace.Embedding(xy.length / 2, 2, xy, labels);
    }

    private static double alphaSum(int[] layer) {
        double sum = 0;
        for (int p : layer) {
            sum += (p >>> 24) / 255.0;
        }
        return sum;
    }

    @Test
    void aCircleCoversItsAreaAtItsOpacity() {
        int[] layer = new ScatterRaster(6, 0.5).draw(points(null, 0.3f, -1.2f), 0, 1, VIEW, SIDE);
        // pi r^2 pixels, each half covered.
        assertEquals(0.5 * Math.PI * 36, alphaSum(layer), 0.03 * 0.5 * Math.PI * 36);
    }

    @Test
    void aMarkerSitsWithinHalfAPixelOfItsPointsPlace() {
        float x = 1.37f;
        float y = -2.61f;
        int[] layer = new ScatterRaster(4, 1).draw(points(new int[] {3}, x, y), 0, 1, VIEW, SIDE);
        double sx = 0;
        double sy = 0;
        double w = 0;
        for (int i = 0; i < layer.length; i++) {
            double a = layer[i] >>> 24;
            sx += a * (i % SIDE + 0.5);
            sy += a * (i / SIDE + 0.5);
            w += a;
        }
        // The diamond is symmetric about its centre, so its weighted centre is the point's pixel place.
        assertEquals(VIEW.pixelX(x, SIDE), sx / w, 0.5 + 1e-9);
        assertEquals(VIEW.pixelY(y, SIDE), sy / w, 0.5 + 1e-9);
    }

    @Test
    void aPointLaterInTheListIsDrawnOverAnEarlierOneByTheSourceOverRule() {
        int[] layer = new ScatterRaster(5, 0.5).draw(points(null, 0f, 0f, 0f, 0f), 0, 1, VIEW, SIDE);
        int centre = layer[(int) VIEW.pixelY(0, SIDE) * SIDE + (int) VIEW.pixelX(0, SIDE)];
        // 1 - (1 - 0.5)^2 = 0.75 of the white, premultiplied.
        assertEquals(191, centre >>> 24, 2);
        assertEquals(191, centre >> 16 & 0xFF, 2);
        assertEquals(191, centre & 0xFF, 2);
    }

    @Test
    void anOpaqueMarkerHasItsClassColour() {
        int label = 2;
        int[] layer = new ScatterRaster(5, 1).draw(points(new int[] {label}, 0f, 0f), 0, 1, VIEW, SIDE);
        int centre = layer[(int) VIEW.pixelY(0, SIDE) * SIDE + (int) VIEW.pixelX(0, SIDE)];
        assertEquals(0xFF000000 | ClassStyle.color(label), centre);
    }

    @Test
    void pointsOutsideTheViewLeaveTheLayerEmptyAndOnesAtItsEdgeAreCut() {
        ScatterRaster raster = new ScatterRaster(6, 1);
        assertEquals(0, alphaSum(raster.draw(points(null, 5.5f, 0f, 0f, -7f), 0, 1, VIEW, SIDE)));
        // Half a pixel inside the left edge (20 pixels a unit): the circle less the segment beyond the
        // edge, r^2 acos(d / r) - d sqrt(r^2 - d^2) at d = 0.5, lies inside; the rest is cut, nothing thrown.
        double d = 0.5;
        double inside = Math.PI * 36 - (36 * Math.acos(d / 6) - d * Math.sqrt(36 - d * d));
        assertEquals(inside, alphaSum(raster.draw(points(null, -4.975f, -0.025f), 0, 1, VIEW, SIDE)), 0.03 * inside);
    }

    @Test
    void theLayerIsDrawnAfreshEachTimeOnTheChosenPlane() {
        ScatterRaster raster = new ScatterRaster(3, 1);
        LatentSpace.Embedding e = new LatentSpace.Embedding(1, 3, new float[] {0f, 9f, 0f}, null);
        // Across z1 and up z2 the point (0, 9) lies outside the view; across z1 and up z3 at its centre.
        assertEquals(0, alphaSum(raster.draw(e, 0, 1, VIEW, SIDE)));
        assertTrue(alphaSum(raster.draw(e, 0, 2, VIEW, SIDE)) > 20);
        assertEquals(0, alphaSum(raster.draw(e, 0, 1, VIEW, SIDE)), "the earlier point is cleared");
    }

    @Test
    void impossibleSettingsAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ScatterRaster(0, 1)).getMessage()
                .contains("radius"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ScatterRaster(2, 1.5)).getMessage()
                .contains("opacity"));
    }
}
