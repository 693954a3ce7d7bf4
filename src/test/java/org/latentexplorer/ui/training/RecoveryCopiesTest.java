package org.latentexplorer.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RecoveryCopiesTest {
    private final AtomicLong now = new AtomicLong(1_000);
    /** The run's newest finished epoch: what a write takes. */
    private int newest;
    /** The epochs written, in order. */
    private final List<Integer> written = new ArrayList<>();
    private final RecoveryCopies copies = new RecoveryCopies(() -> written.add(newest), now::get);

    private void epochEnds(int epoch) {
        newest = epoch;
        copies.epochEnded();
    }

    private void after(double seconds) {
        now.addAndGet((long) (seconds * 1e9));
    }

    @Test
    void aRunsFirstEpochIsWrittenAtOnceAndThenAtMostOneCopyPerInterval() {
        copies.runStarted();
        epochEnds(1);
        assertEquals(List.of(1), written, "a crash after the first epoch finds it");

        // Epochs of a second each: the next copy waits for the interval.
        for (int e = 2; e <= 25; e++) {
            after(1);
            epochEnds(e);
        }
        // 24 s after the first: the copies of epochs 11 and 21, ten seconds apart.
        assertEquals(List.of(1, 11, 21), written);
    }

    @Test
    void longEpochsAreEachWritten() {
        copies.runStarted();
        for (int e = 1; e <= 3; e++) {
            after(RecoveryCopies.INTERVAL.toSeconds() + 1);
            epochEnds(e);
        }
        assertEquals(List.of(1, 2, 3), written);
    }

    @Test
    void pausingWritesTheNewestEpochNotYetOnDiskOnce() {
        copies.runStarted();
        epochEnds(1);
        after(1);
        epochEnds(2);
        after(1);
        epochEnds(3);
        assertEquals(List.of(1), written);

        copies.paused();
        assertEquals(List.of(1, 3), written);
        copies.paused();
        assertEquals(List.of(1, 3), written, "nothing new to write");
    }

    @Test
    void anEpochThatEndsWhilePausedIsWrittenAtOnceAndAfterResumingTheIntervalHoldsAgain() {
        copies.runStarted();
        epochEnds(1);
        copies.paused();
        // The pause was asked for during the epoch's last iteration: the epoch still ends.
        after(1);
        epochEnds(2);
        assertEquals(List.of(1, 2), written, "a crash during the pause would lose it");

        copies.resumed();
        after(1);
        epochEnds(3);
        assertEquals(List.of(1, 2), written);
    }

    @Test
    void aNewRunWritesItsFirstEpochAtOnceAndAnEndedRunLeavesNothingWaiting() {
        copies.runStarted();
        epochEnds(1);
        after(1);
        epochEnds(2);
        copies.runEnded();
        copies.paused();
        assertEquals(List.of(1), written, "the run's end wrote its own copy; its last epoch is not written after it");

        after(1);
        copies.runStarted();
        epochEnds(1);
        assertEquals(List.of(1, 1), written);
    }
}
