package org.latentexplorer.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The short fuzzing run of {@code mvn test}: every loader gets its seed inputs and then
 * {@value #RUNS} inputs in all from Jazzer's coverage-guided fuzzer, with a fixed random seed so that
 * a run is repeatable, in a JVM of {@value FuzzRun#HEAP} heap. About ten seconds per loader, most of
 * it Jazzer's start. The long run is {@code bench/fuzz.sh}.
 */
class ShortFuzzRunTest {
    static final long RUNS = 2_000;

    static List<FuzzRun.Target> targets() {
        return FuzzRun.TARGETS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void loaderEndsEveryGeneratedInputInAResultOrAClearError(FuzzRun.Target target) throws Exception {
        FuzzRun.Result r = FuzzRun.run(target, RUNS, Path.of("target", "fuzz-short"), 1, 0);
        assertTrue(r.clean(), () -> target.name() + ": " + (r.findings().isEmpty() ? "exit code " + r.exitCode()
                : String.join("; ", r.findings())) + "; inputs " + r.artifacts() + "; log " + r.log());
        // libFuzzer may count a few inputs of its own set-up beyond -runs (2,004 seen on a loaded machine).
        assertTrue(r.runs() >= RUNS, () -> "inputs run: " + r.runs() + " of " + RUNS + "; log " + r.log());
    }
}
