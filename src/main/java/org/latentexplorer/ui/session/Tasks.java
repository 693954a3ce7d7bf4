package org.latentexplorer.ui.session;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Where the view models send slow work: each {@link Lane} is one background thread that runs its
 * jobs in order; results and failures come back on the UI thread. Tests use an implementation
 * that runs everything at once on the calling thread.
 */
public interface Tasks {

    /** The background threads. */
    enum Lane {
        /** Owns the display copy of the model: decodes grids, points and samples, encodes the test set. */
        DECODE,
        /** Reads and writes files: datasets, model files. */
        FILES,
        /**
         * Measures models in the background (metrics reports, the hole field): seconds of both cores
         * each, at the lowest priority but one, and on a lane of its own, so that a save never waits
         * behind a report.
         */
        MEASURE,
        /** Runs training; one run at a time. */
        TRAIN
    }

    /** Runs work on the lane, then onDone(result) or onError(failure) on the UI thread. */
    <T> void submit(Lane lane, Callable<T> work, Consumer<? super T> onDone, Consumer<Throwable> onError);

    /** Runs a piece of UI work on the UI thread, soon (from any thread). */
    void onUiThread(Runnable r);
}
