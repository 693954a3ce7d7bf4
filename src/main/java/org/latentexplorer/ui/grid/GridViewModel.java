package org.latentexplorer.ui.grid;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

import org.latentexplorer.data.DataSplit;
import org.latentexplorer.explore.DecodeMode;
import org.latentexplorer.explore.LatentSlice;
import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.explore.TileLattice;
import org.latentexplorer.explore.TileMap;
import org.latentexplorer.explore.Viewport;
import org.latentexplorer.measure.Continuity;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.ui.session.LatentSpaceWorker;
import org.latentexplorer.ui.session.ModelSession;
import org.latentexplorer.ui.session.Notifier;

/**
 * The latent grid: which part of which plane is shown, at how many tiles, what is selected, and
 * the decoded images and encoded test set that go with it. Every change asks the decode lane for
 * a new picture; answers arrive in {@link #renderedProperty()} and friends.
 *
 * <p>The tiles sit on a {@link TileLattice} fixed in the latent plane, as a map's tiles are: a pan
 * moves the view over it and decodes only the tiles that enter; a zoom, a new tile count or a reset
 * anchors a new lattice to the view, and everything is decoded again (as it is for new weights,
 * another plane or decode mode).
 */
public final class GridViewModel {
    public static final int MIN_STEPS = 8;
    public static final int MAX_STEPS = 32;
    public static final int DEFAULT_STEPS = 20;
    /** Range of the selection sliders and of the held-dimension sliders. */
    public static final double SLIDER_LIMIT = 5;

    /** What was asked of the decoder for one frame: the tiles of lattice that view shows. */
    public record GridRequest(Viewport view, TileLattice lattice, LatentSlice slice, int steps, DecodeMode mode,
                              long requestedNanos) {
    }

    /**
     * A decoded frame and the request it answers: the mosaic of the lattice's tiles in the block
     * tiles, of which decodedTiles were decoded for this frame (the others were decoded before).
     * Once a view has copied the pixels to the screen it may hand them back ({@link #recycle}) to be
     * overwritten by a later frame.
     */
    /**
     * A decoded grid as the decode lane answers it.
     *
     * @param continuity the continuity of the mosaic's neighbouring tiles, measured on the decode lane
     *                   rather than the UI thread; null unless the grid shows the decoder's means on at
     *                   least 2 x 2 tiles
     */
    public record RenderedGrid(GridRequest request, TileLattice.Range tiles, LatentSpace.Mosaic mosaic,
                               int decodedTiles, long decodeNanos, Continuity.Measured continuity) {
        /** The continuity of a mosaic decoded for a request; null unless it shows means on 2 x 2 tiles or more. */
        public static Continuity.Measured continuityOf(GridRequest request, LatentSpace.Mosaic mosaic) {
            if (request.mode() != DecodeMode.MEAN || mosaic.columns() < 2 || mosaic.rows() < 2) {
                return null;
            }
            TileLattice lattice = request.lattice();
            return Continuity.ofMosaic(mosaic, lattice.spanX() / lattice.n(), lattice.spanY() / lattice.n());
        }
    }

    /** The image of the selected point. */
    public record SelectedImage(float[] z, int rows, int cols, float[] pixels) {
    }

    /** Encoding more test images than this adds nothing visible to the scatter and slows redraws. */
    public static final int MAX_SCATTER = 5000;

    private final ModelSession session;
    private final Notifier notifier;
    private final ObjectProperty<Viewport> viewport = new SimpleObjectProperty<>(this, "viewport", Viewport.DEFAULT);
    private final IntegerProperty steps = new SimpleIntegerProperty(this, "steps", DEFAULT_STEPS);
    private final ObjectProperty<LatentSlice> slice = new SimpleObjectProperty<>(this, "slice", LatentSlice.firstTwo(2));
    private final ObjectProperty<DecodeMode> mode = new SimpleObjectProperty<>(this, "mode", DecodeMode.MEAN);
    private final BooleanProperty showTestSet = new SimpleBooleanProperty(this, "showTestSet", false);
    private final BooleanProperty showPriorCircles = new SimpleBooleanProperty(this, "showPriorCircles", true);
    private final javafx.beans.property.DoubleProperty overlayOpacity =
            new javafx.beans.property.SimpleDoubleProperty(this, "overlayOpacity", 0.85);
    private final BooleanProperty magnify = new SimpleBooleanProperty(this, "magnify", true);
    private final ReadOnlyObjectWrapper<RenderedGrid> rendered = new ReadOnlyObjectWrapper<>(this, "rendered");
    private final ReadOnlyBooleanWrapper hasSelection = new ReadOnlyBooleanWrapper(this, "hasSelection");
    private final ReadOnlyDoubleWrapper selectedX = new ReadOnlyDoubleWrapper(this, "selectedX");
    private final ReadOnlyDoubleWrapper selectedY = new ReadOnlyDoubleWrapper(this, "selectedY");
    private final ReadOnlyObjectWrapper<SelectedImage> selectedImage = new ReadOnlyObjectWrapper<>(this, "selectedImage");
    private final ReadOnlyObjectWrapper<LatentSpace.Embedding> embedding = new ReadOnlyObjectWrapper<>(this, "embedding");

