package org.latentexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Markers that tell the classes apart by colour and shape. */
class ClassStyleTest {

    @Test
    void noTwoOfTheFirstFortyLabelsShareColourAndShape() {
        Set<String> seen = new HashSet<>();
        for (int label = 0; label < 40; label++) {
            seen.add(ClassStyle.color(label) + "/" + ClassStyle.shape(label));
        }
        assertEquals(40, seen.size());
    }

    // 0, 5 and 8 were orange, vermillion and orange: 0 and 5 both circles, hard to tell apart.
    @Test
    void labelsOfCloseColoursHaveDifferentShapes() {
        int[][] close = {{0, 3}, {0, 5}, {3, 5}, {8, 0}, {8, 3}, {8, 5}, {1, 4}, {9, 1}, {9, 4}};
        for (int[] pair : close) {
            assertNotEquals(ClassStyle.shape(pair[0]), ClassStyle.shape(pair[1]), pair[0] + " and " + pair[1]);
        }
        assertEquals(ClassStyle.color(0), ClassStyle.color(8), "the palette's eight colours repeat from 8");
    }
}
