package org.latentexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.data.AssetLocator;
import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.model.ModelFile;
import org.latentexplorer.model.SavedModel;
import org.latentexplorer.model.TrainingHistory;
import org.latentexplorer.ui.grid.GridViewModel;
import org.latentexplorer.ui.session.CurrentModel;
import org.latentexplorer.ui.session.DirectTasks;
import org.latentexplorer.ui.session.Notifier;
import org.latentexplorer.ui.session.UserMessage;
import org.latentexplorer.ui.training.TrainingCurves;

/** Opening and saving model files, and what the window shows of the model it holds. */
class ExplorerViewModelTest {
    @TempDir
    Path tmp;

    @Test
    void openingTheShippedModelShowsItsGridAndItsLabelledTestSet() {
        ExplorerViewModel vm = Shipped.open();

        CurrentModel m = vm.session().modelProperty().get();
        assertEquals(vm.session().shippedModel(), m.file());
        assertEquals("mnist-vae.lvae", m.title());
        assertEquals("mnist", m.dataset());
        assertEquals(2, m.config().latent());
        assertFalse(vm.session().isDirty());
        assertFalse(vm.session().busyProperty().get());
        assertEquals("Opened " + vm.session().shippedModel(), vm.notifier().statusProperty().get());

        GridViewModel.RenderedGrid grid = vm.grid().renderedProperty().get();
        assertNotNull(grid, "no grid rendered");
        LatentSpace.Mosaic mosaic = grid.mosaic();
        int n = GridViewModel.DEFAULT_STEPS;
        assertEquals(n, mosaic.columns());
        assertEquals(n * 28, mosaic.width());
        assertEquals(n * 28, mosaic.height());
        assertEquals(mosaic.width() * mosaic.height(), mosaic.argb().length);
        // A trained decoder draws bright strokes on a dark background.
        long bright = Arrays.stream(mosaic.argb()).filter(p -> Shipped.gray(p) > 200).count();
        long dark = Arrays.stream(mosaic.argb()).filter(p -> Shipped.gray(p) < 30).count();
        int all = mosaic.argb().length;
        assertTrue(bright > all / 50, bright + " bright of " + all);
        assertTrue(dark > all / 2, dark + " dark of " + all);

        assertEquals("mnist", vm.session().dataProperty().get().name());
        LatentSpace.Embedding e = vm.grid().embeddingProperty().get();
        assertNotNull(e, "test set not encoded");
        assertEquals(2000, e.count());
        assertEquals(2, e.latent());
        assertTrue(e.hasLabels());
        assertEquals(2000, e.labels().length);
        assertEquals(10, Arrays.stream(e.labels()).distinct().count(), "all ten digits in the test set");
        assertTrue(Arrays.stream(e.labels()).allMatch(l -> l >= 0 && l <= 9));
        for (float v : e.mu()) {
            assertTrue(Float.isFinite(v) && Math.abs(v) < 50, "mean " + v);
        }
    }

    @Test
    void openingAModelPlotsItsPastEpochs() {
        ExplorerViewModel vm = Shipped.open();
        List<TrainingHistory.Epoch> epochs = vm.session().modelProperty().get().history().epochs();
        List<TrainingCurves.Point> test = vm.training().curves().testRecon();
        assertEquals(30, epochs.size());
        assertEquals(epochs.size(), test.size());
        assertEquals(1.0, test.get(0).x());
        assertEquals(epochs.get(29).testRecon(), test.get(29).y());
        assertEquals(vm.training().curves().version(), vm.training().curvesVersionProperty().get());
    }

    @Test
    void reopeningAModelOfTheSameDataKeepsTheTestSetAndEncodesItAgain() {
        ExplorerViewModel vm = Shipped.open();
        CurrentModel first = vm.session().modelProperty().get();
        LatentSpace.Embedding before = vm.grid().embeddingProperty().get();
        vm.session().open(vm.session().shippedModel());
        assertNotSame(first, vm.session().modelProperty().get());
        LatentSpace.Embedding after = vm.grid().embeddingProperty().get();
        assertNotNull(after);
        assertNotSame(before, after);
        assertArrayEquals(before.mu(), after.mu());
    }

    @Test
    void aFileOfRandomBytesIsRefusedAndTheModelStays() throws IOException {
        byte[] junk = new byte[4096];
        new Random(5).nextBytes(junk);
        Path file = Files.write(tmp.resolve("random-bytes.lvae"), junk);
        assertOpenFailsAndKeepsTheModel(file);
    }

    @Test
    void aTruncatedModelFileIsRefusedAndTheModelStays() throws IOException {
        ExplorerViewModel probe = new ExplorerViewModel(new DirectTasks(), AssetLocator.fromEnvironment());
        byte[] whole = Files.readAllBytes(probe.session().shippedModel());
        Path file = Files.write(tmp.resolve("truncated.lvae"), Arrays.copyOf(whole, whole.length / 2));
        assertOpenFailsAndKeepsTheModel(file);
    }

