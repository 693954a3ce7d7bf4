package org.latentexplorer.ui.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.latentexplorer.ui.training.TrainingViewModel.State;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.data.AssetLocator;
import org.latentexplorer.data.DataSplit;
import org.latentexplorer.model.ModelFile;
import org.latentexplorer.model.SavedModel;
import org.latentexplorer.ui.ExplorerViewModel;
import org.latentexplorer.ui.session.Tasks;
import org.latentexplorer.ui.Shipped;
import org.latentexplorer.ui.grid.GridViewModel;
import org.latentexplorer.ui.modelinfo.ModelDescription;
import org.latentexplorer.ui.session.CurrentModel;
import org.latentexplorer.ui.session.DirectTasks;
import org.latentexplorer.ui.session.UserMessage;

/** The training form's checks, beta, and short trainings run to the end on the test thread. */
class TrainingViewModelTest {
    private static final org.latentexplorer.model.Knob BETA = new org.latentexplorer.model.Vae(1).knobs().get(0);
    private static final double EPS = 1e-12;

    @TempDir
    Path tmp;

    private static ExplorerViewModel empty(Tasks tasks) {
        ExplorerViewModel vm = new ExplorerViewModel(tasks, AssetLocator.fromEnvironment());
        vm.grid().showTestSetProperty().set(true);
        return vm;
    }

    /** One epoch of a small model on the shipped MNIST: 16 iterations of 500 images. */
    private static void smallSettings(TrainingViewModel t) {
        t.datasetProperty().set("mnist");
        t.continueCurrentProperty().set(false);
        t.epochsProperty().set(1);
        t.hiddenProperty().set("64");
        t.latentProperty().set(2);
        t.batchSizeProperty().set(500);
    }

    // ------------------------------------------------------------------ settings

    @Test
    void hiddenSizesAreCommaOrSpaceSeparatedWholeNumbers() {
        assertEquals(List.of(512, 256), TrainingViewModel.parseHidden("512,256"));
        assertEquals(List.of(512, 256), TrainingViewModel.parseHidden("512 256"));
        assertEquals(List.of(512, 256), TrainingViewModel.parseHidden(" 512, 256 "));
        assertEquals(List.of(64), TrainingViewModel.parseHidden("64"));
    }

    @Test
    void hiddenSizesThatAreNotNumbersAreRefusedNamingTheSetting() {
        for (String bad : new String[] {"512,x", "", "   ", null, "abc", "512;256"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrainingViewModel.parseHidden(bad), "accepted " + bad);
            assertTrue(e.getMessage().startsWith("hidden sizes"), e.getMessage());
        }
    }

    @Test
    void betaSliderEndsAndMiddle() {
        assertEquals(0, KnobViewModel.valueAt(BETA, 0));
        assertEquals(1, KnobViewModel.valueAt(BETA, 0.5));
        assertEquals(10, KnobViewModel.valueAt(BETA, 1));
        assertEquals(0, KnobViewModel.valueAt(BETA, -3));
        assertEquals(10, KnobViewModel.valueAt(BETA, 7));
        assertEquals(0, KnobViewModel.positionOf(BETA, 0));
        assertEquals(0.5, KnobViewModel.positionOf(BETA, 1));
        assertEquals(1, KnobViewModel.positionOf(BETA, 10));
    }

    @Test
    void betaHasHundredthStepsBelowOneAndTenthsAbove() {
        assertEquals(0.01, KnobViewModel.valueAt(BETA, 0.005), EPS);
        assertEquals(0.25, KnobViewModel.valueAt(BETA, 0.125), EPS);
        assertEquals(0.99, KnobViewModel.valueAt(BETA, 0.495), EPS);
        // Above 1, a hair's move of the slider rounds to the nearest tenth.
        assertEquals(1.1, KnobViewModel.valueAt(BETA, KnobViewModel.positionOf(BETA, 1.1) + 1e-4), EPS);
        assertEquals(4, KnobViewModel.valueAt(BETA, KnobViewModel.positionOf(BETA, 4) - 1e-4), EPS);
    }

