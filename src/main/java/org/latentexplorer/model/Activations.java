package org.latentexplorer.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every intermediate array of one forward and backward pass for a fixed batch size, allocated once
 * and reused, so a training iteration allocates no array memory.
 */
final class Activations {
    final int n;
    final int k;
    final boolean training;
    final INDArray x;          // [n, D] the images, pixels in [0, 1]: what the reconstruction term compares with
    INDArray input;            // [n, D] what the encoder sees: x itself, or a corrupted copy (denoising)
    final INDArray[] enc;      // [n, h_e] encoder activations after ReLU
    final INDArray mu;         // [n, k]
    final INDArray logVar;     // [n, k]
    final INDArray std;        // [n, k] exp(logVar / 2)
    final INDArray eps;        // [n, k] standard normal noise
    final INDArray z;          // [n, k] mu + std * eps
    final INDArray[] dec;      // [n, w_j] decoder activations after ReLU
    final INDArray logits;     // [n, W] the decoder's output layer (W = D, or 2D for a learned variance)
    final INDArray scratch;    // [n, D]
    final INDArray dLogits;    // [n, W]
    final INDArray[] dEnc;     // same shapes as enc
    final INDArray[] dDec;     // same shapes as dec
    final INDArray dz;
    final INDArray dMu;
    final INDArray dLogVar;
    final INDArray onesRow;    // [1, n]: bias gradients are onesRow x delta
    final INDArray onesCol;    // [D, 1]: per-image sums are rows x onesCol
    final INDArray rowSums;    // [n, 1]
    private float[] host;      // pixels on the Java heap, for the few objectives that work there

    /** @param training also allocate the backward pass's arrays */
    Activations(ModelConfig config, DataType type, int n, boolean training) {
        this.n = n;
        this.k = config.latent();
        this.training = training;
        int d = config.inputSize();
        int w = config.outputSize();
        int[] ew = config.encoderWidths();
        int[] dw = config.decoderWidths();
        x = Nd4j.create(type, n, d);
        input = x;
        enc = new INDArray[ew.length - 1];
        dEnc = new INDArray[ew.length - 1];
        for (int e = 0; e < enc.length; e++) {
            enc[e] = Nd4j.create(type, n, ew[e + 1]);
            dEnc[e] = training ? Nd4j.create(type, n, ew[e + 1]) : null;
        }
        mu = Nd4j.create(type, n, k);
        logVar = Nd4j.create(type, n, k);
        std = Nd4j.create(type, n, k);
        eps = Nd4j.create(type, n, k);
        z = Nd4j.create(type, n, k);
        dz = training ? Nd4j.create(type, n, k) : null;
        dMu = training ? Nd4j.create(type, n, k) : null;
        dLogVar = training ? Nd4j.create(type, n, k) : null;
        dec = new INDArray[dw.length - 2];
        dDec = new INDArray[dw.length - 2];
        for (int j = 0; j < dec.length; j++) {
            dec[j] = Nd4j.create(type, n, dw[j + 1]);
            dDec[j] = training ? Nd4j.create(type, n, dw[j + 1]) : null;
        }
        logits = Nd4j.create(type, n, w);
        scratch = Nd4j.create(type, n, d);
        dLogits = training ? Nd4j.create(type, n, w) : null;
        onesRow = Nd4j.ones(type, 1, n);
        onesCol = Nd4j.ones(type, d, 1);
        rowSums = Nd4j.create(type, n, 1);
    }

    /** Frees every array's native memory; the activations must not be used afterwards. */
    void release() {
        Host.release(x, input, mu, logVar, std, eps, z, logits, scratch, dLogits, dz, dMu, dLogVar, onesRow, onesCol,
                rowSums);
        Host.release(enc);
        Host.release(dEnc);
        Host.release(dec);
        Host.release(dDec);
    }

    /** A heap array of at least len floats, allocated once. */
    float[] hostScratch(int len) {
        if (host == null || host.length < len) {
            host = new float[len];
        }
        return host;
    }
}
