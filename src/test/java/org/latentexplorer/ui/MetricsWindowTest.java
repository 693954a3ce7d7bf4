package org.latentexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import javafx.geometry.Bounds;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.ui.grid.GridView;
import org.latentexplorer.ui.metrics.MetricsPane;
import org.latentexplorer.ui.metrics.MetricsViewModel;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The metrics panel and its two overlays in the window, headless. */
class MetricsWindowTest {
    private final FxRobot robot = new FxRobot();

    @TempDir
    Path tmp;

    private LatentExplorerApp app;

    @BeforeEach
    void open() throws Exception {
        app = TestWindow.open(tmp, () -> null);
        waitFor(() -> app.viewModel().metrics().measuredProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        TestWindow.close(app);
    }

    @Test
    void theSeamsAndHolesTogglesChangeTheGridsPixelsAndTheViewMenuFollowsThem() throws Exception {
        MetricsViewModel metrics = app.viewModel().metrics();
        MetricsPane pane = app.metricsPane();
        assertFalse(metrics.showSeamsProperty().get(), "off at start");
        assertFalse(metrics.showHolesProperty().get(), "off at start");
        WritableImage plain = grid();

        robot.interact(() -> pane.seams.fire());
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage seams = grid();
        assertTrue(metrics.showSeamsProperty().get());
        assertTrue(changed(plain, seams) > 1000, changed(plain, seams) + " pixels changed by the seams");

        // A check menu item toggles when clicked in its menu; fire() alone only reports the action.
        robot.interact(() -> toggle(viewItem("Holes")));
        waitFor(() -> metrics.holesProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage holes = grid();
        assertTrue(pane.holes.isSelected(), "the panel's checkbox follows the menu");
        assertTrue(changed(seams, holes) > 1000, changed(seams, holes) + " pixels changed by the holes");

        robot.interact(() -> {
            pane.seams.fire();
            toggle(viewItem("Holes"));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(((CheckMenuItem) viewItem("Seams")).isSelected());
        assertTrue(changed(plain, grid()) < 50, "both off: the grid as before");
    }

    @Test
    void thePanelShowsTheVaesFiguresInNatsAndTheWorstSamplesAndFitsAt1024By768() {
        MetricsPane pane = app.metricsPane();
        robot.interact(() -> {
            javafx.stage.Stage stage = (javafx.stage.Stage) pane.getScene().getWindow();
            stage.setMaximized(false);
            stage.setMinWidth(0);
            stage.setMinHeight(0);
            stage.setWidth(1024);
            stage.setHeight(768);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> pane.getScene().getRoot().layout());
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(pane.titled.isExpanded());
        String text = texts(pane.figures);
        assertTrue(text.contains("I(x; z)") && text.contains("at most log N = 7.60"), text);
        assertTrue(text.contains("nats (gap "), text);
        assertTrue(text.contains("excess"), text);
        assertEquals(5, pane.worst.getChildren().size());
        double right = pane.getScene().getWidth();
        for (javafx.scene.Node n : pane.figures.getChildren()) {
            Bounds b = n.localToScene(n.getLayoutBounds());
            assertTrue(b.getMinX() >= 0 && b.getMaxX() <= right + 0.5, n + " " + b);
            if (n instanceof javafx.scene.control.Label l) {
                assertFalse(l.getText().isEmpty(), "an empty figure");
                assertFalse(isTruncated(l), "cut off: " + l.getText());
            }
        }
        Bounds strip = pane.worst.localToScene(pane.worst.getLayoutBounds());
        assertTrue(strip.getMaxX() <= right + 0.5, strip.toString());
        javafx.scene.Node title = pane.titled.lookup(".title");
        Bounds t = title.localToScene(title.getLayoutBounds());
        assertTrue(t.getMaxX() <= right + 0.5, t.toString());
        javafx.scene.text.Text shown = (javafx.scene.text.Text) title.lookup(".text");
        assertEquals(pane.titled.getText(), shown.getText(), "the title is cut off");
    }

    // At 1024 x 768 with a larger interface the values were squeezed beside their names until
    // numbers broke in the middle ("10.7" over "5"), and the title was cut to "Latent space ...".
    @Test
    void inANarrowPanelEachValueGoesUnderItsNameAndNoNumberBreaks() {
        MetricsPane pane = app.metricsPane();
        TestWindow.resize(robot, app, 1024, 768);
        assertFalse(pane.stacked(), "at scale 1 the values are beside their names");
        for (double scale : new double[] {1.5, 2}) {
            robot.interact(() -> app.uiScale().scaleProperty().set(scale));
            WaitForAsyncUtils.waitForFxEvents();
            for (int pass = 0; pass < 2; pass++) {
                robot.interact(() -> pane.getScene().getRoot().layout());
            }
            assertTrue(pane.stacked(), "scale " + scale);
            javafx.scene.text.Text title = (javafx.scene.text.Text) pane.titled.lookup(".title").lookup(".text");
            assertEquals(pane.titled.getText(), title.getText(), "scale " + scale + ": the pane's title is cut off");
            for (javafx.scene.Node n : pane.figures.getChildren()) {
                if (n instanceof javafx.scene.control.Label l && l.getStyleClass().contains("value")) {
                    for (String word : l.getText().split(" ")) {
                        javafx.scene.text.Text measure = new javafx.scene.text.Text(word);
                        measure.setFont(l.getFont());
                        double w = measure.getLayoutBounds().getWidth();
                        assertTrue(w <= l.getWidth() - l.getInsets().getLeft() - l.getInsets().getRight() + 0.5,
                                "scale " + scale + ": \"" + word + "\" (" + w + " px) broken in " + l.getWidth() + " px");
                    }
                }
            }
        }
        robot.interact(() -> app.uiScale().scaleProperty().set(1));
        WaitForAsyncUtils.waitForFxEvents();
        for (int pass = 0; pass < 2; pass++) {
            robot.interact(() -> pane.getScene().getRoot().layout());
        }
        assertFalse(pane.stacked(), "back beside their names");
        assertEquals("Latent space metrics", pane.titled.getText(), "the whole title where it fits");
    }

    @Test
    void theAutoencodersPanelHasNoKlAndNoBounds() {
        robot.interact(() -> app.viewModel().session().open(app.viewModel().session().shippedModel()
                .resolveSibling("mnist-ae.lvae")));
        waitFor(() -> app.viewModel().metrics().measuredProperty().get() != null
                && app.viewModel().metrics().measuredProperty().get().model().title().equals("mnist-ae.lvae"));
        WaitForAsyncUtils.waitForFxEvents();

        String text = texts(app.metricsPane().figures);
        assertTrue(text.contains("Completeness") && text.contains("Hole fraction"), text);
        assertFalse(text.contains("KL") || text.contains("I(x; z)") || text.contains("ELBO"), text);
        assertTrue(text.contains("Recon / floor"), text);
    }

    private static String texts(javafx.scene.Parent p) {
        StringBuilder b = new StringBuilder();
        for (javafx.scene.Node n : p.getChildrenUnmodifiable()) {
            if (n instanceof javafx.scene.control.Label l) {
                b.append(l.getText()).append('\n');
            }
        }
        return b.toString();
    }

    /** Whether a label shows less than its text (an ellipsis instead of the end). */
    private static boolean isTruncated(javafx.scene.control.Labeled l) {
        javafx.scene.Node text = l.lookup(".text");
        return text instanceof javafx.scene.text.Text t && !t.getText().equals(l.getText());
    }

    private static void toggle(MenuItem item) {
        CheckMenuItem check = (CheckMenuItem) item;
        check.setSelected(!check.isSelected());
    }

    private MenuItem viewItem(String text) {
        MenuBar bar = (MenuBar) app.rootPane().getTop();
        for (Menu m : bar.getMenus()) {
            if (m.getText().equals("View")) {
                for (MenuItem i : m.getItems()) {
                    if (text.equals(i.getText())) {
                        return i;
                    }
                }
            }
        }
        throw new AssertionError("no View > " + text);
    }

    private WritableImage grid() throws Exception {
        // Drawn after the next pulse: wait for it, then read the canvas back.
        WaitForAsyncUtils.waitForFxEvents();
        return TestWindow.snapshot(app.gridView());
    }

    /** Pixels of the plot that differ between two snapshots. */
    private int changed(WritableImage a, WritableImage b) {
        GridView view = app.gridView();
        PixelReader ra = a.getPixelReader();
        PixelReader rb = b.getPixelReader();
        int x0 = (int) view.plotX();
        int y0 = (int) view.plotY();
        int side = (int) view.plotSide();
        int n = 0;
        for (int y = y0; y < y0 + side; y++) {
            for (int x = x0; x < x0 + side; x++) {
                if (ra.getArgb(x, y) != rb.getArgb(x, y)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static void waitFor(Callable<Boolean> condition) {
        TestWindow.waitFor(60, condition);
    }
}
