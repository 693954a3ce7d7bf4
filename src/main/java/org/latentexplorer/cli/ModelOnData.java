package org.latentexplorer.cli;

import java.nio.file.Path;

import org.latentexplorer.data.DataException;
import org.latentexplorer.data.DataSplit;
import org.latentexplorer.data.Datasets;
import org.latentexplorer.model.ModelFileException;
import org.latentexplorer.model.ModelFiles;
import org.latentexplorer.model.SavedModel;

import picocli.CommandLine.Option;

/** The options of a command that measures a saved model on a data set's images: --model FILE --data D. */
final class ModelOnData {

    @Option(names = "--model", required = true, paramLabel = "FILE")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "D",
            description = "mnist, fashion-mnist, fashion-mnist-full, or a folder of IDX files or images")
    String data;

    SavedModel read() throws ModelFileException {
        return ModelFiles.read(model);
    }

    /** The data set, its images the size the model takes (a folder of pictures is scaled to it), or one message naming both. */
    DataSplit load(SavedModel saved) throws DataException {
        DataSplit split = Datasets.load(data, saved.config().rows(), saved.config().cols());
        if (split.imageSize() != saved.config().inputSize()) {
            throw new IllegalArgumentException("--data " + data + ": its images are " + split.train().rows() + " x "
                    + split.train().cols() + " but " + model + " takes " + saved.config().rows() + " x "
                    + saved.config().cols());
        }
        return split;
    }
}
