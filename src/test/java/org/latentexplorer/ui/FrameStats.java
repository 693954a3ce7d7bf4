package org.latentexplorer.ui;

import java.util.Arrays;

import org.latentexplorer.ui.grid.GridView;

/**
 * Timings of the last frames of the grid: decoding (on the decode lane), drawing (on the UI thread)
 * and the whole frame from request to drawn, as the grid's frame listener reports them to the benchmark.
 */
public final class FrameStats {
    private static final int CAPACITY = 4096;
    private final double[] decodeMs = new double[CAPACITY];
    private final double[] drawMs = new double[CAPACITY];
    private final double[] frameMs = new double[CAPACITY];
    private int count;

    synchronized void add(GridView.Frame f) {
        add(f.decodeMs(), f.drawMs(), f.frameMs());
    }

    synchronized void add(double decode, double draw, double frame) {
        int i = count % CAPACITY;
        decodeMs[i] = decode;
        drawMs[i] = draw;
        frameMs[i] = frame;
        count++;
    }

    /** Forgets all frames so far (e.g. before a measured drag). */
    public synchronized void clear() {
        count = 0;
    }

    public synchronized int count() {
        return Math.min(count, CAPACITY);
    }

    /** Median of decode + draw, the work of one frame, in ms. */
    public synchronized double medianWorkMs() {
        int n = count();
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = decodeMs[i] + drawMs[i];
        }
        return median(w);
    }

    public synchronized double medianDecodeMs() {
        return median(Arrays.copyOf(decodeMs, count()));
    }

    public synchronized double medianDrawMs() {
        return median(Arrays.copyOf(drawMs, count()));
    }

    /** Median time from the request (e.g. a mouse drag event) to the frame drawn, in ms. */
    public synchronized double medianFrameMs() {
        return median(Arrays.copyOf(frameMs, count()));
    }

    public synchronized double percentileFrameMs(double p) {
        double[] f = Arrays.copyOf(frameMs, count());
        if (f.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(f);
        return f[Math.min(f.length - 1, (int) Math.floor(p / 100 * f.length))];
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
