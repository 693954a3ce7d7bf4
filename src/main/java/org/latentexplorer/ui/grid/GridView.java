package org.latentexplorer.ui.grid;

import java.util.List;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.VPos;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import org.latentexplorer.data.ClassNames;
import org.latentexplorer.explore.ClassStyle;
import org.latentexplorer.explore.PixelScaler;
import org.latentexplorer.explore.PlotAxes;
import org.latentexplorer.explore.ScatterRaster;
import org.latentexplorer.explore.LatentSlice;
import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.explore.LegendLayout;
import org.latentexplorer.explore.TileLattice;
import org.latentexplorer.explore.Viewport;
import org.latentexplorer.ui.sampling.SamplingViewModel;
import org.latentexplorer.ui.session.ModelSession;

/**
 * The latent grid on a canvas: the decoded mosaic, axis ticks, and the overlays (test-set scatter
 * with legend, prior circles, samples, the selected point). Drag pans, the wheel zooms around the
 * pointer, a click selects; arrow keys pan, + and - zoom, R or Home resets. Draws at most once per
 * change, on the UI thread; decoding happens on the decode lane.
 */
public final class GridView extends Region {
    static final double LEFT = 52;
    static final double BOTTOM = 36;
    static final double TOP = 6;
    static final double RIGHT = 14;
    /** Pointer travel below which a press and release is a click, not a drag. */
    private static final double CLICK_SLOP = 4;

    private static final Color PLOT = Color.BLACK;
    private static final Color TILE_LINE = Color.web("#1c1f24");
    private static final Color PRIOR = rgb(ClassStyle.PRIOR_COLOR);
    private static final Color SELECTION = rgb(ClassStyle.SELECTION_COLOR);
    private static final Color SAMPLE = rgb(ClassStyle.SAMPLE_COLOR);
    /** The page around the plot and its text: light in the window, dark in the presentation mode. */
    private Color background = Color.web("#f6f7f9");
    private Color axisText = Color.web("#343a40");
    private double scale = 1;
    /** The pointer over the plot (for the magnified tile), or NaN. */
    private double hoverX = Double.NaN;
    private double hoverY = Double.NaN;

    private final ModelSession session;
    private final SamplingViewModel sampling;
    private final GridViewModel vm;
    private final Canvas canvas = new Canvas();
    private final java.util.List<java.util.function.Consumer<Frame>> frameListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ReadOnlyStringWrapper hover = new ReadOnlyStringWrapper(this, "hover", "");
    /** The decoded tiles as decoded, one pixel per pixel (for the magnified tile), and as on screen. */
    private final PixelLayer rawLayer = new PixelLayer();
    private final PixelLayer mosaicLayer = new PixelLayer();
    private final PixelScaler scaler = new PixelScaler();
    /** Whether the raw layer shows the current mosaic; the size and brightness the screen layer shows it at. */
    private boolean rawShown;
    private Scaled scaledAs;
    private final PixelLayer scatterLayer = new PixelLayer();
    private ScatterRaster scatterRaster;
    private ScatterKey scatterKey;
    /** The legend's texts last measured, and their widths. */
    private LegendTexts legendTexts;
    private double[] legendWidths;
    /** The mosaic whose pixels the layers hold. */
    private LatentSpace.Mosaic shown;
    /** The shown mosaic's pixels. */
    private int[] shownPixels = new int[0];
    private boolean drawScheduled;
    private boolean newFrame;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private boolean dragging;
    /** Drawn over the grid by other features, in the order added. */
    private final List<GridOverlay> overlays = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Told the index of a test-set point clicked on, or null: then a click on one selects a point as anywhere. */
    private java.util.function.IntConsumer scatterClick;

