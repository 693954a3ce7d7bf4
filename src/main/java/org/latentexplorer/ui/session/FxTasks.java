package org.latentexplorer.ui.session;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import javafx.application.Platform;

import org.latentexplorer.model.NativeRuntime;

/** {@link Tasks} on one daemon thread per lane, answering through the JavaFX application thread. */
public final class FxTasks implements Tasks {
    private final Map<Lane, ExecutorService> lanes = new EnumMap<>(Lane.class);

    public FxTasks() {
        int cores = Runtime.getRuntime().availableProcessors();
        for (Lane lane : Lane.values()) {
            // Short enough for the system's 15-character thread names, which the lane's native workers inherit.
            String name = lane.name().toLowerCase() + "-lane";
            int threads = nativeThreads(lane, cores);
            lanes.put(lane, Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(() -> {
                    NativeRuntime.threadsOnThisThread(threads);
                    if (lane == Lane.MEASURE) {
                        // Reports (a metrics report takes both cores for seconds) yield them to the UI
                        // thread, the renderer, the decoding a drag waits for and a save. Training keeps
                        // its priority: at nice 10 beside a busy window it ran 2.5 times slower
                        // (bench/ui.sh) for fewer late pulses but no shorter longest stall.
                        NativeRuntime.lowerPriorityOfThisThread();
                    }
                    r.run();
                }, name);
                t.setDaemon(true);
                return t;
            }));
        }
    }

    /**
     * The native worker threads of a lane: training, which runs for minutes, leaves a core to the
     * UI thread and the renderer; decoding, which a drag waits for, the files lane and the measure
     * lane's short pieces of work (a metrics report, about 2 s) use them all.
     */
    static int nativeThreads(Lane lane, int cores) {
        return lane == Lane.TRAIN ? Math.max(1, cores - 1) : cores;
    }

    @Override
    public <T> void submit(Lane lane, Callable<T> work, Consumer<? super T> onDone, Consumer<Throwable> onError) {
        ExecutorService executor = lanes.get(lane);
        if (executor.isShutdown()) {
            return;   // the window is closing
        }
        executor.execute(() -> {
            T result;
            try {
                result = work.call();
            } catch (Throwable failure) {
                Platform.runLater(() -> onError.accept(failure));
                return;
            }
            Platform.runLater(() -> onDone.accept(result));
        });
    }

    @Override
    public void onUiThread(Runnable r) {
        Platform.runLater(r);
    }

    public void shutdown() {
        lanes.values().forEach(ExecutorService::shutdownNow);
    }
}
