package org.latentexplorer.explore;

import java.util.Arrays;

/**
 * Which plane through a k-dimensional latent space the grid shows: the two dimensions it spans
 * (dimX across, dimY up) and the values every other dimension is held at. Immutable.
 */
public final class LatentSlice {
    private final int dimX;
    private final int dimY;
    private final float[] held;

    /**
     * @param held one value per latent dimension; the entries at dimX and dimY are ignored
     */
    public LatentSlice(int dimX, int dimY, float[] held) {
        int k = held.length;
        if (k < 2) {
            throw new IllegalArgumentException("a plane needs a latent space of at least 2 dimensions, not " + k);
        }
        if (dimX < 0 || dimX >= k || dimY < 0 || dimY >= k || dimX == dimY) {
            throw new IllegalArgumentException("the plane must span two different dimensions of 1.." + k
                    + ", not " + (dimX + 1) + " and " + (dimY + 1));
        }
        for (float v : held) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("held latent values must be finite numbers");
            }
        }
        this.dimX = dimX;
        this.dimY = dimY;
        this.held = held.clone();
    }

    /** The plane of the first two dimensions through the prior's mean (all others 0). */
    public static LatentSlice firstTwo(int latent) {
        return new LatentSlice(0, 1, new float[Math.max(latent, 2)]);
    }

    public int latent() {
        return held.length;
    }

    public int dimX() {
        return dimX;
    }

    public int dimY() {
        return dimY;
    }

    /** The value dimension d is held at (meaningless for dimX and dimY). */
    public float held(int d) {
        return held[d];
    }

    public LatentSlice withDims(int newX, int newY) {
        return new LatentSlice(newX, newY, held);
    }

    public LatentSlice withHeld(int d, float value) {
        float[] h = held.clone();
        h[d] = value;
        return new LatentSlice(dimX, dimY, h);
    }

    /** The full latent vector of plane point (x, y), written into out[offset .. offset + k). */
    public void point(double x, double y, float[] out, int offset) {
        System.arraycopy(held, 0, out, offset, held.length);
        out[offset + dimX] = (float) x;
        out[offset + dimY] = (float) y;
    }

    public float[] point(double x, double y) {
        float[] z = new float[held.length];
        point(x, y, z, 0);
        return z;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatentSlice s && s.dimX == dimX && s.dimY == dimY && Arrays.equals(s.held, held);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dimX + dimY) + Arrays.hashCode(held);
    }

    @Override
    public String toString() {
        return "z" + (dimX + 1) + " x z" + (dimY + 1) + " through " + Arrays.toString(held);
    }
}
