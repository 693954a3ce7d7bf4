package org.latentexplorer.model;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemv;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Matrix products on dense row-major ND4J arrays, called straight into native code. ND4J's own gemm
 * path costs 20 to 40 microseconds of bookkeeping per call, more than the arithmetic of the many
 * small products of an iteration (bias gradients, the k-wide latent layer).
 *
 * <p>Float products go to oneDNN's sgemm where its library loads (x86-64 Linux, Windows, macOS):
 * on an AVX-512 machine it runs at about twice the speed per core of the OpenBLAS 0.3.19 that
 * ND4J bundles. Elsewhere, and for double precision (used by the gradient checks), OpenBLAS.
 */
final class Blas {
    /** Whether oneDNN is available; decided once, on first use. */
    static final boolean DNNL = loadDnnl();

    private Blas() {
    }

    private static boolean loadDnnl() {
        if (Boolean.getBoolean("latentexplorer.openblas")) {
            return false;
        }
        try {
            org.bytedeco.javacpp.Loader.load(org.bytedeco.dnnl.global.dnnl.class);
            return true;
        } catch (Throwable unavailable) {
            return false;
        }
    }

    /** c = alpha op(a) op(b) + beta c, where op(m) is m or its transpose. */
    static void gemm(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c, double alpha, double beta) {
        long m = transA ? a.columns() : a.rows();
        long k = transA ? a.rows() : a.columns();
        long kb = transB ? b.columns() : b.rows();
        long n = transB ? b.rows() : b.columns();
        if (k != kb || c.rows() != m || c.columns() != n) {
            throw new IllegalArgumentException("shapes do not multiply: " + shape(a, transA) + " x " + shape(b, transB)
                    + " -> " + shape(c, false));
        }
        check(a, c);
        check(b, c);
        int ta = transA ? CblasTrans : CblasNoTrans;
        int tb = transB ? CblasTrans : CblasNoTrans;
        if (c.dataType() == DataType.FLOAT && DNNL) {
            int status = org.bytedeco.dnnl.global.dnnl.dnnl_sgemm((byte) (transA ? 'T' : 'N'), (byte) (transB ? 'T' : 'N'),
                    m, n, k, (float) alpha, floats(a, 0), a.columns(), floats(b, 1), b.columns(), (float) beta, floats(c, 2), n);
            if (status != 0) {
                throw new IllegalStateException("oneDNN sgemm failed with status " + status);
            }
        } else if (c.dataType() == DataType.FLOAT) {
            cblas_sgemm(CblasRowMajor, ta, tb, (int) m, (int) n, (int) k, (float) alpha, floats(a, 0), (int) a.columns(),
                    floats(b, 1), (int) b.columns(), (float) beta, floats(c, 2), (int) n);
        } else {
            cblas_dgemm(CblasRowMajor, ta, tb, (int) m, (int) n, (int) k, alpha, doubles(a), (int) a.columns(),
                    doubles(b), (int) b.columns(), beta, doubles(c), (int) n);
        }
    }

    /** y = alpha op(a) x + beta y for a vector x and y (any 1 x n or n x 1 dense array). */
    static void gemv(INDArray a, boolean transA, INDArray x, INDArray y, double alpha, double beta) {
        long rows = a.rows();
        long cols = a.columns();
        long in = transA ? rows : cols;
        long out = transA ? cols : rows;
        if (x.length() != in || y.length() != out) {
            throw new IllegalArgumentException("shapes do not multiply: " + shape(a, transA) + " x vector of "
                    + x.length() + " -> vector of " + y.length());
        }
        check(a, y);
        check(x, y);
        int t = transA ? CblasTrans : CblasNoTrans;
        if (y.dataType() == DataType.FLOAT) {
            cblas_sgemv(CblasRowMajor, t, (int) rows, (int) cols, (float) alpha, floats(a, 0), (int) cols, floats(x, 1), 1,
                    (float) beta, floats(y, 2), 1);
        } else {
            cblas_dgemv(CblasRowMajor, t, (int) rows, (int) cols, alpha, doubles(a), (int) cols, doubles(x), 1, beta,
                    doubles(y), 1);
        }
    }

    private static void check(INDArray a, INDArray like) {
        Host.requireDense(a);
        if (a.dataType() != like.dataType()) {
            throw new IllegalArgumentException("mixed data types " + a.dataType() + " and " + like.dataType());
        }
        if (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("BLAS needs FLOAT or DOUBLE, not " + a.dataType());
        }
    }

    /** a as the slot-th float argument of a call (see {@link Host#floatsArg}). */
    private static FloatPointer floats(INDArray a, int slot) {
        return Host.floatsArg(a, slot);
    }

    private static DoublePointer doubles(INDArray a) {
        return new DoublePointer(a.data().addressPointer()).position(Host.start(a));
    }

    private static String shape(INDArray a, boolean trans) {
        return trans ? "[" + a.columns() + ", " + a.rows() + "]" : "[" + a.rows() + ", " + a.columns() + "]";
    }
}
