package org.latentexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.latentexplorer.data.AssetLocator;
import org.latentexplorer.model.Bernoulli;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.model.ModelFile;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.SavedModel;
import org.latentexplorer.model.TrainingHistory;
import org.latentexplorer.model.Vae;
import org.latentexplorer.ui.session.DirectTasks;

/** Fixtures: the window's state with the shipped MNIST model open (all work done on the test thread), small model files. */
public final class Shipped {
    private Shipped() {
    }

    public static ExplorerViewModel open() {
        return open(new DirectTasks());
    }

    public static ExplorerViewModel open(DirectTasks tasks) {
        ExplorerViewModel vm = new ExplorerViewModel(tasks, AssetLocator.fromEnvironment());
        vm.grid().showTestSetProperty().set(true);
        vm.session().open(vm.session().shippedModel());
        // Fail here, with the reason, rather than in every test that needs the model.
        assertNull(vm.notifier().messageProperty().get(), () -> String.valueOf(vm.notifier().messageProperty().get()));
        assertNotNull(vm.session().modelProperty().get(), "shipped model not opened");
        return vm;
    }

    /** Gray level 0..255 of an opaque ARGB pixel. */
    static int gray(int argb) {
        return argb & 0xFF;
    }

    /** An untrained MNIST-shaped model with a latent space of the given size, saved to a file. */
    public static Path modelWithLatent(Path dir, int latent) throws IOException {
        ModelConfig config = ModelConfig.of(new Vae(1), 28, 28, List.of(16), latent, Bernoulli.INSTANCE);
        Path file = dir.resolve("latent-" + latent + ".lvae");
        ModelFile.write(file, new SavedModel(config, new Network(config, 3).paramsToArray(), null, new TrainingHistory(),
                Map.of("dataset", "mnist")));
        return file;
    }
}
