package org.latentexplorer.ui.session;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import javafx.application.Platform;

/** {@link Tasks} on one daemon thread per lane, answering through the JavaFX application thread. */
public final class FxTasks implements Tasks {
    private final Map<Lane, ExecutorService> lanes = new EnumMap<>(Lane.class);

    public FxTasks() {
        for (Lane lane : Lane.values()) {
            String name = "latent-explorer-" + lane.name().toLowerCase();
            lanes.put(lane, Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                // Training yields to the lanes that keep the window responsive.
                t.setPriority(lane == Lane.TRAIN ? Thread.NORM_PRIORITY - 1 : Thread.NORM_PRIORITY);
                return t;
            }));
        }
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
