package org.latentexplorer.runtime;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The user's settings (UI scale, window size, last model and dataset) as a small typed store over
 * a properties file. A missing file is an empty store; a damaged or unreadable one, or a value that
 * is not what its key needs, is remembered as one problem to report and otherwise ignored: the
 * settings never stop the program. Writes go to a temporary file renamed over the old one.
 */
public final class Settings {
    private final Path file;
    private final Properties values = new Properties();
    private String problem;

    private Settings(Path file) {
        this.file = file;
    }

    /** The settings of this user ({@link UserDirs#settingsFile()}). */
    public static Settings ofUser() {
        return load(UserDirs.current().settingsFile());
    }

    /** Reads file; a file that cannot be read gives empty settings and a {@link #problem()}. */
    public static Settings load(Path file) {
        Settings s = new Settings(file);
        if (file != null && Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                s.values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                s.values.clear();
                s.problem = file + " could not be read (" + describe(e) + "); using the default settings";
            }
        }
        return s;
    }

    /** Settings kept in memory only: nothing is read or written. */
    public static Settings inMemory() {
        return new Settings(null);
    }

    /** What went wrong reading the settings, once: later calls return empty. */
    public Optional<String> problem() {
        String p = problem;
        problem = null;
        return Optional.ofNullable(p);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** A number in [min, max], or fallback when the key is absent or its value is not such a number. */
    public double getDouble(String key, double fallback, double min, double max) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.get());
            if (d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        if (problem == null) {
            problem = (file == null ? "settings" : file.toString()) + ": " + key + " = \"" + v.get()
                    + "\" is not a number from " + min + " to " + max + "; using " + fallback;
        }
        return fallback;
    }

    public void put(String key, String value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.setProperty(key, value);
        }
    }

    public void putDouble(String key, double value) {
        put(key, Double.toString(value));
    }

    /** Writes the settings (atomically); nothing for in-memory settings. */
    public void save() throws IOException {
        if (file == null) {
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                values.store(out, "Latent Explorer settings");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The file these settings are kept in, or null. */
    public Path file() {
        return file;
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
