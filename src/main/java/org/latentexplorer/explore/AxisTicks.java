package org.latentexplorer.explore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * "Nice" tick values for a plot axis: multiples of a step that is 1, 2 or 5 times a power of ten.
 *
 * <p>The step is the smallest nice number at least (max - min) / target, so an axis never gets
 * more than target + 1 ticks (labels sized for target of them do not collide) and at least about
 * target / 2.5 of them.
 */
public final class AxisTicks {

    /** More ticks than this cannot be told apart on any screen. */
    public static final int MAX_TARGET = 10_000;

    private static final int[] MANTISSAS = {1, 2, 5};
    /** Slack for spans that are a nice number times target up to rounding, e.g. 10 / 10 computed as 1.0000000000000002. */
    private static final double RELATIVE_SLACK = 1e-9;
    /** Label decimals beyond this are noise in the step, not precision. */
    private static final int MAX_DECIMALS = 20;
    /** Tick indices beyond this would be spaced closer than doubles can resolve. */
    private static final double MAX_INDEX = 0x1p53;

    private AxisTicks() {
    }

    /**
     * "Nice" tick values (1, 2 or 5 times a power of ten) for an axis over [min, max], about
     * target of them (target &gt;= 2), all inside [min, max] inclusive, ascending; exact multiples
     * of the step (no 0.30000000000000004: each is the double nearest the decimal k * step).
     *
     * @throws IllegalArgumentException if min or max is not finite, min &gt;= max, target is
     *     outside [2, {@link #MAX_TARGET}], or the range is too narrow for doubles to tick
     */
    public static double[] ticks(double min, double max, int target) {
        Step step = niceStep(min, max, target);
        double size = step.value();
        if (Math.max(Math.abs(min), Math.abs(max)) / size > MAX_INDEX) {
            throw new IllegalArgumentException("axis range [" + min + ", " + max + "] is too narrow for its"
                    + " distance from 0 to put ticks on");
        }
        // One index either side of the estimate, then the exact range test decides.
        long first = (long) Math.ceil(min / size) - 1;
        long last = (long) Math.floor(max / size) + 1;
        double[] ticks = new double[(int) (last - first + 1)];
        int count = 0;
        for (long k = first; k <= last; k++) {
            double tick = step.multiple(k);
            // Near 2^53 neighbouring multiples can round to the same double.
            if (tick >= min && tick <= max && (count == 0 || tick > ticks[count - 1])) {
                ticks[count++] = tick;
            }
        }
        return Arrays.copyOf(ticks, count);
    }

    /** The step those ticks use. */
    public static double step(double min, double max, int target) {
        return niceStep(min, max, target).value();
    }

    /**
     * A tick label: as many decimals as the step needs (step 0.5 gives "1.5", step 2 gives "4",
     * step 0.01 gives "0.25"), never "-0".
     */
    public static String label(double value, double step) {
        if (!Double.isFinite(step) || !(step > 0)) {
            throw new IllegalArgumentException("tick step must be a finite number > 0, not " + step);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("tick value must be a finite number, not " + value);
        }
        int decimals = Math.min(MAX_DECIMALS, Math.max(0, BigDecimal.valueOf(step).stripTrailingZeros().scale()));
        // BigDecimal has no negative zero, so -0.0 and -0.04 at one decimal both print as "0".
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static Step niceStep(double min, double max, int target) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
            throw new IllegalArgumentException("axis range must be finite with min < max, got [" + min + ", " + max + "]");
        }
        if (target < 2 || target > MAX_TARGET) {
            throw new IllegalArgumentException("tick target must be between 2 and " + MAX_TARGET + ", not " + target);
        }
        double raw = (max - min) / target;
        if (raw == Double.POSITIVE_INFINITY) {
            raw = max / target - min / target; // span overflowed, e.g. [-1e308, 1e308]
        }
        if (raw < Double.MIN_NORMAL) {
            throw new IllegalArgumentException("axis range [" + min + ", " + max + "] is too narrow to put ticks on");
        }
        double wanted = raw * (1 - RELATIVE_SLACK);
        // Start a decade low so a log10 rounded up cannot skip the right step.
        for (int exponent = (int) Math.floor(Math.log10(raw)) - 1; ; exponent++) {
            for (int mantissa : MANTISSAS) {
                Step step = new Step(mantissa, exponent);
                if (step.value() >= wanted) {
                    if (step.value() == Double.POSITIVE_INFINITY) {
                        throw new IllegalArgumentException("axis range [" + min + ", " + max + "] is too wide to put ticks on");
                    }
                    return step;
                }
            }
        }
    }

    /** mantissa * 10^exponent, kept apart so multiples can be computed as decimals, not as k * 0.1. */
    private record Step(int mantissa, int exponent) {

        double value() {
            return multiple(1);
        }

        /** The double nearest the decimal k * mantissa * 10^exponent: BigDecimal rounds once, at the end. */
        double multiple(long k) {
            return new BigDecimal((double) k * mantissa).scaleByPowerOfTen(exponent).doubleValue();
        }
    }
}
