package org.latentexplorer.ui.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.data.AssetLocator;
import org.latentexplorer.model.ModelFile;
import org.latentexplorer.model.SavedModel;
import org.latentexplorer.ui.ExplorerViewModel;
import org.latentexplorer.ui.training.TrainingViewModel;

/**
 * A window starts with the recovery copy an earlier session left (it ended without saving): that
 * training is never overwritten or deleted by this session's own until the user has opened it.
 */
class EarlierRecoveryCopyTest {
    @TempDir
    Path tmp;

    private Path recovery;
    private SavedModel earlier;

    /** The shipped model stands for the training an earlier session left in the recovery file. */
    private ExplorerViewModel windowWithAnEarlierCopy() throws IOException {
        recovery = tmp.resolve("recovery.lvae");
        ExplorerViewModel vm = new ExplorerViewModel(new DirectTasks(), AssetLocator.fromEnvironment(), recovery);
        earlier = ModelFile.read(vm.session().shippedModel());
        ModelFile.write(recovery, earlier);
        Files.setLastModifiedTime(recovery, FileTime.from(Instant.parse("2026-11-30T09:15:00Z")));
        // The session looks at the recovery file when it is made: make it again with the file there.
        return new ExplorerViewModel(new DirectTasks(), AssetLocator.fromEnvironment(), recovery);
    }

    private static void train(ExplorerViewModel vm) {
        TrainingViewModel t = vm.training();
        t.datasetProperty().set("mnist");
        t.continueCurrentProperty().set(false);
        t.epochsProperty().set(1);
        t.hiddenProperty().set("32");
        t.batchSizeProperty().set(1000);
        t.start();
        assertTrue(t.progressTextProperty().get().startsWith("Finished"), t.progressTextProperty().get());
    }

    private List<Path> setAside() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(f -> f.getFileName().toString().startsWith("recovered-")).sorted().toList();
        }
    }

    @Test
    void aNewTrainingMovesTheEarlierCopyAsideAndSaysWhere() throws Exception {
        ExplorerViewModel vm = windowWithAnEarlierCopy();
        assertEquals(recovery, vm.session().recoveredModel().orElseThrow());

        train(vm);

        SavedModel own = ModelFile.read(recovery);
        assertEquals(1, own.history().size(), "the recovery file holds this session's training");
        List<Path> aside = setAside();
        assertEquals(1, aside.size(), aside::toString);
        assertTrue(aside.get(0).getFileName().toString().matches("recovered-2026-1[12]-\\d\\d-\\d{6}\\.lvae"), aside::toString);
        assertArrayEquals(earlier.params(), ModelFile.read(aside.get(0)).params());
        assertEquals(earlier.history().size(), ModelFile.read(aside.get(0)).history().size());
        UserMessage m = vm.notifier().messageProperty().get();
        assertNotNull(m);
        assertTrue(m.text().contains(aside.get(0).toString()) && m.text().contains("File > Open"), m.text());

        // A second training of the same session replaces its own copy only.
        train(vm);
        assertEquals(1, setAside().size());
    }

    @Test
    void discardingTheNewTrainingLeavesTheEarlierCopy() throws Exception {
        ExplorerViewModel vm = windowWithAnEarlierCopy();
        vm.session().discardRecovery();
        assertArrayEquals(earlier.params(), ModelFile.read(recovery).params());
    }

    @Test
    void anEarlierCopyOpenedInThisSessionIsItsOwnToContinueAndDiscard() throws Exception {
        ExplorerViewModel vm = windowWithAnEarlierCopy();
        vm.session().open(recovery);
        assertTrue(vm.session().isDirty(), "a recovered training is unsaved");
        vm.training().continueCurrentProperty().set(true);
        vm.training().epochsProperty().set(1);
        vm.training().start();

        assertEquals(List.of(), setAside(), "the training continued from it replaces it");
        assertEquals(earlier.history().size() + 1, ModelFile.read(recovery).history().size());
        vm.session().discardRecovery();
        assertFalse(Files.exists(recovery));
    }

    @Test
    void anEarlierCopyDeletedMeanwhileLeavesNothingToMoveAndTheNewCopyIsWritten() throws Exception {
        ExplorerViewModel vm = windowWithAnEarlierCopy();
        Files.delete(recovery);
        train(vm);
        assertEquals(1, ModelFile.read(recovery).history().size());
        assertEquals(List.of(), setAside());
    }

    @Test
    void aNameAlreadyTakenGetsANumber() throws Exception {
        Path copy = Files.writeString(tmp.resolve("recovery.lvae"), "first");
        Files.setLastModifiedTime(copy, FileTime.from(Instant.parse("2026-11-30T09:15:00Z")));
        Path one = ModelSession.setAside(copy);
        Files.writeString(copy, "second");
        Files.setLastModifiedTime(copy, FileTime.from(Instant.parse("2026-11-30T09:15:00Z")));
        Path two = ModelSession.setAside(copy);
        assertEquals(one.getFileName().toString().replace(".lvae", "-2.lvae"), two.getFileName().toString());
        assertEquals("first", Files.readString(one));
        assertEquals("second", Files.readString(two));
        assertFalse(Files.exists(copy));
    }
}
