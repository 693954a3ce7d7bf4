package org.latentexplorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.latentexplorer.data.ImageSet;
import org.latentexplorer.train.Evaluation;
import org.latentexplorer.train.TrainingListener;
import org.latentexplorer.train.TrainingRun;
import org.latentexplorer.train.TrainingSettings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PCA against a direct eigen-decomposition of the covariance (Jacobi rotations, here), and the
 * linear autoencoder's subspace against PCA's.
 */
class PcaFitTest {
    private static final int D = 12;

    /**
     * Images of 3 x 4 pixels near a 3-dimensional subspace: three random orthonormal directions
     * with standard deviations 0.25, 0.15 and 0.04 around a grey mean, plus a little noise; every
     * pixel kept in [0, 1] (the images are stored as bytes).
     */
    static ImageSet lowRank(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] dirs = new double[3][D];
        SplittableRandom fixed = new SplittableRandom(1234);
        for (int a = 0; a < 3; a++) {
            for (int p = 0; p < D; p++) {
                dirs[a][p] = fixed.nextGaussian();
            }
            for (int b = 0; b < a; b++) {
                double dot = 0;
                for (int p = 0; p < D; p++) {
                    dot += dirs[a][p] * dirs[b][p];
                }
                for (int p = 0; p < D; p++) {
                    dirs[a][p] -= dot * dirs[b][p];
                }
            }
            double norm = 0;
            for (int p = 0; p < D; p++) {
                norm += dirs[a][p] * dirs[a][p];
            }
            for (int p = 0; p < D; p++) {
                dirs[a][p] /= Math.sqrt(norm);
            }
        }
        double[] sd = {0.25, 0.15, 0.04};
        byte[] px = new byte[n * D];
        for (int i = 0; i < n; i++) {
            double[] c = {r.nextGaussian() * sd[0], r.nextGaussian() * sd[1], r.nextGaussian() * sd[2]};
            for (int p = 0; p < D; p++) {
                double v = 0.5 + 0.01 * r.nextGaussian();
                for (int a = 0; a < 3; a++) {
                    v += c[a] * dirs[a][p];
                }
                px[i * D + p] = (byte) Math.round(255 * Math.min(1, Math.max(0, v)));
            }
        }
        return new ImageSet("low-rank", 3, 4, px, null);
    }

    /** Eigenvalues (descending) and eigenvectors (columns) of a symmetric matrix by cyclic Jacobi rotations. */
    static double[][] jacobi(double[][] a, double[] values) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += m[p][q] * m[p][q];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(m[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double mkp = m[k][p];
                        double mkq = m[k][q];
                        m[k][p] = c * mkp - s * mkq;
                        m[k][q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++) {
                        double mpk = m[p][k];
                        double mqk = m[q][k];
                        m[p][k] = c * mpk - s * mqk;
                        m[q][k] = s * mpk + c * mqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(m[y][y], m[x][x]));
        double[][] vectors = new double[n][n];
        for (int j = 0; j < n; j++) {
            values[j] = m[order[j]][order[j]];
            for (int i = 0; i < n; i++) {
                vectors[i][j] = v[i][order[j]];
            }
        }
        return vectors;
    }

    @Test
    void pcaSpansTheTopEigenvectorsOfTheCovarianceAndLeavesTheRestAsItsError() {
        ImageSet images = lowRank(400, 5);
        int n = images.count();
        double[][] x = new double[n][D];
        double[] mean = new double[D];
        float[] row = new float[D];
        for (int i = 0; i < n; i++) {
            images.copyScaled(i, row, 0);
            for (int p = 0; p < D; p++) {
                x[i][p] = row[p];
                mean[p] += row[p] / n;
            }
        }
        double[][] cov = new double[D][D];
        for (double[] xi : x) {
            for (int p = 0; p < D; p++) {
                for (int q = 0; q < D; q++) {
                    cov[p][q] += (xi[p] - mean[p]) * (xi[q] - mean[q]) / n;
                }
            }
        }
        double[] eigenvalues = new double[D];
        double[][] vectors = jacobi(cov, eigenvalues);

        int k = 2;
        ModelConfig config = ModelConfig.of(new Pca(), 3, 4, List.of(), k, SquaredError.INSTANCE);
        Network pca = PcaFit.fit(config, images);
        INDArray top = Nd4j.create(DataType.DOUBLE, D, k);
        for (int p = 0; p < D; p++) {
            for (int j = 0; j < k; j++) {
                top.putScalar(p, j, vectors[p][j]);
            }
        }
        double[] angles = PrincipalAngles.degrees(top, PcaFit.directions(images, k).w());
        for (double a : angles) {
            assertEquals(0, a, 0.05, "PCA's directions are the covariance's top eigenvectors: " + java.util.Arrays.toString(angles));
        }
        // Its mean squared reconstruction error is what the dropped eigenvalues hold.
        double dropped = 0;
        for (int j = k; j < D; j++) {
            dropped += eigenvalues[j];
        }
        double recon = Evaluation.terms(pca, images).recon();
        assertEquals(dropped, recon, 1e-4 * dropped + 1e-6, "mean squared error = sum of the other eigenvalues");
        assertTrue(eigenvalues[0] > eigenvalues[1] && eigenvalues[1] > 2 * eigenvalues[2] / 3, "a clear order");
        // z = W^T (x - mean): the code of the mean image is the origin.
        INDArray meanImage = Nd4j.createFromArray(mean).castTo(DataType.FLOAT).reshape(1, D);
        INDArray z = pca.encode(meanImage).mu();
        assertEquals(0, z.getDouble(0, 0), 1e-5);
        assertEquals(0, z.getDouble(0, 1), 1e-5);
    }

    @Test
    void aLinearAutoencoderTrainedByGradientStepsSpansPcasSubspace() {
        ImageSet train = lowRank(2000, 6);
        int k = 2;
        ModelConfig config = ModelConfig.of(new LinearAutoencoder(), 3, 4, List.of(), k, SquaredError.INSTANCE);
        Network linear = new Network(config, 1);
        double[] before = PrincipalAngles.toPca(linear, train);
        new TrainingRun(linear, train, lowRank(200, 7), new TrainingSettings(60, 20, 1e-2, 1, 0))
                .run(TrainingListener.NONE);
        double[] after = PrincipalAngles.toPca(linear, train);
        assertTrue(before[k - 1] > 20, "an untrained decoder spans some other plane: " + java.util.Arrays.toString(before));
        // 6,000 steps: the first direction is found early, the second far more slowly (0.9 degrees here).
        for (double a : after) {
            assertTrue(a < 2, "trained, its decoder spans PCA's plane: " + java.util.Arrays.toString(after));
        }
    }
}
