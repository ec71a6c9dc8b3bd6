package org.dcganstudio.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dcganstudio.core.data.ImageDataset;
import org.dcganstudio.core.data.PreparedImages;
import org.dcganstudio.core.data.folder.ImageFolder;
import org.dcganstudio.core.export.ImageGrid;
import org.dcganstudio.core.interop.LatentFiles;
import org.dcganstudio.core.measure.NearestNeighbours;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.core.usecase.MemorisationCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neighbours}: the memorisation check, nearest training images of generated ones. */
@Command(name = "neighbours", aliases = "neighbors", mixinStandardHelpOptions = true,
        description = "For each latent, the k nearest training images of its generated image in pixel space and in "
                + "D's penultimate features; prints distances as JSON and writes a PNG (one row per latent: the "
                + "generated image, its pixel neighbours, its feature neighbours).")
final class NeighboursCommand implements Callable<Integer> {

    @Mixin
    InferenceOptions run;

    @Option(names = "--data", description = "the data set to search (a train --data spec; default: the one the "
            + "checkpoint was trained on)")
    String data;

    @Option(names = "--latents", required = true, description = ".npy latents, (N, nz) or (N, nz, 1, 1)")
    Path latents;

    @Option(names = "--k", defaultValue = "5", description = "neighbours per latent and space (default "
            + "${DEFAULT-VALUE})")
    int k;

    @Option(names = "--png-out", required = true, description = "write the neighbours as a PNG grid")
    Path pngOut;

    @Option(names = "--limit", description = "search only the first N images of the data set")
    Integer limit;

    @Override
    public Integer call() throws Exception {
        if (k < 1) {
            throw new IllegalArgumentException("--k must be at least 1, got " + k);
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
        }
        Checkpoint ckpt = run.requireCheckpoint();
        ModelConfig config = ckpt.config().model();
        List<float[]> z = LatentFiles.read(latents, config.nz());
        MemorisationCheck.Result check = MemorisationCheck.run(ckpt, data, z, k,
                limit == null ? Integer.MAX_VALUE : limit, run.batchStats, run.device(),
                w -> System.err.println("warning: " + w));
        String spec = check.spec();
        ImageDataset images = check.data();
        NearestNeighbours.Result result = check.neighbours();
        float[] generated = check.generated();
        int count = z.size();
        int length = check.imageLength();
        int shown = Math.min(k, result.searched());
        int columns = 1 + 2 * shown;
        float[] grid = new float[count * columns * length];
        for (int q = 0; q < count; q++) {
            int at = q * columns;
            System.arraycopy(generated, q * length, grid, at * length, length);
            for (int j = 0; j < shown; j++) {
                images.copyImage(result.pixel().get(q).get(j).index(), grid, (at + 1 + j) * length);
                images.copyImage(result.feature().get(q).get(j).index(), grid, (at + 1 + shown + j) * length);
            }
        }
        ImageGrid.writePng(pngOut, grid, count * columns, config.channels(), config.imageSize(), columns);

        ImageFolder folder = images instanceof PreparedImages p && p.source() instanceof ImageFolder f ? f : null;
        JsonObject o = new JsonObject();
        o.addProperty("checkpoint", ckpt.source().toString());
        o.addProperty("data", spec);
        o.addProperty("searched", result.searched());
        o.addProperty("k", shown);
        o.addProperty("pixel_space", "L2 on [-1, 1] pixels, " + config.channels() + "x" + config.imageSize() + "x"
                + config.imageSize());
        o.addProperty("feature_space", "L2 on D's penultimate features (input of its last convolution), eval mode");
        JsonArray queries = new JsonArray();
        for (int q = 0; q < count; q++) {
            JsonObject row = new JsonObject();
            row.addProperty("latent", q);
            row.add("pixel", neighbours(result.pixel().get(q), folder));
            row.add("feature", neighbours(result.feature().get(q), folder));
            queries.add(row);
        }
        o.add("latents", queries);
        o.addProperty("png_out", pngOut.toString());
        System.out.println(o);
        return 0;
    }

    private static JsonArray neighbours(List<NearestNeighbours.Neighbour> list, ImageFolder folder) {
        JsonArray out = new JsonArray();
        for (NearestNeighbours.Neighbour n : list) {
            JsonObject o = new JsonObject();
            o.addProperty("index", n.index());
            o.addProperty("distance", Math.round(n.distance() * 1e6) / 1e6);
            if (folder != null) {
                o.addProperty("file", folder.relativePath(n.index()));
            }
            out.add(o);
        }
        return out;
    }
}
