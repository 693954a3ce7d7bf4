package org.latentexplorer.model;

import org.latentexplorer.data.ImageSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dimensionalityreduction.PCA;

/**
 * Fits a {@link Pca} model: the top k principal directions W (D x k) of the training images, from
 * ND4J's PCA (a singular value decomposition of the centred data), written into the linear
 * network's weights so that it encodes z = W^T (x - mean) and decodes x' = mean + W z:
 * <pre>
 *   code.W = W        code.b = -mean W        decoder.0.W = W^T        decoder.0.b = mean
 * </pre>
 * Each direction's sign is chosen so that its largest entry is positive, which makes a fit
 * reproducible (the decomposition's signs are arbitrary).
 */
public final class PcaFit {
    private PcaFit() {
    }

    /** The PCA model of config (a {@link Pca} kind) for these images. */
    public static Network fit(ModelConfig config, ImageSet images) {
        if (!config.kind().fitted()) {
            throw new IllegalArgumentException(config.kind().title() + " is trained, not fitted in closed form");
        }
        int n = images.count();
        int d = config.inputSize();
        int k = config.latent();
        if (images.imageSize() != d) {
            throw new IllegalArgumentException(images.source() + ": images have " + images.imageSize()
                    + " pixels but the model expects " + d);
        }
        if (k > Math.min(n, d)) {
            throw new IllegalArgumentException("PCA of " + n + " images of " + d + " pixels has at most "
                    + Math.min(n, d) + " components, not " + k);
        }
        Directions pca = directions(images, k);
        INDArray w = pca.w();
        INDArray mean = pca.mean();
        float[] p = new float[Math.toIntExact(config.parameterCount())];
        for (ParamTensor t : config.layout()) {
            INDArray value = switch (t.name()) {
                case "code.W" -> w;
                case "code.b" -> mean.mmul(w).negi();
                case "decoder.0.W" -> w.transpose();
                case "decoder.0.b" -> mean;
                default -> throw new IllegalStateException("a PCA model has no tensor " + t.name());
            };
            float[] v = value.castTo(DataType.FLOAT).dup('c').reshape(value.length()).toFloatVector();
            System.arraycopy(v, 0, p, (int) t.offset(), v.length);
        }
        return new Network(config, p);
    }

    /**
     * The mean [1, D] and the top k principal directions W [D, k], orthonormal columns, of a set of
     * images, in double precision.
     */
    public record Directions(INDArray mean, INDArray w) {
    }

    /** The principal directions of the images, each signed so that its largest entry is positive. */
    public static Directions directions(ImageSet images, int k) {
        int n = images.count();
        int d = images.imageSize();
        // Column-major: ND4J's PCA hands the array to LAPACK's gesvd as it is, and a row-major one
        // came back with wrong directions (on the 8,000 shipped MNIST images: a reconstruction error of
        // 52.8 per image, that of the mean alone, instead of PCA's 43.5).
        INDArray x = NetworkBatch.pixels(images, 0, n).castTo(DataType.DOUBLE).dup('f');
        INDArray mean = x.mean(0).reshape(1, d);
        INDArray w = PCA.pca_factor(x, k, true).dup('c');          // centres x in place; W is [D, k]
        for (int j = 0; j < k; j++) {
            INDArray column = w.getColumn(j);
            double largest = column.getDouble(column.argMax().getInt(0));
            double smallest = column.getDouble(column.neg().argMax().getInt(0));
            if (Math.abs(smallest) > Math.abs(largest)) {
                column.negi();
            }
        }
        return new Directions(mean, w);
    }

}
