package org.latentexplorer.data;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns the data set a user names into a {@link DataSplit}.
 *
 * <ul>
 *   <li>{@code mnist}: the 10,000 MNIST digits shipped in {@code assets/mnist}, 8,000 train and
 *       2,000 test (assets/README.md gives the split).</li>
 *   <li>{@code fashion-mnist}: the 10,000 Fashion-MNIST test images shipped in
 *       {@code assets/fashion-mnist}, 8,000 train and 2,000 test.</li>
 *   <li>{@code fashion-mnist-full}: all of Fashion-MNIST, 60,000 train and 10,000 test, from
 *       {@value #FASHION_MNIST_FULL_DIR} (the Debian package dataset-fashion-mnist).</li>
 *   <li>anything else is a path to a folder, read by {@link #loadFolder}.</li>
 * </ul>
 *
 * The names win over folders of the same name: write {@code ./mnist} for a folder called mnist.
 */
public final class Datasets {

    /** The names that are not paths. */
    public static final List<String> NAMES = List.of("mnist", "fashion-mnist", "fashion-mnist-full");
    /** Where the Debian package dataset-fashion-mnist installs Fashion-MNIST. */
    public static final String FASHION_MNIST_FULL_DIR = "/usr/share/datasets/fashion-mnist";

    private static final String TRAIN = "train";
    private static final String TEST = "t10k";

    private Datasets() {
    }

    /** Loads a named data set or a folder; image folders are scaled to 28 x 28. */
    public static DataSplit load(String nameOrPath) throws DataException {
        return load(nameOrPath, ImageFolderReader.DEFAULT_SIDE, ImageFolderReader.DEFAULT_SIDE);
    }

    /**
     * Loads a named data set or a folder.
     *
     * @param rows the height image folders are scaled to (IDX data keeps the size in its header)
     * @param cols the width image folders are scaled to
     */
    public static DataSplit load(String nameOrPath, int rows, int cols) throws DataException {
        return load(nameOrPath, rows, cols, AssetLocator.fromEnvironment());
    }

    /** As {@link #load(String, int, int)}, with the shipped data sets looked up by {@code locator}. */
    public static DataSplit load(String nameOrPath, int rows, int cols, AssetLocator locator) throws DataException {
        return switch (nameOrPath) {
            case "mnist", "fashion-mnist" -> {
                Path dir = locator.assets().resolve(nameOrPath);
                if (!Files.isDirectory(dir)) {
                    throw new DataException(dir + ": no such folder; the shipped data set " + nameOrPath
                            + " is missing from assets/");
                }
                yield idxSplit(nameOrPath, dir);
            }
            case "fashion-mnist-full" -> fashionMnistFull(Path.of(FASHION_MNIST_FULL_DIR));
            default -> loadPath(nameOrPath, rows, cols);
        };
    }

    /** Whether {@code fashion-mnist-full} can be loaded: the Debian package's four files are there. */
    public static boolean fullFashionMnistAvailable() {
        return idxFilesPresent(Path.of(FASHION_MNIST_FULL_DIR));
    }

    static boolean idxFilesPresent(Path dir) {
        return find(dir, TRAIN, "images", 3) != null && find(dir, TRAIN, "labels", 1) != null
                && find(dir, TEST, "images", 3) != null && find(dir, TEST, "labels", 1) != null;
    }

    /** Fashion-MNIST in full from {@code dir}, or a message saying how to get it. */
    static DataSplit fashionMnistFull(Path dir) throws DataException {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": no such folder. fashion-mnist-full needs the Debian package"
                    + " dataset-fashion-mnist (sudo apt-get install dataset-fashion-mnist); or use fashion-mnist,"
                    + " the 10,000 images shipped with Latent Explorer");
        }
        return idxSplit("fashion-mnist-full", dir);
    }

    private static DataSplit loadPath(String nameOrPath, int rows, int cols) throws DataException {
        Path path;
        try {
            path = Path.of(nameOrPath);
        } catch (InvalidPathException e) {
            path = null;
        }
        boolean looksLikePath = nameOrPath.contains("/") || nameOrPath.contains(File.separator)
                || nameOrPath.startsWith(".") || nameOrPath.startsWith("~");
        if (looksLikePath && path != null && !Files.exists(path)) {
            throw new DataException(nameOrPath + ": no such folder"
                    + (nameOrPath.startsWith("~") ? " (write the home folder's full path; ~ is not expanded here)" : ""));
        }
        if (nameOrPath.isBlank() || path == null || !Files.exists(path)) {
            throw new DataException("unknown data set '" + nameOrPath + "': it is neither one of "
                    + String.join(", ", NAMES) + " nor an existing folder (of IDX files or images)");
        }
        if (!Files.isDirectory(path)) {
            throw new DataException(path + ": is a file; give the folder that holds it (a folder of IDX files"
                    + " such as train-images-idx3-ubyte.gz, or of images)");
        }
        return loadFolder(nameOrPath, path, rows, cols);
    }

    /**
     * Loads a folder, with {@code name} as the split's name.
     *
     * <ul>
     *   <li>A folder with {@code train-images-idx3-ubyte} (or {@code train-images.idx3-ubyte}, each
     *       optionally with .gz) is read as IDX: {@code t10k-images-idx3-ubyte} is the test set when
     *       present, otherwise the train file is split by {@link #holdOutEveryFifth}. Labels
     *       ({@code train-labels-idx1-ubyte}, {@code t10k-labels-idx1-ubyte}) are optional, but must
     *       be there for both sets or neither. An uncompressed file is preferred to a gzipped one of
     *       the same name.</li>
     *   <li>Any other folder is read by {@link ImageFolderReader}, scaled to rows x cols, and split
     *       by {@link #holdOutEveryFifth}.</li>
     * </ul>
     */
    public static DataSplit loadFolder(String name, Path folder, int rows, int cols) throws DataException {
        Path trainImages = find(folder, TRAIN, "images", 3);
        Path testImages = find(folder, TEST, "images", 3);
        if (trainImages == null && testImages != null) {
            throw new DataException(folder + ": has " + testImages.getFileName() + " but no train-images-idx3-ubyte[.gz];"
                    + " the training images are needed");
        }
        if (trainImages == null) {
            return holdOutEveryFifth(name, ImageFolderReader.read(folder, rows, cols));
        }
        Path trainLabels = find(folder, TRAIN, "labels", 1);
        if (testImages == null) {
            return holdOutEveryFifth(name, requireImages(IdxReader.readImages(trainImages, trainLabels), trainImages));
        }
        Path testLabels = find(folder, TEST, "labels", 1);
        if ((trainLabels == null) != (testLabels == null)) {
            Path has = trainLabels != null ? trainLabels : testLabels;
            throw new DataException(folder + ": has " + has.getFileName() + " but no "
                    + (trainLabels == null ? "train-labels-idx1-ubyte[.gz]" : "t10k-labels-idx1-ubyte[.gz]")
                    + "; labels must be given for both the train and the test images, or for neither");
        }
        return idxSplit(name, trainImages, trainLabels, testImages, testLabels);
    }

    /**
     * Splits one set of images: the image at 0-based position i goes to test when i % 5 == 4
     * (positions 4, 9, 14, ...), every other image to train, both keeping their order.
     *
     * @throws DataException when there are fewer than 5 images, so no test image
     */
    public static DataSplit holdOutEveryFifth(String name, ImageSet all) throws DataException {
        int n = all.count();
        if (n < 5) {
            throw new DataException(all.source() + ": " + n + " image" + (n == 1 ? "" : "s") + " are too few;"
                    + " every fifth image is held out for testing, so at least 5 are needed (4 to train on, 1 to test)");
        }
        int testCount = n / 5;
        int trainCount = n - testCount;
        int size = all.imageSize();
        byte[] trainPx = new byte[trainCount * size];
        byte[] testPx = new byte[testCount * size];
        int[] trainLb = all.hasLabels() ? new int[trainCount] : null;
        int[] testLb = all.hasLabels() ? new int[testCount] : null;
        int tr = 0;
        int te = 0;
        for (int i = 0; i < n; i++) {
            boolean test = i % 5 == 4;
            byte[] dst = test ? testPx : trainPx;
            int at = test ? te : tr;
            for (int p = 0; p < size; p++) {
                dst[at * size + p] = (byte) all.pixel(i, p);
            }
            if (all.hasLabels()) {
                (test ? testLb : trainLb)[at] = all.label(i);
            }
            if (test) {
                te++;
            } else {
                tr++;
            }
        }
        return new DataSplit(name, new ImageSet(all.source(), all.rows(), all.cols(), trainPx, trainLb),
                new ImageSet(all.source(), all.rows(), all.cols(), testPx, testLb));
    }

    private static DataSplit idxSplit(String name, Path dir) throws DataException {
        Path trainImages = require(dir, TRAIN, "images", 3);
        Path trainLabels = require(dir, TRAIN, "labels", 1);
        Path testImages = require(dir, TEST, "images", 3);
        Path testLabels = require(dir, TEST, "labels", 1);
        return idxSplit(name, trainImages, trainLabels, testImages, testLabels);
    }

    private static DataSplit idxSplit(String name, Path trainImages, Path trainLabels, Path testImages,
                                      Path testLabels) throws DataException {
        ImageSet train = requireImages(IdxReader.readImages(trainImages, trainLabels), trainImages);
        ImageSet test = requireImages(IdxReader.readImages(testImages, testLabels), testImages);
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new DataException(testImages + ": images are " + test.rows() + " x " + test.cols() + " but those of "
                    + trainImages.getFileName() + " are " + train.rows() + " x " + train.cols());
        }
        return new DataSplit(name, train, test);
    }

    private static ImageSet requireImages(ImageSet set, Path file) throws DataException {
        if (set.count() == 0) {
            throw new DataException(file + ": holds no images (its header declares 0)");
        }
        return set;
    }

    private static Path require(Path dir, String part, String kind, int dims) throws DataException {
        Path p = find(dir, part, kind, dims);
        if (p == null) {
            throw new DataException(dir.resolve(part + "-" + kind + "-idx" + dims + "-ubyte.gz") + ": no such file");
        }
        return p;
    }

    /** The IDX file of one part, under the usual spellings, or null. */
    private static Path find(Path dir, String part, String kind, int dims) {
        String[] stems = {part + "-" + kind + "-idx" + dims + "-ubyte", part + "-" + kind + ".idx" + dims + "-ubyte"};
        for (String stem : stems) {
            for (String suffix : new String[] {"", ".gz"}) {
                Path p = dir.resolve(stem + suffix);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return null;
    }
}
