package org.latentexplorer.model;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Thread settings for ND4J chosen by the program, so nobody has to set environment variables.
 * Matrix products (OpenBLAS) use every core; ND4J's element-wise ops run on one thread, because
 * their OpenMP threads otherwise spin against OpenBLAS's and make a training iteration about
 * twice as slow on a small machine.
 */
public final class NativeRuntime {
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
            int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
            Nd4j.factory().blas().setMaxThreads(cores);
            Nd4j.getEnvironment().setMaxThreads(1);
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            configured = true;
        }
    }
}