    @Test
    void betaAtAndPositionOfAreInverse() {
        for (int i = 0; i <= 100; i++) {
            double beta = i / 100.0;
            assertEquals(beta, KnobViewModel.valueAt(BETA, KnobViewModel.positionOf(BETA, beta)), EPS, "beta " + beta);
        }
        for (int i = 10; i <= 100; i++) {
            double beta = i / 10.0;
            assertEquals(beta, KnobViewModel.valueAt(BETA, KnobViewModel.positionOf(BETA, beta)), EPS, "beta " + beta);
        }
        for (int i = 0; i <= 200; i++) {
            double position = i / 200.0;
            double beta = KnobViewModel.valueAt(BETA, position);
            // Rounding to the slider's steps moves the knob by less than half a step.
            assertEquals(position, KnobViewModel.positionOf(BETA, beta), 0.0031, "position " + position);
        }
    }

    @Test
    void betaPropertyIsClampedToZeroToTen() {
        TrainingViewModel t = empty(new DirectTasks()).training();
        t.betaProperty().set(12);
        assertEquals(10, t.betaProperty().get());
        t.betaProperty().set(-0.5);
        assertEquals(0, t.betaProperty().get());
        t.betaProperty().set(Double.NaN);
        assertEquals(1, t.betaProperty().get());
        t.betaProperty().set(3.3);
        assertEquals(3.3, t.betaProperty().get());
        assertNull(t.runningKind(), "no run, no running kind");
    }

    @Test
    void badHiddenSizesStopTheStartWithASettingsMessage() {
        DirectTasks tasks = new DirectTasks();
        ExplorerViewModel vm = empty(tasks);
        TrainingViewModel t = vm.training();
        smallSettings(t);
        t.hiddenProperty().set("abc");

        t.start();

        UserMessage m = vm.notifier().messageProperty().get();
        assertNotNull(m);
        assertEquals("Training settings", m.title());
        assertTrue(m.text().startsWith("Hidden sizes \"abc\""), m.text());
        assertTrue(tasks.submitted.isEmpty(), "work was started: " + tasks.submitted);
        assertEquals(State.IDLE, t.stateProperty().get());
        assertFalse(t.isActive());
        assertNull(vm.session().modelProperty().get());
    }

    @Test
    void otherBadSettingsAreNamedToo() {
        String[][] cases = {
                {"epochs", "Epochs must be between 1 and 100000, not 0."},
                {"batch", "Batch size must be between 1 and 65536, not 0."},
                {"latent", "Latent dimension 0 is outside 1..256."},
                {"dataset", "Choose a dataset."},
                {"continue", "There is no current model to continue."},
        };
        for (String[] c : cases) {
            DirectTasks tasks = new DirectTasks();
            ExplorerViewModel vm = empty(tasks);
            TrainingViewModel t = vm.training();
            smallSettings(t);
            switch (c[0]) {
                case "epochs" -> t.epochsProperty().set(0);
                case "batch" -> t.batchSizeProperty().set(0);
                case "latent" -> t.latentProperty().set(0);
                case "dataset" -> t.datasetProperty().set(" ");
                default -> t.continueCurrentProperty().set(true);
            }
            t.start();
            assertEquals(new UserMessage("Training settings", c[1]), vm.notifier().messageProperty().get(), c[0]);
            assertTrue(tasks.submitted.isEmpty(), c[0]);
        }
    }

    @Test
    void anUnknownDatasetEndsTheStartWithAMessageAndNoModel() {
        ExplorerViewModel vm = empty(new DirectTasks());
        TrainingViewModel t = vm.training();
        smallSettings(t);
        t.datasetProperty().set("no-such-dataset");
        List<State> states = new ArrayList<>();
        t.stateProperty().addListener((o, a, b) -> states.add(b));

        t.start();

        assertEquals(List.of(State.LOADING, State.IDLE), states);
        assertEquals("Could not start training", vm.notifier().messageProperty().get().title());
        assertTrue(vm.notifier().messageProperty().get().text().contains("no-such-dataset"), vm.notifier().messageProperty().get().text());
        assertFalse(t.isActive());
        assertEquals("", t.progressTextProperty().get());
        assertNull(vm.session().modelProperty().get());
    }

    // ------------------------------------------------------------------ training

