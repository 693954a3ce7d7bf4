package org.latentexplorer.ui.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.model.Network;

/**
 * The display copy of the current model, confined to the {@link Tasks.Lane#DECODE} lane. Requests
 * of one kind are latest-wins: while one runs, newer ones replace each other and only the newest
 * runs next, so a fast drag never queues up stale frames. Answers computed for a model that has
 * since been replaced are dropped. Called on the UI thread, but for {@link #prepare}.
 *
 * <p>A model just read need not wait for the UI thread to be shown: {@link #prepare} makes its
 * display copy on the lane at once, from the thread that read it, and lets the warm-ups registered
 * with {@link #warmUpWith} decode ahead (the grid, its first view). At start the UI thread is
 * building the window for a second or more, the lane has a core to itself meanwhile, and the grid
 * is decoded before the window asks for it.
 */
public final class LatentSpaceWorker {
    private final Tasks tasks;
    /** Touched only on the DECODE lane. */
    private volatile LatentSpace space;
    /** A display copy made ahead of its install, and the model it was made from; DECODE lane only. */
    private Prepared prepared;
    private final List<Consumer<LatentSpace>> warmUps = new CopyOnWriteArrayList<>();
    private int generation;

    private record Prepared(Network from, LatentSpace space) {
    }

    public LatentSpaceWorker(Tasks tasks) {
        this.tasks = tasks;
    }

    /**
     * Work to run on the lane on each display copy that {@link #prepare} makes, before the copy is
     * installed: decoding what will be asked of it first, into caches that live on the lane.
     */
    public void warmUpWith(Consumer<LatentSpace> warmUp) {
        warmUps.add(warmUp);
    }

    /**
     * Makes the display copy of a model about to be installed, from any thread, and runs the
     * warm-ups on it. The {@link #install} of the same model object takes this copy instead of
     * making one. A failure here is left to the install, which makes the copy again and says why.
     */
    public void prepare(Network model) {
        tasks.submit(Tasks.Lane.DECODE, () -> {
            prepared = null;
            LatentSpace made = new LatentSpace(model);
            prepared = new Prepared(model, made);
            for (Consumer<LatentSpace> warmUp : warmUps) {
                warmUp.accept(made);
            }
            return null;
        }, done -> { }, failure -> { });
    }

    /** Shows a new model from now on (a copy is taken on the lane, or the one {@link #prepare} made). */
    public void install(Network model, Runnable onReady, Consumer<Throwable> onError) {
        int g = ++generation;
        tasks.submit(Tasks.Lane.DECODE, () -> {
            Prepared ahead = prepared;
            prepared = null;
            space = ahead != null && ahead.from() == model ? ahead.space() : new LatentSpace(model);
            return g;
        }, done -> {
            if (done == generation) {
                onReady.run();
            }
        }, onError);
    }

    /**
     * Lets a writer put new weights of the same model shape into the display copy (on the lane, e.g. a
     * training run copying its current weights), then onDone.
     */
    public void refresh(Consumer<Network> writer, Runnable onDone, Consumer<Throwable> onError) {
        int g = generation;
        tasks.submit(Tasks.Lane.DECODE, () -> {
            space.setWeights(writer);
            return g;
        }, done -> {
            if (done == generation) {
                onDone.run();
            }
        }, onError);
    }

    /** A kind of request of which only the newest waiting one runs. */
    public final class Latest<Q, R> {
        private final Function<LatentSpace, Function<Q, R>> job;
        private Q waiting;
        private Consumer<? super R> waitingDone;
        private boolean running;

        Latest(Function<LatentSpace, Function<Q, R>> job) {
            this.job = job;
        }

        /** Whether no request of this kind is running or waiting: an answer now would be the newest. */
        public boolean idle() {
            return !running && waiting == null;
        }

        public void request(Q query, Consumer<? super R> onDone, Consumer<Throwable> onError) {
            waiting = query;
            waitingDone = onDone;
            if (!running) {
                launch(onError);
            }
        }

        private void launch(Consumer<Throwable> onError) {
            Q q = waiting;
            Consumer<? super R> done = waitingDone;
            waiting = null;
            waitingDone = null;
            running = true;
            int g = generation;
            tasks.submit(Tasks.Lane.DECODE, () -> job.apply(space).apply(q), result -> {
                running = false;
                if (g == generation) {
                    done.accept(result);
                }
                if (waiting != null) {
                    launch(onError);
                }
            }, failure -> {
                running = false;
                if (g == generation) {
                    onError.accept(failure);
                }
                if (waiting != null) {
                    launch(onError);
                }
            });
        }
    }

    public <Q, R> Latest<Q, R> latest(Function<LatentSpace, Function<Q, R>> job) {
        return new Latest<>(job);
    }
}
