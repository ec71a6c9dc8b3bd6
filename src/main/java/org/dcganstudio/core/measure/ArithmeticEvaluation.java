package org.dcganstudio.core.measure;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dcganstudio.core.latent.VectorArithmetic;
import org.dcganstudio.core.latent.Vectors;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.nn.Autograd;

/**
 * How often the paper's vector arithmetic (section 6.3) does what it claims, judged by an
 * {@link AttributeClassifier}: a pool of random latents is generated and classified; each trial
 * draws {@value #GROUP_SIZE} latents from each group the classifier puts in that group's attribute
 * combination, averages them, adds and subtracts the averages, generates the result and asks
 * whether it carries the target attributes. The same share among the random pool is the base rate
 * the arithmetic has to beat.
 */
public final class ArithmeticEvaluation {

    /** Latents averaged per group, as in the paper. */
    public static final int GROUP_SIZE = 3;

    /** Random latents generated and classified when none is said. */
    public static final int DEFAULT_POOL = 2000;

    private static final long POOL_STREAM = 101;
    private static final long TRIAL_STREAM = 102;
    private static final int GENERATE_BATCH = 64;

    /**
     * One signed term: the latents whose images show these attribute values.
     *
     * @param sign +1 or −1
     * @param attributes attribute name to required value; names from {@link AttributeClassifier#ATTRIBUTES}
     */
    public record Group(int sign, Map<String, Boolean> attributes) {
        public Group {
            if (sign != 1 && sign != -1) {
                throw new IllegalArgumentException("a group's sign is +1 or -1, got " + sign);
            }
            attributes = Map.copyOf(attributes);
            checkNames(attributes);
        }

        /** {@code smiling=yes,long_hair=no} in {@link AttributeClassifier#ATTRIBUTES} order. */
        public String describe() {
            return ArithmeticEvaluation.describe(attributes);
        }
    }

    /**
     * An arithmetic and what it should produce.
     *
     * @param name e.g. {@code smiling long hair - neutral long hair + neutral short hair}
     * @param groups the signed terms in order
     * @param target attribute values the result should show
     */
    public record Recipe(String name, List<Group> groups, Map<String, Boolean> target) {
        public Recipe {
            groups = List.copyOf(groups);
            target = Map.copyOf(target);
            if (groups.isEmpty()) {
                throw new IllegalArgumentException("recipe " + name + " has no groups");
            }
            checkNames(target);
        }
    }

    /** The paper's two face recipes, with long hair playing woman and short hair man. */
    public static final List<Recipe> PAPER_RECIPES = List.of(
            new Recipe("smiling long hair - neutral long hair + neutral short hair",
                    List.of(new Group(1, Map.of("smiling", true, "long_hair", true)),
                            new Group(-1, Map.of("smiling", false, "long_hair", true)),
                            new Group(1, Map.of("smiling", false, "long_hair", false))),
                    Map.of("smiling", true, "long_hair", false)),
            new Recipe("glasses long hair - no-glasses long hair + no-glasses short hair",
                    List.of(new Group(1, Map.of("glasses", true, "long_hair", true)),
                            new Group(-1, Map.of("glasses", false, "long_hair", true)),
                            new Group(1, Map.of("glasses", false, "long_hair", false))),
                    Map.of("glasses", true, "long_hair", false)));

    /**
     * What one recipe scored.
     *
     * @param recipe the recipe
     * @param groupMembers pool latents the classifier put in each group, in group order
     * @param trials trials run: as asked, or 0 when a group could not be filled
     * @param successes trials whose result carried every target attribute
     * @param randomHits pool latents carrying every target attribute
     * @param pool pool size
     * @param problem why no trial ran, or null
     */
    public record Outcome(Recipe recipe, int[] groupMembers, int trials, int successes, int randomHits, int pool,
            String problem) {

        /** Share of successful trials; NaN when none ran. */
        public double successRate() {
            return trials == 0 ? Double.NaN : (double) successes / trials;
        }

        /** Share of random latents carrying the target attributes. */
        public double randomRate() {
            return (double) randomHits / pool;
        }
    }

    private ArithmeticEvaluation() {}

