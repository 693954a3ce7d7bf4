package org.latentexplorer.model;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element access for small arrays from Java. For the [batch, k] latent arrays a plain loop over the
 * native buffer is far cheaper than one native op call per formula term.
 */
public final class Host {
    private Host() {
    }

    /** Checks that a is a dense C-order block, so element i sits at data()[offset + i]. */
    static void requireDense(INDArray a) {
        if (a.ordering() != 'c' || a.length() != 0 && a.elementWiseStride() != 1) {
            throw new IllegalArgumentException("expected a dense C-order array, got " + a.shapeInfoToString());
        }
    }

    /**
     * Position of a's first element within a.data(). A view's data() is itself a buffer that
     * starts at the view's storage offset, so only the part of the offset beyond it counts.
     */
    static long start(INDArray a) {
        return a.offset() - a.data().offset();
    }

    /** A pointer to a's first element (FLOAT arrays). */
    static org.bytedeco.javacpp.FloatPointer floats(INDArray a) {
        return new org.bytedeco.javacpp.FloatPointer(a.data().addressPointer()).position(start(a));
    }

    static double get(INDArray a, long i) {
        return a.data().getDouble(start(a) + i);
    }

    static void put(INDArray a, long i, double v) {
        a.data().put(start(a) + i, v);
    }

    /**
     * Frees the native memory of arrays no longer used, now rather than when the garbage collector
     * finds their Java objects: a computation that allocates hundreds of megabytes of temporaries
     * (a metrics report) would otherwise leave them all resident, since the Java heap barely grows
     * and nothing prompts a collection. Views and nulls are skipped; each array must be one nothing
     * else reads afterwards.
     */
    public static void release(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && !a.wasClosed() && a.closeable()) {
                a.close();
            }
        }
    }

    /** Writes src[0..len) into the dense array a, converting to a's data type. */
    public static void write(INDArray a, float[] src, int len) {
        requireDense(a);
        DataBuffer d = a.data();
        long off = start(a);
        if (a.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT) {
            floats(a).put(src, 0, len);
        } else {
            for (int i = 0; i < len; i++) {
                d.put(off + i, src[i]);
            }
        }
    }

    /** Reads the dense array a into dst[0..len). */
    public static void read(INDArray a, float[] dst, int len) {
        requireDense(a);
        DataBuffer d = a.data();
        long off = start(a);
        if (a.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT) {
            floats(a).get(dst, 0, len);
        } else {
            for (int i = 0; i < len; i++) {
                dst[i] = (float) d.getDouble(off + i);
            }
        }
    }
}
