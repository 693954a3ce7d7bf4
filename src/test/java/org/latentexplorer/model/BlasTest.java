package org.latentexplorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Direct BLAS calls and host access agree with ND4J, also on views inside a larger buffer. */
class BlasTest {

    private static INDArray viewInside(DataType type, int rows, int cols, int offset) {
        INDArray flat = Nd4j.rand(type, 1, offset + rows * cols + 7);
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + rows * cols)).reshape('c', rows, cols);
    }

    @Test
    void gemmMatchesNd4jForEveryTransposeOnViews() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    INDArray a = ta ? viewInside(type, 4, 3, 11) : viewInside(type, 3, 4, 11);
                    INDArray b = tb ? viewInside(type, 5, 4, 5) : viewInside(type, 4, 5, 5);
                    INDArray c = viewInside(type, 3, 5, 2);
                    INDArray c0 = c.dup();
                    INDArray expected = (ta ? a.transpose() : a).mmul(tb ? b.transpose() : b).mul(2).add(c0.mul(0.5));
                    Blas.gemm(a, ta, b, tb, c, 2.0, 0.5);
                    assertTrue(expected.equalsWithEps(c, 1e-5), type + " ta=" + ta + " tb=" + tb + "\n" + expected + "\n" + c);
                }
            }
        }
    }

    @Test
    void gemvGivesRowAndColumnSums() {
        INDArray a = viewInside(DataType.FLOAT, 3, 4, 9);
        INDArray rows = Nd4j.create(DataType.FLOAT, 3, 1);
        INDArray cols = Nd4j.create(DataType.FLOAT, 1, 4);
        Blas.gemv(a, false, Nd4j.ones(DataType.FLOAT, 4, 1), rows, 1.0, 0.0);
        Blas.gemv(a, true, Nd4j.ones(DataType.FLOAT, 1, 3), cols, 1.0, 0.0);
        assertTrue(a.sum(1).reshape(3, 1).equalsWithEps(rows, 1e-5));
        assertTrue(a.sum(0).reshape(1, 4).equalsWithEps(cols, 1e-5));
    }

    @Test
    void hostAccessReadsAndWritesTheViewsOwnElements() {
        INDArray v = viewInside(DataType.FLOAT, 2, 3, 13);
        for (int i = 0; i < 6; i++) {
            assertEquals(v.getDouble(i / 3, i % 3), Host.get(v, i), 0.0);
        }
        Host.put(v, 4, 42);
        assertEquals(42.0, v.getDouble(1, 1), 0.0);
        float[] out = new float[6];
        Host.read(v, out, 6);
        assertEquals(42f, out[4]);
    }

    /**
     * The argument pointers are set again for every call and each buffer's address is remembered
     * per thread: products over more arrays than a thread remembers, over arrays freed and new
     * ones made after them, on two threads at once, each land in their own array.
     */
    @Test
    void productsFindTheirArraysThroughFreedNewAndForgottenOnes() throws Exception {
        java.util.concurrent.Callable<Boolean> many = () -> {
            INDArray kept = viewInside(DataType.FLOAT, 3, 4, 3);
            INDArray keptExpected = kept.mmul(kept.transpose());
            for (int round = 0; round < 150; round++) {
                INDArray a = viewInside(DataType.FLOAT, 3, 4, round % 7);
                INDArray b = viewInside(DataType.FLOAT, 4, 2, round % 5);
                INDArray c = Nd4j.create(DataType.FLOAT, 3, 2);
                Blas.gemm(a, false, b, false, c, 1.0, 0.0);
                if (!a.mmul(b).equalsWithEps(c, 1e-5)) {
                    return false;
                }
                float[] back = new float[6];
                Host.read(c, back, 6);
                if (back[5] != c.getFloat(2, 1)) {
                    return false;
                }
                // Freed: the next round's arrays may get its memory, under new buffer objects.
                Host.release(c);
                if (round % 40 == 39) {
                    // An array used long before, after many others: its own elements, not another's.
                    INDArray out = Nd4j.create(DataType.FLOAT, 3, 3);
                    Blas.gemm(kept, false, kept, true, out, 1.0, 0.0);
                    if (!keptExpected.equalsWithEps(out, 1e-5)) {
                        return false;
                    }
                }
            }
            return true;
        };
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Boolean> there = other.submit(many);
            assertTrue(many.call(), "on the test's thread");
            assertTrue(there.get(), "on another thread at the same time");
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void mismatchedShapesAreRefused() {
        INDArray a = Nd4j.create(DataType.FLOAT, 3, 4);
        INDArray b = Nd4j.create(DataType.FLOAT, 5, 2);
        assertThrows(IllegalArgumentException.class, () -> Blas.gemm(a, false, b, false, Nd4j.create(DataType.FLOAT, 3, 2), 1, 0));
    }
}
