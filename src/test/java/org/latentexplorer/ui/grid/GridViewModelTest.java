package org.latentexplorer.ui.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.data.AssetLocator;
import org.latentexplorer.explore.DecodeMode;
import org.latentexplorer.explore.LatentSlice;
import org.latentexplorer.explore.Viewport;
import org.latentexplorer.ui.ExplorerViewModel;
import org.latentexplorer.ui.Shipped;
import org.latentexplorer.ui.session.DirectTasks;

/** Panning, zooming, tile count and selection on the latent grid of the shipped model. */
class GridViewModelTest {
    private static final double EPS = 1e-9;

    private ExplorerViewModel vm;
    private GridViewModel grid;
    /** Every grid that arrives, in order. */
    private final List<GridViewModel.RenderedGrid> frames = new ArrayList<>();

    @BeforeEach
    void openShipped() {
        vm = Shipped.open();
        grid = vm.grid();
        grid.renderedProperty().addListener((o, a, b) -> frames.add(b));
    }

    /** The newest grid: a new frame since the last look, for the view now shown. */
    private GridViewModel.RenderedGrid newFrameFor(Viewport view) {
        assertFalse(frames.isEmpty(), "no new grid");
        GridViewModel.RenderedGrid last = frames.get(frames.size() - 1);
        assertNotNull(last);
        assertEquals(view, last.request().view());
        assertSame(last, grid.renderedProperty().get());
        frames.clear();
        return last;
    }

    @Test
    void startsOnTheDefaultViewport() {
        assertEquals(Viewport.DEFAULT, grid.viewportProperty().get());
        assertEquals(Viewport.DEFAULT, grid.renderedProperty().get().request().view());
        assertEquals(LatentSlice.firstTwo(2), grid.renderedProperty().get().request().slice());
    }

    @Test
    void panMovesTheViewportByTheDraggedFractionOfItsSpan() {
        grid.pan(50, -30, 500, 400);
        Viewport v = grid.viewportProperty().get();
        // Dragging right by a tenth of the width shows smaller x; dragging up shows smaller y.
        assertEquals(-5 - 50.0 * 10 / 500, v.xMin(), EPS);
        assertEquals(5 - 50.0 * 10 / 500, v.xMax(), EPS);
        assertEquals(-5 - 30.0 * 10 / 400, v.yMin(), EPS);
        assertEquals(5 - 30.0 * 10 / 400, v.yMax(), EPS);
        newFrameFor(v);

        grid.pan(-100, 200, 1000, 1000);
        Viewport w = grid.viewportProperty().get();
        assertEquals(v.xMin() + 1, w.xMin(), EPS);
        assertEquals(v.yMin() + 2, w.yMin(), EPS);
        assertEquals(10, w.width(), EPS);
        newFrameFor(w);
    }

    @Test
    void zoomKeepsThePointUnderThePointer() {
        double px = 100;
        double py = 300;
        Viewport before = grid.viewportProperty().get();
        double x = before.latentX(px, 500);
        double y = before.latentY(py, 400);

        grid.zoom(2, px, py, 500, 400);

        Viewport after = grid.viewportProperty().get();
        assertEquals(5, after.width(), EPS);
        assertEquals(5, after.height(), EPS);
        assertEquals(x, after.latentX(px, 500), EPS);
        assertEquals(y, after.latentY(py, 400), EPS);
        newFrameFor(after);

        grid.zoom(0.25, 480, 20, 500, 400);
        Viewport out = grid.viewportProperty().get();
        assertEquals(20, out.width(), EPS);
        assertEquals(after.latentX(480, 500), out.latentX(480, 500), EPS);
        assertEquals(after.latentY(20, 400), out.latentY(20, 400), EPS);
        newFrameFor(out);
    }

    @Test
    void resetViewReturnsToTheDefault() {
        grid.zoom(3, 10, 10, 100, 100);
        grid.pan(7, 9, 100, 100);
        frames.clear();

        grid.resetView();

        assertEquals(Viewport.DEFAULT, grid.viewportProperty().get());
        newFrameFor(Viewport.DEFAULT);
    }

