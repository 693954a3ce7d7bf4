package org.latentexplorer.ui.grid;

import javafx.scene.canvas.GraphicsContext;

import org.latentexplorer.explore.LatentSlice;
import org.latentexplorer.explore.Viewport;

/**
 * Something another feature draws over the grid, in the plot's own coordinates: it moves and
 * scales with every drag and zoom. Called on the UI thread each time the grid is drawn, clipped to
 * the plot, after the grid's own marks.
 */
public interface GridOverlay {
    void draw(GraphicsContext g, Plot plot);

    /**
     * Where the plot lies in the view and what it shows: the latent rectangle, the plane through
     * the latent space, and the interface's scale for marks and text.
     */
    record Plot(double x0, double y0, double side, Viewport view, LatentSlice slice, double scale) {
        /** The pixel column of the plane's horizontal coordinate x. */
        public double screenX(double x) {
            return x0 + view.pixelX(x, side);
        }

        /** The pixel row of the plane's vertical coordinate y. */
        public double screenY(double y) {
            return y0 + view.pixelY(y, side);
        }

        /** Pixels per latent unit (the plot is square, and so is its viewport). */
        public double unit() {
            return side / view.width();
        }
    }
}
