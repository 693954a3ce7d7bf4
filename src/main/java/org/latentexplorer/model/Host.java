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

    /**
     * A pointer to a's first element (FLOAT arrays) for one native call, in argument slot 0, 1 or 2
     * of the calling thread: the slot's pointer is set again at each call, and the address of each
     * buffer is looked up once. ND4J makes four objects and a native call to give a buffer's
     * address, for each argument of each matrix product: about 70 MB of garbage in 20 s of
     * training. Valid until the thread's next call with the same slot.
     */
    static org.bytedeco.javacpp.FloatPointer floatsArg(INDArray a, int slot) {
        return ARGS.get().point(slot, a);
    }

    private static final ThreadLocal<Arguments> ARGS = ThreadLocal.withInitial(Arguments::new);

    /** A thread's argument pointers and the addresses of the buffers it used last. */
    private static final class Arguments {
        /** Buffers remembered per thread: a training iteration uses a few dozen. */
        private static final int REMEMBERED = 64;
        private final Slot[] slots = {new Slot(), new Slot(), new Slot()};
        @SuppressWarnings("unchecked")
        private final java.lang.ref.WeakReference<DataBuffer>[] buffers = new java.lang.ref.WeakReference[REMEMBERED];
        private final long[] addresses = new long[REMEMBERED];
        private int next;

        org.bytedeco.javacpp.FloatPointer point(int slot, INDArray a) {
            DataBuffer d = a.data();
            return slots[slot].at(address(d) + Float.BYTES * start(a));
        }

        private long address(DataBuffer d) {
            for (int i = 0; i < REMEMBERED; i++) {
                java.lang.ref.WeakReference<DataBuffer> r = buffers[i];
                if (r != null && r.get() == d) {
                    if (!d.wasClosed()) {
                        return addresses[i];
                    }
                    break;
                }
            }
            long address = d.addressPointer().address();
            buffers[next] = new java.lang.ref.WeakReference<>(d);
            addresses[next] = address;
            next = (next + 1) % REMEMBERED;
            return address;
        }
    }

    /** A float pointer whose address is set for each call (JavaCPP reads it at the call). */
    private static final class Slot extends org.bytedeco.javacpp.FloatPointer {
        Slot at(long addressOfFirst) {
            address = addressOfFirst;
            position = 0;
            limit = 0;
            capacity = 0;
            return this;
        }
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
            floatsArg(a, 0).put(src, 0, len);
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
            floatsArg(a, 0).get(dst, 0, len);
        } else {
            for (int i = 0; i < len; i++) {
                dst[i] = (float) d.getDouble(off + i);
            }
        }
    }
}
