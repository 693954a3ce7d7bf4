package org.latentexplorer.ui.training;

import java.util.Locale;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;

import org.latentexplorer.model.Knob;
import org.latentexplorer.model.ModelKind;

/**
 * One hyper-parameter of one model kind as the window sets it (beta of the VAE, lambda of the
 * sparse autoencoder, the denoising noise): its value, kept in the window's range [min, sliderMax],
 * a slider's position for it, fine keyboard steps, and a typed value with a message when it is
 * wrong. A knob that reaches past 1 is laid out like beta: the left half of the slider covers 0..1
 * in steps of 0.01, the right half 1..max in steps of 0.1; a knob within [0, 1] is linear in steps
 * of 0.01. Toolkit-free.
 */
public final class KnobViewModel {
    private final ModelKind kind;
    private final Knob knob;
    private final DoubleProperty value;

    KnobViewModel(ModelKind kind, Knob knob) {
        this.kind = kind;
        this.knob = knob;
        this.value = new SimpleDoubleProperty(this, knob.key(), knob.defaultValue());
        value.addListener((o, a, b) -> {
            double v = clamp(knob, b.doubleValue());
            if (v != b.doubleValue()) {
                value.set(v);
            }
        });
    }

    /** The kind (at its defaults) this knob belongs to. */
    public ModelKind kind() {
        return kind;
    }

    public Knob knob() {
        return knob;
    }

    /** The value, always within the window's range; NaN becomes the default. */
    public DoubleProperty valueProperty() {
        return value;
    }

    public double get() {
        return value.get();
    }

    /** "beta = 1.5" as the lecture writes it: "\u03b2 = 1.5". */
    public String label() {
        return knob.symbol() + " = " + format(get());
    }

    /**
     * A typed value: sets it and returns null, or returns what is wrong with the text (naming the
     * setting) and leaves the value as it was.
     */
    public String type(String text) {
        String t = text == null ? "" : text.trim().replace(',', '.');
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return knob.symbol() + " \"" + (text == null ? "" : text.trim()) + "\" is not a number: type a value from "
                    + ModelKind.format(knob.min()) + " to " + ModelKind.format(knob.sliderMax()) + ", such as "
                    + ModelKind.format(knob.defaultValue());
        }
        if (!(v >= knob.min()) || v > knob.sliderMax()) {
            return knob.symbol() + " must be between " + ModelKind.format(knob.min()) + " and "
                    + ModelKind.format(knob.sliderMax()) + ", not " + t;
        }
        value.set(v);
        return null;
    }

    /** The value one fine step up (direction &gt; 0) or down, landing on a multiple of the step. */
    public double nudged(int direction) {
        return nudge(knob, get(), direction);
    }

    static double clamp(Knob knob, double v) {
        return Double.isNaN(v) ? knob.defaultValue() : Math.max(knob.min(), Math.min(knob.sliderMax(), v));
    }

    private static boolean split(Knob knob) {
        return knob.sliderMax() > 1;
    }

    /** The value at a slider position in [0, 1], rounded to the step there. */
    public static double valueAt(Knob knob, double position) {
        double p = Math.max(0, Math.min(1, position));
        if (!split(knob)) {
            return Math.round((knob.min() + p * (knob.sliderMax() - knob.min())) * 100) / 100.0;
        }
        return p <= 0.5 ? Math.round(p * 2 * 100) / 100.0
                : Math.round((1 + (p - 0.5) * 2 * (knob.sliderMax() - 1)) * 10) / 10.0;
    }

    /** The slider position of a value; the inverse of {@link #valueAt}. */
    public static double positionOf(Knob knob, double value) {
        double v = clamp(knob, value);
        if (!split(knob)) {
            return (v - knob.min()) / (knob.sliderMax() - knob.min());
        }
        return v <= 1 ? v / 2 : 0.5 + (v - 1) / (knob.sliderMax() - 1) / 2;
    }

    /**
     * The next value one fine step up (direction &gt; 0) or down from v: 0.01 below 1 and 0.1 above for
     * a knob that reaches past 1, 0.01 otherwise; clamped to the window's range.
     */
    public static double nudge(Knob knob, double v, int direction) {
        double b = clamp(knob, v);
        if (direction == 0) {
            return b;
        }
        boolean up = direction > 0;
        double step = !split(knob) ? 0.01 : up ? (b < 1 - 1e-9 ? 0.01 : 0.1) : (b > 1 + 1e-9 ? 0.1 : 0.01);
        double next = up ? (Math.floor(b / step + 1e-6) + 1) * step : (Math.ceil(b / step - 1e-6) - 1) * step;
        return clamp(knob, Math.round(next * 100) / 100.0);
    }

    /** 2 decimals at most, without trailing zeros past the first: 1.0, 0.25, 3.5. */
    static String format(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }
}
