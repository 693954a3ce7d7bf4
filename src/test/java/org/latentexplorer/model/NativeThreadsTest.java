package org.latentexplorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

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
}
