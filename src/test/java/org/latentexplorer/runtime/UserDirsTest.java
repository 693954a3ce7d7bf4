package org.latentexplorer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UserDirsTest {
    private static final Path HOME = Path.of("/home/teacher");

    @Test
    void linuxDefaultsFollowTheXdgSpecification() {
        UserDirs d = UserDirs.of(Map.of(), "Linux", HOME);
        assertEquals(Path.of("/home/teacher/.local/share/latent-explorer"), d.data());
        assertEquals(Path.of("/home/teacher/.config/latent-explorer"), d.config());
        assertEquals(Path.of("/home/teacher/.local/share/latent-explorer/unsaved-training.lvae"), d.recoveryFile());
        assertEquals(Path.of("/home/teacher/.latent-explorer"), d.legacy());
    }

    @Test
    void xdgVariablesMoveTheFoldersButRelativeOnesAreIgnored() {
        UserDirs d = UserDirs.of(Map.of("XDG_DATA_HOME", "/data", "XDG_CONFIG_HOME", "relative/config"), "Linux", HOME);
        assertEquals(Path.of("/data/latent-explorer"), d.data());
        assertEquals(Path.of("/home/teacher/.config/latent-explorer"), d.config());
        assertEquals(Path.of("/home/teacher/.config/latent-explorer/settings.properties"), d.settingsFile());
    }

    @Test
    void windowsUsesAppData() {
        UserDirs d = UserDirs.of(Map.of("APPDATA", "C:\\Users\\t\\AppData\\Roaming"), "Windows 11", HOME);
        assertEquals(Path.of("C:\\Users\\t\\AppData\\Roaming").resolve("Latent Explorer"), d.data());
    }
}