    @Test
    void aMissingFileIsRefusedAndTheModelStays() {
        assertOpenFailsAndKeepsTheModel(tmp.resolve("no-such-model.lvae"));
    }

    private static void assertOpenFailsAndKeepsTheModel(Path file) {
        ExplorerViewModel vm = Shipped.open();
        CurrentModel model = vm.session().modelProperty().get();
        GridViewModel.RenderedGrid grid = vm.grid().renderedProperty().get();
        LatentSpace.Embedding embedding = vm.grid().embeddingProperty().get();

        vm.session().open(file);

        UserMessage message = vm.notifier().messageProperty().get();
        assertNotNull(message, "no message for " + file);
        assertEquals("Could not open the model", message.title());
        assertTrue(message.text().contains(file.getFileName().toString()), message.text());
        assertSame(model, vm.session().modelProperty().get());
        assertSame(grid, vm.grid().renderedProperty().get());
        assertSame(embedding, vm.grid().embeddingProperty().get());
        assertFalse(vm.session().busyProperty().get());
        assertFalse(vm.session().isDirty());
        assertEquals("Could not open " + file, vm.notifier().statusProperty().get());
    }

    @Test
    void savingWritesAFileThatReadsBackAndBecomesTheModelsFile() throws IOException {
        ExplorerViewModel vm = Shipped.open();
        SavedModel shown = vm.session().modelProperty().get().saved();
        Path file = tmp.resolve("copy.lvae");
        int[] saved = {0};

        vm.session().save(file, () -> saved[0]++);

        assertEquals(1, saved[0]);
        assertNull(vm.notifier().messageProperty().get());
        SavedModel back = ModelFile.read(file);
        assertEquals(shown.config(), back.config());
        assertArrayEquals(shown.params(), back.params());
        assertEquals(shown.history().size(), back.history().size());
        assertEquals(file, vm.session().modelProperty().get().file());
        assertEquals("copy.lvae", vm.session().modelProperty().get().title());
        assertEquals(tmp, vm.session().modelsFolder());
        assertFalse(vm.session().isDirty());
        assertFalse(vm.session().busyProperty().get());
    }

    @Test
    void savingIntoAFolderThatDoesNotExistYetCreatesIt() throws IOException {
        // ModelFile.write creates missing parent folders, so this is not a failure.
        ExplorerViewModel vm = Shipped.open();
        Path file = tmp.resolve("new-folder").resolve("m.lvae");
        vm.session().save(file, () -> { });
        assertNull(vm.notifier().messageProperty().get());
        assertArrayEquals(vm.session().modelProperty().get().saved().params(), ModelFile.read(file).params());
        assertEquals(file, vm.session().modelProperty().get().file());
    }

    @Test
    void savingBelowAPlainFileFailsNamingTheFileAndKeepsTheModel() throws IOException {
        Path notAFolder = Files.writeString(tmp.resolve("plain.txt"), "x");
        assertSaveFailsAndKeepsTheModel(notAFolder.resolve("m.lvae"));
    }

    @Test
    void savingOverAFolderFailsNamingTheFileAndKeepsTheModel() throws IOException {
        assertSaveFailsAndKeepsTheModel(Files.createDirectory(tmp.resolve("a-folder.lvae")));
    }

    private static void assertSaveFailsAndKeepsTheModel(Path file) {
        ExplorerViewModel vm = Shipped.open();
        CurrentModel model = vm.session().modelProperty().get();
        boolean[] saved = {false};

        vm.session().save(file, () -> saved[0] = true);

        UserMessage message = vm.notifier().messageProperty().get();
        assertNotNull(message, "no message for " + file);
        assertEquals("Could not save the model", message.title());
        assertTrue(message.text().contains(file.toString()), message.text());
        assertFalse(saved[0]);
        assertSame(model, vm.session().modelProperty().get());
        assertFalse(vm.session().busyProperty().get());
        assertEquals("Could not save " + file, vm.notifier().statusProperty().get());
    }

    @Test
    void savingWithNoModelDoesNothing() {
        DirectTasks tasks = new DirectTasks();
        ExplorerViewModel vm = new ExplorerViewModel(tasks, AssetLocator.fromEnvironment());
        vm.session().save(tmp.resolve("nothing.lvae"), () -> { });
        assertTrue(tasks.submitted.isEmpty());
        assertFalse(Files.exists(tmp.resolve("nothing.lvae")));
    }

    @Test
    void explainUnwrapsAndNamesTheFileOnce() {
        Path file = Path.of("/some/where/m.lvae");
        assertEquals("/some/where/m.lvae: disk full",
                Notifier.explain(new java.io.UncheckedIOException(new IOException("disk full")), file));
        assertEquals("m.lvae is damaged", Notifier.explain(new IOException("m.lvae is damaged"), file));
        assertEquals("/some/where/m.lvae: not enough memory (Java heap space)",
                Notifier.explain(new OutOfMemoryError("Java heap space"), file));
        assertEquals("IllegalStateException", Notifier.explain(new IllegalStateException(), null));
    }
}
