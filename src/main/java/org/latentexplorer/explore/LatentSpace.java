package org.latentexplorer.explore;

import java.util.SplittableRandom;

import org.latentexplorer.data.ImageSet;
import org.latentexplorer.model.Host;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.NetworkBatch;
import org.latentexplorer.model.ModelConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model's latent space as the explorer shows it: the decoded mosaic over a viewport, the image of
 * one point, samples from the prior and the encoded test set. Owns its model and reuses its arrays
 * between calls, so it belongs to one thread; other threads hand it new weights through
 * {@link #setWeights}.
 */
public final class LatentSpace {
    /** Noise for "sample" mode comes from this seed every time, so a still view does not flicker. */
    private static final long NOISE_SEED = 20_251_121L;
    private static final int[] GRAY = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            GRAY[i] = 0xFF000000 | i << 16 | i << 8 | i;
        }
    }

    /** A decoded mosaic: columns x rows tiles of tileRows x tileCols pixels, as opaque ARGB, row by row. */
    public record Mosaic(int columns, int rows, int tileRows, int tileCols, int[] argb) {
        public int width() {
            return columns * tileCols;
        }

        public int height() {
            return rows * tileRows;
        }
    }

    /** Means of q(z|x) for a set of images: mu[i * k + d], with labels when the set has them. */
    public record Embedding(int count, int latent, float[] mu, int[] labels) {
        public float mu(int i, int d) {
            return mu[i * latent + d];
        }

        public boolean hasLabels() {
            return labels != null;
        }
    }

    private final Network vae;
    private final ModelConfig config;
    private int gridSteps;
    private INDArray points;
    private INDArray images;
    private float[] host;
    private final INDArray one;
    private final INDArray oneImage;
    /** Counts the weights put into the model: a decoded tile is valid only for the version it was decoded with. */
    private long weightsVersion;
    /** Arrays for decoding batches of tiles, by batch size: a drag asks for a few sizes over and over. */
    private final java.util.Map<Integer, INDArray[]> tileArrays = new java.util.HashMap<>();
    private float[] tileHost = new float[0];

    /** Takes a private copy of the model. */
    public LatentSpace(Network model) {
        this.vae = model.copy();
        this.config = vae.config();
        this.one = Nd4j.create(DataType.FLOAT, 1, config.latent());
        this.oneImage = Nd4j.create(vae.dataType(), 1, config.inputSize());
    }

    public ModelConfig config() {
        return config;
    }

    /** Copies the weights of a model of the same shape. */
    public void setWeights(Network from) {
        vae.copyFrom(from);
        weightsVersion++;
    }

    /**
     * Lets a writer put new weights into this space's model (e.g. a training run copying its
     * current weights), with no copy in between.
     */
    public void setWeights(java.util.function.Consumer<Network> writer) {
        writer.accept(vae);
        weightsVersion++;
    }

    /** Changes whenever new weights are put into the model. */
    public long weightsVersion() {
        return weightsVersion;
    }

    /** Decodes the n x n tile centres of a viewport over a plane of the latent space. */
    public Mosaic render(Viewport view, LatentSlice slice, int n, DecodeMode mode) {
        return render(view, slice, n, mode, null);
    }

    /**
     * As {@link #render(Viewport, LatentSlice, int, DecodeMode)}, writing the pixels into reuse when
     * it has the right length (a mosaic's pixels the caller no longer needs), so that redrawing
     * while dragging does not allocate a new picture per frame.
     */
    public Mosaic render(Viewport view, LatentSlice slice, int n, DecodeMode mode, int[] reuse) {
        requireSlice(slice);
        LatentGrid grid = LatentGrid.tiles(view, n);
        if (n != gridSteps) {
            points = grid.newPointsArray(config.latent());
            images = grid.newImagesArray(vae);
            host = new float[n * n * config.inputSize()];
            gridSteps = n;
        }
        if (mode == DecodeMode.MEAN) {
            grid.decode(vae, slice, points, images);
        } else {
            grid.fill(points, slice);
            vae.decodeSamples(points, images, new SplittableRandom(NOISE_SEED));
        }
        Host.read(images, host, host.length);
        int rows = config.rows();
        int cols = config.cols();
        int width = n * cols;
        int[] argb = reuse != null && reuse.length == width * n * rows ? reuse : new int[width * n * rows];
        int d = config.inputSize();
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                int base = (r * n + c) * d;
                for (int y = 0; y < rows; y++) {
                    int dst = (r * rows + y) * width + c * cols;
                    int src = base + y * cols;
                    for (int x = 0; x < cols; x++) {
                        argb[dst + x] = gray(host[src + x]);
                    }
                }
            }
        }
        return new Mosaic(n, n, rows, cols, argb);
    }

    /**
     * Decodes count tiles of a lattice over a plane, tile t at (columns[t], rows[t]), into out[t]
     * (rows x cols opaque grey ARGB pixels each, as in a {@link Mosaic}). In sample mode a tile's noise
     * depends only on its lattice index, so a tile decoded again, alone or among others, shows the
     * same draw, as a still view in {@link #render} does.
     */
    public void decodeTiles(TileLattice lattice, LatentSlice slice, DecodeMode mode, int[] columns, int[] rows,
                            int count, int[][] out) {
        requireSlice(slice);
        if (count < 1) {
            return;
        }
        int k = config.latent();
        int d = config.inputSize();
        INDArray[] arrays = tileArrays.get(count);
        if (arrays == null) {
            if (tileArrays.size() >= 8) {
                tileArrays.clear();
            }
            arrays = new INDArray[] {Nd4j.create(DataType.FLOAT, count, k), Nd4j.create(vae.dataType(), count, d)};
            tileArrays.put(count, arrays);
        }
        if (tileHost.length < count * Math.max(k, d)) {
            tileHost = new float[count * Math.max(k, d)];
        }
        for (int t = 0; t < count; t++) {
            slice.point(lattice.centerX(columns[t]), lattice.centerY(rows[t]), tileHost, t * k);
        }
        Host.write(arrays[0], tileHost, count * k);
        if (mode == DecodeMode.MEAN) {
            vae.decodeMeans(arrays[0], arrays[1]);
        } else {
            vae.decodeSamples(arrays[0], arrays[1], new TileNoise(columns, rows, d));
        }
        Host.read(arrays[1], tileHost, count * d);
        for (int t = 0; t < count; t++) {
            int[] tile = out[t];
            int base = t * d;
            for (int p = 0; p < d; p++) {
                tile[p] = gray(tileHost[base + p]);
            }
        }
    }

    /**
     * The noise of sample mode for a batch of tiles: the decoder draws one number per pixel in pixel
     * order, so every pixels-per-image draws this starts the next tile's own generator, seeded by
     * its lattice index.
     */
    private static final class TileNoise implements java.util.random.RandomGenerator {
        private final int[] columns;
        private final int[] rows;
        private final int pixels;
        private long drawn;
        private SplittableRandom current;

        TileNoise(int[] columns, int[] rows, int pixels) {
            this.columns = columns;
            this.rows = rows;
            this.pixels = pixels;
        }

        private SplittableRandom next() {
            if (drawn % pixels == 0) {
                int t = (int) (drawn / pixels);
                current = new SplittableRandom(mix(NOISE_SEED ^ ((long) columns[t] << 32 | rows[t] & 0xFFFFFFFFL)));
            }
            drawn++;
            return current;
        }

        /**
         * Scatters neighbouring tiles' keys far apart: SplittableRandom seeds that differ by its
         * increment would give one tile the next tile's noise shifted by a pixel.
         */
        private static long mix(long key) {
            key = (key ^ key >>> 33) * 0xFF51AFD7ED558CCDL;
            key = (key ^ key >>> 33) * 0xC4CEB9FE1A85EC53L;
            return key ^ key >>> 33;
        }

        @Override
        public long nextLong() {
            return next().nextLong();
        }

        @Override
        public double nextDouble() {
            return next().nextDouble();
        }

        @Override
        public double nextGaussian() {
            return next().nextGaussian();
        }
    }

    /** The image of one latent point z (all k dimensions), pixels in [0, 1]. */
    public float[] decode(float[] z, DecodeMode mode) {
        return decode(z, 1, mode);
    }

    /**
     * The images of count latent points z[i * k + d], pixels[i * D + p] in [0, 1]. In sample mode
     * point i always gets the same noise, so redrawing the same points gives the same images.
     */
    public float[] decode(float[] z, int count, DecodeMode mode) {
        int k = config.latent();
        if (count < 1 || z.length != count * k) {
            throw new IllegalArgumentException(count + " latent points of " + k + " values need " + count * k
                    + " numbers, not " + z.length);
        }
        INDArray zs = count == 1 ? one : Nd4j.create(DataType.FLOAT, count, k);
        INDArray out = count == 1 ? oneImage : Nd4j.create(vae.dataType(), count, config.inputSize());
        Host.write(zs, z, z.length);
        if (mode == DecodeMode.MEAN) {
            vae.decodeMeans(zs, out);
        } else {
            vae.decodeSamples(zs, out, new SplittableRandom(NOISE_SEED));
        }
        float[] px = new float[count * config.inputSize()];
        Host.read(out, px, px.length);
        return px;
    }

    /** Encodes the first min(limit, count) images to the means of q(z|x). */
    public Embedding encode(ImageSet set, int limit) {
        if (set.imageSize() != config.inputSize()) {
            throw new IllegalArgumentException(set.source() + ": images are " + set.rows() + " x " + set.cols()
                    + " but the model expects " + config.rows() + " x " + config.cols());
        }
        int n = Math.min(limit, set.count());
        int k = config.latent();
        float[] mu = new float[n * k];
        if (n > 0) {
            INDArray means = vae.encode(NetworkBatch.pixels(set, 0, n)).mu();
            Host.read(means.castTo(DataType.FLOAT), mu, mu.length);
        }
        int[] labels = null;
        if (set.hasLabels()) {
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = set.label(i);
            }
        }
        return new Embedding(n, k, mu, labels);
    }

    /**
     * The posterior q(z|x) = N(mu, diag(exp(logVar))) of one image: logVar is null for a kind whose
     * code is a single point, and zeros for one that adds unit noise to its code.
     */
    public record Posterior(float[] mu, float[] logVar) {
    }

    /** Encodes image i of a set alone (not its whole set) to its posterior. */
    public Posterior posterior(ImageSet set, int i) {
        if (set.imageSize() != config.inputSize()) {
            throw new IllegalArgumentException(set.source() + ": images are " + set.rows() + " x " + set.cols()
                    + " but the model expects " + config.rows() + " x " + config.cols());
        }
        Network.Encoding e = vae.encode(NetworkBatch.pixels(set, i, 1));
        int k = config.latent();
        float[] mu = new float[k];
        Host.read(e.mu().castTo(DataType.FLOAT), mu, k);
        float[] logVar = null;
        if (e.logVar() != null) {
            logVar = new float[k];
            Host.read(e.logVar().castTo(DataType.FLOAT), logVar, k);
        } else if (config.kind().code().hasSpread()) {
            logVar = new float[k];
        }
        return new Posterior(mu, logVar);
    }

    /**
     * Draws count points z ~ N(0, temperature^2 I) from the prior of a k-dimensional latent space,
     * z[i * k + d].
     *
     * @param temperature scales the prior's standard deviation: below 1 stays near the mode, above 1
     *                    reaches the prior's tails, where a model has seen the fewest codes
     */
    public static float[] drawFromPrior(int count, int latent, double temperature, long seed) {
        if (count < 1 || count > 4096) {
            throw new IllegalArgumentException("sample count must be between 1 and 4096, not " + count);
        }
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a positive number, not " + temperature);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        float[] z = new float[count * latent];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (temperature * rng.nextGaussian());
        }
        return z;
    }

    private void requireSlice(LatentSlice slice) {
        if (slice.latent() != config.latent()) {
            throw new IllegalArgumentException("the plane is in " + slice.latent() + " dimensions but the model's latent space has "
                    + config.latent());
        }
    }

    private static int gray(float v) {
        int i = (int) (v * 255f + 0.5f);
        return GRAY[i < 0 ? 0 : Math.min(i, 255)];
    }
}
