package org.latentexplorer.fuzz;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs Jazzer's coverage-guided fuzzer on each loader, each in its own JVM (libFuzzer runs one
 * target per process) with a bounded heap ({@value #HEAP}) and a bounded time per input
 * ({@value #TIMEOUT_SECONDS} s): the seed inputs first, then inputs the fuzzer derives from them.
 * A target's run stops at its first finding, or with {@code keepGoing} after that many, and leaves
 * in its folder the log, the corpus it grew and each finding's input ({@code crash-*},
 * {@code timeout-*}).
 *
 * <p>{@code bench/fuzz.sh} runs it from the command line: {@code FuzzRun RUNS [FOLDER [TARGET...]]}.
 */
public final class FuzzRun {
    /** Every loader under fuzzing, by the name of its {@code @FuzzTest} method and seed folder. */
    static final List<Target> TARGETS = List.of(
            new Target("idx", IdxFuzzTarget.class),
            new Target("imageFolder", ImageFolderFuzzTarget.class),
            new Target("modelFile", ModelFileFuzzTarget.class));

    static final String HEAP = "512m";
    static final int TIMEOUT_SECONDS = 10;
    static final int MAX_LEN = 16384;
    private static final Pattern DONE = Pattern.compile("Done (\\d+) runs in (\\d+) second");
    private static final Pattern FINDING = Pattern.compile("== Java Exception: (.*)|ERROR: libFuzzer: (timeout.*|out-of-memory.*)");
    private static final Pattern ARTIFACT = Pattern.compile("Test unit written to (\\S+)");

    /** A loader's fuzz target: its name and the class with its {@code fuzzerTestOneInput}. */
    record Target(String name, Class<? extends FuzzedLoader> type) {
        /** The checked-in seed inputs, as the test class path holds them. */
        Path seeds() {
            try {
                return Path.of(LoaderFuzzTest.class.getResource("LoaderFuzzTestInputs/" + name).toURI());
            } catch (java.net.URISyntaxException | NullPointerException e) {
                throw new IllegalStateException("no seed inputs for " + name + " on the test class path", e);
            }
        }
    }

    /**
     * What one target's run did.
     *
     * @param runs      inputs run, as the fuzzer counts them (seeds included); -1 when it did not finish
     * @param findings  the first line of each finding
     * @param artifacts the inputs of the findings, to add to the seeds once fixed
     */
    record Result(Target target, int exitCode, long runs, long seconds, List<String> findings, List<Path> artifacts,
                  Path log) {
        boolean clean() {
            return exitCode == 0 && findings.isEmpty();
        }
    }

    private FuzzRun() {
    }

    /** libFuzzer's limit on the fuzzing process's resident memory, its default when nothing else counts. */
    static final int RSS_LIMIT_MB = 2048;

    /**
     * The memory limit to give libFuzzer. It reads the process's peak resident size, which Linux
     * carries over from the process that started it (exec keeps the old address space's peak): a
     * fuzzer started from a test JVM that once held 2.4 GB would count as out of memory at its first
     * input. So the limit is the default above that inherited peak.
     */
    static int rssLimitMb() {
        double inherited = org.latentexplorer.runtime.ProcessStats.peakRssMb();
        return Double.isFinite(inherited) ? (int) Math.ceil(inherited) + RSS_LIMIT_MB : RSS_LIMIT_MB;
    }

    /** Fuzzes one target for {@code runs} inputs with a fixed random seed, in a fresh {@code folder/<name>}. */
    static Result run(Target target, long runs, Path folder, long seed, int keepGoing) throws IOException, InterruptedException {
        Path dir = folder.resolve(target.name()).toAbsolutePath();
        deleteTree(dir);
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Path log = dir.resolve("fuzz.log");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP,
                // What the loaders may need besides the heap (decoders' native buffers) is bounded too.
                "-XX:MaxDirectMemorySize=128m",
                "-Djava.awt.headless=true",
                "-cp", classPath(),
                "com.code_intelligence.jazzer.Jazzer",
                "--target_class=" + target.type().getName(),
                // The JDK's image decoders too: the fuzzer then follows their branches, not just ours.
                "--instrumentation_includes=org.latentexplorer.**:com.fasterxml.jackson.**:com.sun.imageio.**:javax.imageio.**",
                "-runs=" + runs,
                "-seed=" + seed,
                "-timeout=" + TIMEOUT_SECONDS,
                "-rss_limit_mb=" + rssLimitMb(),
                "-print_final_stats=1",
                // Room for inputs larger than the seeds: several images, a longer header.
                "-max_len=" + MAX_LEN,
                "-artifact_prefix=" + dir + File.separator));
        if (keepGoing > 0) {
            cmd.add("--keep_going=" + keepGoing);
        }
        cmd.add(corpus.toString());
        cmd.add(target.seeds().toString());
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        int exit = p.waitFor();
        long seconds = Math.round((System.nanoTime() - start) / 1e9);

        long done = -1;
        List<String> findings = new ArrayList<>();
        List<Path> artifacts = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = DONE.matcher(line);
            if (m.find()) {
                done = Long.parseLong(m.group(1));
            }
            m = FINDING.matcher(line);
            if (m.find()) {
                findings.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
            m = ARTIFACT.matcher(line);
            if (m.find()) {
                artifacts.add(Path.of(m.group(1)));
            }
        }
        return new Result(target, exit, done, seconds, findings, artifacts, log);
    }

    /** {@code FuzzRun RUNS [FOLDER [TARGET...]]}: exit code 0 when no target had a finding. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: FuzzRun RUNS [FOLDER [TARGET...]]; targets: "
                    + TARGETS.stream().map(Target::name).toList());
            System.exit(2);
        }
        long runs = Long.parseLong(args[0]);
        Path folder = Path.of(args.length > 1 ? args[1] : "target/fuzz");
        List<Target> chosen = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String name = args[i];
            chosen.add(TARGETS.stream().filter(t -> t.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no fuzz target " + name)));
        }
        if (chosen.isEmpty()) {
            chosen.addAll(TARGETS);
        }
        boolean clean = true;
        System.out.printf(Locale.ROOT, "%-12s %10s %8s  %s%n", "target", "inputs", "seconds", "findings");
        for (Target t : chosen) {
            Result r = run(t, runs, folder, 1, 20);
            clean &= r.clean();
            System.out.printf(Locale.ROOT, "%-12s %,10d %8d  %s%n", t.name(), r.runs(), r.seconds(),
                    r.findings().isEmpty() ? (r.exitCode() == 0 ? "none" : "exit code " + r.exitCode() + ", see " + r.log())
                            : r.findings().size() + ": " + String.join("; ", r.findings()));
            for (Path a : r.artifacts()) {
                System.out.println("             input: " + a);
            }
        }
        System.exit(clean ? 0 : 1);
    }

    /** This JVM's class path with absolute entries (under Maven, the test class path it names). */
    static String classPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Stream.of(cp.split(File.pathSeparator)).filter(s -> !s.isEmpty())
                .map(s -> Path.of(s).toAbsolutePath().toString()).collect(java.util.stream.Collectors.joining(File.pathSeparator));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
