package org.latentexplorer.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class InterpolationTest {

    @Test
    void thePathStartsAndEndsExactlyAtTheTwoCodes() {
        float[] a = {0.1f, -3.7f, 1e-7f};
        float[] b = {0.3f, 2.9f, -1234.5f};
        for (int steps : new int[] {2, 3, 7, 50}) {
            float[] z = Interpolation.line(a, b, steps);
            assertArrayEquals(a, Arrays.copyOfRange(z, 0, 3), "steps " + steps);
            assertArrayEquals(b, Arrays.copyOfRange(z, (steps - 1) * 3, steps * 3), "steps " + steps);
        }
    }

    @Test
    void thePointsAreEvenlySpacedOnTheStraightLine() {
        float[] z = Interpolation.line(new float[] {0, 10}, new float[] {4, -10}, 5);
        assertArrayEquals(new float[] {0, 10, 1, 5, 2, 0, 3, -5, 4, -10}, z, 1e-6f);
    }

    @Test
    void roughnessIsTheSumOfSquaredPixelSteps() {
        float[] images = {0, 0, 1, 0, 1, 2, 4, 2};   // steps (1, 0), (0, 2), (3, 0): 1 + 4 + 9
        assertEquals(14, Interpolation.roughness(images, 4, 2), 1e-12);
    }

    @Test
    void aJumpIsRougherThanTheSameChangeMadeGradually() {
        LatentModel smooth = Constructed.decoder(1, 1, (z, image) -> image[0] = z[0]);
        LatentModel step = Constructed.decoder(1, 1, (z, image) -> image[0] = z[0] < 0.5f ? 0 : 1);
        float[] from = {0};
        float[] to = {1};
        Interpolation.Path gradual = Interpolation.decode(smooth, from, to, 11);
        Interpolation.Path jump = Interpolation.decode(step, from, to, 11);
        assertEquals(10 * 0.01, gradual.roughness(), 1e-6);  // ten steps of 0.1
        assertEquals(1, jump.roughness(), 1e-12);           // one step of 1
        assertArrayEquals(to, Arrays.copyOfRange(jump.codes(), 10, 11));
        assertEquals(11, jump.images().length);
    }

    @Test
    void codesOfDifferentLengthsOrOneStepAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Interpolation.line(new float[2], new float[3], 5));
        assertThrows(IllegalArgumentException.class, () -> Interpolation.line(new float[2], new float[2], 1));
    }
}
