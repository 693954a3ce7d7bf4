package org.latentexplorer.ui.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@link Tasks} for tests without a JavaFX toolkit: every job runs at once on the calling thread and
 * its answer follows immediately, so a view model call has finished all its work when it returns.
 */
public class DirectTasks implements Tasks {
    /** The lane of every job submitted so far, in order. */
    public final List<Lane> submitted = Collections.synchronizedList(new ArrayList<>());

    @Override
    public <T> void submit(Lane lane, Callable<T> work, Consumer<? super T> onDone, Consumer<Throwable> onError) {
        submitted.add(lane);
        runAndAnswer(work, onDone, onError);
    }

    /** Runs a job and answers; the answer is outside the try: a failing answer must fail the test. */
    static <T> void runAndAnswer(Callable<T> work, Consumer<? super T> onDone, Consumer<Throwable> onError) {
        T result;
        try {
            result = work.call();
        } catch (Throwable failure) {
            onError.accept(failure);
            return;
        }
        onDone.accept(result);
    }

    @Override
    public void onUiThread(Runnable r) {
        r.run();
    }

    public long count(Lane lane) {
        synchronized (submitted) {
            return submitted.stream().filter(l -> l == lane).count();
        }
    }

    /**
     * Keeps jobs in one queue, in submission order, until {@link #runAll()} or {@link #runNext()}:
     * a test can then make requests while an earlier one is still "running".
     */
    public static final class Queued implements Tasks {
        private final Deque<Runnable> queue = new ArrayDeque<>();

        @Override
        public <T> void submit(Lane lane, Callable<T> work, Consumer<? super T> onDone, Consumer<Throwable> onError) {
            queue.add(() -> runAndAnswer(work, onDone, onError));
        }

        @Override
        public void onUiThread(Runnable r) {
            queue.add(r);
        }

        public int pending() {
            return queue.size();
        }

        /** Runs the oldest job and its answer; false when nothing waits. */
        public boolean runNext() {
            Runnable r = queue.poll();
            if (r == null) {
                return false;
            }
            r.run();
            return true;
        }

        /** Runs jobs, including those their answers submit, until none is left. */
        public void runAll() {
            while (runNext()) {
                // keep going
            }
        }
    }
}
