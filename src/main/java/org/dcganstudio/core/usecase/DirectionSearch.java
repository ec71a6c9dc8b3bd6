package org.dcganstudio.core.usecase;

import java.io.IOException;
import org.dcganstudio.core.explore.LatentDirections;
import org.dcganstudio.core.render.GeneratorWeights;

/** Finding a generator's latent directions (GANSpace-style), for Explore's sliders and {@code directions}. */
public final class DirectionSearch {

    private DirectionSearch() {}

    /**
     * {@code count} directions of {@code weights}, found on the CPU from {@code samples} latents
     * drawn with {@code seed}.
     */
    public static LatentDirections find(GeneratorWeights weights, int count, int samples, long seed)
            throws IOException {
        try (LoadedGenerator g = LoadedGenerator.load(weights, "cpu")) {
            return find(g, count, samples, seed);
        }
    }

    /** As {@link #find(GeneratorWeights, int, int, long)}, on a generator already loaded. */
    public static LatentDirections find(LoadedGenerator g, int count, int samples, long seed) {
        return LatentDirections.discover(g.network(), count, samples, seed);
    }
}
