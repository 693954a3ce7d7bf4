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
import org.latentexplorer.runtime.JavaHeap;
import org.latentexplorer.runtime.Settings;
import org.latentexplorer.ui.common.FileDialogs;
import org.latentexplorer.ui.compare.CompareMode;
import org.latentexplorer.ui.compare.CompareView;
import org.latentexplorer.ui.compare.CompareViewModel;
import org.latentexplorer.ui.common.SideWidths;
import org.latentexplorer.ui.common.UiScale;
import org.latentexplorer.ui.grid.GridView;
import org.latentexplorer.ui.grid.PlanePane;
import org.latentexplorer.ui.grid.SelectionPane;
import org.latentexplorer.ui.inspect.InspectOverlay;
import org.latentexplorer.ui.inspect.InspectPane;
import org.latentexplorer.ui.interpolate.InterpolateOverlay;
import org.latentexplorer.ui.interpolate.InterpolatePane;
import org.latentexplorer.ui.metrics.MetricsOverlay;
import org.latentexplorer.ui.metrics.MetricsPane;
import org.latentexplorer.ui.sampling.SamplingPane;
import org.latentexplorer.ui.session.FxTasks;
import org.latentexplorer.ui.training.ChartsPane;
import org.latentexplorer.ui.training.RateDistortionChart;
import org.latentexplorer.ui.training.TrainingPane;
import org.latentexplorer.ui.common.Controls;
import org.latentexplorer.ui.grid.GridViewModel;
import org.latentexplorer.ui.modelinfo.ModelPane;
import org.latentexplorer.ui.session.CurrentModel;
import org.latentexplorer.ui.session.UserMessage;

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
    private final Settings settings;
    private UiScale scale;
    private WindowExports exports;
    private PresentationMode presentation;
    private BorderPane root;
    private FxTasks tasks;
    private ExplorerViewModel vm;
    private Stage stage;
    private GridView grid;
    private TrainingPane trainingPane;
    private ChartsPane charts;
    private SelectionPane selection;
    private SamplingPane sampling;
    private PlanePane plane;
    private InspectPane inspect;
    private ModelPane modelPane;
    private CompareView compareView;
    private RateDistortionChart rateDistortion;
    private InterpolatePane interpolate;
    private MetricsPane metrics;
    private Timeline poller;
    private UnsavedWork unsaved;
    private boolean closing;

    public LatentExplorerApp() {
        this(FileDialogs.NATIVE, org.latentexplorer.runtime.UserDirs.current().recoveryFile(), Settings.ofUser());
    }

    /** With settings kept in memory only. */
    public LatentExplorerApp(FileDialogs dialogs, Path recoveryFile) {
        this(dialogs, recoveryFile, Settings.inMemory());
    }

    /**
     * With other file choosers (tests answer them without a dialog), another place for the
     * recovery copy of unsaved training (null for none) and other settings (tests keep theirs in a
     * temporary folder).
     */
    public LatentExplorerApp(FileDialogs dialogs, Path recoveryFile, Settings settings) {
        this.dialogs = dialogs;
        this.recoveryFile = recoveryFile;
        this.settings = settings;
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
        // The window lives for hours and makes many short-lived arrays: no idle heap kept for them.
        JavaHeap.keepCompact();
        AssetLocator assets = AssetLocator.fromEnvironment();
        tasks = new FxTasks();
        vm = new ExplorerViewModel(tasks, assets, recoveryFile);
        // Reading the model overlaps building the window. A model file given to the program (a
        // double-click on one) is opened, falling back to the shipped model; otherwise the model
        // of the last session, or the shipped one.
        Path given = getParameters() == null ? null
                : getParameters().getUnnamed().stream().findFirst().map(Path::of).orElse(null);
        if (given != null) {
            vm.session().open(given, () -> vm.session().open(vm.session().shippedModel()));
        } else {
            vm.session().open(settings.get(LAST_MODEL).map(Path::of).filter(Files::isRegularFile)
                    .filter(p -> !p.equals(recoveryFile)).orElse(vm.session().shippedModel()));
        }
        settings.get(LAST_DATASET).filter(d -> vm.training().datasetChoices().contains(d) || Files.isDirectory(Path.of(d)))
                .ifPresent(vm.training().datasetProperty()::set);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        scale = new UiScale(settings, UiScale.forScreen(screen.getWidth(), screen.getHeight()), vm.notifier()::status);

        // Save in the question saves as File > Save does: into the model's own file when it has one.
        unsaved = new UnsavedWork(vm, () -> stage, after -> saveModel(false, after));
        exports = new WindowExports(vm, dialogs, () -> stage, Path.of(System.getProperty("user.home")));
        grid = new GridView(vm.grid(), vm.session(), vm.sampling());
        StartupReport.whenFirstGridDrawn(grid, vm);
        trainingPane = new TrainingPane(vm.training(), dialogs, () -> stage, this::startTraining);
        charts = new ChartsPane(vm.training(), vm.session().modelProperty());
        selection = new SelectionPane(vm.grid());
        sampling = new SamplingPane(vm.sampling(), vm.grid(), vm.session().modelProperty());
        plane = new PlanePane(vm.grid());
        inspect = new InspectPane(vm.inspect());
        InspectOverlay.attach(grid, vm.inspect());
        interpolate = new InterpolatePane(vm.interpolate(), vm.inspect().pickedProperty(),
                vm.grid().hasSelectionProperty(), vm.grid()::selectedPoint);
        InterpolateOverlay.attach(grid, vm.interpolate());
        metrics = new MetricsPane(vm.metrics());
        MetricsOverlay.attach(grid, vm.metrics());

        modelPane = new ModelPane(vm);
        VBox left = new VBox(14, modelPane, trainingPane);
        left.getStyleClass().add("side");
        ScrollPane leftScroll = scroll(left);
        VBox right = new VBox(14, selection, inspect, sampling, interpolate, plane, metrics);
        rateDistortion = new RateDistortionChart(vm.training(), vm.session().modelProperty(),
                vm.compare().shownModelsProperty());
        rateDistortion.setPrefHeight(260);
        rateDistortion.showTitle(false);
        right.getChildren().add(Controls.section("Rate and distortion", rateDistortion));
        right.getStyleClass().add("side");
        ScrollPane rightScroll = scroll(right);

        BorderPane centre = new BorderPane(grid);
        centre.setTop(gridToolbar());
        centre.setBottom(charts);
        centre.getStyleClass().add("centre");

        compareView = new CompareView(vm.compare(), this::compareWith);
        compareView.scaleWith(scale.effective());

        root = new BorderPane(centre);
        root.setTop(menus());
        root.setLeft(leftScroll);
        root.setRight(rightScroll);
        root.setBottom(statusBar());
        root.getStyleClass().add("app");

        double[] size = windowSize(screen);
        Scene scene = new Scene(root, size[0], size[1]);
        decorate(scene, assets);
        fitToWindow(scene, leftScroll, rightScroll);
        openDroppedModels(scene);
        presentation = new PresentationMode(vm, stage, root, centre, grid, scale, this::startTraining,
                file -> unsaved.thenRun("opening another model", () -> vm.session().open(file)), assets.models());
        RateDistortionChart compared = new RateDistortionChart(vm.training(), vm.session().modelProperty(),
                vm.compare().shownModelsProperty());
        // In a low window (800 x 600) the plot needs the title's line more than the title does.
        compared.showTitleWhile(compareView.heightProperty().greaterThanOrEqualTo(640));
        compareView.showBelow(compared);
        new CompareMode(vm.compare(), root, compareView, presentation::leave);
        settings.problem().ifPresent(vm.notifier()::status);
        vm.session().modelProperty().addListener((o, a, b) -> {
            if (b != null && b.file() != null && (a == null || !b.file().equals(a.file()))) {
                settings.put(LAST_MODEL, b.file().toAbsolutePath().toString());
                remember();
            }
        });
        vm.training().datasetProperty().addListener((o, a, b) -> {
            settings.put(LAST_DATASET, b);
            remember();
        });

        vm.notifier().messageProperty().addListener((o, a, b) -> {
            if (b != null) {
                showMessage(b);
                vm.notifier().messageProperty().set(null);
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
            CurrentModel m = vm.session().modelProperty().get();
            return m == null ? TITLE : TITLE + " \u2014 " + m.title() + (vm.session().isDirty() ? " \u2022" : "");
        }, vm.session().modelProperty(), vm.session().dirtyProperty()));
        stage.setOnCloseRequest(e -> {
            e.consume();
            quit();
        });
        stage.setScene(scene);
        stage.setMinWidth(Math.min(800, screen.getWidth()));
        stage.setMinHeight(Math.min(600, screen.getHeight()));
        // On a small screen or a projector every pixel goes to the grid.
        if (settings.get(WINDOW_WIDTH).isEmpty() && (screen.getWidth() < 1500 || screen.getHeight() < 940)) {
            stage.setX(screen.getMinX());
            stage.setY(screen.getMinY());
            stage.setMaximized(true);
        }
        revealWhenGridReady();
        vm.session().recoveredModel().ifPresent(file -> vm.notifier().tell("Unsaved training was kept",
                "A model trained in an earlier session was not saved before the window closed. A copy from one of its"
                        + " last finished epochs is in " + file + ": open it with File > Open Recovered Training, then save it."));
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

    private static ScrollPane scroll(Region content) {
        ScrollPane s = new ScrollPane(content);
        s.setFitToWidth(true);
        // A panel narrower than its content (a large interface, or a window near its least size) scrolls sideways.
        s.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        s.getStyleClass().add("side-scroll");
        return s;
    }

    static final String LAST_MODEL = "last.model";
    static final String LAST_DATASET = "last.dataset";
    static final String WINDOW_WIDTH = "window.width";
    static final String WINDOW_HEIGHT = "window.height";

    /** The remembered size when it fits this screen, else most of the screen. */
    private double[] windowSize(Rectangle2D screen) {
        double w = settings.getDouble(WINDOW_WIDTH, 0, 0, 100_000);
        double h = settings.getDouble(WINDOW_HEIGHT, 0, 0, 100_000);
        if (w >= 800 && h >= 600 && w <= screen.getWidth() && h <= screen.getHeight()) {
            return new double[] {w, h};
        }
        // A larger interface needs a larger window: 1440 x 900 at scale 1, on screens that have room.
        double k = scale.scaleProperty().get();
        return new double[] {Math.min(1440 * k, screen.getWidth()), Math.min(900 * k, screen.getHeight())};
    }

    /** Writes the settings; a failure is said once in the status line and changes nothing else. */
    private void remember() {
        try {
            settings.save();
        } catch (java.io.IOException | RuntimeException e) {
            vm.notifier().status("Could not remember the settings in " + settings.file() + ": " + e.getMessage());
        }
    }

    /**
     * Sizes that follow the window and the UI scale: the side panels narrow on small screens so the
     * grid keeps its room, the charts take what the height can spare, and all text follows the scale.
     */
    private void fitToWindow(Scene scene, ScrollPane left, ScrollPane right) {
        javafx.beans.binding.DoubleBinding s = scale.effective();
        root.styleProperty().bind(Bindings.createStringBinding(
                () -> String.format(java.util.Locale.ROOT, "-fx-font-size: %.2fpx;", 14 * s.get()), s));
        javafx.beans.binding.ObjectBinding<SideWidths> widths = Bindings.createObjectBinding(
                () -> SideWidths.of(scene.getWidth(), s.get()), scene.widthProperty(), s);
        left.prefWidthProperty().bind(Bindings.createDoubleBinding(() -> widths.get().left(), widths));
        left.minWidthProperty().bind(left.prefWidthProperty());
        right.prefWidthProperty().bind(Bindings.createDoubleBinding(() -> widths.get().right(), widths));
        right.minWidthProperty().bind(right.prefWidthProperty());
        charts.fitHeight(scene.heightProperty(), s);
        // Within a legend's width of the centre's least (800 x 600, a larger interface at 1024 x 768).
        charts.narrowLegendWhile(Bindings.createBooleanBinding(
                () -> widths.get().centre(scene.getWidth()) < SideWidths.leastCentre(s.get()) + 60 * s.get(), widths, s));
        grid.scaleWith(s);
        selection.scaleWith(s);
        sampling.scaleWith(s);
        inspect.scaleWith(s);
        metrics.scaleWith(s);
    }

    private javafx.scene.layout.FlowPane gridToolbar() {
        Slider steps = new Slider(GridViewModel.MIN_STEPS, GridViewModel.MAX_STEPS, vm.grid().stepsProperty().get());
        steps.setMajorTickUnit(8);
        steps.setMinorTickCount(7);
        steps.setSnapToTicks(true);
        steps.setBlockIncrement(1);
        steps.setPrefWidth(85);
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
        Slider opacity = Controls.fineKeys(new Slider(0.1, 1, vm.grid().overlayOpacityProperty().get()), 0.05);
        opacity.valueProperty().bindBidirectional(vm.grid().overlayOpacityProperty());
        opacity.setPrefWidth(65);
        opacity.disableProperty().bind(vm.grid().showTestSetProperty().not());
        Controls.tip(opacity, "How opaque the test set's markers are over the images: lower shows the images under them.");
        return Controls.bar(steps, stepsValue, reset, testSet, opacity, circles);
    }

    private MenuBar menus() {
        MenuItem open = item("Open\u2026", "Shortcut+O", e -> openModel());
        open.disableProperty().bind(vm.training().activeProperty().or(vm.session().busyProperty()));
        MenuItem save = item("Save", "Shortcut+S", e -> saveModel(false));
        MenuItem saveAs = item("Save As\u2026", "Shortcut+Shift+S", e -> saveModel(true));
        save.disableProperty().bind(vm.session().modelProperty().isNull().or(vm.session().busyProperty()));
        saveAs.disableProperty().bind(save.disableProperty());
        MenuItem openShipped = item("Open the Shipped MNIST Model", null,
                e -> unsaved.thenRun("opening another model", () -> vm.session().open(vm.session().shippedModel())));
        openShipped.disableProperty().bind(open.disableProperty());
        MenuItem openRecovered = item("Open Recovered Training", null, e -> unsaved.thenRun("opening the recovered training",
                () -> vm.session().recoveredModel().ifPresentOrElse(vm.session()::open, () -> vm.notifier().status("There is no recovered training."))));
        // Whether there is a copy to open is looked up each time the menu opens.
        javafx.beans.property.BooleanProperty nothingRecovered = new javafx.beans.property.SimpleBooleanProperty();
        openRecovered.disableProperty().bind(open.disableProperty().or(nothingRecovered));
        MenuItem quit = item("Quit", "Shortcut+Q", e -> quit());
        MenuItem exportGrid = item("Export the Grid as PNG\u2026", "Shortcut+E", e -> exports.picture(grid, "grid"));
        MenuItem exportWindow = item("Export the Window as PNG\u2026", null, e -> exports.picture(root, "window"));
        MenuItem exportHistory = item("Export the Loss History as CSV\u2026", null, e -> exports.history());
        MenuItem exportEncoded = item("Export the Encoded Test Set as CSV\u2026", null, e -> exports.encodedTestSet());
        for (MenuItem m : new MenuItem[] {exportGrid, exportWindow, exportHistory, exportEncoded}) {
            m.disableProperty().bind(vm.session().modelProperty().isNull());
        }
        Menu export = new Menu("Export", null, exportGrid, exportWindow, exportHistory, exportEncoded);
        Menu file = new Menu("File", null, open, openShipped, openRecovered, new SeparatorMenuItem(), save, saveAs,
                new SeparatorMenuItem(), export, new SeparatorMenuItem(), quit);
        file.setOnShowing(e -> nothingRecovered.set(vm.session().recoveredModel().isEmpty()));

        MenuItem reset = item("Reset View", "Shortcut+0", e -> {
            if (vm.compare().isActive()) {
                vm.compare().resetView();
            } else {
                vm.grid().resetView();
            }
        });
        MenuItem zoomIn = item("Zoom In", "Shortcut+Equals", e -> zoomCentre(1.25));
        MenuItem zoomOut = item("Zoom Out", "Shortcut+Minus", e -> zoomCentre(1 / 1.25));
        CheckMenuItem testSet = new CheckMenuItem("Show Test Set");
        testSet.selectedProperty().bindBidirectional(vm.grid().showTestSetProperty());
        CheckMenuItem circles = new CheckMenuItem("Show Prior Circles");
        circles.selectedProperty().bindBidirectional(vm.grid().showPriorCirclesProperty());
        CheckMenuItem magnify = new CheckMenuItem("Magnify the Tile Under the Pointer");
        magnify.selectedProperty().bindBidirectional(vm.grid().magnifyProperty());
        CheckMenuItem seams = new CheckMenuItem("Seams");
        seams.selectedProperty().bindBidirectional(vm.metrics().showSeamsProperty());
        CheckMenuItem holes = new CheckMenuItem("Holes");
        holes.selectedProperty().bindBidirectional(vm.metrics().showHolesProperty());
        MenuItem bigger = item("Larger Interface", "Shortcut+Shift+Equals", e -> scale.bigger());
        MenuItem smaller = item("Smaller Interface", "Shortcut+Shift+Minus", e -> scale.smaller());
        MenuItem present = item("Presentation Mode", "F5", e -> {
            vm.compare().leave();
            presentation.toggle();
        });
        Menu view = new Menu("View", null, reset, zoomIn, zoomOut, new SeparatorMenuItem(), testSet, circles, magnify,
                seams, holes, new SeparatorMenuItem(), bigger, smaller, present);

        MenuItem train = item("Train", "Shortcut+T", e -> startTraining());
        train.disableProperty().bind(vm.training().activeProperty());
        MenuItem pause = item("Pause / Resume", "Shortcut+P", e -> vm.training().pauseOrResume());
        pause.disableProperty().bind(vm.training().activeProperty().not());
        MenuItem cancel = item("Cancel", "Shortcut+Period", e -> vm.training().cancel());
        cancel.disableProperty().bind(vm.training().activeProperty().not());
        Menu training = new Menu("Training", null, train, pause, cancel);

        MenuItem sample = item("Sample from the Prior", "Shortcut+D", e -> vm.sampling().sample());
        Menu sampleMenu = new Menu("Sampling", null, sample);

        MenuItem keys = item("Guide and Keyboard Shortcuts", "F1", e -> GuideDialog.show(stage));
        Menu help = new Menu("Help", null, keys);
        MenuBar bar = new MenuBar(file, view, compareMenu(), training, sampleMenu, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    /** The lecture's comparisons with the shipped models, a model of the user's, and the way back. */
    private Menu compareMenu() {
        Menu menu = new Menu("Compare");
        for (CompareViewModel.Pair pair : CompareViewModel.Pair.values()) {
            menu.getItems().add(item(pair.title(), null, e -> vm.compare().open(pair)));
        }
        MenuItem with = item("Compare with\u2026", null, e -> compareWith());
        with.disableProperty().bind(Bindings.size(vm.compare().models()).greaterThanOrEqualTo(CompareViewModel.MAX_MODELS));
        MenuItem back = item("Back to One Model", null, e -> vm.compare().leave());
        back.disableProperty().bind(vm.compare().activeProperty().not());
        menu.getItems().addAll(new SeparatorMenuItem(), with, back);
        return menu;
    }

    /** Asks for a model file and puts it beside the others (beside the window's model when none are). */
    private void compareWith() {
        dialogs.modelToOpen(stage, vm.session().modelsFolder()).ifPresent(vm.compare()::add);
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
        if (vm.compare().isActive()) {
            vm.compare().zoom(factor);
            return;
        }
        double s = grid.plotSide();
        vm.grid().zoom(factor, s / 2, s / 2, s, s);
    }

    private HBox statusBar() {
        Label status = new Label();
        status.textProperty().bind(vm.notifier().statusProperty());
        status.getStyleClass().add("status");
        status.setMinWidth(0);
        Label pointer = new Label();
        pointer.getStyleClass().add("hover");
        // The coordinates under the pointer, over the window's grid or, side by side, over a compared one.
        pointer.textProperty().bind(Bindings.when(vm.compare().activeProperty())
                .then(compareView.pointerTextProperty()).otherwise(grid.pointerTextProperty()));
        pointer.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, status, spacer, pointer);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(3, 12, 3, 12));
        return bar;
    }

    private void openModel() {
        unsaved.thenRun("opening another model",
                () -> dialogs.modelToOpen(stage, vm.session().modelsFolder()).ifPresent(vm.session()::open));
    }

    /** A model file (.lvae or a Deeplearning4j zip) dropped anywhere on the window opens as File > Open opens it. */
    private void openDroppedModels(Scene scene) {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().size() == 1) {
                e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            boolean one = e.getDragboard().hasFiles() && e.getDragboard().getFiles().size() == 1;
            if (one) {
                Path file = e.getDragboard().getFiles().get(0).toPath();
                // After the drop has finished: asking about unsaved training opens a dialog.
                Platform.runLater(() -> unsaved.thenRun("opening another model", () -> vm.session().open(file)));
            } else {
                vm.notifier().status("Drop one model file to open it");
            }
            e.setDropCompleted(one);
            e.consume();
        });
    }

    /** A new training replaces the model on screen: ask first if it is unsaved; continuing it does not. */
    private void startTraining() {
        if (vm.training().continueCurrentProperty().get() || vm.training().isActive()) {
            vm.training().start();
        } else {
            unsaved.thenRun("starting a new training", vm.training()::start);
        }
    }

    /** Saves to the model's file, or asks where first; then runs after. */
    private void saveModel(boolean askWhere, Runnable after) {
        CurrentModel m = vm.session().modelProperty().get();
        if (m == null) {
            return;
        }
        Optional<Path> target = !askWhere && m.file() != null && !isShipped(m.file())
                ? Optional.of(m.file())
                : dialogs.modelToSave(stage, vm.session().modelsFolder(), suggestedName(m));
        target.ifPresent(p -> vm.session().save(p, after));
    }

    private void saveModel(boolean askWhere) {
        saveModel(askWhere, () -> { });
    }

    /** The shipped models are not overwritten by a plain Save: it asks for a new file instead. */
    private boolean isShipped(Path file) {
        try {
            return file.toAbsolutePath().getParent().equals(vm.session().shippedModel().toAbsolutePath().getParent());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String suggestedName(CurrentModel m) {
        String data = m.dataset() == null ? "model" : Path.of(m.dataset()).getFileName().toString();
        return data + "-k" + m.config().latent() + "-" + m.config().kind().id() + ".lvae";
    }

    /**
     * Shows the window once its first grid is decoded, so that it appears whole: styled and laid out
     * once, with the model's panels filled in and the grid drawn. Shown at once instead, it was laid
     * out empty and again when the model arrived, and the grid came 0.4 s later (2 cores). The model
     * is read and its grid decoded while the window is built, so the window itself appears about a
     * tenth of a second later; when the model is slow or cannot be read it appears after at most
     * 1.5 s, and at once when something must be said.
     */
    private void revealWhenGridReady() {
        if (vm.grid().renderedProperty().get() != null) {
            reveal();
            return;
        }
        javafx.animation.PauseTransition latest = new javafx.animation.PauseTransition(Duration.seconds(1.5));
        latest.setOnFinished(e -> reveal());
        vm.grid().renderedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends GridViewModel.RenderedGrid> o,
                                GridViewModel.RenderedGrid before, GridViewModel.RenderedGrid now) {
                if (now != null) {
                    o.removeListener(this);
                    latest.stop();
                    reveal();
                }
            }
        });
        latest.play();
    }

    private void reveal() {
        if (!stage.isShowing() && !closing) {
            stage.show();
            grid.requestFocus();
        }
    }

    private void showMessage(UserMessage m) {
        reveal();
        Alert alert = new Alert(m.title().startsWith("Could not") || m.title().startsWith("Training stopped")
                ? Alert.AlertType.ERROR : Alert.AlertType.WARNING);
        alert.initOwner(stage);
        alert.setTitle(m.title());
        alert.setHeaderText(m.title());
        alert.setContentText(m.text());
        alert.getDialogPane().setMinWidth(460);
        alert.show();
    }

    /** Leaves, after asking when trained weights are not saved. */
    private void quit() {
        if (!closing) {
            unsaved.thenRun("leaving", this::exit);
        }
    }

    private void exit() {
        closing = true;
        if (!stage.isMaximized() && !stage.isFullScreen()) {
            settings.putDouble(WINDOW_WIDTH, Math.round(stage.getScene().getWidth()));
            settings.putDouble(WINDOW_HEIGHT, Math.round(stage.getScene().getHeight()));
            remember();
        }
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

    ModelPane modelPane() {
        return modelPane;
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

    InspectPane inspectPane() {
        return inspect;
    }

    InterpolatePane interpolatePane() {
        return interpolate;
    }

    MetricsPane metricsPane() {
        return metrics;
    }

    PresentationMode presentation() {
        return presentation;
    }

    CompareView compareView() {
        return compareView;
    }

    RateDistortionChart rateDistortion() {
        return rateDistortion;
    }

    UiScale uiScale() {
        return scale;
    }

    WindowExports exports() {
        return exports;
    }

    BorderPane rootPane() {
        return root;
    }
}