    @Test
    void aZoomedInGridDiffersFromTheFullView() {
        int[] full = grid.renderedProperty().get().mosaic().argb();
        grid.zoom(4, 400, 100, 500, 500);
        assertFalse(java.util.Arrays.equals(full, grid.renderedProperty().get().mosaic().argb()));
    }

    @Test
    void stepsAreClampedToEightToThirtyTwo() {
        grid.stepsProperty().set(3);
        assertEquals(GridViewModel.MIN_STEPS, grid.stepsProperty().get());
        assertEquals(8, grid.renderedProperty().get().mosaic().columns());
        assertEquals(8 * 28, grid.renderedProperty().get().mosaic().width());

        grid.stepsProperty().set(100);
        assertEquals(GridViewModel.MAX_STEPS, grid.stepsProperty().get());
        assertEquals(32, grid.renderedProperty().get().request().steps());
        assertEquals(32 * 28, grid.renderedProperty().get().mosaic().height());

        grid.stepsProperty().set(12);
        assertEquals(12, grid.stepsProperty().get());
        assertEquals(12, grid.renderedProperty().get().mosaic().columns());
        // Out-of-range values never reach the decoder.
        assertTrue(frames.stream().allMatch(f -> f.request().steps() >= 8 && f.request().steps() <= 32));
    }

    @Test
    void selectingAPointDecodesItsImage() {
        assertFalse(grid.hasSelectionProperty().get());
        assertNull(grid.selectedImageProperty().get());

        grid.select(0.5, -0.25);

        assertTrue(grid.hasSelectionProperty().get());
        assertEquals(0.5, grid.selectedXProperty().get());
        assertEquals(-0.25, grid.selectedYProperty().get());
        GridViewModel.SelectedImage image = grid.selectedImageProperty().get();
        assertNotNull(image, "selected image did not arrive");
        assertArrayEquals(new float[] {0.5f, -0.25f}, image.z());
        assertEquals(28, image.rows());
        assertEquals(28, image.cols());
        assertEquals(28 * 28, image.pixels().length);
        for (float p : image.pixels()) {
            assertTrue(p >= 0 && p <= 1, "pixel " + p);
        }
    }

