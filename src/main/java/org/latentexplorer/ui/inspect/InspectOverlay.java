package org.latentexplorer.ui.inspect;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import org.latentexplorer.ui.grid.GridOverlay;
import org.latentexplorer.ui.grid.GridView;

/**
 * The picked image on the grid: its posterior's ellipses at 1 and 2 standard deviations around mu,
 * the draws as small numbered markers, and the code point itself (all an autoencoder has).
 */
public final class InspectOverlay implements GridOverlay {
    /** Outside the class palette and the other marks' colours (samples, selection, prior). */
    static final Color POSTERIOR = Color.web("#a3e635");

    private final InspectViewModel vm;

    InspectOverlay(InspectViewModel vm) {
        this.vm = vm;
    }

    /**
     * Lets the grid pick a test image by a click on its point, draws the pick over the grid, and
     * drops it on Esc.
     */
    public static void attach(GridView grid, InspectViewModel vm) {
        grid.setOnScatterClick(vm::pick);
        grid.addOverlay(new InspectOverlay(vm), vm.inspectionProperty());
        grid.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && vm.pickedProperty().get() != InspectViewModel.NONE) {
                vm.clear();
                e.consume();
            }
        });
    }

    @Override
    public void draw(GraphicsContext g, Plot plot) {
        InspectViewModel.Inspection i = vm.inspectionProperty().get();
        if (i == null || plot.slice().latent() != i.latent()) {
            return;
        }
        double unit = plot.unit();
        double s = plot.scale();
        for (PosteriorEllipse e : vm.ellipses()) {
            double cx = plot.screenX(e.cx());
            double cy = plot.screenY(e.cy());
            double rx = e.rx() * unit;
            double ry = e.ry() * unit;
            g.setLineDashes(e.k() == 1 ? null : new double[] {6, 4});
            outlinedOval(g, cx - rx, cy - ry, 2 * rx, 2 * ry);
        }
        g.setLineDashes();
        int dx = plot.slice().dimX();
        int dy = plot.slice().dimY();
        g.setFont(Font.font(null, FontWeight.BOLD, 10 * s));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        double r = 3 * s;
        for (int k = 0; k < i.drawCount(); k++) {
            double x = plot.screenX(i.draw(k, dx));
            double y = plot.screenY(i.draw(k, dy));
            g.setFill(Color.BLACK);
            g.fillRect(x - r - 1, y - r - 1, 2 * r + 2, 2 * r + 2);
            g.setFill(POSTERIOR);
            g.fillRect(x - r, y - r, 2 * r, 2 * r);
            g.fillText(Integer.toString(k + 1), x + r + 2, y);
        }
        // The code point: mu, or the autoencoder's one point.
        double x = plot.screenX(i.mu()[dx]);
        double y = plot.screenY(i.mu()[dy]);
        double c = 6 * s;
        outlinedOval(g, x - c, y - c, 2 * c, 2 * c);
        g.strokeLine(x - c - 5 * s, y, x - c, y);
        g.strokeLine(x + c, y, x + c + 5 * s, y);
    }

    /** An oval in the posterior's colour over a wider black one, visible on light and dark tiles alike. */
    private static void outlinedOval(GraphicsContext g, double x, double y, double w, double h) {
        g.setStroke(Color.BLACK);
        g.setLineWidth(4);
        g.strokeOval(x, y, w, h);
        g.setStroke(POSTERIOR);
        g.setLineWidth(2);
        g.strokeOval(x, y, w, h);
    }
}
