package org.latentexplorer.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.latentexplorer.explore.DecodeMode;
import org.latentexplorer.explore.LatentSlice;
import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.explore.Viewport;
import org.latentexplorer.model.Bernoulli;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.Vae;

class ContinuityTest {
    private static final LatentSlice PLANE = LatentSlice.firstTwo(2);

    @Test
    void aDecoderThatIgnoresZHasContinuityZero() {
        LatentModel constant = Constructed.decoder(2, 9, (z, image) -> java.util.Arrays.fill(image, 0.3f));
        Quantiles q = Continuity.measure(constant, Viewport.DEFAULT, PLANE, 12);
        assertEquals(2 * 12 * 11, q.count());
        assertEquals(0, q.median());
        assertEquals(0, q.p95());
        assertEquals(0, q.max());
    }

    @Test
    void aLinearDecoderHasItsSlopeAsTheRatioAlongBothAxes() {
        // x = (3 z1, 3 z2): every neighbour pair changes the image by 3 times its latent distance,
        // whether the tiles are 1.0 apart (across) or 0.4 apart (up and down).
        LatentModel linear = Constructed.decoder(2, 2, (z, image) -> {
            image[0] = 3 * z[0];
            image[1] = 3 * z[1];
        });
        Quantiles q = Continuity.measure(linear, new Viewport(-5, 5, -2, 2), PLANE, 10);
        assertEquals(3, q.median(), 1e-5);
        assertEquals(3, q.max(), 1e-5);
    }

    @Test
    void theSeamLiesWhereTheDecoderJumpsAtZ1Zero() {
        // A faint ramp in z2 everywhere, and a jump of every pixel where z1 crosses 0.
        LatentModel jump = Constructed.decoder(2, 4, (z, image) -> {
            java.util.Arrays.fill(image, z[0] < 0 ? 0f : 1f);
            image[0] += 0.01f * z[1];
        });
        int n = 10; // tile centres -4.5 .. 4.5: the jump falls between columns 4 and 5
        Continuity.SeamField field = Continuity.seams(Continuity.decodeGrid(jump, Viewport.DEFAULT, PLANE, n), n, 4,
                Viewport.DEFAULT);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                boolean seam = c == 4 || c == 5;
                float ratio = field.ratio(r, c);
                assertTrue(seam ? ratio > 1.9 : ratio < 0.02, "tile " + r + ", " + c + ": " + ratio);
            }
        }
        int column = field.steepest()[1];
        assertTrue(column == 4 || column == 5, "steepest column " + column);
        Quantiles q = Continuity.of(Continuity.decodeGrid(jump, Viewport.DEFAULT, PLANE, n), n, 4, Viewport.DEFAULT);
        assertEquals(2.0, q.max(), 1e-4); // |(1, 1, 1, 1)| over a step of 1
        assertTrue(q.median() < 0.02, "most pairs do not straddle the jump: " + q);
    }

    @Test
    void theSeamFieldOfTheWindowsMosaicIsThatOfTheDecodedImages() {
        ModelConfig config = ModelConfig.of(new Vae(1), 28, 28, List.of(32), 2, Bernoulli.INSTANCE);
        Network network = new Network(config, 5);
        Viewport view = new Viewport(-3, 1, -2, 2);
        int n = 8;
        LatentSpace.Mosaic mosaic = new LatentSpace(network).render(view, PLANE, n, DecodeMode.MEAN);
        Continuity.SeamField fromMosaic = Continuity.seams(mosaic, view.width() / n, view.height() / n);
        Continuity.SeamField decoded = Continuity.seams(
                Continuity.decodeGrid(new NetworkModel(network), view, PLANE, n), n, 784, view);
        // The mosaic holds 8-bit grey levels: each pixel within half a level of the decoded image.
        double tolerance = Math.sqrt(784) * 0.5 / 255 / (4.0 / n) * 2;
        float largest = 0;
        for (int i = 0; i < n * n; i++) {
            assertEquals(decoded.ratio()[i], fromMosaic.ratio()[i], tolerance, "tile " + i);
            largest = Math.max(largest, decoded.ratio()[i]);
        }
        assertTrue(largest > 5 * tolerance, "an untrained decoder still changes across the view: " + largest);
        Quantiles fromDecoded = Continuity.of(Continuity.decodeGrid(new NetworkModel(network), view, PLANE, n), n, 784, view);
        Quantiles q = Continuity.ofMosaic(mosaic, view.width() / n, view.height() / n).quantiles();
        assertEquals(fromDecoded.median(), q.median(), tolerance);
        assertEquals(fromDecoded.max(), q.max(), tolerance);
    }
}
