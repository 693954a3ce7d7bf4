package org.latentexplorer.ui.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.latentexplorer.data.AssetLocator;
import org.latentexplorer.explore.DecodeMode;
import org.latentexplorer.explore.LatentSlice;
import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.explore.TileLattice;
import org.latentexplorer.explore.Viewport;
import org.latentexplorer.model.Network;
import org.latentexplorer.ui.ExplorerViewModel;
import org.latentexplorer.ui.Shipped;
import org.latentexplorer.ui.session.DirectTasks;
import org.latentexplorer.ui.session.Tasks;

/**
 * The grid as a map: its tiles sit in the latent plane, a pan decodes only the tiles that enter
 * and never moves a tile off the point it shows, and anything but a pan decodes them all again.
 * On a 400-pixel plot of 20 x 20 tiles, a tile is 20 pixels.
 */
class GridMapTest {
    private static final double PLOT = 400;
    private static final int N = GridViewModel.DEFAULT_STEPS;
    private static final double TILE = PLOT / N;

    private final List<GridViewModel.RenderedGrid> frames = new ArrayList<>();

    private GridViewModel.RenderedGrid last() {
        return frames.get(frames.size() - 1);
    }

    /** The shipped model open on lanes that run only when told to, so that answers can come late. */
    private static ExplorerViewModel openQueued(DirectTasks.Queued tasks) {
        ExplorerViewModel vm = new ExplorerViewModel(tasks, AssetLocator.fromEnvironment());
        vm.session().open(vm.session().shippedModel());
        tasks.runAll();
        assertNull(vm.notifier().messageProperty().get());
        return vm;
    }

    private static Network shownModel(ExplorerViewModel vm) {
        return Network.from(vm.session().model().saved());
    }

    /** An untrained model of the same shape: its images are nothing like the trained model's. */
    private static Network otherWeights(ExplorerViewModel vm) {
        return new Network(vm.session().model().config(), 7);
    }

    /** Pixels of the n x n tiles of a viewport, decoded in one go by a model of its own. */
    private static int[] fullDecode(Network model, Viewport view) {
        return new LatentSpace(model).render(view, LatentSlice.firstTwo(2), N, DecodeMode.MEAN).argb();
    }

    /** The same grey images, but for one grey level of float rounding between batches of other sizes. */
    private static void assertSameImages(int[] want, int[] got) {
        assertEquals(want.length, got.length);
        int worst = 0;
        for (int i = 0; i < want.length; i++) {
            worst = Math.max(worst, Math.abs((want[i] & 0xFF) - (got[i] & 0xFF)));
        }
        assertTrue(worst <= 1, "differs from a full decode by " + worst + " grey levels");
    }

    /**
     * Every tile of a frame equals the fresh full decode of the viewport made of the n x n tiles at
     * its top-left, and of those at its bottom-right (together they cover a frame of n + 1 tiles).
     */
    private static void assertShowsTheTilesOf(Network model, GridViewModel.RenderedGrid f) {
        TileLattice lattice = f.request().lattice();
        TileLattice.Range t = f.tiles();
        assertTrue(t.columns() >= N && t.columns() <= N + 1 && t.rows() >= N && t.rows() <= N + 1, t::toString);
        for (int dc : new int[] {0, t.columns() - N}) {
            for (int dr : new int[] {0, t.rows() - N}) {
                int c0 = t.firstColumn() + dc;
                int r0 = t.firstRow() + dr;
                Viewport aligned = new Viewport(lattice.left(c0), lattice.left(c0 + N), lattice.top(r0 + N), lattice.top(r0));
                int[] want = fullDecode(model, aligned);
                int w = N * 28;
                int width = f.mosaic().width();
                int worst = 0;
                for (int y = 0; y < w; y++) {
                    for (int x = 0; x < w; x++) {
                        int got = f.mosaic().argb()[(dr * 28 + y) * width + dc * 28 + x] & 0xFF;
                        worst = Math.max(worst, Math.abs(got - (want[y * w + x] & 0xFF)));
                    }
                }
                // One grey level for float rounding between batches of other sizes; a tile off its point differs by far more.
                assertTrue(worst <= 1, "tiles from (" + c0 + ", " + r0 + ") differ from a full decode by " + worst + " grey levels");
            }
        }
    }

