package org.dcganstudio.core.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dcganstudio.core.latent.Vectors;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.Generator;

/**
 * Latents whose images the attribute classifier labels with the wanted attributes: how the
 * Arithmetic view fills a group by "smiling, long hair" instead of by clicks.
 */
public final class AttributeSampler {

    /** Latents drawn per round before giving up grows to {@code maxDrawn}. */
    private static final int ROUND = 256;
    private static final long STREAM = 103;

    private AttributeSampler() {}

    /**
     * Draws latents from the generator's prior until {@code count} match {@code wanted} or
     * {@code maxDrawn} were tried.
     *
     * @return the matching latents, fewer than {@code count} when the model rarely draws them
     */
    public static List<float[]> sample(Generator generator, AttributeClassifier classifier, Map<String, Boolean> wanted,
            int count, int maxDrawn, long seed) {
        ArithmeticEvaluation.Group check = new ArithmeticEvaluation.Group(1, wanted); // validates the names
        int nz = generator.config().nz();
        List<float[]> out = new ArrayList<>(count);
        for (int round = 0, drawn = 0; out.size() < count && drawn < maxDrawn; round++, drawn += ROUND) {
            float[] z = new float[ROUND * nz];
            generator.config().zPrior().fill(Rng.derive(seed, STREAM, round), z);
            boolean[][] labels = ArithmeticEvaluation.classify(generator, classifier, z, ROUND);
            for (int i = 0; i < ROUND && out.size() < count; i++) {
                if (ArithmeticEvaluation.matches(labels[i], check.attributes())) {
                    out.add(Vectors.row(z, nz, i));
                }
            }
        }
        return out;
    }
}