    private final LatentSpaceWorker.Latest<GridRequest, RenderedGrid> gridJob;
    private record PointQuery(float[] z, DecodeMode mode) {
    }

    private final LatentSpaceWorker.Latest<PointQuery, SelectedImage> pointJob;
    private final LatentSpaceWorker.Latest<org.latentexplorer.data.ImageSet, LatentSpace.Embedding> encodeJob;
    private boolean modelReady;
    /** Pixels of a drawn frame, handed from the UI thread to the decode lane for reuse. */
    private final java.util.concurrent.atomic.AtomicReference<int[]> spare = new java.util.concurrent.atomic.AtomicReference<>();
    private boolean embeddingStale;
    /** Where the tiles sit: kept by a pan, anchored anew to the view by any other change of it. */
    private TileLattice lattice = TileLattice.anchoredTo(Viewport.DEFAULT, DEFAULT_STEPS);
    private boolean panning;
    /** The decoded tiles; touched only on the decode lane. */
    private final TileMap tiles = new TileMap();
    /**
     * The grid's newest request, made or held back until a model is ready: what a model read in the
     * background is decoded for ahead.
     */
    private volatile GridRequest lastAsked = new GridRequest(Viewport.DEFAULT, lattice, LatentSlice.firstTwo(2), DEFAULT_STEPS,
            DecodeMode.MEAN, 0);
    /** The mosaic of the last answer and its continuity; touched only on the decode lane. */
    private LatentSpace.Mosaic composed;
    private Continuity.Measured composedContinuity;

    public GridViewModel(ModelSession session, Notifier notifier) {
        this.session = session;
        this.notifier = notifier;
        LatentSpaceWorker worker = session.worker();
        this.gridJob = worker.latest(space -> request -> {
            long t0 = System.nanoTime();
            TileMap.Shown shown = compose(space, request, spare.getAndSet(null));
            return new RenderedGrid(request, shown.tiles(), shown.mosaic(), shown.decodedTiles(), System.nanoTime() - t0,
                    composedContinuity);
        });
        // A model just read is decoded ahead for the view asked for last, into the tiles, while the
        // UI thread is busy (building the window, at start); its first request then finds them.
        worker.warmUpWith(space -> {
            GridRequest last = lastAsked;
            LatentSlice s = sliceFor(last.slice(), space.config().latent());
            compose(space, s == last.slice() ? last : new GridRequest(last.view(), last.lattice(), s, last.steps(),
                    last.mode(), last.requestedNanos()), null);
        });
        this.pointJob = worker.latest(space -> q -> new SelectedImage(q.z(), space.config().rows(),
                space.config().cols(), space.decode(q.z(), q.mode())));
        this.encodeJob = worker.latest(space -> set -> space.encode(set, MAX_SCATTER));
        viewport.addListener((o, a, b) -> {
            // A view that only moved keeps its tiles where they are, whoever moved it: this grid's
            // drag, or another grid's that this one follows (side by side). Back home, the tiles
            // are anchored anew, where the grid command puts them.
            if (panning || movedOnly(a, b) && !b.equals(Viewport.DEFAULT)) {
                requestPan();
                return;
            }
            lattice = TileLattice.anchoredTo(b, steps.get());
            requestGrid();
        });
        steps.addListener((o, a, b) -> {
            int n = b.intValue();
            if (n < MIN_STEPS || n > MAX_STEPS) {
                steps.set(Math.max(MIN_STEPS, Math.min(MAX_STEPS, n)));
                return;
            }
            lattice = TileLattice.anchoredTo(viewport.get(), n);
            requestGrid();
        });
        // Not redraw(): a slice reset by modelChanged must wait until the new model is installed.
        slice.addListener((o, a, b) -> {
            requestGrid();
            requestPoint();
        });
        mode.addListener((o, a, b) -> {
            requestGrid();
            requestPoint();
        });
        session.shownProperty().addListener((o, a, b) -> {
            if (b != null) {
                modelChanged(b.config());
            }
        });
        session.weightsProperty().addListener((o, a, b) -> {
            redraw();
            encodeTestSet();
        });
        session.dataProperty().addListener((o, a, b) -> encodeTestSet());
        showTestSet.addListener((o, a, b) -> {
            if (b && embeddingStale) {
                encodeTestSet();
            }
        });
        overlayOpacity.addListener((o, a, b) -> {
            double v = b.doubleValue();
            if (!(v >= 0.1 && v <= 1)) {
                overlayOpacity.set(Double.isNaN(v) ? 0.85 : Math.max(0.1, Math.min(1, v)));
            }
        });
        selectedX.addListener((o, a, b) -> requestPoint());
        selectedY.addListener((o, a, b) -> requestPoint());
    }