    @Test
    void aShortTrainingMakesANewUntitledModelAndPlotsIt() {
        DirectTasks tasks = new DirectTasks();
        ExplorerViewModel vm = empty(tasks);
        TrainingViewModel t = vm.training();
        smallSettings(t);
        List<State> states = new ArrayList<>();
        t.stateProperty().addListener((o, a, b) -> states.add(b));

        t.start();
        t.poll();

        assertNull(vm.notifier().messageProperty().get());
        assertEquals(List.of(State.LOADING, State.RUNNING, State.IDLE), states);
        assertFalse(t.isActive());
        assertTrue(tasks.submitted.contains(Tasks.Lane.TRAIN));

        TrainingCurves c = t.curves();
        assertTrue(c.recon().size() > 0);
        assertTrue(c.penalty().size() > 0);
        assertEquals(1, c.testRecon().size());
        assertEquals(1, c.testPenalty().size());
        assertEquals(1.0, c.testRecon().get(0).x());
        // Iterations of the first epoch sit between 0 and 1, the last at 1.
        assertTrue(c.recon().x(0) > 0);
        assertEquals(1.0, c.recon().x(c.recon().size() - 1), EPS);
        assertEquals(c.version(), t.curvesVersionProperty().get());

        assertTrue(vm.session().isDirty());
        CurrentModel m = vm.session().modelProperty().get();
        assertNull(m.file());
        assertEquals("untitled", m.title());
        assertNull(m.run(), "the finished model still points at its run");
        assertEquals(1, m.history().size());
        assertEquals(List.of(64), m.config().encoder());
        assertEquals(2, m.config().latent());
        assertEquals("mnist", m.dataset());
        assertEquals("8000", m.info().get("train_images"));
        assertNotNull(m.saved().optimizer(), "Adam state kept for a later continue");

        GridViewModel.RenderedGrid grid = vm.grid().renderedProperty().get();
        assertNotNull(grid);
        assertEquals(GridViewModel.DEFAULT_STEPS * 28, grid.mosaic().width());
        assertEquals(2000, vm.grid().embeddingProperty().get().count());
        assertTrue(t.progressTextProperty().get().startsWith("Finished after 16 iterations. Epoch 1: test \u2212ELBO "),
                t.progressTextProperty().get());
        assertTrue(vm.notifier().statusProperty().get().endsWith("Save the model to keep it (File > Save)."),
                vm.notifier().statusProperty().get());
    }

    @Test
    void theBetaSetBeforeStartIsTheRunsBeta() {
        ExplorerViewModel vm = empty(new DirectTasks());
        TrainingViewModel t = vm.training();
        smallSettings(t);
        t.betaProperty().set(0.5);

        t.start();

        assertEquals(0.5, vm.session().modelProperty().get().history().epochs().get(0).weight());
        assertEquals(0.5, vm.session().modelProperty().get().config().kind().value("beta"));
        assertTrue(t.curves().weight().stream().allMatch(p -> p.y() == 0.5), t.curves().weight()::toString);
    }

    @Test
    void savingTheTrainedModelWritesItAndClearsDirty() throws IOException {
        ExplorerViewModel vm = empty(new DirectTasks());
        smallSettings(vm.training());
        vm.training().start();
        SavedModel trained = vm.session().modelProperty().get().saved();
        Path file = tmp.resolve("trained.lvae");

        vm.session().save(file, () -> { });

        assertFalse(vm.session().isDirty());
        assertEquals(file, vm.session().modelProperty().get().file());
        SavedModel back = ModelFile.read(file);
        assertEquals(trained.config(), back.config());
        assertArrayEquals(trained.params(), back.params());
        assertEquals(1, back.history().size());
        assertNotNull(back.optimizer());
        assertEquals("mnist", back.info().get("dataset"));
    }

    // A save renames the model; the curves of the training just shown stay.
    @Test
    void savingAfterTrainingKeepsTheTrainingCurves() {
        ExplorerViewModel vm = empty(new DirectTasks());
        smallSettings(vm.training());
        vm.training().start();
        int recon = vm.training().curves().recon().size();
        assertTrue(recon > 0);

        vm.session().save(tmp.resolve("trained.lvae"), () -> { });

        assertEquals(recon, vm.training().curves().recon().size());
        assertEquals(1, vm.training().curves().testRecon().size());
    }

    @Test
    void aFailedSaveOfTheTrainedModelKeepsItUnsaved() throws IOException {
        ExplorerViewModel vm = empty(new DirectTasks());
        smallSettings(vm.training());
        vm.training().start();
        CurrentModel model = vm.session().modelProperty().get();
        Path file = java.nio.file.Files.writeString(tmp.resolve("plain"), "x").resolve("trained.lvae");

        vm.session().save(file, () -> { });

        assertEquals("Could not save the model", vm.notifier().messageProperty().get().title());
        assertTrue(vm.notifier().messageProperty().get().text().contains(file.toString()), vm.notifier().messageProperty().get().text());
        assertSame(model, vm.session().modelProperty().get());
        assertTrue(vm.session().isDirty());
    }

