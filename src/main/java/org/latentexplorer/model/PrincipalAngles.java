package org.latentexplorer.model;

import org.latentexplorer.data.ImageSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The principal angles between two subspaces of pixel space (Bjorck and Golub): with orthonormal
 * bases Q_a and Q_b, the cosines of the angles are the singular values of Q_a^T Q_b. All angles 0
 * means the same subspace. This is how a linear autoencoder is compared with PCA: its decoder spans
 * the subspace of the top principal components, whatever basis it found for it.
 */
public final class PrincipalAngles {
    private PrincipalAngles() {
    }

    /** The angles in degrees, smallest first, between the column spaces of a [D, k] and b [D, k]. */
    public static double[] degrees(INDArray a, INDArray b) {
        if (a.rows() != b.rows() || a.columns() != b.columns()) {
            throw new IllegalArgumentException("subspaces must have the same shape, not " + a.shapeInfoToString()
                    + " and " + b.shapeInfoToString());
        }
        INDArray m = orthonormal(a).transpose().mmul(orthonormal(b)).dup('f');
        int k = (int) m.columns();
        INDArray s = Nd4j.create(DataType.DOUBLE, k);
        Nd4j.getBlasWrapper().lapack().gesvd(m, s, null, null);
        double[] angles = new double[k];
        for (int i = 0; i < k; i++) {
            // Singular values come largest first: the smallest angle first.
            angles[i] = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, s.getDouble(i)))));
        }
        return angles;
    }

    /** An orthonormal basis of the columns of a [D, k]: the Q of its QR decomposition. */
    static INDArray orthonormal(INDArray a) {
        INDArray q = a.castTo(DataType.DOUBLE).dup('f');
        INDArray r = Nd4j.create(DataType.DOUBLE, new long[] {a.columns(), a.columns()}, 'f');
        Nd4j.getBlasWrapper().lapack().geqrf(q, r);            // q becomes Q, its thin orthonormal factor
        return q;
    }

    /**
     * The angles between a linear model's decoder subspace (the span of its decoder's rows) and
     * the span of the top principal components of the images.
     */
    public static double[] toPca(Network linear, ImageSet images) {
        if (!linear.kind().linear()) {
            throw new IllegalArgumentException(linear.kind().aTitle() + " is not linear: its decoder spans no subspace");
        }
        ModelConfig c = linear.config();
        ParamTensor decoder = c.layout().stream().filter(t -> t.name().equals("decoder.0.W")).findFirst().orElseThrow();
        INDArray w = linear.params().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(decoder.offset(), decoder.offset() + decoder.size()))
                .reshape('c', decoder.rows(), decoder.cols());
        return degrees(w.transpose(), PcaFit.directions(images, c.latent()).w());
    }
}
