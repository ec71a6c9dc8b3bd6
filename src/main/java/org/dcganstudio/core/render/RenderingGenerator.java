package org.dcganstudio.core.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.dcganstudio.core.export.ImageGrid;
import org.dcganstudio.core.latent.Vectors;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.training.RunningStats;

/**
 * A renderer's own generator and the weights last loaded into it. Both renderers draw through
 * this, so a request gives the same pixels on the studio's render thread and in a test. Confined to
 * the thread that renders.
 */
final class RenderingGenerator implements AutoCloseable {

    private final NDManager root;
    private Generator generator;
    private GeneratorWeights weights;
    private String loadError;

    RenderingGenerator(NDManager root) {
        this.root = root;
    }

    /** Whether weights were loaded, so requests can be drawn. */
    boolean loaded() {
        return weights != null;
    }

    void load(GeneratorWeights w) {
        if (generator == null || !generator.config().equals(w.config())) {
            if (generator != null) {
                generator.close();
            }
            generator = new Generator(w.config(), root, 0);
        }
        weights = w;
        try {
            w.loadInto(generator);
        } catch (java.io.IOException | RuntimeException e) {
            // the old weights stay usable; the next draw reports why the new ones were refused
            loadError = w.origin() + ": " + e.getMessage();
            return;
        }
        loadError = null;
        generator.invalidateCaches();
    }

    /** Draws {@code job} with the loaded weights; what goes wrong is reported in the result. */
    RenderedImages draw(RenderRequest job) {
        int nz = weights.config().nz();
        int size = weights.config().imageSize();
        for (float[] z : job.latents()) {
            if (z.length != nz) {
                return failed(job, size, "latent of " + z.length + " values, the model needs " + nz);
            }
        }
        if (loadError != null) {
            return failed(job, size, loadError);
        }
        try (NDManager sm = root.newSubManager()) {
            int n = job.latents().size();
            NDArray z = sm.create(Vectors.pack(job.latents(), nz), new Shape(n, nz, 1, 1));
            float[] images;
            if (job.batchStats()) {
                RunningStats saved = RunningStats.copyOf(generator, sm);
                images = generator.forward(z, true).toFloatArray();
                saved.restore();
            } else {
                images = generator.forward(z, false).toFloatArray();
            }
            int channels = weights.config().channels();
            List<int[]> argb = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                argb.add(ImageGrid.toArgb(images, i, channels, size));
            }
            return new RenderedImages(job.stamp(), job.latents(), job.batchStats(), List.copyOf(argb), size,
                    weights.step(), job.submittedNanos(), System.nanoTime(), null);
        } catch (RuntimeException e) {
            return failed(job, size, "generation failed: " + e.getMessage());
        }
    }

    private RenderedImages failed(RenderRequest job, int size, String why) {
        return new RenderedImages(job.stamp(), job.latents(), job.batchStats(), List.of(), size, weights.step(),
                job.submittedNanos(), System.nanoTime(), why);
    }

    @Override
    public void close() {
        if (generator != null) {
            generator.close();
        }
    }
}
