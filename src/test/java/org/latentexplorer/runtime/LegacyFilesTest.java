package org.latentexplorer.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegacyFilesTest {
    @TempDir
    Path home;

    private UserDirs dirs() {
        return UserDirs.of(Map.of(), "Linux", home);
    }

    private Path legacyRecovery(byte[] content) throws Exception {
        Path old = home.resolve(".latent-explorer").resolve("unsaved-training.lvae");
        Files.createDirectories(old.getParent());
        return Files.write(old, content);
    }

    @Test
    void theOldRecoveryCopyIsMovedToTheDataFolderOnce() throws Exception {
        byte[] content = {1, 2, 3, 4};
        Path old = legacyRecovery(content);

        List<String> said = LegacyFiles.migrate(dirs());

        Path now = home.resolve(".local/share/latent-explorer/unsaved-training.lvae");
        assertEquals(dirs().recoveryFile(), now);
        assertArrayEquals(content, Files.readAllBytes(now));
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(old.getParent()), "the emptied old folder is removed");
        assertEquals(List.of("moved the recovery copy of unsaved training from " + old + " to " + now), said);

        assertEquals(List.of(), LegacyFiles.migrate(dirs()), "nothing left to do");
        assertArrayEquals(content, Files.readAllBytes(now));
    }

    @Test
    void aNewerRecoveryCopyIsNotOverwrittenAndTheOldOneIsKeptBesideIt() throws Exception {
        legacyRecovery(new byte[] {1});
        Path newer = dirs().recoveryFile();
        Files.createDirectories(newer.getParent());
        Files.write(newer, new byte[] {2});

        List<String> said = LegacyFiles.migrate(dirs());

        assertArrayEquals(new byte[] {2}, Files.readAllBytes(newer));
        Path kept = newer.resolveSibling("unsaved-training-2.lvae");
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(kept));
        assertEquals(1, said.size());
        assertTrue(said.get(0).contains(kept.toString()), said.get(0));
    }

    @Test
    void otherFilesInTheOldFolderStayAndSoDoesTheFolder() throws Exception {
        Path old = legacyRecovery(new byte[] {1});
        Path other = Files.writeString(old.resolveSibling("notes.txt"), "mine");

        LegacyFiles.migrate(dirs());

        assertTrue(Files.isRegularFile(other));
        assertTrue(Files.isRegularFile(dirs().recoveryFile()));
    }

    @Test
    void withNothingToMoveNothingIsCreated() {
        assertEquals(List.of(), LegacyFiles.migrate(dirs()));
        assertFalse(Files.exists(home.resolve(".local")));
    }
}