    @Test
    void continuingASavedModelAddsAnEpochAndKeepsItsFileAndAdamState() {
        ExplorerViewModel vm = empty(new DirectTasks());
        TrainingViewModel t = vm.training();
        smallSettings(t);
        t.start();
        Path file = tmp.resolve("first.lvae");
        vm.session().save(file, () -> { });
        t.continueCurrentProperty().set(true);
        // Ignored when continuing: the current model's shape wins.
        t.hiddenProperty().set("abc");
        t.latentProperty().set(5);

        t.start();

        assertNull(vm.notifier().messageProperty().get());
        CurrentModel m = vm.session().modelProperty().get();
        assertEquals(2, m.history().size());
        assertEquals(2, m.history().epochs().get(1).epoch());
        assertEquals(List.of(64), m.config().encoder());
        assertEquals(2, m.config().latent());
        assertEquals(file, m.file(), "continued in place of the file it came from");
        assertEquals(32, m.saved().optimizer().iteration(), "Adam's step count goes on from the saved state");
        assertTrue(vm.session().isDirty());
        assertEquals(List.of(1.0, 2.0), t.curves().testRecon().stream().map(TrainingCurves.Point::x).toList());
        // The new iterations are plotted in the second epoch.
        assertTrue(t.curves().recon().x(0) > 1, "first iteration at " + t.curves().recon().x(0));
    }

    // ------------------------------------------------------------------ while a run is under way

    /** Starts a run whose training job is queued but not yet run. */
    private static ExplorerViewModel runningOn(DirectTasks.Queued tasks) {
        ExplorerViewModel vm = empty(tasks);
        smallSettings(vm.training());
        vm.training().start();
        assertEquals(State.LOADING, vm.training().stateProperty().get());
        assertTrue(tasks.runNext(), "no data job");
        assertEquals(State.RUNNING, vm.training().stateProperty().get());
        return vm;
    }

    @Test
    void openingAModelWhileTrainingIsRefused() {
        DirectTasks.Queued tasks = new DirectTasks.Queued();
        ExplorerViewModel vm = runningOn(tasks);
        CurrentModel model = vm.session().modelProperty().get();

        vm.session().open(vm.session().shippedModel());

        assertEquals("Training is running", vm.notifier().messageProperty().get().title());
        assertTrue(vm.notifier().messageProperty().get().text().contains(vm.session().shippedModel().toString()));
        assertSame(model, vm.session().modelProperty().get());
        vm.training().cancel();
        tasks.runAll();
    }

    @Test
    void aSecondStartWhileActiveIsIgnored() {
        DirectTasks.Queued tasks = new DirectTasks.Queued();
        ExplorerViewModel vm = runningOn(tasks);
        int pending = tasks.pending();
        vm.training().start();
        assertEquals(pending, tasks.pending());
        vm.training().cancel();
        tasks.runAll();
    }

    @Test
    void betaChangedWhileRunningGoesToTheRun() {
        DirectTasks.Queued tasks = new DirectTasks.Queued();
        ExplorerViewModel vm = runningOn(tasks);
        vm.training().betaProperty().set(2.5);
        assertEquals(2.5, vm.training().runningKind().value("beta"));
        vm.training().betaProperty().set(40);
        assertEquals(10, vm.training().runningKind().value("beta"));
        vm.training().cancel();
        tasks.runAll();
    }

    @Test
    void pauseAndResumeSwitchTheState() {
        DirectTasks.Queued tasks = new DirectTasks.Queued();
        ExplorerViewModel vm = runningOn(tasks);
        TrainingViewModel t = vm.training();
        t.pauseOrResume();
        assertEquals(State.PAUSED, t.stateProperty().get());
        t.pauseOrResume();
        assertEquals(State.RUNNING, t.stateProperty().get());
        t.cancel();
        tasks.runAll();
    }

