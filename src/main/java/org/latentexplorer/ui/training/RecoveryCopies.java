package org.latentexplorer.ui.training;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When a training's finished epochs go to the recovery copy. The copy of the default VAE (weights
 * and Adam's moments) is a 13 MB file, written, hashed and synced to disk; the shipped MNIST split
 * ends an epoch about every second, and a copy per epoch wrote 89 MB in 20 s of training for a
 * window that had lost at most a second's work. The first epoch of a run is written at once (a
 * crash after one epoch already finds it), later ones at most once per interval, so a crash loses
 * at most the interval and an epoch; an epoch not yet written waits, and goes to disk when the
 * training pauses, as does every epoch that ends while it is paused (an epoch can end just after
 * the pause was asked for). The end of a run writes its own copy (see {@link TrainingViewModel}).
 * The writer takes the run's newest finished epoch when it writes. Not thread-safe: the UI thread
 * owns it.
 */
final class RecoveryCopies {
    /** At most one copy per this interval while a training runs. */
    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final Runnable writer;
    private final LongSupplier nanoTime;
    private final long intervalNanos = INTERVAL.toNanos();
    private boolean wroteThisRun;
    private boolean paused;
    private long lastWrite;
    private boolean waiting;

    /**
     * @param writer   writes the run's newest finished epoch to the recovery copy (in the background)
     * @param nanoTime the clock, {@link System#nanoTime} but in tests
     */
    RecoveryCopies(Runnable writer, LongSupplier nanoTime) {
        this.writer = writer;
        this.nanoTime = nanoTime;
    }

    /** A new run: its first epoch is written at once. */
    void runStarted() {
        wroteThisRun = false;
        paused = false;
        waiting = false;
    }

    /** An epoch ended: written now, or once the interval has passed or the run pauses. */
    void epochEnded() {
        long now = nanoTime.getAsLong();
        if (wroteThisRun && !paused && now - lastWrite < intervalNanos) {
            waiting = true;
            return;
        }
        write(now);
    }

    /** The run paused: the newest epoch not yet on disk goes there now, and any that ends until it resumes. */
    void paused() {
        paused = true;
        if (waiting) {
            write(nanoTime.getAsLong());
        }
    }

    /** The run goes on: epochs wait for the interval again. */
    void resumed() {
        paused = false;
    }

    /** The run ended and wrote its final copy: nothing waits any more. */
    void runEnded() {
        waiting = false;
    }

    private void write(long now) {
        waiting = false;
        wroteThisRun = true;
        lastWrite = now;
        writer.run();
    }
}
