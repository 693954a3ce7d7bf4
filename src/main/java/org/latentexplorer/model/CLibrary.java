package org.latentexplorer.model;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The few calls into the C library that the JVM has no API for, on Linux with glibc: a thread's
 * scheduling priority and malloc's tuning. Everywhere else (another OS, another C library, the
 * call refused) each one reports false and changes nothing; none of them is needed for correct
 * results, only for a smoother window and a smaller process.
 */
final class CLibrary {
    /** glibc's mallopt parameter: allocations of at least this many bytes get their own mapping. */
    private static final int M_MMAP_THRESHOLD = -3;
    /** setpriority's "which" for a process; on Linux, who = 0 names the calling thread alone. */
    private static final int PRIO_PROCESS = 0;

    private interface C extends Library {
        int setpriority(int which, int who, int prio);

        int mallopt(int param, int value);

        int malloc_trim(long pad);
    }

    private static final C C = load();

    private CLibrary() {
    }

    private static C load() {
        try {
            return Platform.isLinux() ? Native.load("c", C.class) : null;
        } catch (Throwable e) {   // JNA or its native part missing for this machine
            return null;
        }
    }

    /**
     * Sets the nice value of the calling thread (on Linux a thread's own attribute), 0 to 19; a
     * process may always lower its own threads' priority. The threads it starts afterwards inherit
     * the value.
     */
    static boolean niceThisThread(int nice) {
        try {
            return C != null && C.setpriority(PRIO_PROCESS, 0, nice) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * Fixes glibc's threshold above which an allocation is a mapping of its own, returned to the
     * system when freed. Left alone, glibc raises the threshold to the size of each large block
     * freed (up to 32 MB), so after the first report's 25 MB arrays every later array below that
     * size is carved out of the per-thread heaps, which keep the freed memory.
     */
    static boolean fixMmapThreshold(int bytes) {
        try {
            return C != null && C.mallopt(M_MMAP_THRESHOLD, bytes) == 1;
        } catch (Throwable e) {
            return false;
        }
    }

    /** Hands the free pages of every malloc heap back to the system; false where there is no such call. */
    static boolean trimHeaps() {
        try {
            if (C == null) {
                return false;
            }
            C.malloc_trim(0);
            return true;
        } catch (Throwable e) {
            return false;
        }
    }
}