    public GridView(GridViewModel vm, ModelSession session, SamplingViewModel sampling) {
        this.session = session;
        this.sampling = sampling;
        this.vm = vm;
        PixelScaler.warmUpInBackground();
        getChildren().add(canvas);
        getStyleClass().add("latent-grid");
        setFocusTraversable(true);
        setMinSize(240, 240);
        setPrefSize(640, 640);

        vm.renderedProperty().addListener((o, a, b) -> {
            newFrame = b != null;
            scheduleDraw();
        });
        vm.viewportProperty().addListener((o, a, b) -> scheduleDraw());
        vm.embeddingProperty().addListener((o, a, b) -> scheduleDraw());
        vm.showTestSetProperty().addListener((o, a, b) -> scheduleDraw());
        vm.showPriorCirclesProperty().addListener((o, a, b) -> scheduleDraw());
        vm.overlayOpacityProperty().addListener((o, a, b) -> scheduleDraw());
        vm.magnifyProperty().addListener((o, a, b) -> scheduleDraw());
        vm.hasSelectionProperty().addListener((o, a, b) -> scheduleDraw());
        vm.selectedXProperty().addListener((o, a, b) -> scheduleDraw());
        vm.selectedYProperty().addListener((o, a, b) -> scheduleDraw());
        vm.sliceProperty().addListener((o, a, b) -> scheduleDraw());
        sampling.samplesProperty().addListener((o, a, b) -> scheduleDraw());
        sampling.temperatureProperty().addListener((o, a, b) -> scheduleDraw());

        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> showHover(e.getX(), e.getY()));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            hover.set("");
            hoverX = Double.NaN;
            scheduleDraw();
        });
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
    }

    /** "z1 = 0.52   z2 = -1.30" under the pointer, or empty. */
    public ReadOnlyStringProperty pointerTextProperty() {
        return hover.getReadOnlyProperty();
    }

    /** What one new decoded grid cost on its way to the screen: decode, draw, and request to drawn. */
    public record Frame(double decodeMs, double drawMs, double frameMs) {
    }

    /** Calls the listener on the UI thread after every frame that shows a newly decoded grid. */
    public void addFrameListener(java.util.function.Consumer<Frame> listener) {
        frameListeners.add(listener);
    }

    // ------------------------------------------------------------------ geometry

    /** Draws labels and margins larger or smaller with the interface's scale. */
    public void scaleWith(javafx.beans.value.ObservableDoubleValue s) {
        s.addListener((o, a, b) -> {
            scale = b.doubleValue();
            requestLayout();
            scheduleDraw();
        });
        scale = s.get();
    }

    /** The colours around the plot: dark for the projector, light otherwise. */
    public void darkPage(boolean dark) {
        background = dark ? Color.BLACK : Color.web("#f6f7f9");
        axisText = dark ? Color.WHITE : Color.web("#343a40");
        scheduleDraw();
    }

    /** Side of the square plot in pixels. */
    public double plotSide() {
        return Math.max(1, Math.floor(Math.min(getWidth() - (LEFT + RIGHT) * scale, getHeight() - (TOP + BOTTOM) * scale)));
    }

    public double plotX() {
        return Math.floor(LEFT * scale + (getWidth() - (LEFT + RIGHT) * scale - plotSide()) / 2);
    }

    public double plotY() {
        return Math.floor(TOP * scale + (getHeight() - (TOP + BOTTOM) * scale - plotSide()) / 2);
    }

    private static Color rgb(int rgb) {
        return Color.rgb(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
    }

    /** Scene-independent: the pixel in this view of latent point (x, y) of the current plane. */
    double screenX(double x) {
        return plotX() + vm.viewportProperty().get().pixelX(x, plotSide());
    }

    double screenY(double y) {
        return plotY() + vm.viewportProperty().get().pixelY(y, plotSide());
    }

    private boolean insidePlot(double px, double py) {
        double s = plotSide();
        return px >= plotX() && px <= plotX() + s && py >= plotY() && py <= plotY() + s;
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    // ------------------------------------------------------------------ input

    private void pressed(MouseEvent e) {
        requestFocus();
        pressX = lastX = e.getX();
        pressY = lastY = e.getY();
        dragging = false;
    }

    private void dragged(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY && e.getButton() != MouseButton.MIDDLE) {
            return;
        }
        if (!dragging && Math.hypot(e.getX() - pressX, e.getY() - pressY) >= CLICK_SLOP) {
            dragging = true;
            // Count the slop too: the point under the pointer stays under it.
            lastX = pressX;
            lastY = pressY;
            setCursor(Cursor.CLOSED_HAND);
        }
        if (dragging) {
            double s = plotSide();
            vm.pan(e.getX() - lastX, e.getY() - lastY, s, s);
            lastX = e.getX();
            lastY = e.getY();
        }
        showHover(e.getX(), e.getY());
    }

    private void released(MouseEvent e) {
        int point = !dragging && e.getButton() == MouseButton.PRIMARY ? scatterPointAt(e.getX(), e.getY()) : -1;
        if (point >= 0) {
            scatterClick.accept(point);
        } else if (!dragging && e.getButton() == MouseButton.PRIMARY && insidePlot(e.getX(), e.getY())) {
            Viewport v = vm.viewportProperty().get();
            double s = plotSide();
            vm.select(v.latentX(e.getX() - plotX(), s), v.latentY(e.getY() - plotY(), s));
        }
        dragging = false;
        setCursor(Cursor.DEFAULT);
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0 || !insidePlot(e.getX(), e.getY())) {
            return;
        }
        double s = plotSide();
        // One wheel notch (40 units) zooms by 15%.
        double factor = Math.pow(1.15, e.getDeltaY() / 40);
        vm.zoom(factor, e.getX() - plotX(), e.getY() - plotY(), s, s);
        showHover(e.getX(), e.getY());
        e.consume();
    }

    private void keyPressed(KeyEvent e) {
        if (e.isShortcutDown() || e.isControlDown() || e.isAltDown() || e.isMetaDown()) {
            return;   // menu accelerators such as Ctrl+S
        }
        double s = plotSide();
        double step = s / 10;
        switch (e.getCode()) {
            case LEFT -> vm.pan(step, 0, s, s);
            case RIGHT -> vm.pan(-step, 0, s, s);
            case UP -> vm.pan(0, step, s, s);
            case DOWN -> vm.pan(0, -step, s, s);
            case PLUS, EQUALS, ADD -> vm.zoom(1.25, s / 2, s / 2, s, s);
            case MINUS, SUBTRACT -> vm.zoom(1 / 1.25, s / 2, s / 2, s, s);
            case R, HOME -> vm.resetView();
            case S -> sampling.sample();
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void showHover(double px, double py) {
        boolean redraw = vm.magnifyProperty().get();
        hoverX = dragging ? Double.NaN : px;
        hoverY = py;
        if (redraw) {
            scheduleDraw();
        }
        if (!insidePlot(px, py)) {
            hover.set("");
            return;
        }
        Viewport v = vm.viewportProperty().get();
        LatentSlice slice = vm.sliceProperty().get();
        double s = plotSide();
        hover.set(String.format("z%d = %.2f   z%d = %.2f", slice.dimX() + 1, v.latentX(px - plotX(), s),
                slice.dimY() + 1, v.latentY(py - plotY(), s)));
    }

    // ------------------------------------------------------------------ drawing

    private void scheduleDraw() {
        if (!drawScheduled) {
            drawScheduled = true;
            Platform.runLater(() -> {
                drawScheduled = false;
                draw();
            });
        }
    }

    /** Draws everything now. */
    void draw() {
        long t0 = System.nanoTime();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w <= 0 || h <= 0) {
            return;   // not laid out yet (the window not shown): the first frame is the first on screen
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(background);
        g.fillRect(0, 0, w, h);
        double x0 = plotX();
        double y0 = plotY();
        double s = plotSide();
        g.setFill(PLOT);
        g.fillRect(x0, y0, s, s);

        GridViewModel.RenderedGrid r = vm.renderedProperty().get();
        boolean scatter = vm.showTestSetProperty().get() && vm.embeddingProperty().get() != null;
        g.save();
        g.beginPath();
        g.rect(x0, y0, s, s);
        g.clip();
        if (r != null) {
            drawMosaic(g, r, scatter ? 1 - 0.5 * vm.overlayOpacityProperty().get() : 1.0);
        } else {
            g.setFill(Color.web("#adb5bd"));
            g.setFont(Font.font(16));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(session.model() == null ? "Opening the model ..." : "Decoding ...", x0 + s / 2, y0 + s / 2);
        }
        if (vm.showPriorCirclesProperty().get()) {
            drawPriorCircles(g);
        }
        if (scatter) {
            drawScatter(g, vm.embeddingProperty().get());
        }
        drawSamples(g);
        drawSelection(g);
        drawOverlays(g);
        if (r != null) {
            drawMagnified(g, r);
        }
        g.restore();
        drawAxes(g);
        drawLegend(g, scatter ? vm.embeddingProperty().get() : null);
        if (newFrame && r != null) {
            newFrame = false;
            long end = System.nanoTime();
            Frame f = new Frame(r.decodeNanos() / 1e6, (end - t0) / 1e6, (end - r.request().requestedNanos()) / 1e6);
            frameListeners.forEach(l -> l.accept(f));
        }
    }

    private void drawMosaic(GraphicsContext g, GridViewModel.RenderedGrid r, double brightness) {
        LatentSpace.Mosaic m = r.mosaic();
        // A pan within the same tiles answers with the same mosaic: nothing to take again. The pixels are
        // kept here (the mosaic's own array goes back to the decode lane) for a later size or brightness.
        if (shown != m) {
            int n = m.width() * m.height();
            if (shownPixels.length != n) {
                shownPixels = new int[n];
            }
            System.arraycopy(m.argb(), 0, shownPixels, 0, n);
            vm.recycle(m.argb());
            shown = m;
            scaledAs = null;
            rawShown = false;
        }
        // The tiles sit in the latent plane: drawn where their block lies in the current viewport, also
        // while the next frame, for a viewport the drag has already left, is on its way.
        Rect at = mosaicRect(r);
        int w = (int) Math.round(at.width());
        int h = (int) Math.round(at.height());
        double side = plotSide();
        if (w > 0 && h > 0 && (double) w * h <= 4 * side * side) {
            // Resampled to its size on screen and darkened under the scatter (the plot is black) once, so
            // every frame of a pan draws it opaque, pixel for pixel.
            Scaled want = new Scaled(w, h, brightness);
            if (!want.equals(scaledAs)) {
                mosaicLayer.show(scaler.scale(shownPixels, m.width(), m.height(), w, h, brightness), w, h);
                scaledAs = want;
            }
            g.setImageSmoothing(false);
            g.drawImage(mosaicLayer.image(), Math.round(at.left()), Math.round(at.top()));
        } else {
            // Zoomed far into tiles whose decoding is on its way: the renderer resamples the part in view.
            g.setGlobalAlpha(brightness);
            g.setImageSmoothing(true);
            g.drawImage(rawMosaic(), at.left(), at.top(), at.width(), at.height());
            g.setGlobalAlpha(1);
        }
        g.setImageSmoothing(true);
        int columns = m.columns();
        int rows = m.rows();
        double tileW = at.width() / columns;
        double tileH = at.height() / rows;
        if (Math.min(tileW, tileH) >= 14) {
            // Lines one pixel wide on whole pixels, as rectangles: a software renderer fills those
            // directly, where a stroked line goes through its anti-aliasing rasterizer.
            g.setFill(TILE_LINE);
            for (int i = 1; i < columns; i++) {
                g.fillRect(Math.round(at.left() + i * tileW), at.top(), 1, at.height());
            }
            for (int i = 1; i < rows; i++) {
                g.fillRect(at.left(), Math.round(at.top() + i * tileH), at.width(), 1);
            }
        }
    }

    private record Rect(double left, double top, double width, double height) {
    }

    private record Scaled(int width, int height, double brightness) {
    }

    /** The shown mosaic as decoded, one pixel per pixel. */
    private WritableImage rawMosaic() {
        if (!rawShown) {
            rawLayer.show(shownPixels, shown.width(), shown.height());
            rawShown = true;
        }
        return rawLayer.image();
    }

    /** Where the block of tiles of a frame lies on screen in the current viewport. */
    private Rect mosaicRect(GridViewModel.RenderedGrid r) {
        TileLattice lattice = r.request().lattice();
        TileLattice.Range t = r.tiles();
        double left = screenX(lattice.left(t.firstColumn()));
        double right = screenX(lattice.left(t.firstColumn() + t.columns()));
        double top = screenY(lattice.top(t.firstRow()));
        double bottom = screenY(lattice.top(t.firstRow() + t.rows()));
        return new Rect(left, top, right - left, bottom - top);
    }

    private static final Color CIRCLE_LABEL_BACKING = Color.color(0, 0, 0, 0.6);
    /** The circles' labels' widths by text and font, measured once rather than every frame. */
    private final java.util.Map<String, Double> circleLabelWidths = new java.util.HashMap<>();

    private double circleLabelWidth(String label, Font font) {
        return circleLabelWidths.computeIfAbsent(label + "\u0000" + font.getSize(), key -> {
            javafx.scene.text.Text measure = new javafx.scene.text.Text(label);
            measure.setFont(font);
            return measure.getLayoutBounds().getWidth();
        });
    }

    private void drawPriorCircles(GraphicsContext g) {
        // The prior's marginal over any two dimensions is N(0, I) in the plane: circles about the origin.
        double cx = screenX(0);
        double cy = screenY(0);
        double unit = plotSide() / vm.viewportProperty().get().width();
        g.setStroke(PRIOR);
        g.setLineWidth(1.5);
        g.setLineDashes(6, 5);
        g.setFill(PRIOR);
        g.setFont(Font.font(null, FontWeight.BOLD, 12 * scale));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        // Circles of the distribution samples are drawn from, N(0, T^2 I): the prior itself at T = 1.
        double[] radii = sampling.circleRadii();
        double t = radii[0];
        for (int k = 1; k <= radii.length; k++) {
            double rr = radii[k - 1] * unit;
            g.setGlobalAlpha(0.9 - 0.15 * k);
            g.strokeOval(cx - rr, cy - rr, 2 * rr, 2 * rr);
            String label = Math.abs(t - 1) < 1e-9 ? k + "\u03c3" : (k == 1 ? "" : k) + "T";
            double lx = cx + rr * 0.7071 + 3;
            double ly = cy - rr * 0.7071 - 1;
            // On a dark backing: over the digits' white strokes the label could not be read.
            double w = circleLabelWidth(label, g.getFont());
            double h = 14 * scale;
            g.setFill(CIRCLE_LABEL_BACKING);
            g.fillRoundRect(lx - 2 * scale, ly - h, w + 4 * scale, h, 4 * scale, 4 * scale);
            g.setFill(PRIOR);
            g.fillText(label, lx, ly);
        }
        g.setGlobalAlpha(1);
        g.setLineDashes();
    }

    /**
     * The test set's codes as one layer of pixels ({@link ScatterRaster}), drawn again only when what
     * it shows changes (the codes, the plane, the view, the size or the markers), so a frame costs one
     * image however many points there are.
     */
    private void drawScatter(GraphicsContext g, LatentSpace.Embedding e) {
        LatentSlice slice = vm.sliceProperty().get();
        Viewport v = vm.viewportProperty().get();
        int side = (int) plotSide();
        double radius = (e.count() > 3000 ? 2.0 : 2.6) * Math.max(1, side / 600.0) * Math.sqrt(scale);
        double opacity = vm.overlayOpacityProperty().get();
        if (scatterRaster == null || scatterRaster.radius() != radius || scatterRaster.opacity() != opacity) {
            scatterRaster = new ScatterRaster(radius, opacity);
            scatterKey = null;
        }
        ScatterKey key = new ScatterKey(e, slice.dimX(), slice.dimY(), v, side);
        if (!key.equals(scatterKey)) {
            scatterLayer.show(scatterRaster.draw(e, slice.dimX(), slice.dimY(), v, side), side, side);
            scatterKey = key;
        }
        g.setImageSmoothing(false);
        g.drawImage(scatterLayer.image(), plotX(), plotY());
        g.setImageSmoothing(true);
    }

    /** What the scatter layer shows; the codes by identity (a new encoding is a new array). */
    private record ScatterKey(LatentSpace.Embedding codes, int dimX, int dimY, Viewport view, int side) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ScatterKey k && k.codes == codes && k.dimX == dimX && k.dimY == dimY
                    && k.view.equals(view) && k.side == side;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(codes);
        }
    }

    /** A filled marker of the shared shapes; circles as ovals, which draw faster. */
    private static void marker(GraphicsContext g, ClassStyle.Shape shape, double cx, double cy, double r) {
        if (shape == ClassStyle.Shape.CIRCLE) {
            g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
            return;
        }
        double[][] p = ClassStyle.outline(shape, cx, cy, r);
        g.fillPolygon(p[0], p[1], p[0].length);
    }

    /** The tile under the pointer, outlined, and shown three times larger beside it. */
    private void drawMagnified(GraphicsContext g, GridViewModel.RenderedGrid r) {
        if (!vm.magnifyProperty().get() || dragging || Double.isNaN(hoverX) || !insidePlot(hoverX, hoverY)
                || shown != r.mosaic()) {
            return;
        }
        Rect at = mosaicRect(r);
        double tile = at.width() / r.mosaic().columns();
        double tileH = at.height() / r.mosaic().rows();
        int col = (int) Math.floor((hoverX - at.left()) / tile);
        int row = (int) Math.floor((hoverY - at.top()) / tileH);
        if (col < 0 || row < 0 || col >= r.mosaic().columns() || row >= r.mosaic().rows()) {
            return;
        }
        double tx = at.left() + col * tile;
        double ty = at.top() + row * tileH;
        g.setStroke(Color.WHITE);
        g.setLineWidth(2);
        g.strokeRect(tx, ty, tile, tileH);
        double big = Math.max(84 * scale, tile * 3);
        double s = plotSide();
        // Beside the tile, on the side with room, inside the plot.
        double bx = tx + tile + 8 + big <= plotX() + s ? tx + tile + 8 : tx - 8 - big;
        double by = Math.max(plotY() + 4, Math.min(ty + tileH / 2 - big / 2, plotY() + s - big - 4));
        int tw = r.mosaic().tileCols();
        int th = r.mosaic().tileRows();
        g.setImageSmoothing(false);
        g.drawImage(rawMosaic(), col * tw, row * th, tw, th, bx, by, big, big);
        g.setImageSmoothing(true);
        g.setStroke(Color.WHITE);
        g.strokeRect(bx, by, big, big);
    }

    private void drawSamples(GraphicsContext g) {
        SamplingViewModel.Samples samples = sampling.samplesProperty().get();
        if (samples == null || samples.latent() != vm.sliceProperty().get().latent()) {
            return;
        }
        LatentSlice slice = vm.sliceProperty().get();
        g.setLineWidth(2);
        g.setFont(Font.font(null, FontWeight.BOLD, 11 * scale));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < samples.count(); i++) {
            double x = screenX(samples.z(i, slice.dimX()));
            double y = screenY(samples.z(i, slice.dimY()));
            g.setFill(Color.color(0, 0, 0, 0.6));
            g.fillOval(x - 9 * scale, y - 9 * scale, 18 * scale, 18 * scale);
            g.setStroke(SAMPLE);
            g.strokeOval(x - 9 * scale, y - 9 * scale, 18 * scale, 18 * scale);
            g.setFill(SAMPLE);
            g.fillText(Integer.toString(i + 1), x, y);
        }
    }

    private void drawSelection(GraphicsContext g) {
        if (!vm.hasSelectionProperty().get()) {
            return;
        }
        double x = screenX(vm.selectedXProperty().get());
        double y = screenY(vm.selectedYProperty().get());
        g.setStroke(Color.BLACK);
        g.setLineWidth(4);
        g.strokeOval(x - 10 * scale, y - 10 * scale, 20 * scale, 20 * scale);
        g.setStroke(SELECTION);
        g.setLineWidth(2.5);
        g.strokeOval(x - 10 * scale, y - 10 * scale, 20 * scale, 20 * scale);
        g.strokeLine(x - 16 * scale, y, x - 10 * scale, y);
        g.strokeLine(x + 10 * scale, y, x + 16 * scale, y);
        g.strokeLine(x, y - 16 * scale, x, y - 10 * scale);
        g.strokeLine(x, y + 10 * scale, x, y + 16 * scale);
    }

    private void drawAxes(GraphicsContext g) {
        Viewport v = vm.viewportProperty().get();
        LatentSlice slice = vm.sliceProperty().get();
        double x0 = plotX();
        double y0 = plotY();
        double s = plotSide();
        g.setFill(axisText);
        g.setStroke(axisText);
        g.setLineWidth(1);
        g.setFont(Font.font(12 * scale));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        // Tick marks as rectangles on whole pixels, as the tiles' lines.
        double tick = Math.round(5 * scale);
        for (PlotAxes.Tick t : PlotAxes.xTicks(v, s, scale)) {
            double px = Math.round(x0 + t.pixel());
            g.fillRect(px, y0 + s, 1, tick);
            g.fillText(t.label(), px + 0.5, y0 + s + 7 * scale);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (PlotAxes.Tick t : PlotAxes.yTicks(v, s, scale)) {
            double py = Math.round(y0 + t.pixel());
            g.fillRect(x0 - tick, py, tick, 1);
            g.fillText(t.label(), x0 - 8 * scale, py + 0.5);
        }
        g.setFont(Font.font(null, FontWeight.BOLD, 13 * scale));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.TOP);
        g.fillText("z" + (slice.dimX() + 1) + " \u2192", x0 + s, y0 + s + 21 * scale);
        g.save();
        g.translate(x0 - 40 * scale, y0);
        g.rotate(-90);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.TOP);
        g.fillText("z" + (slice.dimY() + 1) + " \u2192", 0, -2);
        g.restore();
    }

    /** What is on the grid: the classes of the scatter, samples, the selected point, the circles. */
    List<ClassStyle.Entry> legendEntries(LatentSpace.Embedding e) {
        List<String> names = List.of();
        if (e != null && e.hasLabels()) {
            int classes = 0;
            for (int l : e.labels()) {
                classes = Math.max(classes, l + 1);
            }
            String dataset = session.model() == null ? "" : String.valueOf(session.model().dataset());
            names = ClassNames.of(dataset, Math.min(classes, ClassNames.MAX_CLASSES));
        }
        SamplingViewModel.Samples samples = sampling.samplesProperty().get();
        boolean samplesShown = samples != null && samples.latent() == vm.sliceProperty().get().latent();
        return ClassStyle.legend(names, samplesShown, vm.hasSelectionProperty().get(),
                vm.showPriorCirclesProperty().get(), sampling.circleRadii()[0],
                session.model() == null || session.model().config().kind().hasPrior());
    }

    private void drawLegend(GraphicsContext g, LatentSpace.Embedding e) {
        List<ClassStyle.Entry> entries = legendEntries(e);
        if (entries.isEmpty()) {
            return;
        }
        double side = plotSide();
        // On a small plot the lines' brief texts, in smaller type.
        boolean compact = LegendLayout.compact(entries.size(), side, scale);
        List<String> texts = entries.stream().map(en -> compact ? en.brief() : en.text()).toList();
        Font font = Font.font((compact ? 10 : 12) * scale);
        LegendLayout layout = LegendLayout.fit(legendTextWidths(texts, font), side, scale);
        int rows = layout.rows();
        double lineH = layout.line(scale);
        double boxW = layout.width();
        double boxH = layout.height();
        double bx = Math.max(plotX() + 4, plotX() + side - boxW - 8);
        double by = plotY() + 8;
        // Whatever still does not fit is cut at the plot's edge, never drawn over the axes.
        g.save();
        g.beginPath();
        g.rect(plotX(), plotY(), side, side);
        g.clip();
        g.setFill(Color.color(0, 0, 0, 0.72));
        g.fillRoundRect(bx, by, boxW, boxH, 8, 8);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.setFont(font);
        for (int i = 0; i < entries.size(); i++) {
            ClassStyle.Entry en = entries.get(i);
            double y = by + 4 * scale + lineH * (i % rows) + lineH / 2;
            double left = bx + layout.columnLeft(i);
            double cx = left + 13 * scale;
            Color c = rgb(en.color());
            switch (en.kind()) {
                case CLASS -> {
                    g.setFill(c);
                    marker(g, en.shape(), cx, y, 4 * scale);
                }
                case SAMPLE -> {
                    g.setStroke(c);
                    g.setLineWidth(2);
                    g.strokeOval(cx - 6 * scale, y - 6 * scale, 12 * scale, 12 * scale);
                }
                case SELECTION -> {
                    g.setStroke(c);
                    g.setLineWidth(2.5);
                    g.strokeOval(cx - 5 * scale, y - 5 * scale, 10 * scale, 10 * scale);
                    g.strokeLine(cx - 8 * scale, y, cx - 5 * scale, y);
                    g.strokeLine(cx + 5 * scale, y, cx + 8 * scale, y);
                }
                default -> {
                    g.setStroke(c);
                    g.setLineWidth(1.5);
                    g.setLineDashes(3, 2);
                    g.strokeOval(cx - 6 * scale, y - 6 * scale, 12 * scale, 12 * scale);
                    g.setLineDashes();
                }
            }
            g.setFill(Color.WHITE);
            g.fillText(texts.get(i), left + 26 * scale, y);
        }
        g.restore();
    }

    /** The widths of the legend's texts in font; measured again only when they or the font change, not every frame. */
    private double[] legendTextWidths(List<String> texts, Font font) {
        LegendTexts key = new LegendTexts(texts, font);
        if (!key.equals(legendTexts)) {
            javafx.scene.text.Text measure = new javafx.scene.text.Text();
            measure.setFont(font);
            legendWidths = new double[texts.size()];
            for (int i = 0; i < legendWidths.length; i++) {
                measure.setText(texts.get(i));
                legendWidths[i] = measure.getLayoutBounds().getWidth();
            }
            legendTexts = key;
        }
        return legendWidths;
    }

    private record LegendTexts(List<String> texts, Font font) {
    }

    // ------------------------------------------------------------------ hooks for other features

    /** Draws overlay over the grid from now on, and again whenever one of redrawOn changes. */
    public void addOverlay(GridOverlay overlay, javafx.beans.Observable... redrawOn) {
        overlays.add(overlay);
        for (javafx.beans.Observable o : redrawOn) {
            o.addListener(x -> scheduleDraw());
        }
        scheduleDraw();
    }

    /**
     * A click within a few pixels of a drawn test-set point tells listener that point's index in
     * the embedding (the nearest, where several are near) instead of selecting a latent point.
     */
    public void setOnScatterClick(java.util.function.IntConsumer listener) {
        scatterClick = listener;
    }

    private void drawOverlays(GraphicsContext g) {
        if (overlays.isEmpty()) {
            return;
        }
        GridOverlay.Plot plot = new GridOverlay.Plot(plotX(), plotY(), plotSide(), vm.viewportProperty().get(),
                vm.sliceProperty().get(), scale);
        for (GridOverlay o : overlays) {
            g.save();
            o.draw(g, plot);
            g.restore();
        }
    }

    /** The index of the drawn test-set point nearest the pixel (px, py) within a few pixels, or -1. */
    private int scatterPointAt(double px, double py) {
        LatentSpace.Embedding e = vm.embeddingProperty().get();
        if (scatterClick == null || e == null || !vm.showTestSetProperty().get() || !insidePlot(px, py)) {
            return -1;
        }
        LatentSlice slice = vm.sliceProperty().get();
        Viewport v = vm.viewportProperty().get();
        double s = plotSide();
        double reach = 5 * Math.sqrt(scale);
        double best = reach * reach;
        int nearest = -1;
        for (int i = 0; i < e.count(); i++) {
            double x = e.mu(i, slice.dimX());
            double y = e.mu(i, slice.dimY());
            if (!v.contains(x, y)) {
                continue;   // not drawn
            }
            double dx = plotX() + v.pixelX(x, s) - px;
            double dy = plotY() + v.pixelY(y, s) - py;
            double d2 = dx * dx + dy * dy;
            if (d2 <= best) {
                best = d2;
                nearest = i;
            }
        }
        return nearest;
    }

    /** For tests: the canvas, to read its pixels back. */
    public Canvas canvas() {
        return canvas;
    }
}
