package org.latentexplorer.model;

/**
 * A hyper-parameter of a model kind that the user sets, such as beta, lambda or the denoising noise.
 * A running training reads it at every iteration, so it may change while the model trains.
 *
 * @param key          the name in model files and on the command line ("beta", "lambda", "noise")
 * @param symbol       the lecture's symbol ("\u03b2", "\u03bb", "\u03c3\u2099")
 * @param name         what it is, in a few words ("KL weight")
 * @param description  one sentence in the lecture's terms, for tooltips and help
 * @param min          smallest value allowed
 * @param max          largest value allowed
 * @param sliderMax    the end of the range a slider offers (max may be far beyond it)
 * @param defaultValue the value of a new model
 */
public record Knob(String key, String symbol, String name, String description, double min, double max,
                   double sliderMax, double defaultValue) {

    /** The value if it is allowed, else an exception whose message names the knob and its range. */
    public double check(double value) {
        if (!(value >= min) || !(value <= max)) {
            throw new IllegalArgumentException(key + " must be between " + plain(min) + " and " + plain(max)
                    + ", not " + value);
        }
        return value;
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
