package org.latentexplorer.fuzz;

import java.nio.file.Path;
import java.util.Set;

/**
 * One file loader under fuzzing. An implementation turns a fuzzer's bytes into the file or files
 * the loader reads (its "framing", documented on the class), writes them under a fresh folder and
 * loads them. Adding a loader to the fuzzing is one class like this, one {@code @FuzzTest} method
 * in {@link LoaderFuzzTest}, one entry in {@link FuzzRun#TARGETS} and a folder of seed inputs.
 */
interface FuzzedLoader {

    /**
     * Writes what {@code input} stands for under {@code dir} and loads it. Returns normally when the
     * loader gives a valid result (checking what can be checked about it); throws whatever the loader
     * throws otherwise.
     */
    void load(byte[] input, Path dir) throws Exception;

    /**
     * The exception types by which the loader documents a bad file. Anything else, or one of these
     * whose message does not name the file, is a finding.
     */
    Set<Class<? extends Exception>> clearErrors();
}
