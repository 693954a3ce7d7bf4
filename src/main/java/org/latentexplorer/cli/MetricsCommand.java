package org.latentexplorer.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.latentexplorer.data.DataSplit;
import org.latentexplorer.measure.Completeness;
import org.latentexplorer.measure.Continuity;
import org.latentexplorer.measure.ModelMetrics;
import org.latentexplorer.measure.PosteriorStats;
import org.latentexplorer.model.ModelKind;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.SavedModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Measure a saved model's latent space: continuity, completeness and holes for every kind;"
                + " per-dimension KL, active units, mutual information, marginal KL and ELBO against IWAE for a VAE;"
                + " the floor of a Bernoulli reconstruction term.")
final class MetricsCommand extends OutputCommand {

    @Mixin
    ModelOnData in;

    @Option(names = "--samples", paramLabel = "M", defaultValue = "1000",
            description = "prior samples decoded for completeness and the hole fraction, 1 to 4096 (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "seed of the prior samples and of the draws of z for I(x; z) (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--iwae", paramLabel = "K", description = "importance samples per image of the IWAE bound, VAE only (default 100)")
    Integer iwae;

    @Option(names = "--iwae-images", paramLabel = "N",
            description = "the first N test images the ELBO and IWAE bounds are measured on, VAE only (default 200)")
    Integer iwaeImages;

    @Override
    void run(Output o) throws Exception {
        ModelMetrics.Settings d = ModelMetrics.Settings.DEFAULT;
        if (samples < 1 || samples > ModelMetrics.Settings.MAX_SAMPLES) {
            throw new IllegalArgumentException("--samples must be between 1 and " + ModelMetrics.Settings.MAX_SAMPLES
                    + ", not " + samples);
        }
        if (iwae != null && (iwae < 1 || iwae > 100_000)) {
            throw new IllegalArgumentException("--iwae must be between 1 and 100000, not " + iwae);
        }
        if (iwaeImages != null && iwaeImages < 1) {
            throw new IllegalArgumentException("--iwae-images must be at least 1, not " + iwaeImages);
        }
        ModelMetrics.Settings settings = new ModelMetrics.Settings(samples, seed, d.worst(),
                iwae == null ? d.iwaeSamples() : iwae, iwaeImages == null ? d.iwaeImages() : iwaeImages);
        SavedModel saved = in.read();
        if (!saved.config().kind().hasPrior() && (iwae != null || iwaeImages != null)) {
            throw new IllegalArgumentException(in.model + " is " + saved.config().kind().aTitle() + ": it has no prior p(z)"
                    + " and posterior q(z|x), so it has no ELBO or IWAE bound; drop --iwae and --iwae-images");
        }
        DataSplit split = in.load(saved);
        o.progress(String.format(Locale.ROOT, "measuring %s (%s) on %s: %,d training and %,d test images, %,d prior samples",
                in.model, saved.config().describe(), split.name(), split.train().count(), split.test().count(), samples));
        ModelMetrics.Report r = ModelMetrics.measure(Network.from(saved), split, settings);
        o.result(fields(r, settings), text(r));
    }

    private Map<String, Object> fields(ModelMetrics.Report r, ModelMetrics.Settings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", in.model.toString());
        m.put("kind", r.kind().id());
        m.put("data", r.data());
        m.put("samples", s.samples());
        m.put("seed", s.seed());
        m.put("continuity_median", Output.round(r.continuity().median(), 3));
        m.put("continuity_p95", Output.round(r.continuity().p95(), 3));
        m.put("continuity_max", Output.round(r.continuity().max(), 3));
        m.put("continuity_grid", GRID);
        m.put("completeness", Output.round(r.completeness().completeness(), 4));
        m.put("completeness_threshold", Output.round(r.completeness().threshold(), 3));
        m.put("sample_distance_median", Output.round(r.completeness().medianDistance(), 3));
        List<Map<String, Object>> worst = new ArrayList<>();
        for (Completeness.Sample w : r.completeness().worst()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("index", w.index());
            e.put("z", rounded(w.z()));
            e.put("distance", Output.round(w.distance(), 3));
            worst.add(e);
        }
        m.put("worst_samples", worst);
        m.put("hole_fraction", Output.round(r.holes().fraction(), 4));
        m.put("q_over_p_median", Output.round(r.holes().medianRatio(), 3));
        m.put("q_z", r.qForm());
        PosteriorStats p = r.posterior();
        if (p != null) {
            m.put("kl_per_dim", Arrays.stream(p.klPerDimension()).mapToObj(v -> Output.round(v, 3)).toList());
            m.put("kl", Output.round(p.meanKl(), 3));
            m.put("active_units", p.activeUnits());
            m.put("posterior_collapse", p.collapsed());
            m.put("collapsed_dims", Arrays.stream(p.inactiveDimensions()).mapToObj(i -> "z" + (i + 1)).toList());
            m.put("mutual_information", Output.round(p.mutualInformation(), 3));
            m.put("mutual_information_ceiling", Output.round(p.mutualInformationCeiling(), 3));
            m.put("marginal_kl", Output.round(p.marginalKl(), 3));
        }
        if (r.bounds() != null) {
            m.put("neg_elbo", Output.round(r.bounds().negElbo(), 3));
            m.put("iwae_nll", Output.round(r.bounds().iwaeNll(), 3));
            m.put("elbo_gap", Output.round(r.bounds().gap(), 3));
            m.put("iwae_k", r.bounds().samples());
            m.put("bound_images", r.bounds().images());
        }
        if (r.floor() != null) {
            m.put("test_recon", Output.round(r.floor().recon(), 3));
            m.put("recon_floor", Output.round(r.floor().floor(), 3));
            m.put("recon_excess", Output.round(r.floor().excess(), 3));
        }
        m.put("seconds", Output.round(r.seconds(), 3));
        return m;
    }

    private static final String GRID = String.format(Locale.ROOT, "[%s, %s]^2, %d x %d tile centres",
            ModelKind.format(Continuity.FULL_VIEW.xMin()), ModelKind.format(Continuity.FULL_VIEW.xMax()),
            Continuity.FULL_STEPS, Continuity.FULL_STEPS);

    private String text(ModelMetrics.Report r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("continuity, |dx| / |dz| over " + GRID, String.format(Locale.ROOT, "median %.2f  p95 %.2f  max %.2f",
                r.continuity().median(), r.continuity().p95(), r.continuity().max())));
        Completeness.Result c = r.completeness();
        rows.add(row(String.format(Locale.ROOT, "completeness, %,d prior samples within %.2f of a training image", c.samples(),
                c.threshold()), String.format(Locale.ROOT, "%.3f  (median sample %.2f from the nearest)", c.completeness(),
                c.medianDistance())));
        for (Completeness.Sample w : c.worst()) {
            rows.add(row("  far sample #" + w.index() + " at z = " + Arrays.toString(rounded(w.z())),
                    String.format(Locale.ROOT, "%.2f from the nearest", w.distance())));
        }
        rows.add(row("hole fraction, prior mass where q(z) < p(z) / 10", String.format(Locale.ROOT, "%.3f  (median q(z) / p(z) %.2f)",
                r.holes().fraction(), r.holes().medianRatio())));
        rows.add(row("  q(z)", r.qForm()));
        PosteriorStats p = r.posterior();
        if (p != null) {
            rows.add(row("KL per dimension, nats", Arrays.toString(Arrays.stream(p.klPerDimension())
                    .mapToObj(v -> String.format(Locale.ROOT, "%.2f", v)).toArray())));
            rows.add(row("active units (Var mu_d > 0.01)", p.activeUnits() + " of " + p.klPerDimension().length
                    + (p.collapsed() ? "  warning: posterior collapse in dimension(s) "
                    + Arrays.stream(p.inactiveDimensions()).mapToObj(i -> "z" + (i + 1)).toList() : "")));
            rows.add(row(String.format(Locale.ROOT, "mutual information I(x; z), of at most log N = %.2f", p.mutualInformationCeiling()),
                    String.format(Locale.ROOT, "%.2f", p.mutualInformation())));
            rows.add(row("marginal KL(q(z) || p(z)) = KL - I", String.format(Locale.ROOT, "%.2f  (KL %.2f)", p.marginalKl(), p.meanKl())));
        }
        if (r.bounds() != null) {
            ModelMetrics.Bounds b = r.bounds();
            rows.add(row(String.format(Locale.ROOT, "-ELBO vs IWAE (K = %d), first %,d test images", b.samples(), b.images()),
                    String.format(Locale.ROOT, "%.2f vs %.2f, gap %.2f", b.negElbo(), b.iwaeNll(), b.gap())));
        }
        if (r.floor() != null) {
            ModelMetrics.Floor f = r.floor();
            rows.add(row("test recon, its floor (sum of pixel entropies), excess",
                    String.format(Locale.ROOT, "%.2f, %.2f, %.2f", f.recon(), f.floor(), f.excess())));
        }
        rows.add(row("seconds", String.format(Locale.ROOT, "%.2f", r.seconds())));
        int width = rows.stream().mapToInt(x -> x[0].length()).max().orElse(0);
        StringBuilder b = new StringBuilder(String.format("%s (%s) on %s%n", in.model, r.kind().describe(), r.data()));
        for (String[] x : rows) {
            b.append(String.format("  %-" + width + "s  %s%n", x[0], x[1]));
        }
        return b.toString().stripTrailing();
    }

    private static String[] row(String name, String value) {
        return new String[] {name, value};
    }

    private static double[] rounded(float[] z) {
        double[] r = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            r[i] = Math.round(z[i] * 1000) / 1000.0;
        }
        return r;
    }
}
