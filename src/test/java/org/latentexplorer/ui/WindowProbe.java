package org.latentexplorer.ui;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

import org.latentexplorer.model.NativeRuntime;
import org.latentexplorer.ui.training.TrainingViewModel;

/**
 * A window in its own process, for {@link WindowProcessTest}: the application as a user starts it
 * (its default recovery file in the user's data folder), driven through its view model and its
 * dialogs, printing one line per thing that happened. Scenarios, the first argument:
 * <ul>
 *   <li>{@code train}: starts a long training on MNIST and keeps going until the process is killed;</li>
 *   <li>{@code recover}: says whether the start offers recovered training, opens it, trains it one more
 *       epoch and exits;</li>
 *   <li>{@code close-while-training}: starts a training, closes the window as a user does (the
 *       unsaved-model question answered "Don't Save") and returns from main without exiting, so
 *       that the process ends only if no thread keeps it alive;</li>
 *   <li>{@code main ARGS...}: starts the program as its launcher does ({@code Main.main(ARGS)}) and
 *       prints the window's title once a grid is drawn, and the header of the first dialog.</li>
 * </ul>
 */
public final class WindowProbe {
    private static LatentExplorerApp app;
    private static Stage stage;
    private static volatile boolean hidden;

    private WindowProbe() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        if (scenario.equals("main")) {
            watchMain(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        NativeRuntime.configure();
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(() -> {
            stage = new Stage();
            stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> hidden = true);
            app = new LatentExplorerApp();
            app.start(stage);
            started.countDown();
        });
        started.await();
        ExplorerViewModel vm = app.viewModel();
        waitFor(() -> vm.session().modelProperty().get() != null && vm.grid().renderedProperty().get() != null);
        say("started model=" + on(() -> vm.session().modelProperty().get().title()));
        switch (scenario) {
            case "train" -> {
                on(() -> {
                    smallTraining(vm.training(), 1000);
                    vm.training().start();
                    return null;
                });
                waitFor(() -> on(() -> vm.training().stateProperty().get() == TrainingViewModel.State.RUNNING));
                say("training");
                Thread.sleep(Long.MAX_VALUE);
            }
            case "recover" -> {
                String offered = on(() -> vm.session().recoveredModel().map(Path::toString).orElse("none"));
                say("offered=" + offered);
                waitFor(() -> on(() -> dialogHeader() != null));
                say("dialog=" + on(WindowProbe::dialogHeader));
                Path file = Path.of(offered);
                on(() -> {
                    vm.session().open(file);
                    return null;
                });
                waitFor(() -> on(() -> !vm.session().busyProperty().get() && vm.session().modelProperty().get() != null
                        && vm.session().modelProperty().get().file() == null));
                say("opened title=" + on(() -> vm.session().modelProperty().get().title()) + " dirty=" + on(vm.session()::isDirty)
                        + " epochs=" + on(() -> vm.session().modelProperty().get().history().size()));
                on(() -> {
                    vm.training().continueCurrentProperty().set(true);
                    vm.training().epochsProperty().set(1);
                    vm.training().start();
                    return null;
                });
                waitFor(() -> on(() -> vm.training().isActive()));
                waitFor(() -> on(() -> !vm.training().isActive()));
                say("continued epochs=" + on(() -> vm.session().modelProperty().get().history().size()) + " status="
                        + on(() -> vm.notifier().statusProperty().get()));
                System.exit(0);
            }
            case "close-while-training" -> {
                on(() -> {
                    smallTraining(vm.training(), 1000);
                    vm.training().start();
                    return null;
                });
                waitFor(() -> on(() -> vm.training().iterationsDone() > 3));
                say("training");
                Platform.runLater(() -> {
                    // Runs inside the question's own event loop, once it is shown.
                    Platform.runLater(WindowProbe::answerDontSave);
                    stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
                });
                // Not through the UI thread: it ends with the window.
                waitFor(() -> hidden);
                say("closed");
                Thread watchdog = new Thread(() -> {
                    try {
                        Thread.sleep(15_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
                        if (!t.getKey().isDaemon() && t.getKey() != Thread.currentThread()) {
                            say("alive " + t.getKey().getName() + " at "
                                    + (t.getValue().length > 0 ? t.getValue()[0] : "?"));
                        }
                    }
                }, "probe-watchdog");
                watchdog.setDaemon(true);
                watchdog.start();
                // main returns: the process ends when the last thread that is not a daemon does.
            }
            default -> throw new IllegalArgumentException(scenario);
        }
    }

    /** Runs the program's own entry point, watching its windows from another thread. */
    private static void watchMain(String[] args) {
        Thread watcher = new Thread(() -> {
            try {
                String title = null;
                long end = System.nanoTime() + 120_000_000_000L;
                while (title == null && System.nanoTime() < end) {
                    Thread.sleep(100);
                    try {
                        title = on(WindowProbe::shownTitle);
                    } catch (IllegalStateException notYet) {
                        // the toolkit is not started yet
                    }
                }
                say("title=" + title);
                Thread.sleep(1000);
                say("dialog=" + on(WindowProbe::dialogHeader));
                say("dialog-text=" + on(WindowProbe::dialogText));
            } catch (Exception e) {
                say("failed " + e);
            }
            System.exit(0);
        }, "probe-watcher");
        watcher.setDaemon(true);
        watcher.start();
        org.latentexplorer.Main.main(args);
    }

    /** The title of the main window once its grid shows a model, or null. */
    private static String shownTitle() {
        for (Window w : Window.getWindows()) {
            if (w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith(LatentExplorerApp.TITLE + " \u2014")
                    && s.getScene() != null && s.getScene().lookup(".status") instanceof javafx.scene.control.Label status
                    && status.getText().startsWith("Opened")) {
                return s.getTitle();
            }
        }
        return null;
    }

    /** MNIST, a small network, big batches: fast epochs. */
    private static void smallTraining(TrainingViewModel t, int epochs) {
        t.datasetProperty().set("mnist");
        t.continueCurrentProperty().set(false);
        t.hiddenProperty().set("64");
        t.latentProperty().set(2);
        t.batchSizeProperty().set(500);
        t.epochsProperty().set(epochs);
    }

    /** The header of the first dialog shown, or null. */
    private static String dialogHeader() {
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null && w.getScene().getRoot() instanceof DialogPane pane) {
                return pane.getHeaderText();
            }
        }
        return null;
    }

    /** The text of the first dialog shown, or null. */
    private static String dialogText() {
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null && w.getScene().getRoot() instanceof DialogPane pane) {
                return pane.getContentText();
            }
        }
        return null;
    }

    private static void answerDontSave() {
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null && w.getScene().getRoot() instanceof DialogPane pane) {
                for (ButtonType type : pane.getButtonTypes()) {
                    if (type.getButtonData() == ButtonBar.ButtonData.NO) {
                        say("answered " + pane.getHeaderText() + " -> " + type.getText());
                        ((Button) pane.lookupButton(type)).fire();
                        return;
                    }
                }
            }
        }
        Platform.runLater(WindowProbe::answerDontSave);
    }

    private static void say(String line) {
        System.out.println("probe: " + line);
        System.out.flush();
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void waitFor(Check check) throws Exception {
        long end = System.nanoTime() + 120_000_000_000L;
        while (!check.holds()) {
            if (System.nanoTime() > end) {
                say("timed out");
                System.exit(3);
            }
            Thread.sleep(20);
        }
    }

    /** Runs on the UI thread and returns its answer. */
    private static <T> T on(java.util.concurrent.Callable<T> work) throws Exception {
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(work);
        Platform.runLater(task);
        return task.get();
    }
}