    /** The latent rectangle on screen; [-5, 5]^2 at start. */
    public ObjectProperty<Viewport> viewportProperty() {
        return viewport;
    }

    /** Tiles per side, 8 to 32. */
    public IntegerProperty stepsProperty() {
        return steps;
    }

    public ObjectProperty<LatentSlice> sliceProperty() {
        return slice;
    }

    /** Whether tiles show the mean of p(x|z) or a draw from it. */
    public ObjectProperty<DecodeMode> modeProperty() {
        return mode;
    }

    public BooleanProperty showTestSetProperty() {
        return showTestSet;
    }

    public BooleanProperty showPriorCirclesProperty() {
        return showPriorCircles;
    }

    /**
     * How opaque the test-set markers are drawn over the mosaic, 0.1 to 1: lower shows the images
     * under a dense scatter.
     */
    public javafx.beans.property.DoubleProperty overlayOpacityProperty() {
        return overlayOpacity;
    }

    /** Whether the tile under the pointer is outlined and shown enlarged beside it. */
    public BooleanProperty magnifyProperty() {
        return magnify;
    }

    public ReadOnlyObjectProperty<RenderedGrid> renderedProperty() {
        return rendered.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasSelectionProperty() {
        return hasSelection.getReadOnlyProperty();
    }

    /** The selected point's coordinate along the plane's horizontal dimension. */
    public ReadOnlyDoubleProperty selectedXProperty() {
        return selectedX.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty selectedYProperty() {
        return selectedY.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SelectedImage> selectedImageProperty() {
        return selectedImage.getReadOnlyProperty();
    }

    /** Means of q(z|x) for the current model's test set, or null when there is none. */
    public ReadOnlyObjectProperty<LatentSpace.Embedding> embeddingProperty() {
        return embedding.getReadOnlyProperty();
    }

    /** A drag by (dx, dy) pixels over a plot of the given pixel size: the tiles move with it. */
    public void pan(double dx, double dy, double widthPx, double heightPx) {
        Viewport moved = viewport.get().panByPixels(dx, dy, widthPx, heightPx);
        panning = true;
        try {
            viewport.set(moved);
        } finally {
            panning = false;
        }
    }

    /** Whether the view was moved without a change of size (up to rounding). */
    static boolean movedOnly(Viewport a, Viewport b) {
        return a != null && b != null && Math.abs(a.width() - b.width()) <= 1e-9 * a.width()
                && Math.abs(a.height() - b.height()) <= 1e-9 * a.height();
    }

    /** Zoom by factor (> 1 in) around the pixel (px, py). */
    public void zoom(double factor, double px, double py, double widthPx, double heightPx) {
        viewport.set(viewport.get().zoomAround(factor, px, py, widthPx, heightPx));
    }

    /** The view has copied these pixels of a rendered frame to the screen: a later frame may reuse them. */
    void recycle(int[] drawnPixels) {
        spare.set(drawnPixels);
    }

    /** Back to [-5, 5]^2, with its tiles where the {@code grid} command puts them. */
    public void resetView() {
        TileLattice home = TileLattice.anchoredTo(Viewport.DEFAULT, steps.get());
        if (viewport.get().equals(Viewport.DEFAULT) && !lattice.equals(home)) {
            lattice = home;
            requestGrid();
        }
        viewport.set(Viewport.DEFAULT);
    }

    /** Selects the plane point (x, y): its image is decoded and shown large. */
    public void select(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return;
        }
        selectedX.set(x);
        selectedY.set(y);
        if (!hasSelection.get()) {
            hasSelection.set(true);
            requestPoint();
        }
    }

    /**
     * Spans the plane over dimensions dimX (across) and dimY (up), 0-based. With a point selected,
     * the new plane passes through it: the point stays where it is in the latent space, and a
     * dimension leaving the plane is held at the point's value along it.
     */
    public void setDims(int dimX, int dimY) {
        if (!hasSelection.get()) {
            slice.set(slice.get().withDims(dimX, dimY));
            return;
        }
        float[] z = selectedPoint();
        LatentSlice through = new LatentSlice(dimX, dimY, z);
        selectedX.set(z[dimX]);
        selectedY.set(z[dimY]);
        slice.set(through);
    }

    /** Holds dimension d (0-based, not one of the plane's) at value. */
    public void setHeld(int d, double value) {
        slice.set(slice.get().withHeld(d, (float) value));
    }

    /** The selected point as a full latent vector. */
    public float[] selectedPoint() {
        return slice.get().point(selectedX.get(), selectedY.get());
    }

    private void modelChanged(ModelConfig config) {
        modelReady = false;
        slice.set(sliceFor(slice.get(), config.latent()));
        rendered.set(null);
        selectedImage.set(null);
    }

    /** Decodes everything shown again: after a model change or new training weights. */
    public void redraw() {
        modelReady = true;
        requestGrid();
        requestPoint();
    }

    /**
     * The tiles a request shows, decoding those missing, and the continuity of their mosaic when it
     * is a new one; pixels go into reuse when they can. Decode lane only.
     */
    private TileMap.Shown compose(LatentSpace space, GridRequest request, int[] reuse) {
        TileMap.Shown shown = tiles.show(space, request.lattice(), request.view(), request.slice(), request.mode(), reuse);
        if (reuse != null && (shown.mosaic() == composed || shown.mosaic().argb() != reuse)) {
            spare.compareAndSet(null, reuse);   // not written: keep it for the next change
        }
        if (shown.mosaic() != composed) {
            composed = shown.mosaic();
            composedContinuity = RenderedGrid.continuityOf(request, composed);
        }
        return shown;
    }

    /** The plane a model of k latent dimensions shows: the one given while it fits, else its first two. */
    private static LatentSlice sliceFor(LatentSlice slice, int k) {
        return slice.latent() == k ? slice : LatentSlice.firstTwo(k);
    }

    private void requestGrid() {
        lastAsked = new GridRequest(viewport.get(), lattice, slice.get(), steps.get(), mode.get(), System.nanoTime());
        if (!modelReady) {
            return;
        }
        gridJob.request(lastAsked, rendered::set, notifier.statusOnError("Could not decode the grid"));
    }

    /**
     * A pan that shows the very tiles on screen, with nothing on its way from the decode lane, is
     * answered here at once with the same mosaic: no decoding, no trip to the lane.
     */
    private void requestPan() {
        RenderedGrid now = rendered.get();
        if (modelReady && now != null && gridJob.idle()) {
            GridRequest q = new GridRequest(viewport.get(), lattice, slice.get(), steps.get(), mode.get(), System.nanoTime());
            GridRequest was = now.request();
            if (q.lattice().equals(was.lattice()) && q.slice().equals(was.slice()) && q.mode() == was.mode()
                    && q.lattice().visible(q.view()).equals(now.tiles())) {
                rendered.set(new RenderedGrid(q, now.tiles(), now.mosaic(), 0, 0, now.continuity()));
                return;
            }
        }
        requestGrid();
    }

    private void requestPoint() {
        if (!modelReady || !hasSelection.get()) {
            return;
        }
        pointJob.request(new PointQuery(selectedPoint(), mode.get()), selectedImage::set, notifier.statusOnError("Could not decode the selected point"));
    }

    /**
     * Encodes the current model's test set for the scatter (or clears it when there is none). While
     * the scatter is hidden the work waits until it is shown.
     */
    public void encodeTestSet() {
        DataSplit split = session.dataProperty().get();
        if (split == null || session.model() == null || split.imageSize() != session.model().config().inputSize()) {
            embedding.set(null);
            embeddingStale = false;
            return;
        }
        if (!showTestSet.get()) {
            embeddingStale = true;
            return;
        }
        embeddingStale = false;
        encodeJob.request(split.test(), embedding::set, notifier.statusOnError("Could not encode the test set"));
    }
}
