package org.latentexplorer.fuzz;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The loaders' fuzz tests. Under {@code mvn test} each runs on its seed inputs and past findings,
 * {@code src/test/resources/org/latentexplorer/fuzz/LoaderFuzzTestInputs/<method>/} (see the README
 * there); {@link GeneratedInputsTest} adds a short run of generated inputs, and {@code bench/fuzz.sh}
 * the long one. {@code JAZZER_FUZZ=1 mvn test -Dtest=LoaderFuzzTest#idx} fuzzes one of them from
 * JUnit. Every input is bounded in time here and in the fuzzer (10 s).
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LoaderFuzzTest {

    @FuzzTest
    void idx(byte[] input) {
        IdxFuzzTarget.fuzzerTestOneInput(input);
    }

    @FuzzTest
    void imageFolder(byte[] input) {
        ImageFolderFuzzTarget.fuzzerTestOneInput(input);
    }

    @FuzzTest
    void modelFile(byte[] input) {
        ModelFileFuzzTarget.fuzzerTestOneInput(input);
    }
}
