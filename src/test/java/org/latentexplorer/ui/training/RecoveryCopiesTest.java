package org.latentexplorer.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.latentexplorer.model.SavedModel;

class RecoveryCopiesTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<SavedModel> written = new ArrayList<>();
    private final RecoveryCopies copies = new RecoveryCopies(written::add, now::get);

    private static SavedModel epoch(int n) {
        return new SavedModel(null, new float[] {n}, null, null, Map.of());
    }

    private void after(double seconds) {
        now.addAndGet((long) (seconds * 1e9));
    }

    @Test
    void aRunsFirstEpochIsWrittenAtOnceAndThenAtMostOneCopyPerInterval() {
        copies.runStarted();
        SavedModel first = epoch(1);
        copies.epochEnded(first);
        assertEquals(List.of(first), written, "a crash after the first epoch finds it");

        // Epochs of a second each: the next copy waits for the interval.
        List<SavedModel> epochs = new ArrayList<>();
        for (int e = 2; e <= 25; e++) {
            after(1);
            SavedModel s = epoch(e);
            epochs.add(s);
            copies.epochEnded(s);
        }
        // 24 s after the first: the copies of epochs 11 and 21, ten seconds apart.
        assertEquals(List.of(first, epochs.get(11 - 2), epochs.get(21 - 2)), written);
    }

    @Test
    void longEpochsAreEachWritten() {
        copies.runStarted();
        for (int e = 1; e <= 3; e++) {
            after(RecoveryCopies.INTERVAL.toSeconds() + 1);
            copies.epochEnded(epoch(e));
        }
        assertEquals(3, written.size());
    }

    @Test
    void pausingWritesTheNewestSnapshotNotYetOnDiskOnce() {
        copies.runStarted();
        copies.epochEnded(epoch(1));
        after(1);
        copies.epochEnded(epoch(2));
        after(1);
        SavedModel third = epoch(3);
        copies.epochEnded(third);
        assertEquals(1, written.size());

        copies.paused();
        assertEquals(third, written.get(written.size() - 1));
        copies.paused();
        assertEquals(2, written.size(), "nothing new to write");
    }

    @Test
    void anEpochThatEndsWhilePausedIsWrittenAtOnceAndAfterResumingTheIntervalHoldsAgain() {
        copies.runStarted();
        copies.epochEnded(epoch(1));
        copies.paused();
        // The pause was asked for during the epoch's last iteration: the epoch still ends.
        after(1);
        SavedModel second = epoch(2);
        copies.epochEnded(second);
        assertEquals(second, written.get(written.size() - 1), "a crash during the pause would lose it");

        copies.resumed();
        after(1);
        copies.epochEnded(epoch(3));
        assertEquals(2, written.size());
    }

    @Test
    void aNewRunWritesItsFirstEpochAtOnceAndAnEndedRunLeavesNothingWaiting() {
        copies.runStarted();
        copies.epochEnded(epoch(1));
        after(1);
        copies.epochEnded(epoch(2));
        copies.runEnded();
        copies.paused();
        assertEquals(1, written.size(), "the run's end wrote its own copy; its last snapshot is not written after it");

        after(1);
        copies.runStarted();
        SavedModel first = epoch(1);
        copies.epochEnded(first);
        assertEquals(first, written.get(written.size() - 1));
    }
}
