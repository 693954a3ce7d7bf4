package org.latentexplorer.runtime;

import java.lang.management.ManagementFactory;
import java.util.Optional;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

/**
 * How much unused memory the Java heap keeps. By default the collector (G1) lets the heap grow
 * until 40-70% of it is free after a collection; the window, which makes many short-lived arrays
 * while it trains and decodes, then holds several hundred megabytes it does not need. Kept
 * between 10% and 30% free, the window benchmark's peak resident memory fell by 100-250 MB
 * (README, Benchmarks). The two limits can be changed while the program runs, so this works for
 * {@code java -jar} as for the installed launcher; a value given on the command line
 * ({@code -XX:MaxHeapFreeRatio=...}) is left as it is.
 */
public final class JavaHeap {
    /** The least free share of the heap after a collection, in percent. */
    public static final int MIN_FREE_PERCENT = 10;
    /** The most free share of the heap after a collection, in percent. */
    public static final int MAX_FREE_PERCENT = 30;

    private JavaHeap() {
    }

    /**
     * Keeps the heap between {@value #MIN_FREE_PERCENT}% and {@value #MAX_FREE_PERCENT}% free
     * after collections. Returns false, changing nothing, where the JVM offers no such setting or a
     * value was given on its command line.
     */
    public static boolean keepCompact() {
        Optional<HotSpotDiagnosticMXBean> hotspot = hotspot();
        if (hotspot.isEmpty()) {
            return false;
        }
        HotSpotDiagnosticMXBean vm = hotspot.get();
        try {
            if (!isDefault(vm, "MinHeapFreeRatio") || !isDefault(vm, "MaxHeapFreeRatio")) {
                return false;
            }
            // The minimum first: the JVM refuses a maximum below the current minimum (40).
            vm.setVMOption("MinHeapFreeRatio", Integer.toString(MIN_FREE_PERCENT));
            vm.setVMOption("MaxHeapFreeRatio", Integer.toString(MAX_FREE_PERCENT));
            return true;
        } catch (IllegalArgumentException | SecurityException e) {
            return false;
        }
    }

    private static boolean isDefault(HotSpotDiagnosticMXBean vm, String option) {
        return vm.getVMOption(option).getOrigin() == VMOption.Origin.DEFAULT;
    }

    private static Optional<HotSpotDiagnosticMXBean> hotspot() {
        try {
            return Optional.ofNullable(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }
}
