package org.latentexplorer.model;

/**
 * Principal component analysis as the linear baseline: z = W^T (x - mean), x' = mean + W z, with W
 * the top k principal directions of the training set ({@link PcaFit}). It is a linear autoencoder
 * whose weights are computed, not trained, so it is stored and explored like one.
 */
public final class Pca extends ModelKind {

    public Pca() {
        super();
    }

    @Override
    public String id() {
        return "pca";
    }

    @Override
    public String title() {
        return "PCA";
    }

    @Override
    public String aTitle() {
        return "a PCA model";
    }

    @Override
    public String formula() {
        return "\u2016x \u2212 x\u0302\u2016\u00b2, in closed form";
    }

    @Override
    public Code code() {
        return Code.POINT;
    }

    @Override
    public boolean linear() {
        return true;
    }

    @Override
    public boolean fitted() {
        return true;
    }

    @Override
    ModelKind withValues(double[] values) {
        return new Pca();
    }
}
