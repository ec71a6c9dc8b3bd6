package org.dcganstudio.core.usecase;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.dcganstudio.core.data.DataContext;
import org.dcganstudio.core.data.DataSpec;
import org.dcganstudio.core.data.ImageDataset;
import org.dcganstudio.core.measure.NearestNeighbours;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.Checkpoint;

/**
 * The memorisation check of a checkpoint (section 6.1 of the paper): for each latent, its image's
 * nearest training images in pixel space and in D's penultimate features. Needs the checkpoint's
 * discriminator and the data set it was trained on (or another, when given).
 */
public final class MemorisationCheck {

    /**
     * What was found.
     *
     * @param generated the latents' images, NCHW in [-1, 1]
     * @param neighbours nearest training images per latent
     * @param data the data set searched, prepared at the model's size (for the matches' images)
     * @param spec the data set's spec
     * @param config the model
     */
    public record Result(float[] generated, NearestNeighbours.Result neighbours, ImageDataset data, String spec,
            ModelConfig config) {

        /** The values of one image, generated or a data-set image. */
        public int imageLength() {
            return config.channels() * config.imageSize() * config.imageSize();
        }

        /** Data-set image {@code index}, NCHW in [-1, 1]. */
        public float[] dataImage(int index) {
            float[] out = new float[imageLength()];
            data.copyImage(index, out, 0);
            return out;
        }
    }

    private MemorisationCheck() {}

    /**
     * Searches.
     *
     * @param dataSpec the data set to search, or null for the one the checkpoint was trained on
     * @param k neighbours per latent and space, at least 1
     * @param limit search only the first {@code limit} images of the data set
     * @param batchStats draw the latents with the batch's statistics instead of the running ones
     * @param device where G and D run ({@code auto}, {@code cpu}, …)
     * @param warnings hears the data set's warnings
     */
    public static Result run(Checkpoint ckpt, String dataSpec, List<float[]> latents, int k, int limit,
            boolean batchStats, String device, Consumer<String> warnings) throws IOException {
        ModelConfig config = ckpt.config().model();
        for (float[] z : latents) {
            if (z.length != config.nz()) {
                throw new IllegalArgumentException("the latent has " + z.length + " values, " + ckpt.source()
                        + " takes " + config.nz());
            }
        }
        String spec = dataSpec != null ? dataSpec : ckpt.config().data();
        ImageDataset data = DataSpec.parse(spec).open(config.imageSize(), config.channels(), ckpt.config().seed(),
                DataContext.offline().withWarnings(warnings));
        try (LoadedGenerator g = LoadedGenerator.load(ckpt, device);
                LoadedDiscriminator d = LoadedDiscriminator.load(ckpt, device)) {
            float[] generated = g.generate(latents, batchStats);
            NearestNeighbours.Result found = NearestNeighbours.search(generated, latents.size(), d.network(), data, k,
                    limit, n -> { });
            return new Result(generated, found, data, spec, config);
        }
    }
}