    @Test
    void cancellingBeforeTheFirstIterationKeepsTheUntrainedModelAndEnds() {
        DirectTasks.Queued tasks = new DirectTasks.Queued();
        ExplorerViewModel vm = runningOn(tasks);
        TrainingViewModel t = vm.training();

        t.cancel();
        assertEquals(State.STOPPING, t.stateProperty().get());
        tasks.runAll();

        assertEquals(State.IDLE, t.stateProperty().get());
        assertFalse(t.isActive());
        assertEquals("Cancelled after 0 iterations.", t.progressTextProperty().get());
        CurrentModel m = vm.session().modelProperty().get();
        assertNull(m.run());
        assertEquals(0, m.history().size());
        assertNotNull(vm.grid().renderedProperty().get());
        assertNull(vm.notifier().messageProperty().get());
    }

    // The run may end between a save's write and its answer: the saved model still gets the file's name.
    @Test
    void aSaveStartedDuringTrainingNamesTheModelEvenIfTheRunEndsFirst() throws IOException {
        DirectTasks.Queued tasks = new DirectTasks.Queued();
        ExplorerViewModel vm = runningOn(tasks);
        Path file = tmp.resolve("during.lvae");
        boolean[] saved = {false};

        vm.session().save(file, () -> saved[0] = true);
        // The training job is ahead of the save on the queue: the run ends, then the save answers.
        tasks.runAll();

        assertTrue(saved[0]);
        assertNull(vm.notifier().messageProperty().get());
        assertEquals(State.IDLE, vm.training().stateProperty().get());
        CurrentModel m = vm.session().modelProperty().get();
        assertNull(m.run());
        assertEquals(1, m.history().size(), "the finished model keeps its trained weights");
        assertArrayEquals(m.saved().params(), ModelFile.read(file).params());
        assertEquals(file, m.file());
    }

    // ------------------------------------------------------------------ the classroom fixes

    @Test
    void oneArrowKeyMovesBetaByItsFineStep() {
        assertEquals(1.1, KnobViewModel.nudge(BETA, 1.0, 1), EPS);
        assertEquals(0.99, KnobViewModel.nudge(BETA, 1.0, -1), EPS);
        assertEquals(9.9, KnobViewModel.nudge(BETA, 10, -1), EPS);
        assertEquals(10, KnobViewModel.nudge(BETA, 10, 1), EPS);
        assertEquals(0.01, KnobViewModel.nudge(BETA, 0, 1), EPS);
        assertEquals(0, KnobViewModel.nudge(BETA, 0, -1), EPS);
        assertEquals(0.26, KnobViewModel.nudge(BETA, 0.25, 1), EPS);
        // An exact typed value steps to the next multiple of the step, not past it.
        assertEquals(2.4, KnobViewModel.nudge(BETA, 2.37, 1), EPS);
        assertEquals(2.3, KnobViewModel.nudge(BETA, 2.37, -1), EPS);
        // Ten presses from 0.95 cross 1 with the step of each side.
        double b = 0.95;
        for (int i = 0; i < 10; i++) {
            b = KnobViewModel.nudge(BETA, b, 1);
        }
        assertEquals(1.5, b, EPS);
    }

    @Test
    void aTypedBetaIsTakenExactlyAndBadOnesAreRefusedNamingTheSetting() {
        ExplorerViewModel vm = empty(new DirectTasks());
        TrainingViewModel t = vm.training();
        assertNull(t.knob("vae", "beta").type("2.37"));
        assertEquals(2.37, t.betaProperty().get(), EPS);
        assertNull(t.knob("vae", "beta").type(" 0,5 "));
        assertEquals(0.5, t.betaProperty().get(), EPS);
        for (String bad : new String[] {"-3", "abc", "", "11", "NaN"}) {
            String problem = t.knob("vae", "beta").type(bad);
            assertNotNull(problem, bad);
            assertTrue(problem.startsWith("\u03b2"), problem);
            assertTrue(problem.contains(bad.trim()), problem);
            assertEquals(0.5, t.betaProperty().get(), EPS, "beta kept after " + bad);
        }
    }

    @Test
    void theSeedIsASettingRecordedInTheModel() {
        ExplorerViewModel vm = empty(new DirectTasks());
        TrainingViewModel t = vm.training();
        smallSettings(t);
        assertEquals("1", t.seedProperty().get());
        t.seedProperty().set("42");
        t.start();
        assertEquals("42", vm.session().modelProperty().get().info().get("seed"));
        assertTrue(ModelDescription.data(vm.session().modelProperty().get()).endsWith("seed 42"),
                ModelDescription.data(vm.session().modelProperty().get()));
    }