    @Test
    void aPanByWholeTilesDecodesOnlyTheTilesThatEnter() {
        ExplorerViewModel vm = Shipped.open();
        GridViewModel grid = vm.grid();
        grid.renderedProperty().addListener((o, a, b) -> frames.add(b));
        int[] home = grid.renderedProperty().get().mosaic().argb().clone();

        grid.pan(TILE, 0, PLOT, PLOT);   // one tile right: column -1 comes in from the left
        assertEquals(new TileLattice.Range(-1, 0, N, N), last().tiles());
        assertEquals(N, last().decodedTiles());

        grid.pan(0, -2 * TILE, PLOT, PLOT);   // two tiles up: rows 20 and 21 come in at the bottom
        assertEquals(new TileLattice.Range(-1, 2, N, N), last().tiles());
        assertEquals(2 * N, last().decodedTiles());

        grid.pan(TILE, -TILE, PLOT, PLOT);   // diagonally: column -2 and row 22, sharing a corner
        assertEquals(new TileLattice.Range(-2, 3, N, N), last().tiles());
        assertEquals(2 * N - 1, last().decodedTiles());

        // Back home: every tile was seen on the way and is still kept.
        grid.pan(-2 * TILE, 3 * TILE, PLOT, PLOT);
        assertEquals(new TileLattice.Range(0, 0, N, N), last().tiles());
        assertEquals(0, last().decodedTiles());
        assertArrayEquals(home, last().mosaic().argb());
        assertShowsTheTilesOf(shownModel(vm), last());
    }

    @Test
    void aGridThatFollowsAnotherGridsDragDecodesOnlyTheTilesThatEnterToo() {
        // As side by side: the second grid's view is bound to the first's, which is dragged.
        ExplorerViewModel leader = Shipped.open();
        ExplorerViewModel follower = Shipped.open();
        GridViewModel grid = follower.grid();
        grid.viewportProperty().bindBidirectional(leader.grid().viewportProperty());
        grid.renderedProperty().addListener((o, a, b) -> frames.add(b));

        leader.grid().pan(TILE, 0, PLOT, PLOT);
        assertEquals(new TileLattice.Range(-1, 0, N, N), last().tiles());
        assertEquals(N, last().decodedTiles());
        leader.grid().pan(TILE / 3, -TILE / 2, PLOT, PLOT);
        assertEquals(leader.grid().viewportProperty().get(), last().request().view());
        assertEquals(TileLattice.anchoredTo(Viewport.DEFAULT, N), last().request().lattice());
        assertShowsTheTilesOf(shownModel(follower), last());

        // A zoom anchors the tiles anew and decodes them all, in the follower as in the leader.
        leader.grid().zoom(1.25, PLOT / 3, PLOT / 3, PLOT, PLOT);
        assertEquals(N * N, last().decodedTiles());
        assertEquals(TileLattice.anchoredTo(leader.grid().viewportProperty().get(), N), last().request().lattice());
    }

    @Test
    void aPanWithinTheSameTilesIsAnsweredWithoutTheDecodeLane() {
        DirectTasks tasks = new DirectTasks();
        ExplorerViewModel vm = Shipped.open(tasks);
        GridViewModel grid = vm.grid();
        grid.renderedProperty().addListener((o, a, b) -> frames.add(b));
        grid.pan(TILE / 4, 0, PLOT, PLOT);   // column -1 comes in
        long lane = tasks.count(Tasks.Lane.DECODE);
        GridViewModel.RenderedGrid before = last();

        grid.pan(TILE / 2, 0, PLOT, PLOT);   // still columns -1 to 19

        assertEquals(lane, tasks.count(Tasks.Lane.DECODE));
        assertEquals(grid.viewportProperty().get(), last().request().view());
        assertSame(before.mosaic(), last().mosaic());
        assertEquals(before.tiles(), last().tiles());
    }

    @Test
    void whileAFrameIsOnItsWayEvenAPanWithinTheSameTilesWaitsForTheLane() {
        DirectTasks.Queued tasks = new DirectTasks.Queued();
        GridViewModel grid = openQueued(tasks).grid();
        grid.renderedProperty().addListener((o, a, b) -> frames.add(b));

        grid.pan(TILE / 4, 0, PLOT, PLOT);   // column -1 comes in: on the lane
        grid.pan(-TILE / 4, 0, PLOT, PLOT);   // back to the tiles on screen, but a newer frame is on its way
        assertTrue(frames.isEmpty());
        tasks.runAll();

        // Had the second been answered at once, the first's answer would have come after it and stayed.
        assertEquals(2, frames.size());
        assertEquals(grid.viewportProperty().get(), last().request().view());
        assertEquals(new TileLattice.Range(0, 0, N, N), last().tiles());
    }

    @Test
    void manySmallDragStepsLeaveEveryTileOnItsOwnPoint() {
        ExplorerViewModel vm = Shipped.open();
        GridViewModel grid = vm.grid();
        grid.renderedProperty().addListener((o, a, b) -> frames.add(b));
        Network model = shownModel(vm);

        // 6 px and -2 px per event, as a drag delivers them: nine tiles right and three up in all.
        for (int i = 0; i < 30; i++) {
            grid.pan(6, -2, PLOT, PLOT);
            if (i == 16) {
                assertShowsTheTilesOf(model, last());   // halfway, between tiles
            }
        }

        Viewport v = grid.viewportProperty().get();
        assertEquals(-9.5, v.xMin(), 1e-9);
        assertEquals(-6.5, v.yMin(), 1e-9);
        assertEquals(new TileLattice.Range(-9, 3, N, N), last().tiles());
        assertSameImages(fullDecode(model, v), last().mosaic().argb());
        assertShowsTheTilesOf(model, last());
    }

