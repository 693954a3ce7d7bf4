package org.latentexplorer.ui;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.event.EventType;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.PickResult;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.latentexplorer.model.NativeRuntime;
import org.latentexplorer.runtime.ProcessStats;
import org.latentexplorer.ui.common.FileDialogs;
import org.latentexplorer.ui.compare.CompareViewModel;
import org.latentexplorer.ui.grid.GridView;
import org.latentexplorer.ui.grid.GridViewModel;
import org.latentexplorer.ui.training.TrainingViewModel;

/**
 * Measures the window's responsiveness on a real display: time from the window shown to the first
 * decoded grid, frame times while the grid is dragged, the longest stalls of the UI thread while
 * a model trains (alone and while dragging), and frame times while three shipped models side by
 * side are dragged together. Prints one JSON object on stdout.
 *
 * <pre>java -cp latent-explorer.jar org.latentexplorer.ui.UiBenchmark [--drag-seconds S]
 *     [--train-seconds S] [--train-drag-seconds S] [--epochs N] [--stalls]
 * java -cp latent-explorer.jar org.latentexplorer.ui.UiBenchmark --soak N</pre>
 *
 * {@code --soak N} measures a long session instead: a new model trained N epochs on MNIST with the
 * grid following the training, a one-second drag every four seconds, and the resident memory at
 * the end of every epoch.
 *
 * {@code --stalls} samples the UI thread's stack whenever a pulse is late and reports where it was.
 * Training uses the window's default settings except for the number of epochs (default 100), so
 * that it lasts the whole measurement.
 */
