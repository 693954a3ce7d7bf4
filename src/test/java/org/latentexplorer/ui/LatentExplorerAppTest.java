package org.latentexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.geometry.Point2D;
import javafx.scene.control.DialogPane;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Window;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.explore.Viewport;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.latentexplorer.ui.grid.GridView;
import org.latentexplorer.ui.common.UiScale;
import org.latentexplorer.ui.grid.GridViewModel;
import org.latentexplorer.ui.grid.SelectionPane;
import org.latentexplorer.ui.sampling.SamplingPane;
import org.latentexplorer.ui.sampling.SamplingViewModel;
import org.latentexplorer.ui.session.CurrentModel;
import org.latentexplorer.ui.training.ChartsPane;
import org.latentexplorer.ui.training.KnobViewModel;
import org.latentexplorer.ui.training.TrainingPane;
import org.latentexplorer.ui.training.TrainingViewModel;

/** The whole window, driven like a user would, headless. */
class LatentExplorerAppTest {
    private final FxRobot robot = new FxRobot();
    private final AtomicReference<Path> nextOpen = new AtomicReference<>();
    private final AtomicReference<Path> nextExport = new AtomicReference<>();

    @TempDir
    Path tmp;

    private LatentExplorerApp app;

    @BeforeEach
    void open() throws Exception {
        app = TestWindow.open(tmp, nextOpen::get, nextExport::get);
    }

    @AfterEach
    void close() throws Exception {
        robot.interact(() -> {
            if (app.viewModel().training().isActive()) {
                app.viewModel().training().cancel();
            }
        });
        waitFor(30, () -> !app.viewModel().training().isActive());
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void startsWithTheShippedModelAndAGridThatIsNotBlank() throws Exception {
        assertEquals("mnist-vae.lvae", app.viewModel().session().modelProperty().get().title());
        GridView view = app.gridView();
        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> view.canvas().snapshot(null, null)).get(10, TimeUnit.SECONDS);
        int x0 = (int) view.plotX();
        int y0 = (int) view.plotY();
        int side = (int) view.plotSide();
        int bright = 0;
        int samples = 0;
        for (int y = y0 + 2; y < y0 + side - 2; y += 3) {
            for (int x = x0 + 2; x < x0 + side - 2; x += 3) {
                samples++;
                if (shot.getPixelReader().getColor(x, y).getBrightness() > 0.5) {
                    bright++;
                }
            }
        }
        // A trained decoder draws bright strokes on black: neither blank nor uniform.
        assertTrue(bright > samples / 50 && bright < samples / 2, bright + " bright of " + samples);
    }

    // Shown before its model arrived, the window was styled and laid out twice and the grid came later.
    @Test
    void theWindowAppearsWithItsFirstGridDecoded() {
        assertEquals(Boolean.TRUE, TestWindow.gridDecodedWhenShown());
    }

    @Test
    void draggingMovesTheVisibleRangeByTheDraggedDistance() {
        GridView view = app.gridView();
        Viewport before = app.viewModel().grid().viewportProperty().get();
        double side = view.plotSide();
        Point2D start = onGrid(0.5, 0.5);
        robot.drag(start, MouseButton.PRIMARY).moveBy(60, 0).moveBy(60, -40).drop();
        WaitForAsyncUtils.waitForFxEvents();
        Viewport after = app.viewModel().grid().viewportProperty().get();
        double perPixel = before.width() / side;
        // Dragging right by 120 px shows smaller z1; dragging up by 40 px shows smaller z2.
        assertEquals(before.xMin() - 120 * perPixel, after.xMin(), 1e-6);
        assertEquals(before.xMax() - 120 * perPixel, after.xMax(), 1e-6);
        assertEquals(before.yMin() - 40 * perPixel, after.yMin(), 1e-6);
        waitFor(10, () -> app.viewModel().grid().renderedProperty().get().request().view().equals(after));
    }

    @Test
    void wheelZoomsAroundThePointerAndResetReturnsToTheDefaultView() {
        GridView view = app.gridView();
        Point2D at = onGrid(0.75, 0.25);
        Point2D local = view.screenToLocal(at);
        Viewport before = app.viewModel().grid().viewportProperty().get();
        double side = view.plotSide();
        double zx = before.latentX(local.getX() - view.plotX(), side);
        double zy = before.latentY(local.getY() - view.plotY(), side);
        robot.moveTo(at);
        Point2D scene = view.localToScene(local);
        // One wheel notch up, as the platform reports it (ScrollEvent takes scene coordinates).
        robot.interact(() -> view.fireEvent(new javafx.scene.input.ScrollEvent(javafx.scene.input.ScrollEvent.SCROLL,
                scene.getX(), scene.getY(), at.getX(), at.getY(), false, false, false, false, false, false,
                0, 120, 0, 120, javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null)));
        Viewport zoomed = app.viewModel().grid().viewportProperty().get();
        assertTrue(zoomed.width() < before.width() * 0.8, "zoomed in: " + zoomed);
        assertEquals(zx, zoomed.latentX(local.getX() - view.plotX(), side), 1e-6);
        assertEquals(zy, zoomed.latentY(local.getY() - view.plotY(), side), 1e-6);

        robot.clickOn(at);     // focus the grid
        robot.type(KeyCode.R);
        assertEquals(Viewport.DEFAULT, app.viewModel().grid().viewportProperty().get());
        robot.interact(() -> app.viewModel().grid().zoom(2, 10, 10, side, side));
        robot.clickOn("Reset");
        assertEquals(Viewport.DEFAULT, app.viewModel().grid().viewportProperty().get());
    }

    @Test
    void clickingSelectsAPointAndTheLargeImageAndSlidersFollow() {
        GridView view = app.gridView();
        Point2D at = onGrid(0.8, 0.3);
        Point2D local = view.screenToLocal(at);
        double side = view.plotSide();
        Viewport v = app.viewModel().grid().viewportProperty().get();
        double zx = v.latentX(local.getX() - view.plotX(), side);
        double zy = v.latentY(local.getY() - view.plotY(), side);
        robot.clickOn(at);
        GridViewModel grid = app.viewModel().grid();
        assertTrue(grid.hasSelectionProperty().get());
        // The pointer lands on a whole pixel.
        double pixel = v.width() / side;
        assertEquals(zx, grid.selectedXProperty().get(), pixel);
        assertEquals(zy, grid.selectedYProperty().get(), pixel);
        zx = grid.selectedXProperty().get();
        zy = grid.selectedYProperty().get();
        SelectionPane pane = app.selectionPane();
        waitFor(10, () -> pane.image.getImage() != null);
        assertEquals(zx, pane.x.getValue(), 1e-6);
        assertEquals(zy, pane.y.getValue(), 1e-6);
        double shownX = zx;
        waitFor(10, () -> pane.coordinates.getText().contains(String.format("%.2f", shownX)));
        var firstImage = pane.image.getImage();

        // The slider moves the selected point, and the image follows.
        robot.interact(() -> pane.x.setValue(-3));
        assertEquals(-3, grid.selectedXProperty().get(), 1e-9);
        waitFor(10, () -> pane.image.getImage() != firstImage);
        assertNotEquals(firstImage, pane.image.getImage());
    }

