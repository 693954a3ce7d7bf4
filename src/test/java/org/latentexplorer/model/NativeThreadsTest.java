package org.latentexplorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class NativeThreadsTest {

    @Test
    void aThreadsLimitHoldsForThatThreadAndNoOther() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        assumeTrue(cores > 1, "one core: every limit is 1");
        ExecutorService limited = Executors.newSingleThreadExecutor();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            int there = CompletableFuture.supplyAsync(() -> {
                NativeRuntime.threadsOnThisThread(cores - 1);
                return NativeRuntime.threadsOfThisThread();
            }, limited).get();
            assertEquals(cores - 1, there);
            // The same thread keeps its limit for its next piece of work.
            assertEquals(cores - 1, (int) CompletableFuture.supplyAsync(NativeRuntime::threadsOfThisThread, limited).get());
            assertEquals(cores, (int) CompletableFuture.supplyAsync(NativeRuntime::threadsOfThisThread, other).get());
        } finally {
            limited.shutdownNow();
            other.shutdownNow();
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aLoweredThreadRunsAtNiceTenAndSoDoTheThreadsItStartsButNoOther() throws Exception {
        int base = niceOfThisThread();
        assumeTrue(base < 10, "the tests already run at nice " + base);
        ExecutorService lowered = Executors.newSingleThreadExecutor();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            int[] nice = CompletableFuture.supplyAsync(() -> {
                assertEquals(base, niceOfThisThread());
                assertEquals(true, NativeRuntime.lowerPriorityOfThisThread());
                int[] child = new int[1];
                Thread t = new Thread(() -> child[0] = niceOfThisThread());
                t.start();
                try {
                    t.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return new int[] {niceOfThisThread(), child[0]};
            }, lowered).get();
            assertEquals(10, nice[0], "the lowered thread");
            assertEquals(10, nice[1], "a thread it started");
            assertEquals(base, (int) CompletableFuture.supplyAsync(NativeThreadsTest::niceOfThisThread, other).get(),
                    "another thread");
            assertEquals(base, niceOfThisThread(), "the test's thread");
        } finally {
            lowered.shutdownNow();
            other.shutdownNow();
        }
    }

    /** The nice value of the calling thread, as the kernel reports it (field 19 of its stat line). */
    private static int niceOfThisThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[16]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
