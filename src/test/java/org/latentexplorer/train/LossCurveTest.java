package org.latentexplorer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LossCurveTest {

    @Test
    void neverHoldsMoreThanMaxPointsOverAHundredThousandAdds() {
        LossCurve curve = new LossCurve(200, 0.9);
        for (int i = 0; i < 100_000; i++) {
            curve.add(i, Math.sin(i / 100.0) + 2);
            assertTrue(curve.size() <= 200, "size " + curve.size() + " after " + (i + 1) + " adds");
        }
        assertTrue(curve.size() > 100, "a full curve is merged only down to half: " + curve.size());
    }

    @Test
    void holdsEveryValueUntilFull() {
        LossCurve curve = new LossCurve(8, 0);
        for (int i = 0; i < 8; i++) {
            curve.add(i, 10 * i);
        }
        assertEquals(8, curve.size());
        for (int i = 0; i < 8; i++) {
            assertEquals(i, curve.x(i));
            assertEquals(10 * i, curve.y(i));
        }
    }

    @Test
    void mergingPairsKeepsTheLaterXAndTheMeanY() {
        LossCurve curve = new LossCurve(4, 0);
        for (int i = 0; i < 5; i++) {
            curve.add(i, 10 * i);
        }
        // Points (0, 0) (1, 10) (2, 20) (3, 30) merge into (1, 5) (3, 25); 4 is provisional.
        assertEquals(3, curve.size());
        assertEquals(1, curve.x(0));
        assertEquals(5, curve.y(0));
        assertEquals(3, curve.x(1));
        assertEquals(25, curve.y(1));
        assertEquals(4, curve.x(2));
        assertEquals(40, curve.y(2));
        curve.add(5, 50);
        // After the merge two raw values make one point: (4, 40) and (5, 50) become (5, 45) once 6 arrives.
        curve.add(6, 60);
        assertEquals(4, curve.size());
        assertEquals(5, curve.x(2));
        assertEquals(45, curve.y(2));
        assertEquals(6, curve.x(3));
        assertEquals(60, curve.y(3));
    }

    @Test
    void constantInputWithoutSmoothingGivesConstantPoints() {
        LossCurve curve = new LossCurve(64, 0);
        for (int i = 0; i < 10_000; i++) {
            curve.add(i, 0.1);
        }
        for (int i = 0; i < curve.size(); i++) {
            assertEquals(0.1, curve.y(i), 0.0, "point " + i);
        }
    }

    @Test
    void constantInputWithSmoothingStaysExactlyConstant() {
        LossCurve curve = new LossCurve(16, 0.9);
        for (int i = 0; i < 1000; i++) {
            curve.add(i, 0.7);
        }
        for (int i = 0; i < curve.size(); i++) {
            assertEquals(0.7, curve.y(i), 0.0, "point " + i);
        }
    }

    @Test
    void linearRampStaysMonotoneAndEndsAtTheLastX() {
        LossCurve curve = new LossCurve(50, 0);
        for (int i = 0; i < 12_345; i++) {
            curve.add(i * 0.5, 3 * i);
        }
        for (int i = 1; i < curve.size(); i++) {
            assertTrue(curve.x(i) > curve.x(i - 1), "x increases at point " + i);
            assertTrue(curve.y(i) > curve.y(i - 1), "y increases at point " + i);
        }
        assertEquals(12_344 * 0.5, curve.x(curve.size() - 1));
        assertEquals(3 * 12_344, curve.y(curve.size() - 1));
    }

    @Test
    void lastPointShowsTheLatestSmoothedValue() {
        LossCurve curve = new LossCurve(6, 0.8);
        double smoothed = Double.NaN;
        for (int i = 0; i < 500; i++) {
            double y = 100.0 / (i + 1) + (i % 7);
            smoothed = i == 0 ? y : 0.8 * smoothed + 0.2 * y;
            curve.add(i, y);
            assertEquals(smoothed, curve.lastY(), 1e-9 * Math.abs(smoothed));
            assertEquals(curve.lastY(), curve.y(curve.size() - 1), 0.0, "after " + (i + 1) + " adds");
            assertEquals(i, curve.x(curve.size() - 1));
        }
    }

    @Test
    void smoothingOfOneHalfAveragesTheFirstTwoValues() {
        LossCurve curve = new LossCurve(4, 0.5);
        curve.add(1, 3);
        assertEquals(3, curve.lastY(), 0.0, "the first value starts the average");
        curve.add(2, 8);
        assertEquals(5.5, curve.lastY(), 0.0);
        assertEquals(5.5, curve.y(1), 0.0);
    }

    @Test
    void nonFiniteValuesAreIgnored() {
        LossCurve curve = new LossCurve(4, 0.5);
        curve.add(0, 2);
        long version = curve.version();
        curve.add(1, Double.NaN);
        curve.add(2, Double.POSITIVE_INFINITY);
        assertEquals(1, curve.size());
        assertEquals(2, curve.lastY());
        assertEquals(0, curve.x(0));
        assertEquals(version, curve.version(), "nothing visible changed");
        curve.add(3, 4);
        assertEquals(3, curve.lastY(), 0.0);
    }

    @Test
    void emptyCurveHasNoPointsAndNaNLastY() {
        LossCurve curve = new LossCurve(4, 0);
        assertEquals(0, curve.size());
        assertTrue(Double.isNaN(curve.lastY()));
        assertThrows(IndexOutOfBoundsException.class, () -> curve.y(0));
    }

    @Test
    void clearEmptiesTheCurveAndStartsANewAverage() {
        LossCurve curve = new LossCurve(4, 0.9);
        for (int i = 0; i < 20; i++) {
            curve.add(i, 100);
        }
        curve.clear();
        assertEquals(0, curve.size());
        assertTrue(Double.isNaN(curve.lastY()));
        curve.add(0, 1);
        assertEquals(1, curve.size());
        assertEquals(1, curve.lastY(), 0.0, "the old average is gone");
        assertEquals(0, curve.x(0), "x may start again from 0");
    }

    @Test
    void versionChangesWhenThePointsChange() {
        LossCurve curve = new LossCurve(4, 0);
        long v0 = curve.version();
        curve.add(0, 1);
        long v1 = curve.version();
        assertNotEquals(v0, v1);
        curve.add(1, 1);
        long v2 = curve.version();
        assertNotEquals(v1, v2, "a new point, even with the same y");
        curve.clear();
        assertNotEquals(v2, curve.version());
    }

    @Test
    void xMustNotDecrease() {
        LossCurve curve = new LossCurve(4, 0);
        curve.add(5, 1);
        curve.add(5, 2);
        assertThrows(IllegalArgumentException.class, () -> curve.add(4.999, 1));
        assertThrows(IllegalArgumentException.class, () -> curve.add(Double.NaN, 1));
        assertEquals(2, curve.size());
    }

    @Test
    void badSizesAndSmoothingAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LossCurve(2, 0));
        assertThrows(IllegalArgumentException.class, () -> new LossCurve(7, 0));
        assertThrows(IllegalArgumentException.class, () -> new LossCurve(8, 1));
        assertThrows(IllegalArgumentException.class, () -> new LossCurve(8, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new LossCurve(8, Double.NaN));
    }
}