    /**
     * Runs the recipes.
     *
     * @param generator run in eval mode
     * @param classifier judges every image
     * @param pool random latents to generate and classify
     * @param trials trials per recipe
     * @param seed fixes the pool and every draw
     */
    public static List<Outcome> run(Generator generator, AttributeClassifier classifier, List<Recipe> recipes,
            int pool, int trials, long seed) {
        if (pool < 1) {
            throw new IllegalArgumentException("--pool must be at least 1, got " + pool);
        }
        if (trials < 1) {
            throw new IllegalArgumentException("--trials must be at least 1, got " + trials);
        }
        Autograd.disableOnThisThread();
        ModelConfig c = generator.config();
        AttributeClassifier.poolingFactor(new Shape(1, c.channels(), c.imageSize(), c.imageSize()));
        int nz = c.nz();
        float[] poolLatents = new float[pool * nz];
        c.zPrior().fill(Rng.derive(seed, POOL_STREAM, 0), poolLatents);
        boolean[][] poolAttributes = classify(generator, classifier, poolLatents, pool);

        List<Outcome> outcomes = new ArrayList<>();
        for (int r = 0; r < recipes.size(); r++) {
            Recipe recipe = recipes.get(r);
            int randomHits = 0;
            for (boolean[] a : poolAttributes) {
                if (matches(a, recipe.target())) {
                    randomHits++;
                }
            }
            List<int[]> members = new ArrayList<>();
            int[] counts = new int[recipe.groups().size()];
            List<String> unfilled = new ArrayList<>();
            for (int g = 0; g < counts.length; g++) {
                Group group = recipe.groups().get(g);
                int[] in = java.util.stream.IntStream.range(0, pool)
                        .filter(i -> matches(poolAttributes[i], group.attributes())).toArray();
                members.add(in);
                counts[g] = in.length;
                if (in.length < GROUP_SIZE) {
                    unfilled.add("group " + group.describe() + " has " + in.length + " of the " + GROUP_SIZE
                            + " latents a trial needs");
                }
            }
            if (!unfilled.isEmpty()) {
                outcomes.add(new Outcome(recipe, counts, 0, 0, randomHits, pool, String.join("; ", unfilled)
                        + " (in a pool of " + pool + "; a larger --pool or a better-trained model may fill it)"));
                continue;
            }
            Rng rng = Rng.derive(seed, TRIAL_STREAM, r);
            float[] results = new float[trials * nz];
            for (int t = 0; t < trials; t++) {
                List<VectorArithmetic.Term> terms = new ArrayList<>();
                for (int g = 0; g < counts.length; g++) {
                    int[] chosen = draw(members.get(g), GROUP_SIZE, rng);
                    List<float[]> vectors = new ArrayList<>();
                    for (int i : chosen) {
                        vectors.add(Vectors.row(poolLatents, nz, i));
                    }
                    terms.add(new VectorArithmetic.Term(recipe.groups().get(g).sign(), vectors));
                }
                System.arraycopy(VectorArithmetic.result(terms), 0, results, t * nz, nz);
            }
            boolean[][] judged = classify(generator, classifier, results, trials);
            int successes = 0;
            for (boolean[] a : judged) {
                if (matches(a, recipe.target())) {
                    successes++;
                }
            }
            outcomes.add(new Outcome(recipe, counts, trials, successes, randomHits, pool, null));
        }
        return outcomes;
    }

    /** {@code count} distinct members, by a partial Fisher–Yates shuffle of a copy. */
    private static int[] draw(int[] members, int count, Rng rng) {
        int[] copy = members.clone();
        for (int i = 0; i < count; i++) {
            int j = i + rng.nextInt(copy.length - i);
            int t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        return java.util.Arrays.copyOf(copy, count);
    }

    /** Generates (eval mode) and classifies latents in batches. */
    static boolean[][] classify(Generator generator, AttributeClassifier classifier, float[] latents, int count) {
        ModelConfig c = generator.config();
        int nz = c.nz();
        boolean[][] out = new boolean[count][];
        for (int from = 0; from < count; from += GENERATE_BATCH) {
            int n = Math.min(GENERATE_BATCH, count - from);
            float[] part = new float[n * nz];
            System.arraycopy(latents, from * nz, part, 0, part.length);
            float[] images;
            try (NDManager m = generator.manager().newSubManager()) {
                images = generator.forward(m.create(part, new Shape(n, nz, 1, 1)), false).toFloatArray();
            }
            boolean[][] judged = classifier.predict(images, n, c.imageSize());
            System.arraycopy(judged, 0, out, from, n);
        }
        return out;
    }

    static boolean matches(boolean[] predicted, Map<String, Boolean> wanted) {
        for (Map.Entry<String, Boolean> e : wanted.entrySet()) {
            if (predicted[AttributeClassifier.ATTRIBUTES.indexOf(e.getKey())] != e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static void checkNames(Map<String, Boolean> attributes) {
        for (String name : attributes.keySet()) {
            if (!AttributeClassifier.ATTRIBUTES.contains(name)) {
                throw new IllegalArgumentException("unknown attribute '" + name + "'; the classifier knows "
                        + AttributeClassifier.ATTRIBUTES);
            }
        }
    }

    /** Attribute values as {@code name=yes|no}, in the classifier's order. */
    static String describe(Map<String, Boolean> attributes) {
        Map<String, Boolean> ordered = new LinkedHashMap<>();
        for (String name : AttributeClassifier.ATTRIBUTES) {
            if (attributes.containsKey(name)) {
                ordered.put(name, attributes.get(name));
            }
        }
        return ordered.entrySet().stream().map(e -> e.getKey() + "=" + (e.getValue() ? "yes" : "no"))
                .collect(Collectors.joining(","));
    }
}
