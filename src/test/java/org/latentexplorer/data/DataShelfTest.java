package org.latentexplorer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataShelfTest {

    @TempDir
    Path dir;

    /** A folder of IDX files: count training images and count / 3 test images of 5 x 7 pixels. */
    private Path idxFolder(String name, int count) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        IdxWriter.writeImages(folder.resolve("train-images-idx3-ubyte"), IdxReaderTest.pattern(count, 5, 7, true), false);
        IdxWriter.writeLabels(folder.resolve("train-labels-idx1-ubyte"), IdxReaderTest.pattern(count, 5, 7, true), false);
        IdxWriter.writeImages(folder.resolve("t10k-images-idx3-ubyte"), IdxReaderTest.pattern(count / 3, 5, 7, true), false);
        IdxWriter.writeLabels(folder.resolve("t10k-labels-idx1-ubyte"), IdxReaderTest.pattern(count / 3, 5, 7, true), false);
        return folder;
    }

    @Test
    void aNamedDataSetIsReadOnceAndIsTheSameImagesAsReadingItAnew() throws Exception {
        DataShelf shelf = new DataShelf(AssetLocator.fromEnvironment());
        DataSplit first = shelf.load("mnist");
        assertSame(first, shelf.load("mnist", 28, 28));
        assertSame(first, shelf.load("mnist", 32, 32), "the size of a named set is in its files");
        DataSplit fresh = Datasets.load("mnist");
        assertEquals(fresh.name(), first.name());
        IdxReaderTest.assertSameImages(fresh.train(), first.train());
        IdxReaderTest.assertSameImages(fresh.test(), first.test());
        assertNotSame(first, shelf.load("fashion-mnist"));
        assertEquals("fashion-mnist", shelf.load("fashion-mnist").name());
    }

    @Test
    void twoShelvesDoNotShare() throws Exception {
        AssetLocator assets = AssetLocator.fromEnvironment();
        assertNotSame(new DataShelf(assets).load("mnist"), new DataShelf(assets).load("mnist"));
    }

    @Test
    void aFolderIsReadAgainEachTimeSoThatChangesToItsFilesAreSeen() throws Exception {
        Path folder = idxFolder("digits", 9);
        DataShelf shelf = new DataShelf(AssetLocator.fromEnvironment());
        DataSplit before = shelf.load(folder.toString());
        assertEquals(9, before.train().count());
        assertNotSame(before, shelf.load(folder.toString()));
        idxFolder("digits", 12);
        DataSplit after = shelf.load(folder.toString());
        assertEquals(12, after.train().count());
        assertEquals(4, after.test().count());
    }

    @Test
    void aMissingShippedSetNamesWhereItWasLookedForAndIsReadOnceItIsThere() throws Exception {
        AssetLocator here = new AssetLocator(null, dir, null);
        DataShelf shelf = new DataShelf(here);
        String message = assertThrows(DataException.class, () -> shelf.load("mnist")).getMessage();
        assertTrue(message.contains("assets/") && message.contains(dir.toString()), message);
        // The failure is not remembered: once the files are where they belong, they are read.
        Path shipped = AssetLocator.fromEnvironment().assets().resolve("mnist");
        Path copy = Files.createDirectories(dir.resolve("assets").resolve("mnist"));
        try (var files = Files.list(shipped)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName().toString()));
            }
        }
        DataSplit split = shelf.load("mnist");
        assertEquals(8000, split.train().count());
        assertSame(split, shelf.load("mnist"));
    }

    @Test
    void lanesAskingAtOnceGetOneCopy() throws Exception {
        DataShelf shelf = new DataShelf(AssetLocator.fromEnvironment());
        ExecutorService lanes = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Callable<DataSplit> ask = () -> {
                go.await();
                return shelf.load("mnist");
            };
            Future<DataSplit> a = lanes.submit(ask);
            Future<DataSplit> b = lanes.submit(ask);
            Future<DataSplit> c = lanes.submit(ask);
            go.countDown();
            assertSame(a.get(), b.get());
            assertSame(a.get(), c.get());
        } finally {
            lanes.shutdownNow();
        }
    }
}