public final class UiBenchmark {
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);
    /** A pulse later than this counts as a stall for --stalls sampling. */
    private static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    /** Kept referenced: java.util.logging holds loggers weakly. */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long jvmStartNanos;
    private final long mainNanos;
    private final ObjectNode out = JSON.createObjectNode();
    private final PulseMonitor pulses = new PulseMonitor();
    private volatile Thread fxThread;
    private LatentExplorerApp app;
    private Stage stage;
    private volatile long shownNanos;
    private volatile long gridNanos;
    private volatile long pulseAfterGridNanos;
    private volatile long runningNanos;
    private double firstDecodeMs;
    private double firstDrawMs;
    /** Decode times of the frames since the last clearFrames; on the UI thread. */
    private final List<Double> decodeMs = new ArrayList<>();
    /** Every frame the grid draws, from its frame listener. */
    private final FrameStats frames = new FrameStats();

    private UiBenchmark(long jvmStartNanos, long mainNanos) {
        this.jvmStartNanos = jvmStartNanos;
        this.mainNanos = mainNanos;
    }

    public static void main(String[] args) throws Exception {
        long now = System.nanoTime();
        long jvmStart = now - TimeUnit.MILLISECONDS.toNanos(ManagementFactory.getRuntimeMXBean().getUptime());
        NativeRuntime.configure();
        // The "unsupported configuration" warning of JavaFX on the class path would only add noise.
        JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        int status = 0;
        UiBenchmark bench = new UiBenchmark(jvmStart, now);
        try {
            bench.run(Options.parse(args));
        } catch (Exception | Error e) {
            e.printStackTrace();
            bench.out.put("error", String.valueOf(e));
            status = 1;
        }
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(bench.out));
        System.out.flush();
        Platform.exit();
        // Native libraries and the app's lanes may leave threads behind.
        System.exit(status);
    }

    private record Options(double dragSeconds, double trainSeconds, double trainDragSeconds, int epochs, boolean stalls,
                           int soakEpochs, boolean compareOnly) {
        static Options parse(String[] args) {
            double drag = 5;
            double train = 20;
            double trainDrag = 10;
            int epochs = 100;
            boolean stalls = false;
            int soak = 0;
            boolean compareOnly = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--drag-seconds" -> drag = Double.parseDouble(args[++i]);
                    case "--train-seconds" -> train = Double.parseDouble(args[++i]);
                    case "--train-drag-seconds" -> trainDrag = Double.parseDouble(args[++i]);
                    case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                    case "--stalls" -> stalls = true;
                    case "--soak" -> soak = Integer.parseInt(args[++i]);
                    case "--compare-only" -> compareOnly = true;
                    default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (known: --drag-seconds S,"
                            + " --train-seconds S, --train-drag-seconds S, --epochs N, --stalls, --soak N, --compare-only)");
                }
            }
            return new Options(drag, train, trainDrag, epochs, stalls, soak, compareOnly);
        }
    }

    private void run(Options o) throws Exception {
        out.set("machine", machine());
        StallSampler sampler = o.stalls() ? new StallSampler() : null;
        ObjectNode stalls = node();
        if (sampler != null) {
            sampler.always(true);
        }
        startWindow();
        if (o.soakEpochs() > 0) {
            if (sampler != null) {
                sampler.always(false);
                stalls.set("start_until_grid", sampler.take());
            }
            out.set("soak", soakPhase(app.gridView(), app.viewModel(), o.soakEpochs()));
            if (sampler != null) {
                stalls.set("soak", sampler.take());
                out.set("stalls", stalls);
            }
            out.put("peak_rss_mb", round(ProcessStats.peakRssMb(), 1));
            out.put("load_average_at_end", loadAverage());
            return;
        }
        if (sampler != null) {
            sampler.always(false);
            stalls.set("start_until_grid", sampler.take());
        }
        GridView grid = app.gridView();
        ExplorerViewModel vm = app.viewModel();
        out.set("window", fx(() -> {
            ObjectNode w = node();
            w.put("screen_width", Screen.getPrimary().getBounds().getWidth());
            w.put("screen_height", Screen.getPrimary().getBounds().getHeight());
            w.put("maximized", stage.isMaximized());
            w.put("width", stage.getWidth());
            w.put("height", stage.getHeight());
            w.put("canvas_width", grid.getWidth());
            w.put("canvas_height", grid.getHeight());
            w.put("plot_side", grid.plotSide());
            w.put("prism_pipeline", prismPipeline());
            return w;
        }));

        if (o.compareOnly()) {
            Thread.sleep(1500);
            // The first drag also pays for compiling the drawing and decoding code; the second is measured.
            out.set("compare_first", comparePhase(vm, 20, o.dragSeconds()));
            if (sampler != null) {
                // Where the UI thread and the renderer spend the whole drag, late pulses or not.
                sampler.take();
                sampler.always(true);
            }
            out.set("compare", comparePhase(vm, 20, o.dragSeconds()));
            if (sampler != null) {
                stalls.set("compare", sampler.take());
                out.set("stalls", stalls);
            }
            return;
        }
        // Let the start-up work (test set, samples) settle, then see what an idle window's pulses look like.
        Thread.sleep(1500);
        int from = fx(pulses::mark);
        Usage idle = Usage.now();
        Thread.sleep(2000);
        out.set("idle_pulses", fx(() -> pulses.stats(from, pulses.mark())));
        out.set("idle_cpu", idle.since());

        ObjectNode drag = node();
        if (sampler != null) {
            sampler.take();
        }
        drag.set("n20", dragPhase(grid, vm, 20, o.dragSeconds()));
        drag.set("n32", dragPhase(grid, vm, 32, o.dragSeconds()));
        // The first drag also pays for warming up; the same again shows the steady state.
        drag.set("n20_again", dragPhase(grid, vm, 20, o.dragSeconds()));
        out.set("drag", drag);
        if (sampler != null) {
            stalls.set("drag", sampler.take());
        }
        fx(() -> {
            vm.grid().resetView();
            return null;
        });
        Thread.sleep(500);

        out.set("training", trainingPhase(grid, vm, o, sampler, stalls));
        // The window's own figure, before three more models are opened beside it.
        out.put("peak_rss_mb", round(ProcessStats.peakRssMb(), 1));
        if (sampler != null) {
            sampler.take();
        }
        out.set("compare", comparePhase(vm, 20, o.dragSeconds()));
        if (sampler != null) {
            stalls.set("compare", sampler.take());
            out.set("stalls", stalls);
        }
        out.put("peak_rss_mb_after_compare", round(ProcessStats.peakRssMb(), 1));
        out.put("load_average_at_end", loadAverage());
    }

    // ------------------------------------------------------------------ start

    private void startWindow() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(() -> {
            fxThread = Thread.currentThread();
            started.countDown();
        });
        started.await();
        long fxNanos = System.nanoTime();
        Platform.setImplicitExit(false);
        long[] startReturned = new long[1];
        fx(() -> {
            pulses.start();
            stage = new Stage();
            stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> shownNanos = System.nanoTime());
            // The measured training is not the user's: it must not leave a recovery copy behind.
            app = new LatentExplorerApp(FileDialogs.NATIVE, null);
            app.start(stage);
            app.gridView().addFrameListener(f -> {
                frames.add(f);
                // The first frame is drawn once the window is shown and laid out, after the grid arrived.
                Platform.runLater(this::checkFirstGrid);
            });
            startReturned[0] = System.nanoTime();
            // Listeners run in order: GridView's draw was queued first, so this check runs after it.
            app.viewModel().grid().renderedProperty().addListener((obs, a, b) -> {
                if (b != null) {
                    decodeMs.add(b.decodeNanos() / 1e6);
                }
                Platform.runLater(this::checkFirstGrid);
            });
            return null;
        });
        long appStart = startReturned[0];
        waitFor("the first grid", () -> gridNanos != 0 && pulseAfterGridNanos != 0);
        ObjectNode s = node();
        s.put("window_to_grid_ms", ms(gridNanos - shownNanos));
        s.put("jvm_start_to_grid_ms", ms(gridNanos - jvmStartNanos));
        s.put("main_to_grid_ms", ms(gridNanos - mainNanos));
        s.put("jvm_start_to_main_ms", ms(mainNanos - jvmStartNanos));
        s.put("main_to_toolkit_ms", ms(fxNanos - mainNanos));
        s.put("toolkit_to_shown_ms", ms(shownNanos - fxNanos));
        s.put("app_start_returned_after_shown_ms", ms(appStart - shownNanos));
        s.put("grid_to_next_pulse_ms", ms(pulseAfterGridNanos - gridNanos));
        s.put("first_frame_decode_ms", round(firstDecodeMs, 2));
        s.put("first_frame_draw_ms", round(firstDrawMs, 2));
        s.put("target_window_to_grid_ms", 3000);
        s.put("meets_target", gridNanos - shownNanos <= TimeUnit.SECONDS.toNanos(3));
        out.set("start", s);
    }

    /** On the UI thread. */
    private void checkFirstGrid() {
        FrameStats f = frames;
        if (gridNanos == 0 && f.count() > 0) {
            gridNanos = System.nanoTime();
            firstDecodeMs = f.medianDecodeMs();
            firstDrawMs = f.medianDrawMs();
        }
    }

    // ------------------------------------------------------------------ drag

    private ObjectNode dragPhase(GridView grid, ExplorerViewModel vm, int n, double seconds) throws Exception {
        fx(() -> {
            vm.grid().resetView();
            vm.grid().stepsProperty().set(n);
            return null;
        });
        waitFor("the " + n + " x " + n + " grid", () -> fx(() -> steps(vm) == n));
        Thread.sleep(300);
        Usage usage = Usage.now();
        Drag d = fx(() -> {
            clearFrames(grid);
            return new Drag(grid, seconds);
        });
        awaitDrag(d);
        ObjectNode cpu = usage.since();
        // The last requested frame arrives after the release.
        Thread.sleep(300);
        ObjectNode r = fx(() -> {
            ObjectNode f = frameStats(frames, d.seconds());
            f.put("steps", n);
            f.put("drag_events", d.events);
            f.set("pulses", pulses.stats(d.firstPulse, d.lastPulse));
            return f;
        });
        r.put("target_median_work_ms", 16);
        r.put("meets_target", r.path("median_work_ms").asDouble(Double.MAX_VALUE) <= 16);
        r.set("cpu", cpu);
        return r;
    }

    private static int steps(ExplorerViewModel vm) {
        GridViewModel.RenderedGrid r = vm.grid().renderedProperty().get();
        return r == null ? -1 : r.request().steps();
    }

    /** On the UI thread. */
    private void clearFrames(GridView grid) {
        frames.clear();
        decodeMs.clear();
    }

    private ObjectNode frameStats(FrameStats f, double seconds) {
        ObjectNode o = node();
        o.put("frames", f.count());
        o.put("frames_per_second", round(f.count() / seconds, 1));
        o.put("median_work_ms", round(f.medianWorkMs(), 2));
        o.put("median_decode_ms", round(f.medianDecodeMs(), 2));
        o.put("median_draw_ms", round(f.medianDrawMs(), 2));
        o.put("median_frame_ms", round(f.medianFrameMs(), 2));
        o.put("p90_frame_ms", round(f.percentileFrameMs(90), 2));
        o.put("p99_frame_ms", round(f.percentileFrameMs(99), 2));
        o.put("max_frame_ms", round(f.percentileFrameMs(100), 2));
        // FrameStats keeps only the median decode; the tail says whether slow frames are slow decodes.
        double[] d = decodeMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (d.length > 0) {
            o.put("p90_decode_ms", round(d[Math.min(d.length - 1, (int) (0.9 * d.length))], 2));
            o.put("p99_decode_ms", round(d[Math.min(d.length - 1, (int) (0.99 * d.length))], 2));
            o.put("max_decode_ms", round(d[d.length - 1], 2));
        }
        return o;
    }

    private void awaitDrag(Drag d) throws Exception {
        if (!d.done.await(d.durationNanos + TIMEOUT_NANOS, TimeUnit.NANOSECONDS)) {
            throw new TimeoutException("the drag did not end");
        }
    }

    /**
     * Presses in the plot and drags the pointer round a circle, one event per pulse (about 60 Hz),
     * 6 px apart, then releases: the events a real drag delivers, fired on the grid itself.
     */
    private final class Drag extends AnimationTimer {
        private static final double RADIUS = 60;
        private static final double STEP = 0.1;
        private final GridView grid;
        private final long durationNanos;
        private final CountDownLatch done = new CountDownLatch(1);
        private final double cx;
        private final double cy;
        private long begin;
        private long end;
        private int events;
        private int firstPulse;
        private int lastPulse;

        Drag(GridView grid, double seconds) {
            this.grid = grid;
            this.durationNanos = (long) (seconds * 1e9);
            this.cx = grid.plotX() + grid.plotSide() / 2;
            this.cy = grid.plotY() + grid.plotSide() / 2;
            start();
        }

        double seconds() {
            return (end - begin) / 1e9;
        }

        @Override
        public void handle(long now) {
            long t = System.nanoTime();
            if (begin == 0) {
                begin = t;
                firstPulse = pulses.mark();
                fire(MouseEvent.MOUSE_PRESSED, cx + RADIUS, cy);
                return;
            }
            if (t - begin >= durationNanos) {
                events++;
                double a = events * STEP;
                fire(MouseEvent.MOUSE_RELEASED, cx + RADIUS * Math.cos(a), cy + RADIUS * Math.sin(a));
                end = t;
                lastPulse = pulses.mark();
                stop();
                done.countDown();
                return;
            }
            events++;
            double a = events * STEP;
            fire(MouseEvent.MOUSE_DRAGGED, cx + RADIUS * Math.cos(a), cy + RADIUS * Math.sin(a));
        }

        private void fire(EventType<MouseEvent> type, double x, double y) {
            Point2D scene = grid.localToScene(x, y);
            Point2D screen = grid.localToScreen(x, y);
            if (screen == null) {
                screen = scene;
            }
            boolean down = type != MouseEvent.MOUSE_RELEASED;
            Event.fireEvent(grid, new MouseEvent(type, scene.getX(), scene.getY(), screen.getX(), screen.getY(),
                    MouseButton.PRIMARY, 1, false, false, false, false, down, false, false, false, false, false,
                    new PickResult(grid, scene.getX(), scene.getY())));
        }
    }

    // ------------------------------------------------------------------ compare

    /**
     * Three shipped models side by side, n x n each, sharing one viewport: a drag on the first grid
     * moves all three, and every grid reports its frames (the time from the drag event that asked
     * for a frame to that grid drawn), so the percentiles are over all three grids' frames.
     */
    private ObjectNode comparePhase(ExplorerViewModel vm, int n, double seconds) throws Exception {
        CompareViewModel compare = vm.compare();
        fx(() -> {
            vm.grid().resetView();
            List<Path> files = new ArrayList<>(compare.files(CompareViewModel.Pair.AE_VS_VAE));
            for (Path f : compare.files(CompareViewModel.Pair.BETA_1_VS_4)) {
                if (!files.contains(f)) {
                    files.add(f);
                }
            }
            compare.compare(files);
            compare.stepsProperty().set(n);
            return null;
        });
        waitFor("three compared " + n + " x " + n + " grids", () -> fx(() -> compare.models().size() == 3
                && compare.models().stream().allMatch(m -> {
                    GridViewModel.RenderedGrid r = m.grid().renderedProperty().get();
                    return r != null && r.request().steps() == n && app.compareView().gridOf(m) != null;
                })));
        Thread.sleep(500);
        List<GridView> grids = fx(() -> compare.models().stream().map(app.compareView()::gridOf).toList());
        Usage usage = Usage.now();
        Drag d = fx(() -> {
            for (GridView g : grids) {
                g.addFrameListener(f -> {
                    frames.add(f);
                    decodeMs.add(f.decodeMs());
                });
            }
            clearFrames(null);
            return new Drag(grids.get(0), seconds);
        });
        awaitDrag(d);
        ObjectNode cpu = usage.since();
        Thread.sleep(300);
        ObjectNode r = fx(() -> {
            ObjectNode f = frameStats(frames, d.seconds());
            f.put("grids", grids.size());
            f.put("steps", n);
            f.put("drag_events", d.events);
            f.set("pulses", pulses.stats(d.firstPulse, d.lastPulse));
            f.put("target_p99_frame_ms", 33);
            return f;
        });
        r.set("cpu", cpu);
        fx(() -> {
            compare.leave();
            return null;
        });
        return r;
    }

    // ------------------------------------------------------------------ training

    private ObjectNode trainingPhase(GridView grid, ExplorerViewModel vm, Options o, StallSampler sampler,
                                     ObjectNode stalls) throws Exception {
        TrainingViewModel tv = vm.training();
        ObjectNode t = node();
        int before = fx(() -> {
            t.put("dataset", tv.datasetProperty().get());
            // The shipped MNIST split trains 10 epochs in well under the measured window: more epochs,
            // same iterations, so training runs for the whole of it (it is cancelled afterwards).
            t.put("epochs_default", tv.epochsProperty().get());
            tv.epochsProperty().set(o.epochs());
            t.put("epochs", tv.epochsProperty().get());
            t.put("batch_size", tv.batchSizeProperty().get());
            t.put("hidden", tv.hiddenProperty().get());
            t.put("latent", tv.latentProperty().get());
            tv.stateProperty().addListener((obs, a, b) -> {
                if (b == TrainingViewModel.State.RUNNING && runningNanos == 0) {
                    runningNanos = System.nanoTime();
                }
            });
            return pulses.mark();
        });
        long startNanos = System.nanoTime();
        fx(() -> {
            tv.start();
            return null;
        });
        waitFor("training to run", () -> runningNanos != 0);
        ObjectNode starting = node();
        starting.put("start_to_running_ms", ms(runningNanos - startNanos));
        // To line the phase up with the JVM's own logs (-Xlog:gc, -Xlog:safepoint), which count from its start.
        starting.put("running_at_jvm_uptime_ms", ms(runningNanos - jvmStartNanos));
        int running = fx(() -> {
            // A little past the switch to RUNNING, so begin() and the first redraw count as starting.
            starting.set("pulses", pulses.stats(before, pulses.mark()));
            clearFrames(grid);
            return pulses.mark();
        });
        t.set("starting", starting);

        long windowStart = System.nanoTime();
        long iterationsAtStart = fx(tv::iterationsDone);
        Usage usage = Usage.now();
        sleepSeconds(o.trainSeconds());
        ObjectNode cpu = usage.since();
        ObjectNode alone = fx(() -> {
            double seconds = (System.nanoTime() - windowStart) / 1e9;
            ObjectNode a = node();
            a.put("seconds", round(seconds, 2));
            a.set("pulses", target(pulses.stats(running, pulses.mark())));
            double rate = (tv.iterationsDone() - iterationsAtStart) / seconds;
            a.put("iterations_per_second", round(rate, 1));
            // With the test-set evaluation after each epoch; the progress line's figure is without.
            a.put("images_per_second", round(rate * tv.batchSizeProperty().get(), 0));
            a.put("images_per_second_shown", Math.round(tv.samplesPerSecond()));
            a.set("grid_refreshes", frameStats(frames, seconds));
            a.set("cpu", cpu);
            clearFrames(grid);
            return a;
        });
        t.set("training", alone);
        if (sampler != null) {
            stalls.set("training", sampler.take());
        }

        long dragIterations = fx(tv::iterationsDone);
        Usage dragUsage = Usage.now();
        Drag d = fx(() -> new Drag(grid, o.trainDragSeconds()));
        awaitDrag(d);
        ObjectNode dragCpu = dragUsage.since();
        Thread.sleep(300);
        ObjectNode both = fx(() -> {
            ObjectNode b = node();
            b.put("seconds", round(d.seconds(), 2));
            b.set("pulses", target(pulses.stats(d.firstPulse, d.lastPulse)));
            double rate = (tv.iterationsDone() - dragIterations) / d.seconds();
            b.put("iterations_per_second", round(rate, 1));
            b.put("images_per_second", round(rate * tv.batchSizeProperty().get(), 0));
            b.put("images_per_second_shown", Math.round(tv.samplesPerSecond()));
            b.put("drag_events", d.events);
            ObjectNode f = frameStats(frames, d.seconds());
            f.put("target_median_work_ms", 16);
            f.put("meets_target", frames.medianWorkMs() <= 16);
            b.set("frames", f);
            b.set("cpu", dragCpu);
            return b;
        });
        t.set("training_and_drag", both);
        if (sampler != null) {
            stalls.set("training_and_drag", sampler.take());
        }

        long cancelNanos = System.nanoTime();
        ObjectNode cancel = node();
        int cancelPulse = fx(() -> {
            cancel.put("was_running", tv.stateProperty().get() == TrainingViewModel.State.RUNNING);
            tv.cancel();
            return pulses.mark();
        });
        waitFor("training to stop", () -> fx(() -> !tv.isActive()));
        long stopped = System.nanoTime();
        // The model's redraw after the run ends comes through the decode lane.
        Thread.sleep(500);
        cancel.put("cancel_to_idle_ms", ms(stopped - cancelNanos));
        cancel.set("pulses", fx(() -> pulses.stats(cancelPulse, pulses.mark())));
        t.set("cancel", cancel);
        if (sampler != null) {
            stalls.set("cancel", sampler.take());
        }
        return t;
    }

    // ------------------------------------------------------------------ soak

    private ObjectNode soakPhase(GridView grid, ExplorerViewModel vm, int epochs) throws Exception {
        TrainingViewModel tv = vm.training();
        List<double[]> curve = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        int firstPulse = fx(() -> {
            tv.continueCurrentProperty().set(false);
            tv.epochsProperty().set(epochs);
            vm.session().weightsProperty().addListener((obs, a, b) -> {
                var m = vm.session().model();
                int done = m == null || m.run() == null ? 0 : m.history().size();
                if (done > curve.size()) {
                    Runtime rt = Runtime.getRuntime();
                    double[] malloc = MallocStats.mb();
                    curve.add(new double[] {done, ProcessStats.rssMb(), (rt.totalMemory() - rt.freeMemory()) / 1048576.0,
                            (System.nanoTime() - start) / 1e9, rt.totalMemory() / 1048576.0, malloc[0], malloc[1],
                            malloc[2]});
                }
            });
            tv.start();
            return pulses.mark();
        });
        waitFor("training to run", () -> fx(tv::isActive));
        int drags = 0;
        while (fx(tv::isActive)) {
            sleepSeconds(3);
            if (!fx(tv::isActive)) {
                break;
            }
            Drag d = fx(() -> new Drag(grid, 1));
            awaitDrag(d);
            drags++;
        }
        ObjectNode s = node();
        s.put("epochs", epochs);
        s.put("epochs_recorded", curve.size());
        s.put("seconds", round((System.nanoTime() - start) / 1e9, 1));
        s.put("drags", drags);
        s.set("pulses", fx(() -> pulses.stats(firstPulse, pulses.mark())));
        var rows = s.putArray("rss_by_epoch");
        double at5 = Double.NaN;
        double max = 0;
        double min = Double.MAX_VALUE;
        synchronized (curve) {
            for (double[] c : curve) {
                ObjectNode r = node();
                r.put("epoch", (int) c[0]);
                r.put("rss_mb", round(c[1], 1));
                r.put("heap_used_mb", round(c[2], 1));
                r.put("seconds", round(c[3], 1));
                r.put("heap_committed_mb", round(c[4], 1));
                r.put("malloc_heaps_in_use_mb", round(c[5], 1));
                r.put("malloc_mapped_mb", round(c[6], 1));
                r.put("malloc_heaps_free_mb", round(c[7], 1));
                rows.add(r);
                if (c[0] == 5) {
                    at5 = c[1];
                }
                if (c[0] >= 5) {
                    max = Math.max(max, c[1]);
                    min = Math.min(min, c[1]);
                }
            }
        }
        s.put("rss_epoch_5_mb", round(at5, 1));
        s.put("rss_max_from_epoch_5_mb", round(max, 1));
        s.put("rss_min_from_epoch_5_mb", round(min, 1));
        s.put("growth_from_epoch_5", round((max - at5) / at5, 3));
        s.put("target_growth", 0.10);
        s.put("meets_target", (max - at5) / at5 <= 0.10);
        return s;
    }

    private static ObjectNode target(ObjectNode pulseStats) {
        pulseStats.put("target_max_gap_ms", 33);
        pulseStats.put("meets_target", pulseStats.path("max_gap_ms").asDouble(Double.MAX_VALUE) <= 33);
        return pulseStats;
    }

    // ------------------------------------------------------------------ pulses

    /**
     * Gaps between consecutive pulses, taken in an animation timer: running, it keeps pulses coming
     * at the display rate, so a longer gap is time the UI thread was busy with something else.
     */
    private final class PulseMonitor extends AnimationTimer {
        private long[] at = new long[8192];
        private long[] gap = new long[8192];
        private int size;
        private long last;
        volatile long lastNanos;

        @Override
        public void handle(long now) {
            long t = System.nanoTime();
            lastNanos = t;
            if (last != 0) {
                if (size == gap.length) {
                    at = Arrays.copyOf(at, size * 2);
                    gap = Arrays.copyOf(gap, size * 2);
                }
                at[size] = t;
                gap[size++] = t - last;
            }
            last = t;
            if (gridNanos != 0 && pulseAfterGridNanos == 0) {
                pulseAfterGridNanos = t;
            }
            if (gridNanos == 0 && app != null && app.gridView() != null) {
                checkFirstGrid();
            }
        }

        /** Index of the next gap; on the UI thread. */
        int mark() {
            return size;
        }

        /** Gaps [from, to) in ms; on the UI thread. */
        ObjectNode stats(int from, int to) {
            double[] g = new double[Math.max(0, to - from)];
            int worst = from;
            for (int i = from; i < to; i++) {
                g[i - from] = gap[i] / 1e6;
                if (gap[i] > gap[worst]) {
                    worst = i;
                }
            }
            ObjectNode o = node();
            o.put("pulses", g.length);
            if (g.length == 0) {
                return o;
            }
            Arrays.sort(g);
            o.put("median_gap_ms", round(g[g.length / 2], 2));
            o.put("p99_gap_ms", round(g[Math.min(g.length - 1, (int) Math.floor(0.99 * g.length))], 2));
            o.put("max_gap_ms", round(g[g.length - 1], 2));
            o.put("max_gap_at_s", round((at[worst] - at[from]) / 1e9, 2));
            o.put("gaps_over_33ms", Arrays.stream(g).filter(v -> v > 33.4).count());
            o.put("gaps_over_50ms", Arrays.stream(g).filter(v -> v > 50).count());
            var late = o.putArray("late_gaps_at_s_ms");
            for (int i = from; i < to; i++) {
                if (gap[i] / 1e6 > 33.4) {
                    late.addArray().add(round((at[i] - at[from]) / 1e9, 2)).add(round(gap[i] / 1e6, 1));
                }
            }
            return o;
        }
    }

    /**
     * Where the UI thread is while a pulse is late (or, during start-up, always): its stack and the
     * renderer's, sampled every 2 ms, counted by the innermost frames of this program and the
     * innermost frame overall. Reports and resets per phase.
     */
    private final class StallSampler implements Runnable {
        private final Map<String, Integer> fxCounts = new HashMap<>();
        private final Map<String, Integer> renderCounts = new HashMap<>();
        private final Thread thread = new Thread(this, "stall-sampler");
        private volatile boolean always;
        private int samples;

        StallSampler() {
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            Thread renderer = null;
            while (true) {
                long last = pulses.lastNanos;
                Thread fx = fxThread;
                if (fx != null && (always || last != 0 && System.nanoTime() - last > LATE_NANOS)) {
                    if (renderer == null) {
                        renderer = Thread.getAllStackTraces().keySet().stream()
                                .filter(t -> t.getName().startsWith("QuantumRenderer")).findFirst().orElse(null);
                    }
                    StackTraceElement[] stack = fx.getStackTrace();
                    StackTraceElement[] render = renderer == null ? new StackTraceElement[0] : renderer.getStackTrace();
                    synchronized (this) {
                        if (stack.length > 0 && (always || pulses.lastNanos == last)) {
                            samples++;
                            fxCounts.merge(signature(stack, "org.latentexplorer."), 1, Integer::sum);
                            if (render.length > 0) {
                                renderCounts.merge(signature(render, "com.sun.javafx.sg.prism."), 1, Integer::sum);
                            }
                        }
                    }
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private static String signature(StackTraceElement[] stack, String own) {
            StringBuilder b = new StringBuilder();
            int found = 0;
            for (StackTraceElement e : stack) {
                if (e.getClassName().startsWith(own) && found < 3) {
                    b.append(found++ == 0 ? "" : " < ").append(frame(e));
                }
            }
            return b.append(found == 0 ? "" : " | ").append(frame(stack[0])).toString();
        }

        private static String frame(StackTraceElement e) {
            String c = e.getClassName();
            return c.substring(c.lastIndexOf('.') + 1) + "." + e.getMethodName() + ":" + e.getLineNumber();
        }

        void always(boolean on) {
            always = on;
        }

        synchronized ObjectNode take() {
            ObjectNode o = node();
            o.put("samples", samples);
            o.put("sample_every_ms", 2);
            o.set("ui_thread", top(fxCounts));
            o.set("renderer_thread", top(renderCounts));
            fxCounts.clear();
            renderCounts.clear();
            samples = 0;
            return o;
        }

        private static ObjectNode top(Map<String, Integer> counts) {
            ObjectNode top = node();
            counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(20)
                    .forEach(e -> top.put(e.getKey(), e.getValue()));
            return top;
        }
    }

    /**
     * CPU time of this process and of everything else on the machine, and garbage collection, over
     * a phase: on a shared machine the "others" figure says how far to trust the rest.
     */
    private record Usage(long nanos, long[] machine, long self, long gcCount, long gcMillis, Map<String, Long> threads) {
        static Usage now() {
            long count = 0;
            long millis = 0;
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
            return new Usage(System.nanoTime(), machineTicks(), selfTicks(), count, millis, threadTicks());
        }

        ObjectNode since() {
            Usage end = now();
            ObjectNode o = node();
            int cores = Runtime.getRuntime().availableProcessors();
            long total = end.machine[0] - machine[0];
            if (machine[0] >= 0 && self >= 0 && total > 0) {
                // Ticks of all CPUs together: a share of them times the cores is cores busy on average.
                double busy = end.machine[1] - machine[1];
                double own = end.self - self;
                o.put("this_process_cores", round(own / total * cores, 2));
                o.put("other_processes_cores", round(Math.max(0, busy - own) / total * cores, 2));
                o.put("steal_cores", round((double) (end.machine[2] - machine[2]) / total * cores, 2));
            }
            o.put("gc_count", end.gcCount - gcCount);
            o.put("gc_ms", end.gcMillis - gcMillis);
            // Which threads the cores went to: the UI thread, the renderer, the lanes, their native
            // workers (named after the thread that started them or "java"), the collector, the compiler.
            double seconds = (end.nanos - nanos) / 1e9;
            ObjectNode by = o.putObject("threads_cores");
            end.threads.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - threads.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                    .forEach(e -> by.put(e.getKey(), round(e.getValue() / 100.0 / seconds, 2)));
            return o;
        }

        /** User and system ticks (1/100 s) of this process's threads from /proc/self/task, summed by name. */
        private static Map<String, Long> threadTicks() {
            Map<String, Long> ticks = new HashMap<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path t : (Iterable<Path>) tasks::iterator) {
                    try {
                        String stat = Files.readString(t.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                                .replaceAll("[#0-9]+$", "").trim();
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException | RuntimeException e) {
                return Map.of();
            }
            return ticks;
        }

        /** All, busy and stolen ticks of all CPUs from /proc/stat; -1 where unreadable. */
        private static long[] machineTicks() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long all = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    all += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
                return new long[] {all, all - idle - steal, steal};
            } catch (IOException | RuntimeException e) {
                return new long[] {-1, -1, -1};
            }
        }

        /** User and system ticks of this process from /proc/self/stat; -1 where unreadable. */
        private static long selfTicks() {
            try {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static ObjectNode machine() {
        ObjectNode m = node();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", cpuModel());
        m.put("os_name", System.getProperty("os.name"));
        m.put("os_arch", System.getProperty("os.arch"));
        m.put("java_version", System.getProperty("java.version"));
        m.put("java_vm", System.getProperty("java.vm.name"));
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("display", System.getenv("DISPLAY"));
        m.put("load_average_at_start", loadAverage());
        return m;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** The 1-minute load average: other work on the machine skews every figure here. */
    private static Double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Which renderer JavaFX chose (es2 or sw); from an internal class, so only when it is readable. */
    private static String prismPipeline() {
        try {
            Object p = Class.forName("com.sun.prism.GraphicsPipeline").getMethod("getPipeline").invoke(null);
            return p == null ? null : p.getClass().getName();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static <T> T fx(Supplier<T> work) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return work.get();
        }
        FutureTask<T> task = new FutureTask<>(work::get);
        Platform.runLater(task);
        return task.get(TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(String what, Check check) throws Exception {
        long end = System.nanoTime() + TIMEOUT_NANOS;
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new TimeoutException("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static void sleepSeconds(double s) throws InterruptedException {
        Thread.sleep((long) (s * 1000));
    }

    private static ObjectNode node() {
        return JSON.createObjectNode();
    }

    private static Double ms(long nanos) {
        return round(nanos / 1e6, 1);
    }

    private static Double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return null;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
