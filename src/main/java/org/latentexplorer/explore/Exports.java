package org.latentexplorer.explore;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.latentexplorer.data.ImageSet;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.model.ModelKind;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.NetworkBatch;
import org.latentexplorer.model.TrainingHistory;
import org.latentexplorer.model.Host;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What the window and the command line export, in one place: the loss history and the encoded
 * test set as CSV, the stamp that says which model a picture shows, and atomic writes.
 */
public final class Exports {
    /** Images encoded per batch for the CSV: bounded memory for any test set. */
    private static final int BATCH = 1000;

    private Exports() {
    }

    /**
     * The line stamped on an exported picture: "mnist-vae.lvae \u00b7 VAE (\u03b2 = 1) \u00b7 k = 2 \u00b7
     * epoch 30 \u00b7 seed 1", the kind with its hyper-parameters as they are; "-" for a seed the
     * model does not record.
     */
    public static String stamp(String modelName, ModelConfig c, int epoch, String seed) {
        return String.format(Locale.ROOT, "%s \u00b7 %s \u00b7 k = %d \u00b7 epoch %d \u00b7 seed %s",
                modelName, c.kind().describe(), c.latent(), epoch, seed == null || seed.isBlank() ? "-" : seed);
    }

    /** The stamp of a saved model: its epoch from its history, its seed from its info. */
    public static String stamp(String modelName, ModelConfig c, TrainingHistory history, Map<String, String> info) {
        List<TrainingHistory.Epoch> epochs = history.epochs();
        return stamp(modelName, c, epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).epoch(), info.get("seed"));
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** A copy of the picture with a band below it holding the stamp, legible at any picture size. */
    public static BufferedImage stamped(BufferedImage picture, String stamp) {
        int size = Math.max(12, Math.min(28, picture.getWidth() / 60));
        int band = size * 2;
        BufferedImage out = new BufferedImage(picture.getWidth(), picture.getHeight() + band, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(picture, 0, 0, null);
            g.setColor(new Color(0x21, 0x25, 0x29));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
            g.drawString(stamp, size / 2, picture.getHeight() + band / 2 + size / 3);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * The history, one line per epoch, losses per image (nats, or the linear models' squared
     * error): the columns a kind has, e.g. a VAE's beta, train_kl, test_kl and test_neg_elbo.
     */
    public static String historyCsv(ModelKind kind, TrainingHistory history) {
        StringBuilder b = new StringBuilder("epoch,seconds,samples_per_second,train_recon,test_recon");
        kind.penalty().ifPresent(p -> b.append(',').append(p.weight()).append(",train_").append(p.key())
                .append(",test_").append(p.key()));
        if (kind.hasPrior()) {
            b.append(",test_neg_elbo");
        }
        b.append('\n');
        for (TrainingHistory.Epoch e : history.epochs()) {
            b.append(e.epoch()).append(',').append(num(e.seconds())).append(',').append(num(e.samplesPerSecond()))
                    .append(',').append(num(e.trainRecon())).append(',').append(num(e.testRecon()));
            kind.penalty().ifPresent(p -> b.append(',').append(num(e.weight())).append(',').append(num(e.trainPenalty()))
                    .append(',').append(num(e.testPenalty())));
            if (kind.hasPrior()) {
                b.append(',').append(num(e.testNegElbo()));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * Each image of the set encoded: its label (empty when the set has none), its code (the mean mu
     * of q(z|x) for a VAE) and, for a kind with a learned posterior spread, the log-variance logVar,
     * one line per image.
     */
    public static String encodedCsv(Network model, ImageSet set) {
        ModelConfig c = model.config();
        if (set.imageSize() != c.inputSize()) {
            throw new IllegalArgumentException(set.source() + ": images are " + set.rows() + " x " + set.cols()
                    + " but the model expects " + c.rows() + " x " + c.cols());
        }
        int k = c.latent();
        boolean spread = c.heads().size() > 1;
        StringBuilder b = new StringBuilder("label");
        for (int d = 1; d <= k; d++) {
            b.append(spread ? ",mu_" : ",z_").append(d);
        }
        for (int d = 1; spread && d <= k; d++) {
            b.append(",logvar_").append(d);
        }
        b.append('\n');
        float[] mu = new float[BATCH * k];
        float[] logVar = new float[BATCH * k];
        for (int start = 0; start < set.count(); start += BATCH) {
            int n = Math.min(BATCH, set.count() - start);
            Network.Encoding e = model.encode(NetworkBatch.pixels(set, start, n));
            Host.read(e.mu().castTo(DataType.FLOAT), mu, n * k);
            if (spread) {
                Host.read(e.logVar().castTo(DataType.FLOAT), logVar, n * k);
            }
            for (int i = 0; i < n; i++) {
                b.append(set.hasLabels() ? Integer.toString(set.label(start + i)) : "");
                for (int d = 0; d < k; d++) {
                    b.append(',').append(mu[i * k + d]);
                }
                for (int d = 0; spread && d < k; d++) {
                    b.append(',').append(logVar[i * k + d]);
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    /** Writes text atomically: an interrupted write never leaves half a file under the name. */
    public static void writeText(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes a PNG atomically. */
    public static void writePng(BufferedImage picture, Path file) throws IOException {
        Mosaic.writePng(picture, file);
    }
}
