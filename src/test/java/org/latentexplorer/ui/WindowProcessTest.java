package org.latentexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.model.ModelFile;
import org.latentexplorer.runtime.UserDirs;

/**
 * The window in a process of its own ({@link WindowProbe}), for what only a real process shows: a
 * training killed with SIGKILL, and a JVM that must end by itself once the window is closed. The
 * process gets a home folder of its own, so the recovery copy is where a user's would be.
 */
class WindowProcessTest {
    @TempDir
    Path home;

    /** A running probe and what it printed so far. */
    private static final class Probe {
        final Process process;
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        Probe(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "probe-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** The first line starting with "probe: " + prefix, waiting for it as long as the process runs. */
        String await(String prefix, long seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                synchronized (lines) {
                    for (String l : lines) {
                        if (l.startsWith("probe: " + prefix)) {
                            return l.substring("probe: ".length());
                        }
                    }
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no \"" + prefix + "\" in " + seconds + " s; the process printed:\n" + output());
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }

    private Probe start(String... scenario) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        cp = Stream.of(cp.split(File.pathSeparator)).filter(s -> !s.isEmpty())
                .map(s -> Path.of(s).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
        String javacppCache = System.getProperty("org.bytedeco.javacpp.cachedir",
                Path.of(System.getProperty("user.home"), ".javacpp", "cache").toString());
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home,
                // The native libraries are already unpacked there by this JVM: not again per probe.
                "-Dorg.bytedeco.javacpp.cachedir=" + javacppCache,
                "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0",
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Djava.awt.headless=true", "-Djavafx.cachedir=" + Path.of("target", "javafx-cache").toAbsolutePath(),
                "-cp", cp, WindowProbe.class.getName());
        cmd = new ArrayList<>(cmd);
        cmd.addAll(List.of(scenario));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("XDG_"));
        return new Probe(pb.start());
    }

    private UserDirs dirs() {
        return UserDirs.of(java.util.Map.of(), System.getProperty("os.name"), home);
    }

    @Test
    void afterAKillDuringTrainingTheNextStartOffersTheRecoveredModelWhichLoadsAndContinues() throws Exception {
        Path recovery = dirs().recoveryFile();
        Probe first = start("train");
        try {
            first.await("training", 120);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.isRegularFile(recovery) && System.nanoTime() < end && first.process.isAlive()) {
                Thread.sleep(50);
            }
            assertTrue(Files.isRegularFile(recovery), "no recovery copy after an epoch:\n" + first.output());
            // Killed in the middle of a later epoch, maybe while the copy is being rewritten.
            Thread.sleep(1500);
        } finally {
            first.process.destroyForcibly();   // SIGKILL: no shutdown hook, no save
        }
        assertTrue(first.process.waitFor(30, TimeUnit.SECONDS));
        int epochs = ModelFile.read(recovery).history().size();
        assertTrue(epochs >= 1);

        Probe second = start("recover");
        try {
            assertEquals("offered=" + recovery, second.await("offered=", 120));
            assertEquals("dialog=Unsaved training was kept", second.await("dialog=", 60));
            String opened = second.await("opened", 60);
            assertTrue(opened.startsWith("opened title=untitled dirty=true epochs="), opened);
            int recovered = Integer.parseInt(opened.substring(opened.lastIndexOf('=') + 1));
            assertTrue(recovered >= epochs, opened + " after " + epochs + " epochs in the file");
            String continued = second.await("continued", 120);
            assertTrue(continued.startsWith("continued epochs=" + (recovered + 1) + " status=Training finished"), continued);
            assertTrue(second.process.waitFor(30, TimeUnit.SECONDS), second.output());
            assertEquals(0, second.process.exitValue(), second.output());
        } finally {
            second.process.destroyForcibly();
        }
    }

    @Test
    void closingTheWindowDuringTrainingLeavesNoThreadKeepingTheProcessAlive() throws Exception {
        Probe probe = start("close-while-training");
        try {
            probe.await("training", 120);
            assertEquals("answered Training is running and the model is not saved. -> Don't Save",
                    probe.await("answered", 60));
            probe.await("closed", 60);
            boolean ended = probe.process.waitFor(30, TimeUnit.SECONDS);
            assertTrue(ended, "still running 30 s after the window closed:\n" + probe.output());
            assertEquals(0, probe.process.exitValue(), probe.output());
            assertTrue(!Files.exists(dirs().recoveryFile()), "Don't Save leaves no recovery copy");
        } finally {
            probe.process.destroyForcibly();
        }
    }

    @Test
    void aModelFileGivenToTheProgramOpensInTheWindow() throws Exception {
        Path model = Shipped.modelWithLatent(home, 3);
        Probe probe = start("main", model.toString());
        try {
            assertEquals("title=Latent Explorer \u2014 latent-3.lvae", probe.await("title=", 120));
            assertEquals("dialog=null", probe.await("dialog=", 30));
        } finally {
            probe.process.destroyForcibly();
        }
    }

    @Test
    void aModelFileThatCannotBeOpenedIsNamedAndTheShippedModelShown() throws Exception {
        Path damaged = Files.writeString(home.resolve("damaged.lvae"), "not a model");
        Probe probe = start("main", damaged.toString());
        try {
            assertEquals("title=Latent Explorer \u2014 mnist-vae.lvae", probe.await("title=", 120));
            assertEquals("dialog=Could not open the model", probe.await("dialog=", 30));
            String text = probe.await("dialog-text=", 30);
            assertTrue(text.contains(damaged + ": not a Latent Explorer model file"), text);
        } finally {
            probe.process.destroyForcibly();
        }
    }
}
