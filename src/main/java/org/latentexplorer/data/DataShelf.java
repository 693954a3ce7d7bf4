package org.latentexplorer.data;

import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * The named data sets ({@link Datasets#NAMES}), read once and shared while anything holds them: a
 * training, the model on screen and the models compared beside it all get the same split, where
 * each used to read and unpack a copy of its own, and a training started on the data already shown
 * does not read it again. Image folders are read each time, since their files may have changed.
 * Nothing is kept for its own sake: a split nobody holds any more is read again when next asked
 * for. Safe to use from several threads.
 */
public final class DataShelf {
    private final AssetLocator assets;
    private final Map<String, WeakReference<DataSplit>> held = new HashMap<>();

    /** @param assets where the shipped data sets are */
    public DataShelf(AssetLocator assets) {
        this.assets = assets;
    }

    /** As {@link Datasets#load(String)}: a named data set, or a folder with its images scaled to 28 x 28. */
    public DataSplit load(String nameOrPath) throws DataException {
        return load(nameOrPath, ImageFolderReader.DEFAULT_SIDE, ImageFolderReader.DEFAULT_SIDE);
    }

    /**
     * As {@link Datasets#load(String, int, int, AssetLocator)}; a named data set comes from the
     * shelf when something still holds it (its image size is in its files, so rows and cols do not
     * matter for it).
     */
    public DataSplit load(String nameOrPath, int rows, int cols) throws DataException {
        if (!Datasets.NAMES.contains(nameOrPath)) {
            return Datasets.load(nameOrPath, rows, cols, assets);
        }
        // Held while reading, so that two lanes asking at once read it once.
        synchronized (this) {
            WeakReference<DataSplit> ref = held.get(nameOrPath);
            DataSplit split = ref == null ? null : ref.get();
            if (split == null) {
                split = Datasets.load(nameOrPath, rows, cols, assets);
                held.put(nameOrPath, new WeakReference<>(split));
            }
            return split;
        }
    }
}
