package org.latentexplorer.ui.grid;

import java.nio.file.Path;

import org.latentexplorer.data.AssetLocator;
import org.latentexplorer.data.DataShelf;
import org.latentexplorer.ui.sampling.SamplingViewModel;
import org.latentexplorer.ui.session.LatentSpaceWorker;
import org.latentexplorer.ui.session.ModelSession;
import org.latentexplorer.ui.session.Notifier;
import org.latentexplorer.ui.session.Tasks;

/**
 * One model on screen with what shows it: its session (with a display copy of its own), its
 * latent grid and its samples. The window's model is one; each model compared beside it is
 * another, made the same way.
 */
public record ModelOnScreen(ModelSession session, GridViewModel grid, SamplingViewModel sampling) {

    /**
     * @param datasets     the window's data sets, shared by all its models
     * @param recoveryFile where unsaved training of this session is kept after every epoch; null for none
     */
    public static ModelOnScreen create(Tasks tasks, Notifier notifier, AssetLocator assets, DataShelf datasets,
            Path recoveryFile) {
        ModelSession session = new ModelSession(tasks, new LatentSpaceWorker(tasks), notifier, assets, datasets,
                recoveryFile);
        GridViewModel grid = new GridViewModel(session, notifier);
        SamplingViewModel sampling = new SamplingViewModel(session, notifier, grid.modeProperty(), grid.sliceProperty());
        return new ModelOnScreen(session, grid, sampling);
    }
}
