package org.latentexplorer.ui.training;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.latentexplorer.model.SavedModel;

/**
 * When a training's epoch snapshots go to the recovery copy. The copy of the default VAE (weights
 * and Adam's moments) is a 13 MB file, written, hashed and synced to disk; the shipped MNIST split
 * ends an epoch about every second, and a copy per epoch wrote 89 MB in 20 s of training for a
 * window that had lost at most a second's work. The first snapshot of a run is written
 * at once (a crash after one epoch already finds it), later ones at most once per interval, so a
 * crash loses at most the interval and an epoch; the newest one not yet written waits, and goes to
 * disk when the training pauses, as does every snapshot that arrives while it is paused (an epoch
 * can end just after the pause was asked for). The end of a run writes its own copy (see
 * {@link TrainingViewModel}). Not thread-safe: the UI thread owns it.
 */
final class RecoveryCopies {
    /** At most one copy per this interval while a training runs. */
    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final Consumer<SavedModel> writer;
    private final LongSupplier nanoTime;
    private final long intervalNanos = INTERVAL.toNanos();
    private boolean wroteThisRun;
    private boolean paused;
    private long lastWrite;
    private SavedModel waiting;

    /**
     * @param writer   writes a snapshot to the recovery copy (in the background)
     * @param nanoTime the clock, {@link System#nanoTime} but in tests
     */
    RecoveryCopies(Consumer<SavedModel> writer, LongSupplier nanoTime) {
        this.writer = writer;
        this.nanoTime = nanoTime;
    }

    /** A new run: its first snapshot is written at once. */
    void runStarted() {
        wroteThisRun = false;
        paused = false;
        waiting = null;
    }

    /** The snapshot at the end of an epoch: written now, or kept until the interval has passed or the run pauses. */
    void epochEnded(SavedModel snapshot) {
        long now = nanoTime.getAsLong();
        if (wroteThisRun && !paused && now - lastWrite < intervalNanos) {
            waiting = snapshot;
            return;
        }
        write(snapshot, now);
    }

    /** The run paused: the newest snapshot not yet on disk goes there now, and any that comes until it resumes. */
    void paused() {
        paused = true;
        if (waiting != null) {
            write(waiting, nanoTime.getAsLong());
        }
    }

    /** The run goes on: snapshots wait for the interval again. */
    void resumed() {
        paused = false;
    }

    /** The run ended and wrote its final copy: nothing waits any more. */
    void runEnded() {
        waiting = null;
    }

    private void write(SavedModel snapshot, long now) {
        waiting = null;
        wroteThisRun = true;
        lastWrite = now;
        writer.accept(snapshot);
    }
}
