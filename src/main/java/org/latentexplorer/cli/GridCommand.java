package org.latentexplorer.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.latentexplorer.explore.LatentGrid;
import org.latentexplorer.explore.Mosaic;
import org.latentexplorer.explore.Viewport;
import org.latentexplorer.model.ModelFiles;
import org.latentexplorer.model.SavedModel;
import org.latentexplorer.model.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "grid", mixinStandardHelpOptions = true,
        description = "Decode a grid of latent points into one PNG: continuity and completeness at a glance.")
final class GridCommand extends OutputCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE")
    Path model;

    @Option(names = "--range", defaultValue = "-5,5", paramLabel = "MIN,MAX",
            description = "range of both latent axes (default ${DEFAULT-VALUE})")
    String range;

    @Option(names = "--steps", defaultValue = "20",
            description = "tiles per axis; each shows the decoding of its centre (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--out", required = true, paramLabel = "PNG")
    Path out;


    @Override
    void run(Output o) throws Exception {
        double[] r = parseRange(range);
        // The window's convention: each image is the decoding of the centre of its tile.
        LatentGrid grid = LatentGrid.tiles(new Viewport(r[0], r[1], r[0], r[1]), steps);
        SavedModel saved = ModelFiles.read(model);
        Network vae = Network.from(saved);
        INDArray images = grid.decode(vae);
        int h = saved.config().rows();
        int w = saved.config().cols();
        Mosaic.writePng(Mosaic.render(images, steps, steps, h, w, 0), out);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.toString());
        m.put("out", out.toString());
        m.put("range", new double[] {r[0], r[1]});
        m.put("steps", steps);
        m.put("width", steps * w);
        m.put("height", steps * h);
        o.result(m, String.format("wrote %s: %d x %d decoded tile centres over [%s, %s]^2", out, steps, steps, r[0], r[1]));
    }

    static double[] parseRange(String s) {
        String[] parts = s.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--range must be MIN,MAX (e.g. -5,5), not '" + s + "'");
        }
        try {
            double a = Double.parseDouble(parts[0].trim());
            double b = Double.parseDouble(parts[1].trim());
            if (!Double.isFinite(a) || !Double.isFinite(b) || !(a < b)) {
                throw new IllegalArgumentException("--range needs finite MIN < MAX, not '" + s + "'");
            }
            return new double[] {a, b};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--range must be two numbers MIN,MAX (e.g. -5,5), not '" + s + "'");
        }
    }
}