    @Test
    void aZoomATileCountAndAResetDecodeEveryTileAgain() {
        ExplorerViewModel vm = Shipped.open();
        GridViewModel grid = vm.grid();
        grid.renderedProperty().addListener((o, a, b) -> frames.add(b));
        grid.pan(7, 3, PLOT, PLOT);
        grid.pan(-7, -3, PLOT, PLOT);
        assertEquals(0, last().decodedTiles());

        grid.zoom(1.25, PLOT / 2, PLOT / 2, PLOT, PLOT);
        assertEquals(new TileLattice.Range(0, 0, N, N), last().tiles());
        assertEquals(N * N, last().decodedTiles());
        assertSameImages(fullDecode(shownModel(vm), grid.viewportProperty().get()), last().mosaic().argb());

        grid.pan(TILE / 2, 0, PLOT, PLOT);
        assertEquals(N, last().decodedTiles());   // half of column -1 comes in: a pan again

        grid.stepsProperty().set(12);
        assertEquals(12 * 12, last().decodedTiles());
        assertEquals(new TileLattice.Range(0, 0, 12, 12), last().tiles());

        grid.resetView();
        assertEquals(12 * 12, last().decodedTiles());
        assertEquals(TileLattice.anchoredTo(Viewport.DEFAULT, 12), last().request().lattice());
    }

    @Test
    void aResetAfterPansBackToTheDefaultViewStillPutsTheTilesWhereTheGridCommandDoes() {
        ExplorerViewModel vm = Shipped.open();
        GridViewModel grid = vm.grid();
        grid.renderedProperty().addListener((o, a, b) -> frames.add(b));
        // Tiles half a tile off the default ones, then panned onto exactly the default rectangle.
        // (A view that only moves keeps its tiles; a change of the tile count anchors them to it.)
        grid.viewportProperty().set(new Viewport(-4.75, 5.25, -5, 5));
        grid.stepsProperty().set(N + 1);
        grid.stepsProperty().set(N);
        assertEquals(TileLattice.anchoredTo(new Viewport(-4.75, 5.25, -5, 5), N), last().request().lattice());
        grid.pan(TILE / 2, 0, PLOT, PLOT);
        assertEquals(Viewport.DEFAULT, grid.viewportProperty().get());
        assertEquals(N + 1, last().tiles().columns());
        frames.clear();

        grid.resetView();

        assertEquals(1, frames.size());
        assertEquals(TileLattice.anchoredTo(Viewport.DEFAULT, N), last().request().lattice());
        assertSameImages(fullDecode(shownModel(vm), Viewport.DEFAULT), last().mosaic().argb());
    }

    @Test
    void newWeightsDuringADragDecodeEveryTileAndNeverShowOldTilesBesideNew() {
        DirectTasks.Queued tasks = new DirectTasks.Queued();
        ExplorerViewModel vm = openQueued(tasks);
        GridViewModel grid = vm.grid();
        Network trained = shownModel(vm);
        Network other = otherWeights(vm);
        List<Object> events = new ArrayList<>();
        grid.renderedProperty().addListener((o, a, b) -> events.add(b));

        // The drag goes on while training hands over new weights, as refreshDisplay does.
        grid.pan(TILE / 4, 0, PLOT, PLOT);
        vm.session().refreshWeights(target -> target.copyFrom(other), () -> events.add("new weights"), e -> events.add(e));
        grid.pan(TILE / 4, 0, PLOT, PLOT);
        grid.pan(TILE / 4, TILE / 3, PLOT, PLOT);
        tasks.runAll();
        for (int i = 0; i < 6; i++) {
            grid.pan(TILE / 3, TILE / 4, PLOT, PLOT);
            tasks.runAll();
        }

        int swap = events.indexOf("new weights");
        assertTrue(swap > 0, events::toString);
        assertFalse(events.stream().anyMatch(e -> e instanceof Throwable), events::toString);
        boolean first = true;
        for (Object e : events.subList(swap + 1, events.size())) {
            GridViewModel.RenderedGrid f = (GridViewModel.RenderedGrid) e;
            if (first) {
                assertEquals(f.tiles().columns() * f.tiles().rows(), f.decodedTiles(), "new weights: every tile again");
                first = false;
            } else {
                assertTrue(f.decodedTiles() <= 2 * N + 1, "a pan decodes only what enters, not " + f.decodedTiles());
            }
            assertShowsTheTilesOf(other, f);
        }
        assertFalse(first, "no frame after the new weights");
        // Before the new weights, the trained model's tiles.
        assertShowsTheTilesOf(trained, (GridViewModel.RenderedGrid) events.get(swap - 1));
    }
}
