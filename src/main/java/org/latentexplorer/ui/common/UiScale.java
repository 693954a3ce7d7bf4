package org.latentexplorer.ui.common;

import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;

import org.latentexplorer.runtime.Settings;

/**
 * How large the whole interface is drawn: text, the selected point's image, the samples, the
 * charts and the grid's labels. Ctrl+Shift+= and Ctrl+Shift+- change it; it is remembered. The
 * presentation mode draws everything larger again. Toolkit-free.
 */
public final class UiScale {
    public static final double MIN = 0.75;
    public static final double MAX = 2.5;
    public static final double STEP = 0.125;
    /** How much larger the presentation mode draws, on top of the chosen scale. */
    public static final double PRESENTATION = 1.5;
    static final String KEY = "ui.scale";

    private final DoubleProperty scale = new SimpleDoubleProperty(this, "scale", 1);
    private final BooleanProperty presenting = new SimpleBooleanProperty(this, "presenting");
    private final DoubleBinding effective;

    /**
     * @param settings where the scale is remembered
     * @param fallback the scale when none is remembered (see {@link #forScreen})
     * @param report   where a failed write of the settings is said (the status line)
     */
    public UiScale(Settings settings, double fallback, Consumer<String> report) {
        scale.set(settings.getDouble(KEY, clamp(fallback), MIN, MAX));
        scale.addListener((o, a, b) -> {
            double v = clamp(b.doubleValue());
            if (v != b.doubleValue()) {
                scale.set(v);
                return;
            }
            settings.putDouble(KEY, v);
            try {
                settings.save();
            } catch (java.io.IOException | RuntimeException e) {
                report.accept("Could not remember the UI scale in " + settings.file() + ": " + e.getMessage());
            }
        });
        effective = Bindings.createDoubleBinding(() -> scale.get() * (presenting.get() ? PRESENTATION : 1),
                scale, presenting);
    }

    /** A scale for a screen of this many pixels when the user has chosen none: 1 up to 1080 lines. */
    public static double forScreen(double width, double height) {
        double byHeight = Math.floor(height / 1080 * 4) / 4;
        double byWidth = Math.floor(width / 1920 * 4) / 4;
        return clamp(Math.max(1, Math.min(byHeight, byWidth)));
    }

    /** The scale the user chose. */
    public DoubleProperty scaleProperty() {
        return scale;
    }

    /** True while the presentation mode shows the window. */
    public BooleanProperty presentingProperty() {
        return presenting;
    }

    /** What views draw with: the chosen scale, times {@link #PRESENTATION} while presenting. */
    public DoubleBinding effective() {
        return effective;
    }

    public void bigger() {
        scale.set(clamp(scale.get() + STEP));
    }

    public void smaller() {
        scale.set(clamp(scale.get() - STEP));
    }

    private static double clamp(double v) {
        return Double.isFinite(v) ? Math.max(MIN, Math.min(MAX, Math.round(v / STEP) * STEP)) : 1;
    }
}