    @Test
    void trainingFeedsTheChartsTakesBetaWhileRunningAndCancels() throws Exception {
        TrainingViewModel training = app.viewModel().training();
        robot.interact(() -> {
            training.hiddenProperty().set("64");
            training.epochsProperty().set(50);
            training.batchSizeProperty().set(64);
        });
        robot.clickOn(app.trainingPane().train);
        waitFor(60, () -> training.stateProperty().get() == TrainingViewModel.State.RUNNING);
        waitFor(60, () -> app.charts().reconPoints() > 5 && app.charts().penaltyPoints() > 5);
        assertTrue(app.viewModel().session().isDirty());
        assertSame(null, app.viewModel().session().modelProperty().get().file());

        // Moving the beta slider changes the running training's beta.
        robot.interact(() -> app.trainingPane().knob("vae", "beta").slider.setValue(KnobViewModel.positionOf(training.knob("vae", "beta").knob(), 4)));
        assertEquals(4.0, training.betaProperty().get(), 1e-9);
        assertEquals(4.0, training.runningKind().value("beta"), 1e-9);
        // The status bar no longer says the beta the training started with.
        assertTrue(TestWindow.onFx(() -> app.viewModel().notifier().statusProperty().get()).startsWith("\u03b2 = 4 from epoch "),
                TestWindow.onFx(() -> app.viewModel().notifier().statusProperty().get()));
        // The model pane says what the model is now, not what it started as.
        waitFor(30, () -> TestWindow.onFx(() -> app.modelPane().describedKind()).startsWith("VAE (\u03b2 = 4)"));
        // ... and the curves record it.
        waitFor(30, () -> training.curves().weight().stream().anyMatch(p -> p.y() == 4.0));
        // The rate-distortion line gains a dot per epoch; the earlier dots stay as they are.
        var rd = app.rateDistortion();
        waitFor(60, () -> TestWindow.onFx(() -> rd.epochDots().size()) >= 2);
        javafx.scene.Node first = TestWindow.onFx(() -> rd.epochDots().get(0));
        int before = TestWindow.onFx(() -> rd.epochDots().size());
        waitFor(60, () -> TestWindow.onFx(() -> rd.epochDots().size()) > before);
        assertSame(first, TestWindow.onFx(() -> rd.epochDots().get(0)));
        assertEquals((int) TestWindow.onFx(() -> rd.picture().path().size()), (int) TestWindow.onFx(() -> rd.epochDots().size()));

        robot.clickOn(app.trainingPane().cancel);
        // Read on the UI thread, which ends a run's activity and its state together.
        waitFor(60, () -> TestWindow.onFx(() -> !training.isActive()));
        assertEquals(TrainingViewModel.State.IDLE, TestWindow.onFx(() -> training.stateProperty().get()));
        assertTrue(app.viewModel().session().isDirty(), "cancelled training keeps its unsaved weights");
        assertNotNull(app.viewModel().grid().renderedProperty().get());
        // ... and a copy of them, in case the window never gets to save them.
        Path recovery = tmp.resolve("recovery.lvae");
        waitFor(30, () -> Files.exists(recovery));
        var kept = org.latentexplorer.model.ModelFile.read(recovery);
        assertEquals(64, kept.config().encoder().get(0));
    }

    @Test
    void openRecoveredTrainingIsOfferedOnlyWhenThereIsACopy() throws Exception {
        javafx.scene.control.MenuItem item = fileItem("Open Recovered Training");
        robot.clickOn("File");
        assertTrue(item.isDisable(), "no copy, nothing to open");
        robot.type(javafx.scene.input.KeyCode.ESCAPE);

        Files.copy(app.viewModel().session().shippedModel(), tmp.resolve("recovery.lvae"));
        robot.clickOn("File");
        assertFalse(item.isDisable(), "a copy is there");
        robot.clickOn("Open Recovered Training");
        waitFor(30, () -> TestWindow.onFx(() -> app.viewModel().session().isDirty()));
        assertEquals("untitled", TestWindow.onFx(() -> app.viewModel().session().model().title()));
    }

