package org.latentexplorer.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory of this process as the operating system sees it (Java heap plus native memory). */
public final class ProcessStats {
    private ProcessStats() {
    }

    /** Peak resident set size in MB (VmHWM), or NaN where /proc is not available. */
    public static double peakRssMb() {
        return statusField("VmHWM:");
    }

    /** Current resident set size in MB (VmRSS), or NaN where /proc is not available. */
    public static double rssMb() {
        return statusField("VmRSS:");
    }

    private static double statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    String kb = line.substring(name.length()).trim().split("\\s+")[0];
                    return Long.parseLong(kb) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