    @Test
    void farApartPointsHaveDifferentImages() {
        grid.select(-2.5, -2.5);
        float[] a = grid.selectedImageProperty().get().pixels();
        grid.select(2.5, 2.5);
        GridViewModel.SelectedImage b = grid.selectedImageProperty().get();
        assertArrayEquals(new float[] {2.5f, 2.5f}, b.z());
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff += Math.abs(a[i] - b.pixels()[i]);
        }
        assertTrue(diff / a.length > 0.05, "mean pixel difference " + diff / a.length);
    }

    @Test
    void selectingTheOriginFirstStillDecodes() {
        // (0, 0) equals the initial coordinates, so only the selection itself can trigger the decode.
        grid.select(0, 0);
        assertNotNull(grid.selectedImageProperty().get());
        assertArrayEquals(new float[] {0f, 0f}, grid.selectedImageProperty().get().z());
    }

    @Test
    void aPointThatIsNotANumberIsIgnored() {
        grid.select(1, 1);
        GridViewModel.SelectedImage image = grid.selectedImageProperty().get();
        grid.select(Double.NaN, 2);
        grid.select(3, Double.POSITIVE_INFINITY);
        assertEquals(1, grid.selectedXProperty().get());
        assertEquals(1, grid.selectedYProperty().get());
        assertSame(image, grid.selectedImageProperty().get());
    }

    @Test
    void changingTheDecodeModeRedrawsGridAndSelection() {
        grid.select(1, 1);
        float[] mean = grid.selectedImageProperty().get().pixels();

        grid.modeProperty().set(DecodeMode.SAMPLE);

        GridViewModel.RenderedGrid f = newFrameFor(Viewport.DEFAULT);
        assertEquals(DecodeMode.SAMPLE, f.request().mode());
        float[] sample = grid.selectedImageProperty().get().pixels();
        assertFalse(java.util.Arrays.equals(mean, sample));
        for (float p : sample) {
            assertTrue(p == 0 || p == 1, "a draw from a Bernoulli decoder is binary, not " + p);
        }
    }

    @Test
    void swappingThePlanesDimensionsRedraws() {
        grid.setDims(1, 0);
        GridViewModel.RenderedGrid f = newFrameFor(Viewport.DEFAULT);
        assertEquals(1, f.request().slice().dimX());
        assertEquals(0, f.request().slice().dimY());
        grid.select(2, -1);
        // With the axes swapped, across is z2 and up is z1.
        assertArrayEquals(new float[] {-1f, 2f}, grid.selectedImageProperty().get().z());
    }

    @Test
    void nothingIsDecodedBeforeAModelIsShown() {
        DirectTasks tasks = new DirectTasks();
        ExplorerViewModel empty = new ExplorerViewModel(tasks, AssetLocator.fromEnvironment());
        empty.grid().pan(10, 10, 100, 100);
        empty.grid().stepsProperty().set(16);
        empty.grid().select(1, 1);
        assertTrue(tasks.submitted.isEmpty(), tasks.submitted::toString);
        assertNull(empty.grid().renderedProperty().get());
        assertTrue(empty.grid().hasSelectionProperty().get());
        assertNull(empty.grid().selectedImageProperty().get());
        assertNull(empty.grid().embeddingProperty().get());
    }

    @Test
    void theNewModelsGridUsesTheViewportAndStepsAlreadySet() {
        ExplorerViewModel fresh = new ExplorerViewModel(new DirectTasks(), AssetLocator.fromEnvironment());
        fresh.grid().zoom(2, 50, 50, 100, 100);
        fresh.grid().stepsProperty().set(10);
        fresh.grid().select(0.5, 0.5);
        fresh.session().open(fresh.session().shippedModel());
        GridViewModel.RenderedGrid f = fresh.grid().renderedProperty().get();
        assertNotNull(f);
        assertEquals(fresh.grid().viewportProperty().get(), f.request().view());
        assertEquals(10, f.mosaic().columns());
        assertEquals(0, f.decodedTiles(), "the tiles of that view were decoded while the model was being opened");
        assertNotNull(fresh.grid().selectedImageProperty().get(), "selection made before opening is decoded");
    }

    // As in the window: the lane decodes the first view while the UI thread is still busy, and the
    // first request finds those tiles; they are the model's own decodings.
    @Test
    void aModelJustReadIsDecodedAheadForTheFirstGrid() {
        DirectTasks.Queued tasks = new DirectTasks.Queued();
        ExplorerViewModel queued = new ExplorerViewModel(tasks, AssetLocator.fromEnvironment());
        GridViewModel g = queued.grid();
        queued.session().open(queued.session().shippedModel());
        tasks.runAll();
        GridViewModel.RenderedGrid first = g.renderedProperty().get();
        assertNotNull(first);
        assertEquals(0, first.decodedTiles());
        assertEquals(GridViewModel.DEFAULT_STEPS, first.mosaic().columns());
        assertNotNull(first.continuity(), "measured with the tiles decoded ahead");

        // Anchored anew, every tile is decoded again: the same pixels.
        g.stepsProperty().set(GridViewModel.DEFAULT_STEPS + 1);
        g.stepsProperty().set(GridViewModel.DEFAULT_STEPS);
        tasks.runAll();
        GridViewModel.RenderedGrid again = g.renderedProperty().get();
        assertEquals(GridViewModel.DEFAULT_STEPS * GridViewModel.DEFAULT_STEPS, again.decodedTiles());
        assertArrayEquals(first.mosaic().argb(), again.mosaic().argb());
        assertEquals(first.continuity().quantiles(), again.continuity().quantiles());
    }

    @Test
    void eachViewChangeGivesExactlyOneNewFrame() {
        grid.pan(10, 0, 100, 100);
        grid.zoom(1.5, 0, 0, 100, 100);
        grid.resetView();
        assertEquals(3, frames.size());
        assertNotSame(frames.get(0), frames.get(1));
        assertEquals(Viewport.DEFAULT, frames.get(2).request().view());
    }

    // The slice reset by a model of another latent size must not decode before that model is installed.
    @Test
    void openingAModelWithAnotherLatentSizeDecodesNothingOnTheOldModel(@TempDir Path tmp) throws IOException {
        Path file = Shipped.modelWithLatent(tmp, 3);
        List<String> statuses = new ArrayList<>();
        vm.notifier().statusProperty().addListener((o, a, b) -> statuses.add(b));
        grid.select(1, 1);

        vm.session().open(file);

        assertNull(vm.notifier().messageProperty().get());
        assertEquals(3, grid.sliceProperty().get().latent());
        assertEquals(3, grid.renderedProperty().get().request().slice().latent());
        assertEquals(3, grid.selectedImageProperty().get().z().length);
        assertTrue(statuses.stream().noneMatch(s -> s.startsWith("Could not")), statuses::toString);
    }

    @Test
    void openingAModelWithAnotherLatentSizeAsTheFirstModelDecodesNothingBeforeItIsReady(@TempDir Path tmp)
            throws IOException {
        Path file = Shipped.modelWithLatent(tmp, 4);
        ExplorerViewModel fresh = new ExplorerViewModel(new DirectTasks(), AssetLocator.fromEnvironment());
        List<String> statuses = new ArrayList<>();
        fresh.notifier().statusProperty().addListener((o, a, b) -> statuses.add(b));

        fresh.session().open(file);

        assertEquals(4, fresh.grid().renderedProperty().get().request().slice().latent());
        assertTrue(statuses.stream().noneMatch(s -> s.startsWith("Could not")), statuses::toString);
    }

    // With lanes that answer later, as in the window, no decode error follows "Opened ...".
    @Test
    void afterOpeningAModelWithAnotherLatentSizeTheStatusSaysItOpened(@TempDir Path tmp) throws IOException {
        Path file = Shipped.modelWithLatent(tmp, 3);
        DirectTasks.Queued tasks = new DirectTasks.Queued();
        ExplorerViewModel queued = new ExplorerViewModel(tasks, AssetLocator.fromEnvironment());
        queued.session().open(queued.session().shippedModel());
        tasks.runAll();
        assertEquals(2, queued.grid().renderedProperty().get().request().slice().latent());

        queued.session().open(file);
        tasks.runAll();

        assertEquals(3, queued.grid().renderedProperty().get().request().slice().latent());
        assertEquals("Opened " + file, queued.notifier().statusProperty().get());
    }

    @Test
    void switchingThePlaneKeepsTheSelectedPointAndHoldsTheDimensionThatLeaves(@TempDir Path tmp) throws IOException {
        vm.session().open(Shipped.modelWithLatent(tmp, 3));
        grid.setHeld(2, 1.5);
        grid.select(0.75, -2.0);
        assertArrayEquals(new float[] {0.75f, -2.0f, 1.5f}, grid.selectedPoint(), 1e-6f);

        // Across z3 instead of z1: the plane z3 x z2 through the point, z1 held at the point's 0.75.
        grid.setDims(2, 1);
        assertArrayEquals(new float[] {0.75f, -2.0f, 1.5f}, grid.selectedPoint(), 1e-6f);
        assertEquals(0.75f, grid.sliceProperty().get().held(0), 1e-6f);
        assertEquals(1.5, grid.selectedXProperty().get(), 1e-6);
        assertEquals(-2.0, grid.selectedYProperty().get(), 1e-6);
        assertArrayEquals(new float[] {0.75f, -2.0f, 1.5f}, grid.selectedImageProperty().get().z(), 1e-6f);

        // And back: z3 is held at 1.5 again.
        grid.setDims(0, 1);
        assertArrayEquals(new float[] {0.75f, -2.0f, 1.5f}, grid.selectedPoint(), 1e-6f);
        assertEquals(1.5f, grid.sliceProperty().get().held(2), 1e-6f);
    }

    @Test
    void theTestSetIsEncodedOnlyOnceTheScatterIsShown() {
        ExplorerViewModel vm = new ExplorerViewModel(new DirectTasks(), org.latentexplorer.data.AssetLocator.fromEnvironment());
        vm.session().open(vm.session().shippedModel());
        assertNotNull(vm.session().dataProperty().get());
        assertNull(vm.grid().embeddingProperty().get(), "hidden scatter: nothing encoded");
        vm.grid().showTestSetProperty().set(true);
        assertNotNull(vm.grid().embeddingProperty().get());
        assertEquals(2000, vm.grid().embeddingProperty().get().count());
    }
}
