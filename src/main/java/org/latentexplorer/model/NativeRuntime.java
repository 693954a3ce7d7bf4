package org.latentexplorer.model;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Native settings chosen by the program, so nobody has to set environment variables or JVM flags:
 * <ul>
 *   <li>Matrix products (OpenBLAS) use every core; ND4J's element-wise ops run on one thread,
 *       because their OpenMP threads otherwise spin against OpenBLAS's and make a training
 *       iteration about twice as slow on a small machine.</li>
 *   <li>JavaCPP's check of the process's physical memory on every native allocation is off: it
 *       reads /proc each time and made allocating a 400 x 784 array take 4 ms instead of 0.5.</li>
 * </ul>
 * {@link #configure()} must run before ND4J is first used to take full effect; the entry point
 * calls it first thing, and the model calls it again (harmlessly) when first loaded.
 */
public final class NativeRuntime {
    private static final String PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";
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
            int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
            Nd4j.factory().blas().setMaxThreads(cores);
            Nd4j.getEnvironment().setMaxThreads(1);
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            configured = true;
        }
    }
}
