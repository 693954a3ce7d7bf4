package org.latentexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class AxisTicksTest {

    /** Ticks must be the very doubles the decimal literals parse to, e.g. 0.3 and not 0.1 + 0.2. */
    private static void assertTicks(double[] expected, double min, double max, int target) {
        double[] ticks = AxisTicks.ticks(min, max, target);
        assertArrayEquals(expected, ticks, 0.0, () -> "ticks of [" + min + ", " + max + "]: " + Arrays.toString(ticks));
    }

    private static void assertWellFormed(double min, double max, int target) {
        double[] ticks = AxisTicks.ticks(min, max, target);
        double step = AxisTicks.step(min, max, target);
        String what = "[" + min + ", " + max + "] target " + target + ": " + Arrays.toString(ticks);
        assertTrue(ticks.length >= 2 && ticks.length <= target + 1, what);
        for (int i = 0; i < ticks.length; i++) {
            assertTrue(ticks[i] >= min && ticks[i] <= max, what);
            double multiple = ticks[i] / step;
            assertEquals(Math.rint(multiple), multiple, 1e-9, what);
            if (i > 0) {
                assertEquals(step, ticks[i] - ticks[i - 1], step * 1e-9, what);
            }
        }
        double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-12));
        assertTrue(Math.abs(mantissa - 1) < 1e-9 || Math.abs(mantissa - 2) < 1e-9 || Math.abs(mantissa - 5) < 1e-9,
                "step " + step + " is 1, 2 or 5 times a power of ten");
    }

    @Test
    void tenTicksOverMinusFiveToFiveAreTheIntegers() {
        assertEquals(1, AxisTicks.step(-5, 5, 10));
        assertTicks(new double[] {-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5}, -5, 5, 10);
    }

    @Test
    void fiveTicksOverMinusFiveToFiveStepByTwo() {
        assertEquals(2, AxisTicks.step(-5, 5, 5));
        assertTicks(new double[] {-4, -2, 0, 2, 4}, -5, 5, 5);
    }

    @Test
    void decimalTicksAreTheDoublesTheirDecimalsParseTo() {
        assertEquals(0.1, AxisTicks.step(0, 1, 10));
        assertTicks(new double[] {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1}, 0, 1, 10);
        assertTicks(new double[] {0.7, 0.8, 0.9, 1.0, 1.1}, 0.65, 1.12, 5);
    }

    @Test
    void aHundredthWideRangeGetsThousandthSteps() {
        assertEquals(0.001, AxisTicks.step(0.25, 0.26, 10));
        assertTicks(new double[] {0.25, 0.251, 0.252, 0.253, 0.254, 0.255, 0.256, 0.257, 0.258, 0.259, 0.26},
                0.25, 0.26, 10);
        assertWellFormed(-0.005, 0.005, 5);
        assertWellFormed(1000 - 0.004, 1000 + 0.006, 8);
    }

    @Test
    void aThousandWideRangeGetsHundredSteps() {
        assertEquals(100, AxisTicks.step(-500, 500, 10));
        assertTicks(new double[] {-500, -400, -300, -200, -100, 0, 100, 200, 300, 400, 500}, -500, 500, 10);
        assertEquals(200, AxisTicks.step(-500, 500, 6));
        assertTicks(new double[] {-400, -200, 0, 200, 400}, -500, 500, 6);
    }

    @Test
    void negativeOnlyRangesTickInsideTheRange() {
        assertTicks(new double[] {-8, -7.5, -7, -6.5, -6}, -8.2, -5.9, 5);
        assertTicks(new double[] {-0.4, -0.3, -0.2}, -0.42, -0.15, 3);
    }

    @Test
    void ticksStayInsideRangesThatAreNotMultiplesOfTheStep() {
        assertTicks(new double[] {0.5, 1, 1.5, 2, 2.5}, 0.3, 2.9, 6);
        assertWellFormed(0.30000000000000004, 0.7, 4);
        assertWellFormed(-3.7, 41.3, 7);
        assertWellFormed(123.456, 123.457, 2);
        assertWellFormed(-1e6, 3e6, 12);
    }

    @Test
    void badRangesAndTargetsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> AxisTicks.ticks(1, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> AxisTicks.ticks(2, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> AxisTicks.ticks(Double.NaN, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> AxisTicks.ticks(0, Double.POSITIVE_INFINITY, 5));
        assertThrows(IllegalArgumentException.class, () -> AxisTicks.ticks(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> AxisTicks.step(0, 1, AxisTicks.MAX_TARGET + 1));
    }

    @Test
    void labelsShowAsManyDecimalsAsTheStepNeeds() {
        assertEquals("1.5", AxisTicks.label(1.5, 0.5));
        assertEquals("4", AxisTicks.label(4, 2));
        assertEquals("0.25", AxisTicks.label(0.25, 0.01));
        assertEquals("0.30", AxisTicks.label(0.30000000000000004, 0.01));
        assertEquals("-300", AxisTicks.label(-300, 100));
        assertEquals("0.001", AxisTicks.label(0.001, 0.001));
        assertEquals("1000000", AxisTicks.label(1e6, 200000));
    }

    @Test
    void labelsNeverReadMinusZero() {
        assertEquals("0", AxisTicks.label(-0.0, 1));
        assertEquals("0.0", AxisTicks.label(-1e-17, 0.5));
        assertEquals("0", AxisTicks.label(-0.2, 2));
    }

    @Test
    void everyTickOfAnAxisGetsADistinctLabel() {
        double step = AxisTicks.step(-0.05, 0.05, 10);
        double[] ticks = AxisTicks.ticks(-0.05, 0.05, 10);
        String[] labels = Arrays.stream(ticks).mapToObj(t -> AxisTicks.label(t, step)).toArray(String[]::new);
        assertArrayEquals(new String[] {"-0.05", "-0.04", "-0.03", "-0.02", "-0.01", "0.00", "0.01", "0.02", "0.03",
                "0.04", "0.05"}, labels);
    }
}
