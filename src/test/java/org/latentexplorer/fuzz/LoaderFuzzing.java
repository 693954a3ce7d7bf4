package org.latentexplorer.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one check every fuzzed input goes through: the loader ends in a valid result or in one of its
 * clear errors, whose message names the file it read. Any other exception, an error such as
 * {@link OutOfMemoryError} or {@link StackOverflowError}, or a clear error that does not say which
 * file is wrong, escapes to the fuzzer as a finding. Hangs are bounded by the fuzzer's per-input
 * timeout and memory by the heap of the fuzzing JVM ({@link FuzzRun}).
 */
final class LoaderFuzzing {

    private LoaderFuzzing() {
    }

    static void check(FuzzedLoader loader, byte[] input) {
        Path dir;
        try {
            dir = Files.createTempDirectory("lx-fuzz-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the fuzzed files", e);
        }
        try {
            loader.load(input, dir);
        } catch (Exception e) {
            if (!loader.clearErrors().stream().anyMatch(type -> type.isInstance(e))) {
                throw sneaky(e);
            }
            String message = e.getMessage();
            if (message == null || message.isBlank() || !message.contains(dir.toString())) {
                throw new AssertionError("a clear error must name the file it is about (under " + dir + "), but says: "
                        + message, e);
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** Rethrows the loader's own exception unchanged, so the fuzzer reports (and deduplicates) its stack. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}