    @Test
    void theSameSeedGivesTheSameCurvesAndAnotherSeedOthers() {
        float[][] weights = new float[3][];
        String[] seeds = {"7", "7", "8"};
        for (int i = 0; i < 3; i++) {
            ExplorerViewModel vm = empty(new DirectTasks());
            smallSettings(vm.training());
            vm.training().seedProperty().set(seeds[i]);
            vm.training().start();
            weights[i] = vm.session().modelProperty().get().saved().params();
        }
        assertArrayEquals(weights[0], weights[1]);
        assertFalse(java.util.Arrays.equals(weights[0], weights[2]));
    }

    @Test
    void aSeedThatIsNotAWholeNumberStopsTheStartNamingTheSetting() {
        DirectTasks tasks = new DirectTasks();
        ExplorerViewModel vm = empty(tasks);
        TrainingViewModel t = vm.training();
        smallSettings(t);
        t.seedProperty().set("abc");
        t.start();
        assertEquals("Training settings", vm.notifier().messageProperty().get().title());
        assertTrue(vm.notifier().messageProperty().get().text().startsWith("Seed \"abc\" is not a whole number"),
                vm.notifier().messageProperty().get().text());
        assertTrue(tasks.submitted.isEmpty());
    }

    @Test
    void theModelShownTheTrainingsAfterItAndTheComparedModelsShareOneCopyOfTheirData() {
        ExplorerViewModel vm = empty(new DirectTasks());
        vm.session().open(vm.session().shippedModel());
        DataSplit shown = vm.session().dataProperty().get();
        assertEquals("mnist", shown.name());
        List<DataSplit> replaced = new ArrayList<>();
        vm.session().dataProperty().addListener((o, a, b) -> replaced.add(b));

        smallSettings(vm.training());
        vm.training().start();
        vm.training().start();

        assertTrue(vm.training().progressTextProperty().get().startsWith("Finished"),
                vm.training().progressTextProperty().get());
        assertEquals(1, vm.session().model().history().size(), "the second training is a new model of one epoch");
        assertSame(shown, vm.session().dataProperty().get());
        assertEquals(List.of(), replaced, "the data shown was read again and replaced");
        assertEquals(2000, vm.grid().embeddingProperty().get().count(), "the test set follows the trained model");

        vm.compare().open(org.latentexplorer.ui.compare.CompareViewModel.Pair.AE_VS_VAE);
        for (var m : vm.compare().models()) {
            assertSame(shown, m.session().dataProperty().get(), m.session().model().title());
        }
    }

    @Test
    void continuingTheModelKeepsTheInspectedImageAndTheInterpolationAndEncodesThemAgain() {
        ExplorerViewModel vm = empty(new DirectTasks());
        vm.session().open(vm.session().shippedModel());
        vm.inspect().pick(7);
        vm.interpolate().useImage(true, 3);
        vm.interpolate().useImage(false, 11);
        float[] muBefore = vm.inspect().inspectionProperty().get().mu().clone();
        float[] pathBefore = vm.interpolate().resultProperty().get().path().codes().clone();

        TrainingViewModel t = vm.training();
        t.continueCurrentProperty().set(true);
        t.epochsProperty().set(1);
        t.start();

        assertTrue(t.progressTextProperty().get().startsWith("Finished"), t.progressTextProperty().get());
        assertEquals(7, vm.inspect().pickedProperty().get(), "the inspected image stays");
        assertFalse(java.util.Arrays.equals(muBefore, vm.inspect().inspectionProperty().get().mu()),
                "its code follows the trained weights");
        assertEquals(3, vm.interpolate().fromProperty().get().image());
        assertEquals(11, vm.interpolate().toProperty().get().image());
        assertFalse(java.util.Arrays.equals(pathBefore, vm.interpolate().resultProperty().get().path().codes()),
                "the line between their codes follows the trained weights");

        // A new training is another model: what was picked on the old one goes.
        smallSettings(t);
        t.start();
        assertEquals(-1, vm.inspect().pickedProperty().get());
        assertNull(vm.interpolate().fromProperty().get());
    }