    private javafx.scene.control.MenuItem fileItem(String text) {
        javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) app.rootPane().getTop();
        return bar.getMenus().stream().filter(m -> m.getText().equals("File")).flatMap(m -> m.getItems().stream())
                .filter(i -> text.equals(i.getText())).findFirst().orElseThrow(() -> new AssertionError("no File > " + text));
    }

    @Test
    void savingDuringTrainingKeepsItRunningAndLeavingWithUnsavedWeightsAsksFirst() throws Exception {
        TrainingViewModel training = app.viewModel().training();
        robot.interact(() -> {
            training.hiddenProperty().set("64");
            // Far more than the test lasts: a fast machine ran 50 epochs of the shipped split before the save was done.
            training.epochsProperty().set(2000);
        });
        robot.clickOn(app.gridView());
        robot.press(KeyCode.CONTROL).type(KeyCode.T).release(KeyCode.CONTROL);
        waitFor(60, () -> training.iterationsDone() > 3);

        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        Path saved = tmp.resolve("mnist-k2-vae.lvae");
        waitFor(30, () -> Files.exists(saved) && !app.viewModel().session().busyProperty().get());
        var model = org.latentexplorer.model.ModelFile.read(saved);
        assertEquals(64, model.config().encoder().get(0));
        assertNotNull(model.optimizer(), "a save during training keeps Adam's state, to continue later");
        assertTrue(training.isActive(), "saving does not stop the training: " + training.iterationsDone() + " iterations, " + training.stateProperty().get() + ", " + training.progressTextProperty().get());

        Window window = app.gridView().getScene().getWindow();
        javafx.application.Platform.runLater(() -> window.fireEvent(
                new javafx.stage.WindowEvent(window, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitFor(30, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane ask = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertTrue(ask.getHeaderText().contains("not saved"), ask.getHeaderText());
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.isShowing(), "cancel keeps the window open");
        assertTrue(training.isActive());
    }

    @Test
    void aCorruptModelFileIsReportedByNameAndTheCurrentModelStays() throws Exception {
        CurrentModel before = app.viewModel().session().modelProperty().get();
        var renderedBefore = app.viewModel().grid().renderedProperty().get();
        Path bad = tmp.resolve("broken.lvae");
        byte[] shipped = Files.readAllBytes(app.viewModel().session().shippedModel());
        Files.write(bad, java.util.Arrays.copyOf(shipped, shipped.length / 3));
        nextOpen.set(bad);
        robot.clickOn(app.gridView());
        robot.press(KeyCode.CONTROL).type(KeyCode.O).release(KeyCode.CONTROL);
        waitFor(30, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertTrue(dialog.getContentText().contains("broken.lvae"), dialog.getContentText());
        assertSame(before, app.viewModel().session().modelProperty().get());
        assertSame(renderedBefore, app.viewModel().grid().renderedProperty().get());
        TestWindow.clickDialogButton(robot, "OK");
    }

    /** Opens a new (untrained) VAE with three latent dimensions, k3.lvae, and waits for its grid. */
    private GridViewModel openThreeDimensionalModel() throws Exception {
        var config = org.latentexplorer.model.ModelConfig.of(new org.latentexplorer.model.Vae(1), 28, 28,
                java.util.List.of(32), 3, org.latentexplorer.model.Bernoulli.INSTANCE);
        var vae = new org.latentexplorer.model.Network(config, 5);
        Path file = tmp.resolve("k3.lvae");
        org.latentexplorer.model.ModelFile.write(file, new org.latentexplorer.model.SavedModel(config, vae.paramsToArray(),
                null, new org.latentexplorer.model.TrainingHistory(), java.util.Map.of("dataset", "mnist")));
        nextOpen.set(file);
        robot.clickOn(app.gridView());
        robot.press(KeyCode.CONTROL).type(KeyCode.O).release(KeyCode.CONTROL);
        GridViewModel grid = app.viewModel().grid();
        waitFor(30, () -> grid.renderedProperty().get() != null && grid.renderedProperty().get().request().slice().latent() == 3);
        return grid;
    }

    @Test
    void aModelWithThreeLatentDimensionsLetsTheUserPickThePlaneAndHoldTheThird() throws Exception {
        GridViewModel grid = openThreeDimensionalModel();
        assertEquals("k3.lvae", app.viewModel().session().modelProperty().get().title());

        // Across z3 instead of z1: the plane is z3 x z2, z1 held (at 0).
        robot.interact(() -> app.planePane().across.getSelectionModel().select(2));
        assertEquals(2, grid.sliceProperty().get().dimX());
        assertEquals(1, grid.sliceProperty().get().dimY());
        waitFor(10, () -> grid.renderedProperty().get().request().slice().dimX() == 2);
        javafx.scene.control.Slider held = robot.lookup(".held-dims .slider").queryAs(javafx.scene.control.Slider.class);
        robot.interact(() -> held.setValue(1.5));
        assertEquals(1.5f, grid.sliceProperty().get().held(0), 1e-6);
        waitFor(10, () -> grid.renderedProperty().get().request().slice().held(0) == 1.5f);
    }

    /**
     * The window speaks of the model's own terms: beta controls and the KL chart for a VAE, lambda
     * and an L1 chart for a sparse autoencoder, and for a plain autoencoder neither, nor a claim of a prior.
     */
    @Test
    void theLossControlsAndChartsFollowTheKindOfTheModel() throws Exception {
        TrainingPane pane = app.trainingPane();
        ChartsPane charts = app.charts();
        assertTrue(charts.kl.isVisible() && charts.beta.isVisible(), "the shipped VAE has a KL chart");
        assertEquals("KL to the prior", charts.kl.getTitle());
        assertTrue(pane.knob("vae", "beta").slider.getScene() != null, "beta slider on screen");

        for (String id : new String[] {"ae", "sparse-ae"}) {
            var kind = org.latentexplorer.model.ModelKinds.byId(id);
            var config = org.latentexplorer.model.ModelConfig.of(kind, 28, 28, java.util.List.of(32), 2,
                    org.latentexplorer.model.Bernoulli.INSTANCE);
            Path file = tmp.resolve(id + ".lvae");
            org.latentexplorer.model.ModelFile.write(file, new org.latentexplorer.model.SavedModel(config,
                    new org.latentexplorer.model.Network(config, 5).paramsToArray(), null,
                    new org.latentexplorer.model.TrainingHistory(), java.util.Map.of("dataset", "mnist")));
            nextOpen.set(file);
            robot.clickOn(app.gridView());
            robot.press(KeyCode.CONTROL).type(KeyCode.O).release(KeyCode.CONTROL);
            waitFor(30, () -> app.viewModel().session().modelProperty().get().title().equals(id + ".lvae"));
            // The charts follow in the same answer that shows the model: let it finish.
            WaitForAsyncUtils.waitForFxEvents();

            boolean sparse = id.equals("sparse-ae");
            assertEquals(sparse, charts.kl.isVisible(), id + ": penalty chart");
            assertEquals(sparse, charts.beta.isVisible(), id + ": weight chart");
            assertEquals(kind, app.viewModel().training().kindProperty().get(), "the form follows the model's kind");
            assertTrue(pane.knob("vae", "beta").slider.getScene() == null, id + ": no beta slider");
            assertEquals(sparse, pane.knob("sparse-ae", "lambda").slider.getScene() != null, id + ": lambda slider");
            if (sparse) {
                assertEquals("\u2016f(x)\u2016\u2081", charts.kl.getTitle());
                assertEquals("\u03bb", charts.beta.getTitle());
            }
            assertTrue(app.samplingPane().noPrior.getText().contains("has no prior"), app.samplingPane().noPrior.getText());
        }
    }

    @Test
    void aPenaltyThatIsNeverNegativeGetsNoAxisBelowZeroFromASavedHistoryAlone() throws Exception {
        var kind = org.latentexplorer.model.ModelKinds.byId("probabilistic-ae");
        var config = org.latentexplorer.model.ModelConfig.of(kind, 28, 28, java.util.List.of(32), 2,
                org.latentexplorer.model.Bernoulli.INSTANCE);
        // ||f(x)||^2 from 40 to 620 over ten epochs, as a recovered training's history holds it.
        java.util.List<org.latentexplorer.model.TrainingHistory.Epoch> epochs = new java.util.ArrayList<>();
        for (int e = 1; e <= 10; e++) {
            epochs.add(new org.latentexplorer.model.TrainingHistory.Epoch(e, 1, 0, 180 - 4 * e, 40 + 64 * (e - 1),
                    182 - 4 * e, 40 + 64 * (e - 1), 9000));
        }
        Path file = tmp.resolve("pae.lvae");
        org.latentexplorer.model.ModelFile.write(file, new org.latentexplorer.model.SavedModel(config,
                new org.latentexplorer.model.Network(config, 5).paramsToArray(), null,
                new org.latentexplorer.model.TrainingHistory(epochs), java.util.Map.of("dataset", "mnist")));
        nextOpen.set(file);
        robot.clickOn(app.gridView());
        robot.press(KeyCode.CONTROL).type(KeyCode.O).release(KeyCode.CONTROL);
        waitFor(30, () -> app.viewModel().session().modelProperty().get().title().equals("pae.lvae"));
        WaitForAsyncUtils.waitForFxEvents();

        var y = (javafx.scene.chart.NumberAxis) app.charts().kl.getYAxis();
        assertEquals(0, y.getLowerBound(), 1e-9, "the axis of ||f(x)||^2 starts at 0");
        assertTrue(y.getUpperBound() >= 620, "and reaches the last epoch's " + y.getUpperBound());
    }

    @Test
    void resizingTheWindowLaysTheGridOutAgainAtTheNewSize() throws Exception {
        GridView view = app.gridView();
        javafx.stage.Stage stage = (javafx.stage.Stage) view.getScene().getWindow();
        double before = view.plotSide();
        robot.interact(() -> {
            // Smaller: the headless screen is no larger than the window.
            stage.setWidth(stage.getWidth() - 150);
            stage.setHeight(stage.getHeight() - 120);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.plotSide() < before - 50, view.plotSide() + " after, " + before + " before");
        assertEquals(view.getWidth(), view.canvas().getWidth(), 1.0);
        // Drawn again at the new size: the plot's corner is the mosaic, the margin beside it is not.
        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> view.canvas().snapshot(null, null)).get(10, TimeUnit.SECONDS);
        int x = (int) (view.plotX() + view.plotSide() - 3);
        int y = (int) (view.plotY() + view.plotSide() - 3);
        assertTrue(shot.getPixelReader().getColor(x, y).getBrightness() < 0.6, "plot corner drawn");
        int left = (int) view.plotX() - 20;
        assertTrue(shot.getPixelReader().getColor(left, y).getBrightness() > 0.9, "margin left of the plot");
    }

    @Test
    void samplingDrawsAStripAndMarksIt() {
        robot.clickOn(app.samplingPane().sample);
        waitFor(10, () -> app.samplingPane().strip.getChildren().size() == SamplingViewModel.COUNT);
        assertNotNull(app.viewModel().sampling().samplesProperty().get());
    }

    // ------------------------------------------------------------------ the classroom fixes

    @Test
    void withContinueTickedTheDatasetBoxShowsTheModelsOwnDataset() throws Exception {
        TrainingPane pane = app.trainingPane();
        TrainingViewModel training = app.viewModel().training();
        robot.interact(() -> pane.dataset.setValue("fashion-mnist"));
        assertEquals("fashion-mnist", training.datasetProperty().get());
        assertEquals("fashion-mnist", TestWindow.onFx(() -> pane.dataset.getButtonCell().getText()));

        robot.interact(() -> training.continueCurrentProperty().set(true));
        assertEquals("mnist", TestWindow.onFx(() -> pane.dataset.getButtonCell().getText()), "the shipped model's");
        assertEquals("fashion-mnist", training.datasetProperty().get(), "the form's choice is kept");

        robot.interact(() -> training.continueCurrentProperty().set(false));
        assertEquals("fashion-mnist", TestWindow.onFx(() -> pane.dataset.getButtonCell().getText()));
    }

    @Test
    void theKeyboardStaysWithTheRunsButtonsFromTrainToPauseAndBack() throws Exception {
        TrainingViewModel training = app.viewModel().training();
        TrainingPane pane = app.trainingPane();
        robot.interact(() -> {
            training.hiddenProperty().set("32");
            training.epochsProperty().set(200);
            training.batchSizeProperty().set(64);
        });
        robot.clickOn(pane.train);
        waitFor(60, () -> TestWindow.onFx(() -> training.stateProperty().get() == TrainingViewModel.State.RUNNING));
        waitFor(10, () -> TestWindow.onFx(() -> pane.pause.isFocused()));

        // Space presses the button with the focus: the run holds, then goes on.
        robot.type(javafx.scene.input.KeyCode.SPACE);
        waitFor(10, () -> TestWindow.onFx(() -> training.stateProperty().get() == TrainingViewModel.State.PAUSED));
        robot.type(javafx.scene.input.KeyCode.SPACE);
        waitFor(10, () -> TestWindow.onFx(() -> training.stateProperty().get() == TrainingViewModel.State.RUNNING));

        robot.clickOn(pane.cancel);
        waitFor(60, () -> TestWindow.onFx(() -> !training.isActive()));
        waitFor(10, () -> TestWindow.onFx(() -> pane.train.isFocused()));
    }

    /** Trains a small model for a few iterations and cancels: unsaved weights on screen. */
    private void trainBrieflyAndCancel() {
        TrainingViewModel training = app.viewModel().training();
        robot.interact(() -> {
            training.hiddenProperty().set("32");
            training.epochsProperty().set(20);
            training.batchSizeProperty().set(64);
        });
        robot.clickOn(app.trainingPane().train);
        waitFor(60, () -> app.charts().reconPoints() > 5);
        robot.clickOn(app.trainingPane().cancel);
        waitFor(60, () -> !training.isActive());
        assertTrue(app.viewModel().session().isDirty());
    }

    /** Pixels of the train curve's blue inside a chart's plot area. */
    private int trainBluePixels(javafx.scene.chart.LineChart<Number, Number> chart) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            javafx.scene.Node plot = chart.lookup(".chart-plot-background");
            javafx.geometry.Bounds b = chart.sceneToLocal(plot.localToScene(plot.getBoundsInLocal()));
            WritableImage shot = chart.snapshot(null, null);
            int blue = 0;
            for (int y = (int) b.getMinY() + 1; y < (int) b.getMaxY() - 1; y++) {
                for (int x = (int) b.getMinX() + 1; x < (int) b.getMaxX() - 1; x++) {
                    javafx.scene.paint.Color c = shot.getPixelReader().getColor(x, y);
                    if (c.getBlue() > 0.6 && c.getRed() < 0.45 && c.getGreen() < 0.55) {
                        blue++;
                    }
                }
            }
            return blue;
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void openingAnotherModelAfterTrainingDrawsNoneOfTheRunsCurves() throws Exception {
        trainBrieflyAndCancel();
        assertTrue(trainBluePixels(app.charts().recon) > 20, "the run's train curve is drawn");
        robot.interact(() -> app.viewModel().session().discardRecovery());
        // Answer the unsaved-model question with Don't Save.
        robot.interact(() -> app.viewModel().session().open(app.viewModel().session().shippedModel()));
        waitFor(30, () -> "mnist-vae.lvae".equals(app.viewModel().session().modelProperty().get().title()));
        WaitForAsyncUtils.waitForFxEvents();
        // The shipped model stores no train curve: none may be drawn against its axes.
        assertEquals(0, app.charts().reconPoints());
        assertEquals(0, trainBluePixels(app.charts().recon), "the last run's train curve is still drawn");
        assertEquals(0, trainBluePixels(app.charts().kl));
    }

    @Test
    void theThreeChartsShareOneEpochAxis() {
        ChartsPane charts = app.charts();
        assertEquals(30, charts.epochAxisEnd(charts.recon), 1e-9);
        assertEquals(charts.epochAxisEnd(charts.recon), charts.epochAxisEnd(charts.kl), 1e-9);
        assertEquals(charts.epochAxisEnd(charts.recon), charts.epochAxisEnd(charts.beta), 1e-9);
    }

    @Test
    void openingAModelWithUnsavedTrainingAsksFirst() throws Exception {
        trainBrieflyAndCancel();
        CurrentModel trained = app.viewModel().session().modelProperty().get();
        Path other = Shipped.modelWithLatent(tmp, 3);
        nextOpen.set(other);
        robot.clickOn(app.gridView());
        robot.press(KeyCode.CONTROL).type(KeyCode.O).release(KeyCode.CONTROL);
        waitFor(10, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane ask = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertTrue(ask.getHeaderText().contains("not saved"), ask.getHeaderText());
        assertTrue(ask.getContentText().contains("opening another model"), ask.getContentText());
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(trained, app.viewModel().session().modelProperty().get(), "Cancel keeps the trained model");

        robot.press(KeyCode.CONTROL).type(KeyCode.O).release(KeyCode.CONTROL);
        waitFor(10, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        robot.clickOn("Don't Save");
        waitFor(30, () -> "latent-3.lvae".equals(app.viewModel().session().modelProperty().get().title()));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!app.viewModel().session().isDirty());
    }

    @Test
    void saveInTheQuestionWritesAModelThatHasAFileIntoItsFile() throws Exception {
        Path mine = Shipped.modelWithLatent(tmp, 3);
        int epochsBefore = org.latentexplorer.model.ModelFile.read(mine).history().size();
        nextOpen.set(mine);
        robot.clickOn(app.gridView());
        robot.press(KeyCode.CONTROL).type(KeyCode.O).release(KeyCode.CONTROL);
        waitFor(30, () -> TestWindow.onFx(() -> "latent-3.lvae".equals(app.viewModel().session().model().title())));
        TrainingViewModel training = app.viewModel().training();
        robot.interact(() -> {
            training.continueCurrentProperty().set(true);
            training.epochsProperty().set(1);
        });
        robot.clickOn(app.trainingPane().train);
        waitFor(60, () -> TestWindow.onFx(() -> !training.isActive() && app.viewModel().session().isDirty()));

        robot.clickOn("File");
        robot.clickOn("Open the Shipped MNIST Model");
        waitFor(10, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        robot.clickOn("Save\u2026");
        waitFor(30, () -> TestWindow.onFx(() -> "mnist-vae.lvae".equals(app.viewModel().session().model().title())));
        assertEquals(epochsBefore + 1, org.latentexplorer.model.ModelFile.read(mine).history().size(),
                "the continued training went into its own file");
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("mnist-k3")).toList(),
                    "no new file was asked for");
        }
    }

    @Test
    void startingANewTrainingOverUnsavedTrainingAsksFirstAndSaveKeepsIt() throws Exception {
        trainBrieflyAndCancel();
        robot.clickOn(app.trainingPane().train);
        waitFor(10, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane ask = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertTrue(ask.getContentText().contains("starting a new training"), ask.getContentText());
        assertTrue(!app.viewModel().training().isActive(), "nothing starts before the answer");
        robot.clickOn("Save\u2026");
        Path saved = tmp.resolve("mnist-k2-vae.lvae");
        waitFor(30, () -> Files.exists(saved));
        waitFor(30, () -> app.viewModel().training().isActive());
    }

    @Test
    void arrowKeysMoveSlidersByTheirFineStep() {
        TrainingPane pane = app.trainingPane();
        TrainingViewModel training = app.viewModel().training();
        robot.clickOn(pane.knob("vae", "beta").slider);
        robot.interact(() -> training.betaProperty().set(1.0));
        robot.type(KeyCode.RIGHT);
        assertEquals(1.1, training.betaProperty().get(), 1e-9);
        robot.type(KeyCode.LEFT, 2);
        assertEquals(0.99, training.betaProperty().get(), 1e-9);
        assertEquals("0.99", pane.knob("vae", "beta").field.getText());

        SelectionPane selection = app.selectionPane();
        robot.interact(() -> app.viewModel().grid().select(-1.28, 0.5));
        robot.interact(() -> selection.x.requestFocus());
        robot.type(KeyCode.RIGHT);
        assertEquals(-1.18, app.viewModel().grid().selectedXProperty().get(), 1e-9);

        SamplingPane sampling = app.samplingPane();
        robot.interact(() -> sampling.temperature.requestFocus());
        robot.type(KeyCode.RIGHT);
        assertEquals(1.1, app.viewModel().sampling().temperatureProperty().get(), 1e-9);
    }

    @Test
    void typingBetaSetsItExactlyAndABadValueIsNamedAndUndone() {
        TrainingPane pane = app.trainingPane();
        TrainingViewModel training = app.viewModel().training();
        robot.doubleClickOn(pane.knob("vae", "beta").field);
        robot.interact(() -> pane.knob("vae", "beta").field.setText("2.37"));
        robot.interact(() -> pane.knob("vae", "beta").field.fireEvent(new javafx.event.ActionEvent()));
        assertEquals(2.37, training.betaProperty().get(), 1e-9);
        assertEquals(KnobViewModel.positionOf(training.knob("vae", "beta").knob(), 2.37), pane.knob("vae", "beta").slider.getValue(), 1e-9);
        robot.interact(() -> {
            pane.knob("vae", "beta").field.setText("-3");
            pane.knob("vae", "beta").field.fireEvent(new javafx.event.ActionEvent());
        });
        assertEquals(2.37, training.betaProperty().get(), 1e-9);
        assertTrue(pane.knob("vae", "beta").error.getText().contains("between 0 and 10"), pane.knob("vae", "beta").error.getText());
        assertEquals("2.37", pane.knob("vae", "beta").field.getText());
    }

    @Test
    void theBetaSliderStaysPutWhileTrainingReports() throws Exception {
        TrainingPane pane = app.trainingPane();
        Callable<Double> y = () -> pane.knob("vae", "beta").slider.localToScene(0, 0).getY();
        double before = WaitForAsyncUtils.asyncFx(y).get(10, TimeUnit.SECONDS);
        TrainingViewModel training = app.viewModel().training();
        robot.interact(() -> {
            training.hiddenProperty().set("32");
            training.epochsProperty().set(20);
        });
        robot.clickOn(pane.train);
        waitFor(60, () -> training.progressTextProperty().get().startsWith("Epoch") && training.progressTextProperty().get().contains("images/s"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, WaitForAsyncUtils.asyncFx(y).get(10, TimeUnit.SECONDS), 0.5, "moved when training started");
        robot.clickOn(pane.cancel);
        waitFor(60, () -> !training.isActive());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, WaitForAsyncUtils.asyncFx(y).get(10, TimeUnit.SECONDS), 0.5, "moved when training ended");
    }

    @Test
    void aPointSelectedOutsideTheSliderRangeWidensTheSliders() {
        SelectionPane pane = app.selectionPane();
        robot.interact(() -> app.viewModel().grid().select(8.87, -1));
        assertEquals(8.87, pane.x.getValue(), 1e-9);
        assertTrue(pane.x.getMax() >= 8.87);
        assertEquals(-1, pane.y.getValue(), 1e-9);
        robot.interact(() -> app.viewModel().grid().select(2, -1));
        assertEquals(2, pane.x.getValue(), 1e-9);
        assertEquals(GridViewModel.SLIDER_LIMIT, pane.x.getMax(), 1e-9);
    }

    // ------------------------------------------------------------------ screens, presentation, export

    /** Every visible control whose bounds reach outside the scene, outside scroll panes' content. */
    private static java.util.List<String> controlsOutside(javafx.scene.Scene scene) {
        return TestWindow.controlsOutside(scene.getRoot());
    }

    private void resizeTo(double w, double h) {
        TestWindow.resize(robot, app, w, h);
    }

    @Test
    void at1024By768NoControlIsOutsideTheWindow() {
        resizeTo(1024, 768);
        javafx.scene.Scene scene = app.gridView().getScene();
        assertEquals(1024, scene.getWidth(), 1);
        assertTrue(controlsOutside(scene).isEmpty(), controlsOutside(scene)::toString);
        // The sample button, the grid and the right panel are inside it.
        javafx.geometry.Bounds sample = app.samplingPane().sample.localToScene(app.samplingPane().sample.getLayoutBounds());
        assertTrue(sample.getMaxX() <= 1024, sample.toString());
        assertTrue(app.gridView().plotSide() >= 380, "grid " + app.gridView().plotSide());
    }

    // At the window's least size the right panel lay partly outside the window, with no way to scroll to it.
    @Test
    void at800By600NoControlIsOutsideTheWindowAndTheGridKeepsItsRoom() {
        resizeTo(800, 600);
        javafx.scene.Scene scene = app.gridView().getScene();
        assertEquals(800, scene.getWidth(), 1);
        assertTrue(controlsOutside(scene).isEmpty(), controlsOutside(scene)::toString);
        assertTrue(app.gridView().plotSide() >= 250, "grid " + app.gridView().plotSide());
        // Every text whole: the model's description and figures take a line more, the charts' titles
        // and axis names give way to short ones, buttons and choices break onto a second line. Only
        // the decoder's choice is cut ("Bern..."): its list shows the whole names.
        robot.interact(() -> scene.getRoot().layout());
        List<String> cut = cutShort(scene.getRoot(), true).stream().filter(c -> !c.contains("\"Bernoulli\"")).toList();
        assertTrue(cut.isEmpty(), cut::toString);
        assertEquals("Recon.", app.charts().recon.getTitle());
        // An earlier training's label in the charts' legend (up to 110 pixels) pushed the right panel out again.
        keepAnEarlierSparseRun();
        resizeTo(800, 600);
        assertTrue(controlsOutside(scene).isEmpty(), controlsOutside(scene)::toString);
    }

    // A larger interface on a 1024 x 768 projector pushed the right panel out of the window.
    @Test
    void aLargerInterfaceAt1024By768KeepsEveryControlInsideTheWindow() {
        resizeTo(1024, 768);
        javafx.scene.Scene scene = app.gridView().getScene();
        for (double s : new double[] {1.125, 1.25, 1.5, 2, UiScale.MAX}) {
            robot.interact(() -> app.uiScale().scaleProperty().set(s));
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> scene.getRoot().layout());
            assertTrue(controlsOutside(scene).isEmpty(), () -> "scale " + s + ": " + controlsOutside(scene));
        }
        // One step larger, the panels still hold their controls whole and the run's buttons keep their names.
        robot.interact(() -> app.uiScale().scaleProperty().set(1.125));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> scene.getRoot().layout());
        assertTrue(cutShort(app.trainingPane()).isEmpty(), () -> cutShort(app.trainingPane()).toString());
        assertTrue(cutShort(app.samplingPane()).isEmpty(), () -> cutShort(app.samplingPane()).toString());
    }

    // In the side panel's narrow chart, the model's name, read leftwards from its point, ran out of the plot.
    @Test
    void theRateDistortionPointsNameStaysInsideTheSidePanelsNarrowPlot() {
        resizeTo(800, 600);
        javafx.scene.Node plot = app.rateDistortion().lookup(".chart-plot-background");
        javafx.scene.Node name = app.rateDistortion().lookup(".rate-distortion-label");
        assertNotNull(name, "the shipped model's point is named");
        javafx.geometry.Bounds p = plot.localToScene(plot.getLayoutBounds());
        javafx.geometry.Bounds n = name.localToScene(name.getLayoutBounds());
        // Its start inside the plot; its end too, unless it is wider than the plot.
        assertTrue(n.getMinX() >= p.getMinX() - 0.5 && (n.getMaxX() <= p.getMaxX() + 0.5 || n.getWidth() > p.getWidth()),
                "name " + n + " in plot " + p);
    }

    @Test
    void at1024By768NoNameOrChoiceIsCutShort() throws Exception {
        openThreeDimensionalModel();
        // The longest kind's name, and a held dimension's slider (its name was cut to "...").
        robot.interact(() -> app.viewModel().training().kindProperty().set(
                org.latentexplorer.model.ModelKinds.byId("probabilistic-ae")));
        // And the longest dataset's name offered ("fashion-mnist-full" where it is installed).
        TrainingViewModel training = app.viewModel().training();
        robot.interact(() -> training.datasetProperty().set(training.datasetChoices().stream()
                .max(java.util.Comparator.comparingInt(String::length)).orElseThrow()));
        resizeTo(1024, 768);
        assertTrue(cutShort(app.gridView().getScene().getRoot()).isEmpty(),
                () -> cutShort(app.gridView().getScene().getRoot()).toString());
    }

    /**
     * A sparse autoencoder trained briefly and left for the shipped model: its curves stay as an
     * earlier run, labelled in the legend (a kind with a long name, so that the label is long too).
     */
    private void keepAnEarlierSparseRun() {
        robot.interact(() -> app.viewModel().training().kindProperty().set(
                org.latentexplorer.model.ModelKinds.byId("sparse-ae")));
        trainBrieflyAndCancel();
        robot.interact(() -> app.viewModel().session().discardRecovery());
        robot.interact(() -> app.viewModel().session().open(app.viewModel().session().shippedModel()));
        waitFor(30, () -> "mnist-vae.lvae".equals(app.viewModel().session().modelProperty().get().title()));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(app.charts().lookup(".earlier-run-label") != null, "the run is kept as an earlier run");
    }

    @Test
    void at1024By768AnEarlierRunsLegendLeavesTheChartsTheirTitles() throws Exception {
        keepAnEarlierSparseRun();
        resizeTo(1024, 768);
        assertTrue(cutShort(app.charts()).isEmpty(), () -> cutShort(app.charts()).toString());
        // The run's label keeps its own width (up to its cap); it was squeezed to "VAE,...".
        javafx.scene.control.Label run = (javafx.scene.control.Label) app.charts().lookup(".earlier-run-label");
        assertTrue(run.getWidth() >= Math.min(run.prefWidth(-1), run.getMaxWidth()) - 0.5,
                run.getWidth() + " of " + run.prefWidth(-1));
    }

    @Test
    void at1024By768APausedTrainingsButtonsKeepTheirNames() throws Exception {
        TrainingViewModel training = app.viewModel().training();
        robot.interact(() -> {
            training.hiddenProperty().set("64");
            training.epochsProperty().set(2000);
        });
        resizeTo(1024, 768);
        robot.clickOn(app.trainingPane().train);
        waitFor(60, () -> TestWindow.onFx(() -> training.stateProperty().get()) == TrainingViewModel.State.RUNNING);
        robot.interact(training::pauseOrResume);
        waitFor(30, () -> TestWindow.onFx(() -> training.stateProperty().get()) == TrainingViewModel.State.PAUSED);
        WaitForAsyncUtils.waitForFxEvents();
        // "Resume" is longer than "Pause": all three buttons were cut to "Tr...", "Resu...", "Can...".
        assertTrue(cutShort(app.trainingPane()).isEmpty(), () -> cutShort(app.trainingPane()).toString());
    }

    /**
     * Every shown label, button or choice whose text ends in an ellipsis, apart from those given a
     * fixed number of lines on purpose (their whole text is in a tooltip).
     */
    private static java.util.List<String> cutShort(javafx.scene.Parent p) {
        return cutShort(p, false);
    }

    /** Texts cut short with "...", also those of labels given a fixed number of lines where withLines. */
    private static java.util.List<String> cutShort(javafx.scene.Parent p, boolean withLines) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (javafx.scene.Node n : p.getChildrenUnmodifiable()) {
            if (!n.isVisible() || !withLines && n.getStyleClass().stream().anyMatch(c -> c.startsWith("lines-"))) {
                continue;
            }
            if (n instanceof javafx.scene.control.Labeled l && l.getText() != null && !l.getText().isEmpty()
                    && l.lookup(".text") instanceof javafx.scene.text.Text shown && !shown.getText().equals(l.getText())
                    && (shown.getText().endsWith("...") || shown.getText().endsWith("\u2026"))) {
                out.add(l.getClass().getSimpleName() + " \"" + l.getText() + "\" shown as \"" + shown.getText() + "\"");
            }
            if (n instanceof javafx.scene.Parent q) {
                out.addAll(cutShort(q, withLines));
            }
        }
        return out;
    }

    @Test
    void at1280By720TheGridIsAtLeast450PixelsSquare() {
        resizeTo(1280, 720);
        assertTrue(app.gridView().plotSide() >= 450, "grid " + app.gridView().plotSide());
        assertTrue(controlsOutside(app.gridView().getScene()).isEmpty(), controlsOutside(app.gridView().getScene())::toString);
    }

    @Test
    void theUiScaleGrowsTextAndImagesAndIsRemembered() throws Exception {
        double font = app.selectionPane().coordinates.getFont().getSize();
        double image = app.selectionPane().image.getFitWidth();
        robot.clickOn(app.gridView());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.EQUALS).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1 + UiScale.STEP, app.uiScale().scaleProperty().get(), 1e-9);
        assertTrue(app.selectionPane().coordinates.getFont().getSize() > font, "text larger");
        assertTrue(app.selectionPane().image.getFitWidth() > image, "selected image larger");
        var saved = org.latentexplorer.runtime.Settings.load(tmp.resolve("settings.properties"));
        assertEquals(1 + UiScale.STEP, saved.getDouble("ui.scale", 0, 0, 10), 1e-9);
    }

    @Test
    void presentationModeShowsOnlyTheEssentialsInLargeTypeAndEscapeBringsAllBack() {
        var root = app.rootPane();
        javafx.scene.Node left = root.getLeft();
        double font = app.trainingPane().train.getFont().getSize();
        robot.clickOn(app.gridView());
        robot.type(KeyCode.F5);
        PresentationMode p = app.presentation();
        assertTrue(p.isOn());
        assertSame(null, root.getLeft());
        assertSame(null, root.getRight());
        assertTrue(root.getStyleClass().contains("presentation"));
        assertTrue(p.trainButton.getFont().getSize() >= font * 1.4, "large type");
        assertTrue(p.models.getItems().stream().anyMatch(m -> m.getFileName().toString().equals("mnist-vae.lvae")));
        // Keyboard driven: ] raises beta by its fine step, S samples.
        robot.type(KeyCode.CLOSE_BRACKET);
        assertEquals(1.1, app.viewModel().training().betaProperty().get(), 1e-9);
        robot.type(KeyCode.S);
        waitFor(10, () -> app.viewModel().sampling().samplesProperty().get() != null);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!p.isOn());
        assertSame(left, root.getLeft());
        assertTrue(root.getRight() != null && root.getBottom() != null);
        assertTrue(!root.getStyleClass().contains("presentation"));
        assertEquals(font, app.trainingPane().train.getFont().getSize(), 0.01);
    }

    @Test
    void enterThatPicksAModelInPresentationDoesNotAlsoAnswerTheUnsavedQuestion() throws Exception {
        trainBrieflyAndCancel();
        robot.clickOn(app.gridView());
        robot.type(KeyCode.F5);
        PresentationMode p = app.presentation();
        robot.type(KeyCode.M);
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".dialog-pane").tryQuery().isEmpty(), "an arrow key opened a model");
        robot.type(KeyCode.DOWN);
        // Held down while the question appears, as a person's key is.
        robot.press(KeyCode.ENTER);
        waitFor(10, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        robot.release(KeyCode.ENTER);
        // Pressed again at once (as a held key repeats): still not an answer before the question is read.
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".dialog-pane").tryQuery().isPresent(), "a key pressed at once answered the question");
        assertTrue(app.viewModel().session().isDirty());

        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("untitled", TestWindow.onFx(() -> app.viewModel().session().model().title()));
        assertSame(null, TestWindow.onFx(() -> p.models.getValue()), "the picker names the model on screen");
        assertEquals("Model", TestWindow.onFx(() -> p.models.getButtonCell().getText()), "its prompt, for an untitled model");

        // Escape closes the list without opening the model arrowed to, and stays in presentation.
        robot.type(KeyCode.M);
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.DOWN);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".dialog-pane").tryQuery().isEmpty(), "Escape opened the model");
        assertTrue(p.isOn());
        assertSame(null, TestWindow.onFx(() -> p.models.getValue()));
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!p.isOn());
    }

    @Test
    void everyExportOpensAndHoldsWhatWasOnScreen() throws Exception {
        robot.interact(() -> app.viewModel().grid().showTestSetProperty().set(true));
        waitFor(30, () -> app.viewModel().grid().embeddingProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Path grid = tmp.resolve("grid.png");
        nextExport.set(grid);
        robot.clickOn(app.gridView());
        robot.press(KeyCode.CONTROL).type(KeyCode.E).release(KeyCode.CONTROL);
        waitFor(30, () -> Files.exists(grid));
        var img = javax.imageio.ImageIO.read(grid.toFile());
        GridView view = app.gridView();
        assertEquals((int) view.getWidth(), img.getWidth());
        assertTrue(img.getHeight() > view.getHeight(), "the stamp's band below the picture");
        // The picture is the canvas: the same pixel as on screen in the plot's middle.
        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> view.canvas().snapshot(null, null)).get(10, TimeUnit.SECONDS);
        int x = (int) (view.plotX() + view.plotSide() / 3);
        int y = (int) (view.plotY() + view.plotSide() / 3);
        javafx.scene.paint.Color c = shot.getPixelReader().getColor(x, y);
        java.awt.Color e = new java.awt.Color(img.getRGB(x, y));
        assertEquals(c.getRed() * 255, e.getRed(), 3);
        assertEquals(c.getGreen() * 255, e.getGreen(), 3);
        String stamp = WaitForAsyncUtils.asyncFx(() -> app.exports().stamp()).get(10, TimeUnit.SECONDS);
        assertEquals("mnist-vae.lvae \u00b7 VAE (\u03b2 = 1) \u00b7 k = 2 \u00b7 epoch 30 \u00b7 seed 1", stamp);

        Path window = tmp.resolve("window.png");
        nextExport.set(window);
        robot.interact(() -> app.exports().picture(app.rootPane(), "window"));
        waitFor(30, () -> Files.exists(window));
        var whole = javax.imageio.ImageIO.read(window.toFile());
        assertEquals((int) app.rootPane().getWidth(), whole.getWidth());

        Path history = tmp.resolve("history.csv");
        nextExport.set(history);
        robot.interact(() -> app.exports().history());
        waitFor(30, () -> Files.exists(history));
        assertEquals(31, Files.readAllLines(history).size(), "header and the shipped model's 30 epochs");

        Path encoded = tmp.resolve("encoded.csv");
        nextExport.set(encoded);
        robot.interact(() -> app.exports().encodedTestSet());
        waitFor(30, () -> Files.exists(encoded));
        java.util.List<String> rows = Files.readAllLines(encoded);
        assertEquals(app.viewModel().session().dataProperty().get().test().count() + 1, rows.size());
        // The scatter on screen shows the first images' means: the CSV holds the same numbers.
        var shown = app.viewModel().grid().embeddingProperty().get();
        String[] first = rows.get(1).split(",");
        assertEquals(shown.mu(0, 0), Float.parseFloat(first[1]), 1e-4);
        assertEquals(shown.mu(0, 1), Float.parseFloat(first[2]), 1e-4);
    }

    @Test
    void anExportToAFolderThatCannotBeWrittenIsNamedAndNothingIsLost() throws Exception {
        Path blocker = tmp.resolve("not-a-folder");
        Files.writeString(blocker, "x");
        nextExport.set(blocker.resolve("history.csv"));
        CurrentModel before = app.viewModel().session().modelProperty().get();
        robot.interact(() -> app.exports().history());
        waitFor(30, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane d = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertTrue(d.getContentText().contains("not-a-folder"), d.getContentText());
        assertSame(before, app.viewModel().session().modelProperty().get());
        TestWindow.clickDialogButton(robot, "OK");
    }

    @Test
    void f1OpensTheGuide() {
        robot.clickOn(app.gridView());
        robot.type(KeyCode.F1);
        waitFor(10, () -> robot.lookup(".guide").tryQuery().isPresent());
        DialogPane d = robot.lookup(".guide").queryAs(DialogPane.class);
        assertTrue(d.getHeaderText().contains("what to try first"), d.getHeaderText());
        TestWindow.clickDialogButton(robot, "OK");
    }

    /** A point of the plot at fractions (fx, fy) of its side, in screen coordinates. */
    private Point2D onGrid(double fx, double fy) {
        GridView view = app.gridView();
        return view.localToScreen(view.plotX() + fx * view.plotSide(), view.plotY() + fy * view.plotSide());
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within " + seconds + " s", e);
        }
    }
}
