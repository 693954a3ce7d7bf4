package org.latentexplorer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClassNamesTest {

    private static final List<String> GARMENTS = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    @Test
    void mnistLabelsAreTheDigits() {
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), ClassNames.of("mnist", 10));
    }

    @Test
    void anyFashionDatasetLabelsAreTheGarments() {
        assertEquals(GARMENTS, ClassNames.of("fashion-mnist", 10));
        assertEquals(GARMENTS, ClassNames.of("fashion-mnist-full", 10));
        assertEquals(GARMENTS, ClassNames.of("/data/Fashion-MNIST", 10));
    }

    @Test
    void otherDatasetsGetNumberedClasses() {
        assertEquals(List.of("class 0", "class 1", "class 2"), ClassNames.of("/home/me/shapes", 3));
        assertEquals(List.of("class 0", "class 1"), ClassNames.of("./mnist", 2));
    }

    @Test
    void fewerClassesThanKnownTakeTheFirstNames() {
        assertEquals(List.of("T-shirt/top", "Trouser", "Pullover"), ClassNames.of("fashion-mnist", 3));
        assertEquals(List.of(), ClassNames.of("mnist", 0));
    }

    @Test
    void classesBeyondTheKnownNamesAreNumbered() {
        List<String> names = ClassNames.of("mnist", 12);
        assertEquals(12, names.size());
        assertEquals("9", names.get(9));
        assertEquals("class 10", names.get(10));
        assertEquals("class 11", names.get(11));
        assertEquals("Ankle boot", ClassNames.of("fashion-mnist", 11).get(9));
        assertEquals("class 10", ClassNames.of("fashion-mnist", 11).get(10));
    }

    @Test
    void namesCannotBeChangedByTheCaller() {
        List<String> names = ClassNames.of("mnist", 10);
        assertThrows(UnsupportedOperationException.class, () -> names.set(0, "zero"));
    }

    @Test
    void classCountOutsideZeroToAThousandIsRejected() {
        assertEquals(1000, ClassNames.of("shapes", 1000).size());
        assertThrows(IllegalArgumentException.class, () -> ClassNames.of("mnist", -1));
        assertThrows(IllegalArgumentException.class, () -> ClassNames.of("mnist", 1001));
    }
}