    @Test
    void aPcaOnScreenCannotBeContinuedAndSaysWhyWhenAskedTo() {
        DirectTasks tasks = new DirectTasks();
        ExplorerViewModel vm = empty(tasks);
        TrainingViewModel t = vm.training();
        vm.session().open(vm.session().shippedModel());
        assertTrue(t.canContinueProperty().get());
        t.continueCurrentProperty().set(true);

        vm.session().open(vm.session().shippedModel().resolveSibling("mnist-pca.lvae"));
        assertFalse(t.canContinueProperty().get());
        assertFalse(t.continueCurrentProperty().get(), "Continue is unticked for a PCA");

        tasks.submitted.clear();
        t.continueCurrentProperty().set(true);
        t.start();
        UserMessage m = vm.notifier().messageProperty().get();
        assertEquals("Training settings", m.title());
        assertTrue(m.text().startsWith("PCA is computed in closed form") && m.text().contains("untick Continue"), m.text());
        assertTrue(tasks.submitted.isEmpty());
        assertFalse(vm.session().isDirty(), "the shipped PCA is not marked unsaved");
    }

    @Test
    void theLastTrainingsMessageGoesWhenAnotherModelIsOpened() {
        ExplorerViewModel vm = empty(new DirectTasks());
        smallSettings(vm.training());
        vm.training().start();
        assertTrue(vm.training().progressTextProperty().get().startsWith("Finished"));
        vm.session().open(vm.session().shippedModel());
        assertEquals("mnist-vae.lvae", vm.session().modelProperty().get().title());
        assertEquals("", vm.training().progressTextProperty().get());
    }

    @Test
    void oneEpochIsOneEpoch() {
        ExplorerViewModel vm = empty(new DirectTasks());
        smallSettings(vm.training());
        vm.training().start();
        String quality = ModelDescription.quality(vm.session().modelProperty().get().config(), vm.session().modelProperty().get().history());
        assertTrue(quality.startsWith("1 epoch \u00b7"), quality);
        assertEquals("1 iteration", TrainingViewModel.count(1, "iteration"));
        assertEquals("1,234 iterations", TrainingViewModel.count(1234, "iteration"));
    }

    @Test
    void aValueChangedWhileTrainingIsSaidInFewDigits() {
        assertEquals("4", TrainingViewModel.shortNumber(4.0));
        assertEquals("2.37", TrainingViewModel.shortNumber(2.3700000001));
        assertEquals("0.001", TrainingViewModel.shortNumber(0.001));
        assertEquals("0", TrainingViewModel.shortNumber(0));
        assertEquals("12.3", TrainingViewModel.shortNumber(12.345));
    }

    @Test
    void aDivergedTrainingGivesItsAdviceOnce() {
        ExplorerViewModel vm = empty(new DirectTasks());
        TrainingViewModel t = vm.training();
        smallSettings(t);
        // A step this large sends the weights to infinity within the first epoch.
        t.learningRateProperty().set(10);
        t.decoderProperty().set(TrainingViewModel.Decoder.GAUSSIAN);
        t.start();
        UserMessage m = vm.notifier().messageProperty().get();
        assertNotNull(m, "the run did not diverge");
        assertEquals("Training stopped", m.title());
        assertTrue(m.text().startsWith("The loss became infinite or NaN"), m.text());
        assertEquals(1, m.text().split("smaller learning rate", -1).length - 1, m.text());
        assertEquals(1, m.text().split("are back", -1).length - 1, m.text());
    }

    @Test
    void theEpochAxisEndsAtTheLastPlannedEpochWhileTrainingAndAtTheLastDoneAfter() {
        ExplorerViewModel vm = Shipped.open();
        TrainingCurves c = vm.training().curves();
        assertEquals(30, c.epochSpan(), EPS);
        c.clear();
        assertEquals(1, c.epochSpan(), EPS);
        c.planEnd(10);
        c.addIteration(0.25, 200, 3, 1);
        assertEquals(10, c.epochSpan(), EPS);
        c.addIteration(0.5, 190, 3, 4);
        assertEquals(10, c.epochSpan(), EPS);
        c.planEnd(0);
        assertEquals(1, c.epochSpan(), EPS);
    }

    @Test
    void timeLeftIsInSecondsMinutesOrHours() {
        assertEquals("about 1 s left", TrainingViewModel.timeLeft(0.2));
        assertEquals("about 42 s left", TrainingViewModel.timeLeft(42));
        assertEquals("about 3 min left", TrainingViewModel.timeLeft(170));
        assertEquals("about 2.5 h left", TrainingViewModel.timeLeft(9000));
    }

