package org.latentexplorer.model;

import java.util.List;
import java.util.stream.Collectors;

/** Every model kind the program knows, each with its knobs at their defaults. */
public final class ModelKinds {
    private static final List<ModelKind> ALL = List.of(
            new Vae(1), new PlainAutoencoder(), new SparseAutoencoder(SparseAutoencoder.LAMBDA.defaultValue()),
            new DenoisingAutoencoder(DenoisingAutoencoder.NOISE.defaultValue()),
            new ProbabilisticAutoencoder(ProbabilisticAutoencoder.LAMBDA.defaultValue()),
            new LinearAutoencoder(), new Pca());

    private ModelKinds() {
    }

    /** In the order menus offer them: the VAE first. */
    public static List<ModelKind> all() {
        return ALL;
    }

    /** The kind with this id, at its default knobs; an exception naming the known ids otherwise. */
    public static ModelKind byId(String id) {
        for (ModelKind k : ALL) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown model kind '" + id + "'; known: " + ids());
    }

    /** "vae, ae, sparse-ae, ...". */
    public static String ids() {
        return ALL.stream().map(ModelKind::id).collect(Collectors.joining(", "));
    }
}
