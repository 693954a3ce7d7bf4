package org.latentexplorer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path dir;

    private static String failure(Executable call) {
        return assertThrows(DataException.class, call).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected \"" + part + "\" in: " + message);
        }
    }

    private static int[] classCounts(ImageSet set) {
        int[] counts = new int[10];
        for (int i = 0; i < set.count(); i++) {
            counts[set.label(i)]++;
        }
        return counts;
    }

    private static double meanPixel(ImageSet set) {
        long sum = 0;
        for (int i = 0; i < set.count(); i++) {
            for (int p = 0; p < set.imageSize(); p++) {
                sum += set.pixel(i, p);
            }
        }
        return sum / 255.0 / set.count() / set.imageSize();
    }

    private static void assertShippedShape(DataSplit split, String name) {
        assertEquals(name, split.name());
        assertEquals(8000, split.train().count());
        assertEquals(2000, split.test().count());
        assertEquals(784, split.imageSize());
        assertEquals(28, split.train().rows());
        assertTrue(split.train().hasLabels());
        assertTrue(split.test().hasLabels());
    }

    @Test
    void mnistIsTheShippedDigitsWithBalancedTestSet() throws Exception {
        DataSplit split = Datasets.load("mnist");
        assertShippedShape(split, "mnist");
        int[] test = classCounts(split.test());
        for (int digit = 0; digit < 10; digit++) {
            assertEquals(200, test[digit], "test images of digit " + digit);
        }
        int[] train = classCounts(split.train());
        for (int digit = 0; digit < 10; digit++) {
            assertTrue(train[digit] >= 600 && train[digit] <= 1000, "train images of digit " + digit + ": " + train[digit]);
        }
        // The first 10 training images are one of each digit, in order.
        for (int i = 0; i < 10; i++) {
            assertEquals(i, split.train().label(i));
        }
        double mean = meanPixel(split.test());
        assertTrue(mean > 0.08 && mean < 0.2, "MNIST is mostly black, mean " + mean);
    }

    @Test
    void fashionMnistIsTheShippedClothesSplitEveryFifth() throws Exception {
        DataSplit split = Datasets.load("fashion-mnist");
        assertShippedShape(split, "fashion-mnist");
        int[] train = classCounts(split.train());
        int[] test = classCounts(split.test());
        for (int c = 0; c < 10; c++) {
            assertEquals(1000, train[c] + test[c], "class " + c + " has 1,000 images in the source file");
            assertTrue(test[c] >= 150 && test[c] <= 250, "test images of class " + c + ": " + test[c]);
        }
    }

    @Test
    void fashionMnistFullLoadsTheDebianPackageWhenInstalled() throws Exception {
        assumeTrue(Files.isDirectory(Path.of(Datasets.FASHION_MNIST_FULL_DIR)), "dataset-fashion-mnist not installed");
        DataSplit split = Datasets.load("fashion-mnist-full");
        assertEquals(60000, split.train().count());
        assertEquals(10000, split.test().count());
        assertEquals(784, split.imageSize());
        assertEquals(6000, classCounts(split.train())[3]);
        assertEquals(1000, classCounts(split.test())[9]);
    }

    @Test
    void fashionMnistFullTellsHowToInstallItWhenMissing() {
        assumeFalse(Files.isDirectory(Path.of(Datasets.FASHION_MNIST_FULL_DIR)), "dataset-fashion-mnist is installed");
        assertMentions(failure(() -> Datasets.load("fashion-mnist-full")), Datasets.FASHION_MNIST_FULL_DIR,
                "dataset-fashion-mnist", "fashion-mnist");
    }

    @Test
    void fullFashionMnistIsAvailableExactlyWhenItsFourFilesAreThere() throws Exception {
        assertEquals(Files.isDirectory(Path.of(Datasets.FASHION_MNIST_FULL_DIR)), Datasets.fullFashionMnistAvailable());
        assertFalse(Datasets.idxFilesPresent(dir.resolve("absent")));
        ImageSet set = IdxReaderTest.pattern(5, 2, 2, true);
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), set, true);
        IdxWriter.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), set, true);
        IdxWriter.writeImages(dir.resolve("t10k-images-idx3-ubyte.gz"), set, true);
        assertFalse(Datasets.idxFilesPresent(dir));
        IdxWriter.writeLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"), set, true);
        assertTrue(Datasets.idxFilesPresent(dir));
    }

    @Test
    void missingFashionMnistFolderGivesTheInstallHint() {
        Path absent = dir.resolve("fashion-mnist");
        assertMentions(failure(() -> Datasets.fashionMnistFull(absent)), absent.toString(),
                "apt-get install dataset-fashion-mnist", "or use fashion-mnist");
    }

    @Test
    void unknownNameListsTheValidNames() {
        String m = failure(() -> Datasets.load("mnits"));
        assertMentions(m, "'mnits'", "mnist, fashion-mnist, fashion-mnist-full", "folder");
        assertMentions(failure(() -> Datasets.load("")), "mnist, fashion-mnist, fashion-mnist-full");
    }

    @Test
    void missingFolderPathSaysSo() {
        Path absent = dir.resolve("my-digits");
        assertMentions(failure(() -> Datasets.load(absent.toString())), absent + ": no such folder");
    }

    @Test
    void pathToAFileIsRefusedWithAHint() throws Exception {
        Path file = Files.writeString(dir.resolve("train-images-idx3-ubyte"), "x");
        assertMentions(failure(() -> Datasets.load(file.toString())), file.toString(), "is a file", "folder");
    }

    @Test
    void missingShippedDataNamesWhereItWasLookedFor() throws Exception {
        AssetLocator nowhere = new AssetLocator(null, dir, null);
        assertMentions(failure(() -> Datasets.load("mnist", 28, 28, nowhere)), "assets/", dir.toString());
        Files.createDirectory(dir.resolve("assets"));
        assertMentions(failure(() -> Datasets.load("fashion-mnist", 28, 28, nowhere)),
                dir.resolve("assets").resolve("fashion-mnist").toString(), "missing");
    }

    @Test
    void idxFolderWithTrainAndTestFilesIsReadAsItIs() throws Exception {
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), IdxReaderTest.pattern(9, 5, 7, true), true);
        IdxWriter.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), IdxReaderTest.pattern(9, 5, 7, true), true);
        IdxWriter.writeImages(dir.resolve("t10k-images.idx3-ubyte"), IdxReaderTest.pattern(3, 5, 7, true), false);
        IdxWriter.writeLabels(dir.resolve("t10k-labels.idx1-ubyte"), IdxReaderTest.pattern(3, 5, 7, true), false);
        DataSplit split = Datasets.load(dir.toString());
        assertEquals(dir.toString(), split.name());
        IdxReaderTest.assertSameImages(IdxReaderTest.pattern(9, 5, 7, true), split.train());
        IdxReaderTest.assertSameImages(IdxReaderTest.pattern(3, 5, 7, true), split.test());
    }

    @Test
    void idxFolderWithOnlyATrainFileHoldsOutEveryFifthImage() throws Exception {
        ImageSet all = IdxReaderTest.pattern(12, 4, 4, false);
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte"), all, false);
        DataSplit split = Datasets.load(dir.toString());
        assertEquals(10, split.train().count());
        assertEquals(2, split.test().count());
        assertFalse(split.train().hasLabels());
        IdxReaderTest.assertSameImages(all.range(4, 5), split.test().range(0, 1));
        IdxReaderTest.assertSameImages(all.range(9, 10), split.test().range(1, 2));
        IdxReaderTest.assertSameImages(all.range(5, 9), split.train().range(4, 8));
    }

    @Test
    void idxFolderWithLabelsForOnlyOneSetIsRefused() throws Exception {
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), IdxReaderTest.pattern(5, 2, 2, true), true);
        IdxWriter.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), IdxReaderTest.pattern(5, 2, 2, true), true);
        IdxWriter.writeImages(dir.resolve("t10k-images-idx3-ubyte.gz"), IdxReaderTest.pattern(2, 2, 2, false), true);
        assertMentions(failure(() -> Datasets.load(dir.toString())), "train-labels-idx1-ubyte.gz",
                "no t10k-labels-idx1-ubyte", "both");
    }

    @Test
    void idxFolderWithAnEmptyTestFileIsRefused() throws Exception {
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte"), IdxReaderTest.pattern(5, 2, 2, false), false);
        IdxWriter.writeImages(dir.resolve("t10k-images-idx3-ubyte"), IdxReaderTest.pattern(0, 2, 2, false), false);
        assertMentions(failure(() -> Datasets.load(dir.toString())), "t10k-images-idx3-ubyte: holds no images");
    }

    @Test
    void idxFolderWithOnlyATestFileIsRefused() throws Exception {
        IdxWriter.writeImages(dir.resolve("t10k-images-idx3-ubyte.gz"), IdxReaderTest.pattern(5, 2, 2, false), true);
        assertMentions(failure(() -> Datasets.load(dir.toString())), "t10k-images-idx3-ubyte.gz",
                "no train-images-idx3-ubyte");
    }

    @Test
    void idxFolderWithDifferentImageSizesIsRefused() throws Exception {
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte"), IdxReaderTest.pattern(5, 2, 2, false), false);
        IdxWriter.writeImages(dir.resolve("t10k-images-idx3-ubyte"), IdxReaderTest.pattern(5, 3, 3, false), false);
        assertMentions(failure(() -> Datasets.load(dir.toString())), "t10k-images-idx3-ubyte", "3 x 3", "2 x 2");
    }

    @Test
    void imageFolderIsSplitEveryFifthImageInNameOrder() throws Exception {
        for (int i = 0; i < 11; i++) {
            int v = 10 * i;
            ImageFolderReaderTest.save(ImageFolderReaderTest.filled(6, 6, 0xFF000000 | v << 16 | v << 8 | v),
                    dir.resolve(String.format("img%02d.png", i)), "png");
        }
        DataSplit split = Datasets.load(dir.toString(), 3, 3);
        assertEquals(9, split.train().count());
        assertEquals(2, split.test().count());
        assertEquals(9, split.imageSize());
        assertEquals(40, split.test().pixel(0, 0));
        assertEquals(90, split.test().pixel(1, 0));
        int[] trainValues = new int[9];
        for (int i = 0; i < 9; i++) {
            trainValues[i] = split.train().pixel(i, 4);
        }
        assertEquals("[0, 10, 20, 30, 50, 60, 70, 80, 100]", java.util.Arrays.toString(trainValues));
    }

    @Test
    void imageFolderWithTooFewImagesForATestSetIsRefused() throws Exception {
        for (int i = 0; i < 4; i++) {
            ImageFolderReaderTest.save(ImageFolderReaderTest.filled(2, 2, 0xFFFFFFFF), dir.resolve(i + ".png"), "png");
        }
        assertMentions(failure(() -> Datasets.load(dir.toString())), dir.toString(), "4 images", "at least 5");
    }

    @Test
    void folderWithNeitherIdxNorImagesIsRefused() {
        assertMentions(failure(() -> Datasets.load(dir.toString())), "no PNG or JPEG images in " + dir);
    }
}
