package org.latentexplorer.model;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Element-wise ops on large arrays, split by rows between the calling thread and one helper.
 * ND4J runs its element-wise ops on one thread here (see {@link NativeRuntime}); for the
 * sigmoid over a whole decoded grid that single pass was a fifth of the decode time.
 */
final class Elementwise {
    /** Below this many elements the hand-off costs more than it saves. */
    private static final long SPLIT_ABOVE = 65_536;

    private static final ExecutorService HELPER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "elementwise-helper");
        t.setDaemon(true);
        return t;
    });

    private Elementwise() {
    }

    /** out = sigmoid(in), both [n, d] with the same shape. */
    static void sigmoid(INDArray in, INDArray out) {
        long n = in.rows();
        if (in.length() < SPLIT_ABOVE || n < 2 || Runtime.getRuntime().availableProcessors() < 2) {
            Nd4j.exec(new Sigmoid(in, out));
            return;
        }
        long half = n / 2;
        INDArray inTop = in.get(NDArrayIndex.interval(0, half), NDArrayIndex.all());
        INDArray outTop = out.get(NDArrayIndex.interval(0, half), NDArrayIndex.all());
        Future<?> top = HELPER.submit(() -> Nd4j.exec(new Sigmoid(inTop, outTop)));
        Nd4j.exec(new Sigmoid(in.get(NDArrayIndex.interval(half, n), NDArrayIndex.all()),
                out.get(NDArrayIndex.interval(half, n), NDArrayIndex.all())));
        try {
            top.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
