package org.latentexplorer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.junit.jupiter.api.Test;

class JavaHeapTest {
    private static final HotSpotDiagnosticMXBean VM = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Test
    void theHeapIsKeptBetweenTenAndThirtyPercentFree() throws Exception {
        assertEquals("true 10 30", inAnotherJvm());
    }

    @Test
    void heapLimitsGivenOnTheCommandLineAreKept() throws Exception {
        assertEquals("false 20 50", inAnotherJvm("-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=50"));
        assertEquals("false 40 60", inAnotherJvm("-XX:MaxHeapFreeRatio=60"));
    }

    @Test
    void aSecondWindowInTheSameProgramChangesNothing() {
        assumeTrue(VM.getVMOption("MaxHeapFreeRatio").getOrigin() != VMOption.Origin.VM_CREATION,
                "the test JVM was given its own heap limits");
        JavaHeap.keepCompact();
        JavaHeap.keepCompact();
        assertEquals("10", VM.getVMOption("MinHeapFreeRatio").getValue());
        assertEquals("30", VM.getVMOption("MaxHeapFreeRatio").getValue());
    }

    /** Runs {@link Probe} in a JVM of its own with these options; what it printed. */
    private static String inAnotherJvm(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assumeTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM did not finish");
        return out;
    }

    /** Calls {@link JavaHeap#keepCompact()} and prints its answer and both limits afterwards. */
    public static final class Probe {
        public static void main(String[] args) {
            boolean changed = JavaHeap.keepCompact();
            System.out.println(changed + " " + VM.getVMOption("MinHeapFreeRatio").getValue()
                    + " " + VM.getVMOption("MaxHeapFreeRatio").getValue());
        }
    }
}
