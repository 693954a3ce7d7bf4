package org.latentexplorer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path tmp;

    @Test
    void valuesSurviveASaveAndALoad() throws IOException {
        Path file = tmp.resolve("config").resolve("settings.properties");
        Settings s = Settings.load(file);
        assertTrue(s.get("ui.scale").isEmpty());
        s.putDouble("ui.scale", 1.5);
        s.put("last.model", "/models/a b.lvae");
        s.save();
        Settings again = Settings.load(file);
        assertEquals(1.5, again.getDouble("ui.scale", 1, 0.5, 3));
        assertEquals("/models/a b.lvae", again.get("last.model").orElseThrow());
        assertTrue(again.problem().isEmpty());
        try (var left = Files.list(file.getParent())) {
            assertEquals(1, left.count(), "no temporary file left behind");
        }
    }

    @Test
    void aDamagedFileIsReportedOnceAndIgnored() throws IOException {
        Path file = tmp.resolve("settings.properties");
        Files.writeString(file, "ui.scale=\\u12G4\n");
        Settings s = Settings.load(file);
        String problem = s.problem().orElseThrow();
        assertTrue(problem.contains(file.toString()), problem);
        assertTrue(s.problem().isEmpty(), "reported once");
        assertEquals(1.0, s.getDouble("ui.scale", 1.0, 0.5, 3));
    }

    @Test
    void aValueOfTheWrongKindIsReportedNamingTheKeyAndTheDefaultIsUsed() throws IOException {
        Path file = tmp.resolve("settings.properties");
        Files.writeString(file, "ui.scale=huge\n");
        Settings s = Settings.load(file);
        assertEquals(1.0, s.getDouble("ui.scale", 1.0, 0.5, 3));
        String problem = s.problem().orElseThrow();
        assertTrue(problem.contains("ui.scale") && problem.contains("huge"), problem);
    }

    @Test
    void aFolderThatCannotBeWrittenFailsTheSaveWithTheReasonAndKeepsTheValues() throws IOException {
        Path blocker = tmp.resolve("plain-file");
        Files.writeString(blocker, "x");
        Settings s = Settings.load(blocker.resolve("settings.properties"));
        s.put("k", "v");
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class, s::save);
        assertEquals("v", s.get("k").orElseThrow());
    }

    @Test
    void inMemorySettingsWriteNothing() throws IOException {
        Settings s = Settings.inMemory();
        s.put("k", "v");
        s.save();
        assertEquals("v", s.get("k").orElseThrow());
    }
}
