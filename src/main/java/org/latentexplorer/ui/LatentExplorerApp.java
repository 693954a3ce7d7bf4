package org.latentexplorer.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;

import org.latentexplorer.data.AssetLocator;

/**
 * The window: the latent grid in the middle, training and its charts, the selected point and
 * sampling around it. Opens the shipped MNIST model at start.
 */
public final class LatentExplorerApp extends Application {
    static final String TITLE = "Latent Explorer";

    /** Kept referenced: java.util.logging holds loggers weakly, and the level must outlive this call. */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    private final FileDialogs dialogs;
    private final Path recoveryFile;
    private FxTasks tasks;
    private ExplorerViewModel vm;
    private Stage stage;
    private GridView grid;
    private TrainingPane trainingPane;
    private ChartsPane charts;
    private SelectionPane selection;
    private SamplingPane sampling;
    private PlanePane plane;
    private Timeline poller;
    private boolean closing;

    public LatentExplorerApp() {
        this(FileDialogs.NATIVE, org.latentexplorer.runtime.UserDirs.current().recoveryFile());
    }

    /**
     * With other file choosers (tests answer them without a dialog) and another place for the
     * recovery copy of unsaved training (null for none).
     */
    public LatentExplorerApp(FileDialogs dialogs, Path recoveryFile) {
        this.dialogs = dialogs;
        this.recoveryFile = recoveryFile;
    }

    /**
     * Opens the window and returns when it is closed. Returns false, after saying why on stderr,
     * when no window can be opened (no display).
     */
    public static boolean start(String[] args) {
        // JavaFX warns on every start from the class path ("unsupported configuration"), which is
        // how a double-clicked jar runs it; the warning means nothing to a user.
        JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        try {
            Application.launch(LatentExplorerApp.class, args);
            return true;
        } catch (RuntimeException e) {
            System.err.println("error: cannot open the window: " + e.getMessage()
                    + ". The command line works without one: java -jar latent-explorer.jar --help");
            return false;
        }
    }

