package org.latentexplorer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Human names of the label values of a dataset, for legends. */
public final class ClassNames {

    /** More classes than this could not be told apart in a legend anyway. */
    public static final int MAX_CLASSES = 1000;

    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    /** Fashion-MNIST's label order, from its published description. */
    private static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private ClassNames() {
    }

    /**
     * Names for labels 0 .. classCount - 1: digits for "mnist", garment names for any name
     * containing "fashion" (in any case, so folders of Fashion-MNIST files count too), otherwise
     * "class N"; labels past the known names are "class N" as well.
     */
    public static List<String> of(String datasetName, int classCount) {
        Objects.requireNonNull(datasetName, "datasetName");
        if (classCount < 0 || classCount > MAX_CLASSES) {
            throw new IllegalArgumentException("class count must be between 0 and " + MAX_CLASSES + ", not " + classCount);
        }
        List<String> known = known(datasetName);
        List<String> names = new ArrayList<>(classCount);
        for (int label = 0; label < classCount; label++) {
            names.add(label < known.size() ? known.get(label) : "class " + label);
        }
        return List.copyOf(names);
    }

    private static List<String> known(String datasetName) {
        if (datasetName.equals("mnist")) {
            return DIGITS;
        }
        if (datasetName.toLowerCase(Locale.ROOT).contains("fashion")) {
            return FASHION;
        }
        return List.of();
    }
}