    // ------------------------------------------------------------------ model kinds

    @Test
    void theFormTrainsTheChosenKindWithItsHyperParametersAndOnlyItsTerms() {
        ExplorerViewModel vm = empty(new DirectTasks());
        TrainingViewModel t = vm.training();
        smallSettings(t);
        t.kindProperty().set(org.latentexplorer.model.ModelKinds.byId("sparse-ae"));
        t.knob("sparse-ae", "lambda").valueProperty().set(0.3);
        t.start();
        CurrentModel m = vm.session().modelProperty().get();
        assertEquals(new org.latentexplorer.model.SparseAutoencoder(0.3), m.config().kind());
        assertEquals(0.3, m.history().epochs().get(0).weight(), EPS);
        assertTrue(t.curves().penalty().size() > 0, "the L1 term is plotted where a VAE's KL would be");

        t.kindProperty().set(org.latentexplorer.model.ModelKinds.byId("ae"));
        t.start();
        m = vm.session().modelProperty().get();
        assertEquals("ae", m.config().kind().id());
        assertEquals(0, t.curves().penalty().size(), "an autoencoder has no penalty curve, not a line at 0");
        assertEquals(List.of(), t.curves().testPenalty());
        assertEquals(List.of(), t.curves().weight());
        assertTrue(ModelDescription.quality(m.config(), m.history()).contains("test reconstruction"));
        assertFalse(ModelDescription.quality(m.config(), m.history()).contains("ELBO"), "no -ELBO without a prior");
    }

    @Test
    void aLinearKindIgnoresTheHiddenLayersAndTheDecoderOfTheForm() {
        ExplorerViewModel vm = empty(new DirectTasks());
        TrainingViewModel t = vm.training();
        smallSettings(t);
        t.kindProperty().set(org.latentexplorer.model.ModelKinds.byId("pca"));
        t.decoderProperty().set(TrainingViewModel.Decoder.GAUSSIAN);
        t.start();
        CurrentModel m = vm.session().modelProperty().get();
        assertEquals("pca", m.config().kind().id());
        assertEquals(List.of(), m.config().encoder());
        assertFalse(m.config().likelihood().inNats(), "squared error");
        assertTrue(ModelDescription.quality(m.config(), m.history()).startsWith("Fitted"),
                ModelDescription.quality(m.config(), m.history()));
    }

    @Test
    void openingAModelShowsItsKindAndHyperParametersInTheForm() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("kinds");
        var config = org.latentexplorer.model.ModelConfig.of(new org.latentexplorer.model.Vae(4), 28, 28, List.of(16), 2,
                org.latentexplorer.model.Bernoulli.INSTANCE);
        java.nio.file.Path file = dir.resolve("beta4.lvae");
        org.latentexplorer.model.ModelFile.write(file, new org.latentexplorer.model.SavedModel(config,
                new org.latentexplorer.model.Network(config, 1).paramsToArray(), null,
                new org.latentexplorer.model.TrainingHistory(), Map.of("dataset", "mnist")));
        ExplorerViewModel vm = empty(new DirectTasks());
        vm.training().kindProperty().set(org.latentexplorer.model.ModelKinds.byId("denoising-ae"));
        vm.session().open(file);
        assertEquals("vae", vm.training().kindProperty().get().id());
        assertEquals(4.0, vm.training().betaProperty().get(), EPS);
    }

    @Test
    void aRunningTrainingTakesTheNewValueOfItsOwnKindsKnobOnly() {
        DirectTasks.Queued tasks = new DirectTasks.Queued();
        ExplorerViewModel vm = empty(tasks);
        TrainingViewModel t = vm.training();
        smallSettings(t);
        t.kindProperty().set(org.latentexplorer.model.ModelKinds.byId("denoising-ae"));
        t.start();
        assertTrue(tasks.runNext(), "no data job");
        t.knob("denoising-ae", "noise").valueProperty().set(0.2);
        assertEquals(0.2, t.runningKind().value("noise"), EPS);
        t.betaProperty().set(3);
        assertEquals(new org.latentexplorer.model.DenoisingAutoencoder(0.2), t.runningKind(), "beta is not this kind's");
        t.cancel();
        tasks.runAll();
    }
}
