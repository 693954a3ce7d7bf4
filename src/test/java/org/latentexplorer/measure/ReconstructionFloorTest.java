package org.latentexplorer.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.latentexplorer.data.Datasets;
import org.latentexplorer.data.ImageSet;

class ReconstructionFloorTest {

    @Test
    void theFloorIsTheMeanSumOfPixelEntropies() {
        // Image 1: black, white, 51 / 255 = 0.2; image 2: 0.2 three times.
        // H(0) = H(1) = 0; H(0.2) = -0.2 ln 0.2 - 0.8 ln 0.8 = 0.3218876 + 0.1785148 = 0.5004024 nats.
        ImageSet images = new ImageSet("hand", 1, 3, new byte[] {0, (byte) 255, 51, 51, 51, 51}, null);
        assertEquals((0.5004024 + 3 * 0.5004024) / 2, ReconstructionFloor.of(images), 1e-6);
    }

    @Test
    void aHalfGreyPixelCostsLogTwo() {
        assertEquals(0.6931472, ReconstructionFloor.entropy(0.5), 1e-7);
        assertEquals(0, ReconstructionFloor.entropy(0));
        assertEquals(0, ReconstructionFloor.entropy(1));
    }

    @Test
    void theShippedTestSetsFloorsAreAbout46And191Nats() throws Exception {
        assertEquals(46, ReconstructionFloor.of(Datasets.load("mnist").test()), 0.5);
        assertEquals(191, ReconstructionFloor.of(Datasets.load("fashion-mnist").test()), 0.5);
    }
}
