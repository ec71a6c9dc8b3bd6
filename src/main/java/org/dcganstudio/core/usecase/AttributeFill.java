package org.dcganstudio.core.usecase;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dcganstudio.core.io.ShippedAssets;
import org.dcganstudio.core.measure.AttributeClassifier;
import org.dcganstudio.core.measure.AttributeSampler;
import org.dcganstudio.core.render.GeneratorWeights;

/**
 * Latents whose images the shipped attribute classifier labels with wanted attributes: how
 * Arithmetic fills a group ("smiling woman") without hand-picking.
 */
public final class AttributeFill {

    /** The shipped classifier's folder inside {@code assets/}. */
    public static final Path CLASSIFIER = Path.of("attribute-classifier");

    private AttributeFill() {}

    /** The shipped classifier's folder, when this installation or checkout has it. */
    public static Optional<Path> shippedClassifier() {
        return ShippedAssets.find(CLASSIFIER);
    }

    /**
     * Draws latents from {@code weights}' prior until {@code count} are judged to have
     * {@code wanted} or {@code maxDrawn} were tried (fewer come back when the model rarely draws
     * them).
     */
    public static List<float[]> sample(GeneratorWeights weights, Path classifierFolder, Map<String, Boolean> wanted,
            int count, int maxDrawn, long seed) throws IOException {
        try (LoadedGenerator g = LoadedGenerator.load(weights, "cpu");
                NDManager m = NDManager.newBaseManager(g.network().manager().getDevice());
                AttributeClassifier c = AttributeClassifier.load(classifierFolder, m)) {
            return AttributeSampler.sample(g.network(), c, wanted, count, maxDrawn, seed);
        }
    }
}