    @Override
    public void start(Stage primary) {
        this.stage = primary;
        AssetLocator assets = AssetLocator.fromEnvironment();
        tasks = new FxTasks();
        vm = new ExplorerViewModel(tasks, assets, recoveryFile);
        // Reading the model overlaps building the window. A model file given to the program (a
        // double-click on one) is opened instead of the shipped model, which it falls back to.
        Path given = getParameters() == null ? null
                : getParameters().getUnnamed().stream().findFirst().map(Path::of).orElse(null);
        if (given != null) {
            vm.open(given, () -> vm.open(vm.shippedModel()));
        } else {
            vm.open(vm.shippedModel());
        }

        grid = new GridView(vm);
        StartupReport.whenFirstGridDrawn(vm);
        trainingPane = new TrainingPane(vm.training(), dialogs, () -> stage);
        charts = new ChartsPane(vm.training());
        selection = new SelectionPane(vm.grid());
        sampling = new SamplingPane(vm.sampling(), vm.grid());
        plane = new PlanePane(vm.grid());

        VBox left = new VBox(14, new ModelPane(vm), trainingPane);
        left.getStyleClass().add("side");
        ScrollPane leftScroll = scroll(left, 340);
        VBox right = new VBox(14, selection, sampling, plane);
        right.getStyleClass().add("side");
        ScrollPane rightScroll = scroll(right, 300);

        BorderPane centre = new BorderPane(grid);
        centre.setTop(gridToolbar());
        centre.setBottom(charts);
        centre.getStyleClass().add("centre");

        BorderPane root = new BorderPane(centre);
        root.setTop(menus());
        root.setLeft(leftScroll);
        root.setRight(rightScroll);
        root.setBottom(statusBar());
        root.getStyleClass().add("app");

        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1440, screen.getWidth() * 0.95), Math.min(900, screen.getHeight() * 0.95));
        decorate(scene, assets);

        vm.messageProperty().addListener((o, a, b) -> {
            if (b != null) {
                showMessage(b);
                vm.messageProperty().set(null);
            }
        });
        poller = new Timeline(new KeyFrame(Duration.millis(100), e -> vm.training().poll()));
        poller.setCycleCount(Timeline.INDEFINITE);
        vm.training().activeProperty().addListener((o, a, b) -> {
            if (b) {
                poller.play();
            } else {
                poller.stop();
            }
        });
        stage.titleProperty().bind(Bindings.createStringBinding(() -> {
            CurrentModel m = vm.modelProperty().get();
            return m == null ? TITLE : TITLE + " \u2014 " + m.title() + (vm.isDirty() ? " \u2022" : "");
        }, vm.modelProperty(), vm.dirtyProperty()));
        stage.setOnCloseRequest(e -> {
            e.consume();
            quit();
        });
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(640);
        // On a small screen or a projector every pixel goes to the grid.
        stage.setMaximized(screen.getWidth() < 1500 || screen.getHeight() < 940);
        stage.show();
        grid.requestFocus();
        vm.recoveredModel().ifPresent(file -> vm.tell("Unsaved training was kept",
                "A model trained in an earlier session was not saved before the window closed. A copy from its last"
                        + " finished epoch is in " + file + ": open it with File > Open Recovered Training, then save it."));
    }

    @Override
    public void stop() {
        if (vm != null && vm.training().isActive()) {
            vm.training().cancel();
        }
        if (poller != null) {
            poller.stop();
        }
        if (tasks != null) {
            tasks.shutdown();
        }
    }

    /** The theme and the window icons from assets/; without them the window still works, plainer. */
    private void decorate(Scene scene, AssetLocator assets) {
        Path dir;
        try {
            dir = assets.assets();
        } catch (org.latentexplorer.data.DataException e) {
            System.err.println("warning: " + e.getMessage() + "; the window opens without its theme");
            return;
        }
        Path css = dir.resolve("styles").resolve("latent-explorer.css");
        if (Files.isRegularFile(css)) {
            scene.getStylesheets().add(css.toUri().toString());
        }
        for (int size : new int[] {16, 32, 64, 128, 256}) {
            Path icon = dir.resolve("icons").resolve("latent-explorer-" + size + ".png");
            if (Files.isRegularFile(icon)) {
                stage.getIcons().add(new Image(icon.toUri().toString()));
            }
        }
    }

    private static ScrollPane scroll(Region content, double width) {
        ScrollPane s = new ScrollPane(content);
        s.setFitToWidth(true);
        s.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        s.setPrefWidth(width);
        s.setMinWidth(width);
        s.getStyleClass().add("side-scroll");
        return s;
    }

    private HBox gridToolbar() {
        Slider steps = new Slider(GridViewModel.MIN_STEPS, GridViewModel.MAX_STEPS, vm.grid().stepsProperty().get());
        steps.setMajorTickUnit(8);
        steps.setMinorTickCount(7);
        steps.setSnapToTicks(true);
        steps.setBlockIncrement(1);
        steps.setPrefWidth(120);
        steps.valueProperty().addListener((o, a, b) -> vm.grid().stepsProperty().set((int) Math.round(b.doubleValue())));
        vm.grid().stepsProperty().addListener((o, a, b) -> steps.setValue(b.intValue()));
        Controls.tip(steps, "Tiles per side of the grid: each tile is the decoder's image of the latent point at its centre.");
        Label stepsValue = new Label();
        stepsValue.getStyleClass().add("value");
        stepsValue.textProperty().bind(Bindings.format("%d \u00d7 %d", vm.grid().stepsProperty(), vm.grid().stepsProperty()));
        
        Button reset = new Button("Reset");
        reset.setOnAction(e -> {
            vm.grid().resetView();
            grid.requestFocus();
        });
        Controls.tip(reset, "Back to [-5, 5]\u00b2, where almost all of the prior's mass lies (Ctrl+0, or R on the grid).");
        CheckBox testSet = new CheckBox("Test set");
        testSet.selectedProperty().bindBidirectional(vm.grid().showTestSetProperty());
        Controls.tip(testSet, "Each test image encoded to the mean of its posterior q(z|x), coloured by its label:"
                + " where the encoder puts each class.");
        CheckBox circles = new CheckBox("Prior");
        circles.selectedProperty().bindBidirectional(vm.grid().showPriorCirclesProperty());
        Controls.tip(circles, "Circles at 1, 2 and 3 standard deviations of the prior N(0, I): a VAE fills this"
                + " region with meaningful codes (completeness).");
        Label gridLabel = new Label("Grid");
        HBox bar = new HBox(10, gridLabel, steps, stepsValue, reset, testSet, circles);
        for (Region r : new Region[] {gridLabel, stepsValue, reset, testSet, circles}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 12, 6, 12));
        bar.getStyleClass().add("toolbar");
        return bar;
    }

    private MenuBar menus() {
        MenuItem open = item("Open\u2026", "Shortcut+O", e -> openModel());
        open.disableProperty().bind(vm.training().activeProperty().or(vm.busyProperty()));
        MenuItem save = item("Save", "Shortcut+S", e -> saveModel(false));
        MenuItem saveAs = item("Save As\u2026", "Shortcut+Shift+S", e -> saveModel(true));
        save.disableProperty().bind(vm.modelProperty().isNull().or(vm.busyProperty()));
        saveAs.disableProperty().bind(save.disableProperty());
        MenuItem openShipped = item("Open the Shipped MNIST Model", null, e -> vm.open(vm.shippedModel()));
        openShipped.disableProperty().bind(open.disableProperty());
        MenuItem openRecovered = item("Open Recovered Training", null,
                e -> vm.recoveredModel().ifPresentOrElse(vm::open, () -> vm.status("There is no recovered training.")));
        openRecovered.disableProperty().bind(open.disableProperty());
        MenuItem quit = item("Quit", "Shortcut+Q", e -> quit());
        Menu file = new Menu("File", null, open, openShipped, openRecovered, new SeparatorMenuItem(), save, saveAs,
                new SeparatorMenuItem(), quit);

        MenuItem reset = item("Reset View", "Shortcut+0", e -> vm.grid().resetView());
        MenuItem zoomIn = item("Zoom In", "Shortcut+Equals", e -> zoomCentre(1.25));
        MenuItem zoomOut = item("Zoom Out", "Shortcut+Minus", e -> zoomCentre(1 / 1.25));
        CheckMenuItem testSet = new CheckMenuItem("Show Test Set");
        testSet.selectedProperty().bindBidirectional(vm.grid().showTestSetProperty());
        CheckMenuItem circles = new CheckMenuItem("Show Prior Circles");
        circles.selectedProperty().bindBidirectional(vm.grid().showPriorCirclesProperty());
        Menu view = new Menu("View", null, reset, zoomIn, zoomOut, new SeparatorMenuItem(), testSet, circles);

        MenuItem train = item("Train", "Shortcut+T", e -> vm.training().start());
        train.disableProperty().bind(vm.training().activeProperty());
        MenuItem pause = item("Pause / Resume", "Shortcut+P", e -> vm.training().pauseOrResume());
        pause.disableProperty().bind(vm.training().activeProperty().not());
        MenuItem cancel = item("Cancel", "Shortcut+Period", e -> vm.training().cancel());
        cancel.disableProperty().bind(vm.training().activeProperty().not());
        Menu training = new Menu("Training", null, train, pause, cancel);

        MenuItem sample = item("Sample from the Prior", "Shortcut+D", e -> vm.sampling().sample());
        Menu sampleMenu = new Menu("Sampling", null, sample);

        MenuItem keys = item("Keyboard Shortcuts", "F1", e -> showShortcuts());
        Menu help = new Menu("Help", null, keys);
        MenuBar bar = new MenuBar(file, view, training, sampleMenu, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private static MenuItem item(String text, String accelerator, javafx.event.EventHandler<javafx.event.ActionEvent> action) {
        MenuItem m = new MenuItem(text);
        if (accelerator != null) {
            m.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        m.setOnAction(action);
        return m;
    }

    private void zoomCentre(double factor) {
        double s = grid.plotSide();
        vm.grid().zoom(factor, s / 2, s / 2, s, s);
    }

    private HBox statusBar() {
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("status");
        status.setMinWidth(0);
        Label pointer = new Label();
        pointer.getStyleClass().add("hover");
        pointer.textProperty().bind(grid.pointerTextProperty());
        pointer.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, status, spacer, pointer);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(3, 12, 3, 12));
        return bar;
    }

    private void openModel() {
        dialogs.modelToOpen(stage, vm.modelsFolder()).ifPresent(vm::open);
    }

    /** Saves to the model's file, or asks where first; then runs after. */
    private void saveModel(boolean askWhere, Runnable after) {
        CurrentModel m = vm.modelProperty().get();
        if (m == null) {
            return;
        }
        Optional<Path> target = !askWhere && m.file() != null && !isShipped(m.file())
                ? Optional.of(m.file())
                : dialogs.modelToSave(stage, vm.modelsFolder(), suggestedName(m));
        target.ifPresent(p -> vm.save(p, after));
    }

    private void saveModel(boolean askWhere) {
        saveModel(askWhere, () -> { });
    }

    /** The shipped models are not overwritten by a plain Save: it asks for a new file instead. */
    private boolean isShipped(Path file) {
        try {
            return file.toAbsolutePath().getParent().equals(vm.shippedModel().toAbsolutePath().getParent());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String suggestedName(CurrentModel m) {
        String data = m.dataset() == null ? "model" : Path.of(m.dataset()).getFileName().toString();
        return data + "-k" + m.config().latent() + (m.config().variational() ? "-vae" : "-ae") + ".lvae";
    }

    private void showMessage(UserMessage m) {
        Alert alert = new Alert(m.title().startsWith("Could not") || m.title().startsWith("Training stopped")
                ? Alert.AlertType.ERROR : Alert.AlertType.WARNING);
        alert.initOwner(stage);
        alert.setTitle(m.title());
        alert.setHeaderText(m.title());
        alert.setContentText(m.text());
        alert.getDialogPane().setMinWidth(460);
        alert.show();
    }

    private void showShortcuts() {
        String[][] keys = {
            {"Ctrl+T", "train"}, {"Ctrl+P", "pause or resume training"}, {"Ctrl+.", "cancel training"},
            {"Ctrl+D", "sample from the prior"}, {"Ctrl+0", "reset the view to [-5, 5]\u00b2"},
            {"Ctrl+= / Ctrl+-", "zoom in / out"}, {"Ctrl+O", "open a model"}, {"Ctrl+S", "save"},
            {"Ctrl+Shift+S", "save as"}, {"F1", "this list"},
            {"", ""},
            {"On the grid", ""}, {"drag", "pan over the latent plane"}, {"wheel", "zoom around the pointer"},
            {"click", "select a point: its image appears large"}, {"arrow keys", "pan"}, {"+ / -", "zoom"},
            {"R or Home", "reset the view"}, {"S", "sample from the prior"},
        };
        javafx.scene.layout.GridPane table = new javafx.scene.layout.GridPane();
        table.setHgap(18);
        table.setVgap(4);
        for (int i = 0; i < keys.length; i++) {
            Label key = new Label(keys[i][0]);
            key.getStyleClass().add("value");
            table.addRow(i, key, new Label(keys[i][1]));
        }
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        a.getDialogPane().setContent(table);
        a.show();
    }

    /** Leaves, after asking when trained weights are not saved. */
    private void quit() {
        if (closing) {
            return;
        }
        if (!vm.isDirty() && !vm.training().isActive()) {
            exit();
            return;
        }
        ButtonType save = new ButtonType("Save\u2026", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "", save, discard, ButtonType.CANCEL);
        ask.initOwner(stage);
        ask.setTitle("Unsaved model");
        ask.setHeaderText(vm.training().isActive() ? "Training is running and the model is not saved."
                : "The trained model is not saved.");
        ask.setContentText("Save it before leaving? Otherwise its training is lost.");
        Optional<ButtonType> answer = ask.showAndWait();
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return;
        }
        if (answer.get() == discard) {
            vm.discardRecovery();
            exit();
            return;
        }
        saveModel(true, this::exit);
    }

    private void exit() {
        closing = true;
        stop();
        stage.close();
        Platform.exit();
    }

    // ------------------------------------------------------------------ for tests and the benchmark

    ExplorerViewModel viewModel() {
        return vm;
    }

    GridView gridView() {
        return grid;
    }

    ChartsPane charts() {
        return charts;
    }

    TrainingPane trainingPane() {
        return trainingPane;
    }

    SelectionPane selectionPane() {
        return selection;
    }

    SamplingPane samplingPane() {
        return sampling;
    }

    PlanePane planePane() {
        return plane;
    }
}
