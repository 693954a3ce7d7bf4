package org.latentexplorer.ui;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Structure;

/**
 * glibc's own account of native memory (mallinfo2): what the native libraries hold through malloc,
 * in its heaps and in mappings of their own, and what its heaps keep free without handing it back.
 * NaN where there is no glibc 2.33 or later.
 */
final class MallocStats {
    /** struct mallinfo2: ten size_t fields. */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
            "fordblks", "keepcost"})
    public static class Info extends Structure implements Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;
    }

    private interface C extends Library {
        Info mallinfo2();
    }

    private static final C C = load();

    private MallocStats() {
    }

    private static C load() {
        try {
            return Platform.isLinux() ? Native.load("c", C.class) : null;
        } catch (Throwable e) {
            return null;
        }
    }

    /** {in use in malloc's heaps, in mappings of their own, free but kept in the heaps}, MB. */
    static double[] mb() {
        try {
            if (C != null) {
                Info i = C.mallinfo2();
                return new double[] {i.uordblks / 1048576.0, i.hblkhd / 1048576.0, i.fordblks / 1048576.0};
            }
        } catch (Throwable e) {
            // no mallinfo2 in this C library
        }
        return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
}
