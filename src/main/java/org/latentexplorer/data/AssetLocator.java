package org.latentexplorer.data;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the application's folders: {@code assets/} (the shipped data sets) and {@code models/}
 * (saved models), wherever the program was started from.
 *
 * <p>When the system property {@value #HOME_PROPERTY} is set, its folder is the only place looked
 * at. Otherwise the places are, in order: the working directory, the folder holding the running jar
 * (or class folder), and that folder's parent; so both {@code java -jar target/latent-explorer.jar}
 * from the repository root and a copy of the jar next to {@code assets/} work.
 */
public final class AssetLocator {

    /** System property naming the folder that holds {@code assets/} and {@code models/}. */
    public static final String HOME_PROPERTY = "latentexplorer.home";

    private final Path override;
    private final List<Path> places;

    /**
     * @param override     the folder given by {@value #HOME_PROPERTY}, or null
     * @param workingDir   the working directory
     * @param codeLocation the running jar or class folder, or null when unknown
     */
    public AssetLocator(Path override, Path workingDir, Path codeLocation) {
        this.override = override == null ? null : override.toAbsolutePath().normalize();
        List<Path> list = new ArrayList<>();
        if (this.override != null) {
            list.add(this.override);
        } else {
            add(list, workingDir);
            if (codeLocation != null) {
                Path holder = codeLocation.toAbsolutePath().normalize().getParent();
                add(list, holder);
                add(list, holder == null ? null : holder.getParent());
            }
        }
        this.places = List.copyOf(list);
    }

    /** The locator for this run: the system property, the working directory and the running code. */
    public static AssetLocator fromEnvironment() {
        String home = System.getProperty(HOME_PROPERTY);
        Path override = home == null || home.isBlank() ? null : Path.of(home);
        return new AssetLocator(override, Path.of("").toAbsolutePath(), codeLocation());
    }

    /** The folders looked in, in order. */
    public List<Path> places() {
        return places;
    }

    /**
     * The {@code assets/} folder: in the first place that has one.
     *
     * @throws DataException naming every place looked in, when none has it
     */
    public Path assets() throws DataException {
        Path found = first("assets");
        if (found != null) {
            return found;
        }
        if (override != null) {
            throw new DataException(override.resolve("assets") + ": no such folder (the folder set by -D"
                    + HOME_PROPERTY + " must hold the assets/ folder of Latent Explorer)");
        }
        throw new DataException("the assets/ folder of Latent Explorer was not found; looked in "
                + places.stream().map(Path::toString).collect(Collectors.joining(", "))
                + ". Run from the folder that holds assets/, or set -D" + HOME_PROPERTY + "=<that folder>");
    }

    /**
     * The {@code models/} folder: in the first place that has one, else beside {@code assets/},
     * else in the first place looked in. It may not exist yet; whoever saves a model creates it.
     */
    public Path models() {
        Path found = first("models");
        if (found != null) {
            return found;
        }
        Path assets = first("assets");
        if (assets != null) {
            return assets.resolveSibling("models");
        }
        return places.isEmpty() ? Path.of("models").toAbsolutePath() : places.get(0).resolve("models");
    }

    private Path first(String folder) {
        for (Path place : places) {
            Path p = place.resolve(folder);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    private static void add(List<Path> list, Path p) {
        if (p != null) {
            Path n = p.toAbsolutePath().normalize();
            if (!list.contains(n)) {
                list.add(n);
            }
        }
    }

    private static Path codeLocation() {
        try {
            CodeSource source = AssetLocator.class.getProtectionDomain().getCodeSource();
            URL url = source == null ? null : source.getLocation();
            return url == null ? null : Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException | SecurityException
                 | java.nio.file.FileSystemNotFoundException e) {
            // Not a plain file (a custom class loader): the working directory must do.
            return null;
        }
    }
}
