package org.latentexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PixelScalerTest {
    private static int gray(int v) {
        return 0xFF000000 | v << 16 | v << 8 | v;
    }

    private static int[] uniform(int n, int v) {
        int[] p = new int[n];
        java.util.Arrays.fill(p, gray(v));
        return p;
    }

    @Test
    void theSameSizeAtFullBrightnessKeepsEveryPixel() {
        int[] in = new int[12 * 7];
        for (int i = 0; i < in.length; i++) {
            in[i] = gray(i * 3 % 256);
        }
        assertArrayEquals(in, new PixelScaler().scale(in, 12, 7, 12, 7, 1));
    }

    private static void assertArrayEquals(int[] a, int[] b) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
    }

    @Test
    void darkeningIsDrawingAtThatOpacityOverBlack() {
        int[] out = new PixelScaler().scale(uniform(28 * 28, 200), 28, 28, 24, 24, 0.75);
        assertEquals(24 * 24, out.length, "the result has the asked size");
        for (int p : out) {
            // 200 * 0.75 = 150, opaque.
            assertEquals(0xFF, p >>> 24);
            assertEquals(150, p & 0xFF, 1);
            assertEquals(p & 0xFF, p >> 8 & 0xFF);
        }
    }

    @Test
    void shrinkingKeepsTheMeanBrightnessOfEachHalf() {
        // Left half white, right half black, 56 wide, to 48: the left and right thirds stay white and black.
        int[] in = new int[56 * 10];
        for (int i = 0; i < in.length; i++) {
            in[i] = gray(i % 56 < 28 ? 255 : 0);
        }
        int[] out = new PixelScaler().scale(in, 56, 10, 48, 10, 1);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 16; x++) {
                assertEquals(255, out[y * 48 + x] & 0xFF, 1);
                assertEquals(0, out[y * 48 + 47 - x] & 0xFF, 1);
            }
        }
        double mean = java.util.Arrays.stream(out).map(p -> p & 0xFF).average().orElse(0);
        assertEquals(127.5, mean, 6);
    }

    @Test
    void impossibleSizesAndBrightnessAreRefusedByName() {
        PixelScaler s = new PixelScaler();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.scale(new int[4], 2, 2, 0, 3, 1)).getMessage()
                .contains("0 x 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.scale(new int[3], 2, 2, 2, 2, 1)).getMessage()
                .contains("3 given"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.scale(new int[4], 2, 2, 2, 2, 1.5)).getMessage()
                .contains("brightness"));
    }
}
