package org.latentexplorer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.latentexplorer.data.ClassNames;
import org.latentexplorer.data.DataSplit;
import org.latentexplorer.data.Datasets;
import org.latentexplorer.explore.Exports;
import org.latentexplorer.explore.GridPicture;
import org.latentexplorer.explore.LatentSlice;
import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.explore.Viewport;
import org.latentexplorer.model.ModelFiles;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.SavedModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export what the window shows of a model: the loss history and the encoded test set as CSV, "
                + "the latent grid with its axes, the test set and the prior's circles as PNG, stamped with the "
                + "model, its kind, beta, epoch and seed.")
final class ExportCommand extends OutputCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE")
    Path model;

    @Option(names = "--history", paramLabel = "CSV", description = "the loss history, one line per epoch")
    Path history;

    @Option(names = "--encoded", paramLabel = "CSV", description = "each test image encoded: label, mu and logVar of q(z|x)")
    Path encoded;

    @Option(names = "--grid", paramLabel = "PNG", description = "the latent grid with axes, test set, prior circles and legend")
    Path grid;

    @Option(names = "--data", paramLabel = "D",
            description = "the test set for --encoded and the grid's scatter (default: the model's own dataset)")
    String data;

    @Option(names = "--range", defaultValue = "-5,5", paramLabel = "MIN,MAX",
            description = "range of both latent axes of the grid (default ${DEFAULT-VALUE})")
    String range;

    @Option(names = "--steps", defaultValue = "20", description = "tiles per side of the grid (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--size", defaultValue = "720", paramLabel = "PX",
            description = "side of the grid's plot in pixels (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--no-scatter", description = "draw the grid without the encoded test set")
    boolean noScatter;

    @Option(names = "--force", description = "replace files that exist")
    boolean force;

    @Override
    void run(Output o) throws Exception {
        if (history == null && encoded == null && grid == null) {
            throw new IllegalArgumentException("nothing to export: give --history CSV, --encoded CSV and/or --grid PNG");
        }
        if (steps < 2 || steps > 64) {
            throw new IllegalArgumentException("--steps must be between 2 and 64, not " + steps);
        }
        if (size < 100 || size > 8000) {
            throw new IllegalArgumentException("--size must be between 100 and 8000 pixels, not " + size);
        }
        double[] r = GridCommand.parseRange(range);
        for (Path p : new Path[] {history, encoded, grid}) {
            if (p != null) {
                checkTarget(p);
            }
        }
        SavedModel saved = ModelFiles.read(model);
        String name = model.getFileName().toString();
        String stamp = Exports.stamp(name, saved.config(), saved.history(), saved.info());
        List<String> written = new ArrayList<>();
        if (history != null) {
            Exports.writeText(history, Exports.historyCsv(saved.config().kind(), saved.history()));
            written.add(history.toString());
        }
        Network network = encoded != null || grid != null ? Network.from(saved) : null;
        DataSplit split = null;
        if (encoded != null || grid != null && !noScatter) {
            String d = data != null ? data : saved.info().get("dataset");
            if (d == null) {
                if (encoded != null) {
                    throw new IllegalArgumentException(model + " does not say which dataset it was trained on; give --data");
                }
            } else {
                o.progress("reading the test set of " + d);
                split = Datasets.load(d, saved.config().rows(), saved.config().cols());
            }
        }
        if (encoded != null) {
            Exports.writeText(encoded, Exports.encodedCsv(network, split.test()));
            written.add(encoded.toString());
        }
        if (grid != null) {
            LatentSpace space = new LatentSpace(network);
            LatentSpace.Embedding scatter = split == null || noScatter ? null : space.encode(split.test(), 5000);
            List<String> names = List.of();
            if (scatter != null && scatter.hasLabels()) {
                int classes = 0;
                for (int l : scatter.labels()) {
                    classes = Math.max(classes, l + 1);
                }
                names = ClassNames.of(split.name(), Math.min(classes, ClassNames.MAX_CLASSES));
            }
            var picture = GridPicture.draw(space, new Viewport(r[0], r[1], r[0], r[1]),
                    LatentSlice.firstTwo(saved.config().latent()), steps, scatter, names, true, size);
            Exports.writePng(Exports.stamped(picture, stamp), grid);
            written.add(grid.toString());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.toString());
        m.put("stamp", stamp);
        m.put("written", written);
        o.result(m, "wrote " + String.join(", ", written) + " (" + stamp + ")");
    }

    private void checkTarget(Path p) throws java.io.IOException {
        if (Files.isDirectory(p)) {
            throw new IllegalArgumentException(p + " is a folder; give a file name");
        }
        if (Files.exists(p) && !force) {
            throw new IllegalArgumentException(p + " already exists; choose another name or add --force to replace it");
        }
        Path dir = p.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException(dir + ": cannot write here (permission denied)");
        }
    }
}
