package org.latentexplorer.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the program keeps the user's own files, never inside its installation: on Linux and other
 * Unix systems the XDG base directories ($XDG_DATA_HOME/latent-explorer, default
 * ~/.local/share/latent-explorer, for models and the recovery copy of unsaved training;
 * $XDG_CONFIG_HOME/latent-explorer, default ~/.config/latent-explorer, for settings); on Windows
 * %APPDATA%\Latent Explorer; on macOS ~/Library/Application Support/Latent Explorer.
 *
 * @param data   the user's models and the recovery copy
 * @param config settings
 * @param legacy where versions before the XDG layout kept the recovery copy (~/.latent-explorer)
 */
public record UserDirs(Path data, Path config, Path legacy) {
    static final String APP = "latent-explorer";

    /** The folders for this user, from the environment and system properties of this process. */
    public static UserDirs current() {
        return of(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    /** The folders for an environment, an operating system name and a home folder (tests give their own). */
    public static UserDirs of(Map<String, String> env, String osName, Path home) {
        Path legacy = home.resolve("." + APP);
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path dir = (appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData").resolve("Roaming")).resolve("Latent Explorer");
            return new UserDirs(dir, dir, legacy);
        }
        if (os.startsWith("mac")) {
            Path dir = home.resolve("Library").resolve("Application Support").resolve("Latent Explorer");
            return new UserDirs(dir, dir, legacy);
        }
        Path data = absolute(env.get("XDG_DATA_HOME"));
        Path config = absolute(env.get("XDG_CONFIG_HOME"));
        return new UserDirs((data != null ? data : home.resolve(".local").resolve("share")).resolve(APP),
                (config != null ? config : home.resolve(".config")).resolve(APP), legacy);
    }

    /** The XDG specification ignores relative paths in these variables. */
    private static Path absolute(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Path p = Path.of(value);
        return p.isAbsolute() ? p : null;
    }

    /** The copy of unsaved training, written after every epoch. */
    public Path recoveryFile() {
        return data.resolve("unsaved-training.lvae");
    }

    /** The settings file. */
    public Path settingsFile() {
        return config.resolve("settings.properties");
    }
}
