package org.latentexplorer.model;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Native settings chosen by the program, so nobody has to set environment variables or JVM flags:
 * <ul>
 *   <li>Threads: only one pool of worker threads may be busy. With oneDNN (see {@link Blas}) its
 *       OpenMP threads do the matrix products and ND4J's element-wise ops share them, on every
 *       core, and OpenBLAS (left with small matrix-vector products) runs on the calling thread.
 *       Without oneDNN, OpenBLAS uses every core and OpenMP one thread. OpenMP and OpenBLAS
 *       threads both spinning on a two-core machine made an iteration about twice as slow.</li>
 *   <li>JavaCPP's check of the process's physical memory on every native allocation is off: it
 *       reads /proc each time and made allocating a 400 x 784 array take 4 ms instead of 0.5.</li>
 *   <li>An installed copy has its native libraries as files beside the program (see
 *       {@link #loadRenamedOpenBlasInPlace()}).</li>
 *   <li>On Linux, glibc's malloc keeps a fixed threshold of {@value #MMAP_THRESHOLD} bytes above
 *       which an array gets a mapping of its own, returned to the system when freed (see
 *       {@link CLibrary#fixMmapThreshold(int)}): the window benchmark's resident memory fell by
 *       about 100 MB.</li>
 * </ul>
 * {@link #configure()} must run before ND4J is first used to take full effect; the entry point
 * calls it first thing, and the model calls it again (harmlessly) when first loaded.
 */
public final class NativeRuntime {
    private static final String PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";
    private static final int MMAP_THRESHOLD = 128 * 1024;
    private static volatile boolean configured;

    private NativeRuntime() {
    }

    public static void configure() {
        if (configured) {
            return;
        }
        synchronized (NativeRuntime.class) {
            if (configured) {
                return;
            }
            if (System.getProperty(PHYSICAL_BYTES) == null) {
                System.setProperty(PHYSICAL_BYTES, "0");
            }
            CLibrary.fixMmapThreshold(MMAP_THRESHOLD);
            loadRenamedOpenBlasInPlace();
            int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
            // One pool of busy threads at a time: two pools spinning on two cores halve the speed.
            int openMp = Blas.DNNL ? cores : 1;
            Nd4j.factory().blas().setMaxThreads(Blas.DNNL ? 1 : cores);
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(openMp);
            Nd4j.getEnvironment().setMaxThreads(openMp);
            Nd4j.getEnvironment().setMaxMasterThreads(openMp);
            configured = true;
        }
    }

    /**
     * Limits the worker threads of the native work started from the calling thread (matrix products
     * and element-wise ops) to n. OpenMP keeps this setting per calling thread, so other threads keep
     * theirs. The window trains on one core fewer than the machine has, so the UI thread and the
     * renderer always find one free: on a 2-core machine
     * training on one thread ran faster in the window than on two (10,000 against 9,300 images/s in
     * bench/ui.sh), since its two threads no longer wait for the UI's.
     */
    public static void threadsOnThisThread(int n) {
        configure();
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(Math.max(1, n));
    }

    /**
     * Gives the calling thread, and the native worker threads it starts afterwards, the lowest
     * scheduling priority but one (nice 10 on Linux), so that it runs at full speed on the cores
     * nobody else wants and yields them at once to threads of normal priority: the window's UI
     * thread and renderer while a metrics report is measured in the background. Java's own thread
     * priorities do nothing on Linux.
     * False where the system offers no such call; the thread then keeps its priority.
     */
    public static boolean lowerPriorityOfThisThread() {
        Thread.currentThread().setPriority(Thread.MIN_PRIORITY + 1);   // what Windows and macOS use
        return CLibrary.niceThisThread(10);
    }

    /**
     * Returns to the system the memory freed native arrays leave inside malloc's heaps; worth its
     * few milliseconds after large temporary arrays, such as a metrics report's.
     */
    public static void returnFreedMemory() {
        CLibrary.trimHeaps();
    }

    /** The worker threads native work started from the calling thread may use. */
    public static int threadsOfThisThread() {
        configure();
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    /**
     * An installed copy keeps the native libraries as files beside the program, found through
     * {@code java.library.path} with JavaCPP's {@code pathsFirst} (pom.xml, profile dist), so that
     * nothing is unpacked into the user's home folder. One exception remained: the OpenBLAS preset
     * loads OpenBLAS under a second name, libopenblas_nolapack.so.0, which JavaCPP makes by copying
     * the library (31 MB) into ~/.javacpp/cache at the first start. The installed copy ships the
     * file under that name too; loaded here first, under the name JavaCPP asks for, it is used in
     * place, and JavaCPP only adds a few symbolic links to its cache. Without such a file (the jar,
     * the tests) this does nothing.
     */
    private static void loadRenamedOpenBlasInPlace() {
        for (String dir : System.getProperty("java.library.path", "").split(File.pathSeparator)) {
            Path lib = dir.isEmpty() ? null : Path.of(dir, "libopenblas_nolapack.so.0");
            if (lib != null && Files.isRegularFile(lib)) {
                try {
                    Loader.loadLibrary(NativeRuntime.class, new URL[] {lib.toUri().toURL()}, "openblas_nolapack@.0");
                } catch (MalformedURLException | RuntimeException | UnsatisfiedLinkError e) {
                    // JavaCPP then makes its copy, as without this file.
                }
                return;
            }
        }
    }
}
