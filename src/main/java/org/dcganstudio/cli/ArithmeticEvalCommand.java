package org.dcganstudio.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dcganstudio.core.measure.ArithmeticEvaluation;
import org.dcganstudio.core.measure.AttributeClassifier;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.core.usecase.LoadedGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code arithmetic-eval}: success rate of the paper's face arithmetic, judged by the classifier. */
@Command(name = "arithmetic-eval", mixinStandardHelpOptions = true,
        description = "Measure how often the paper's vector arithmetic (smiling long hair - neutral long hair + "
                + "neutral short hair, and the same with glasses) yields the target attributes; prints JSON.")
final class ArithmeticEvalCommand implements Callable<Integer> {

    @Mixin
    InferenceOptions run;

    @Option(names = "--trials", defaultValue = "100", description = "trials per recipe (default ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--seed", defaultValue = "1", description = "fixes the pool and every draw (default "
            + "${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--pool", defaultValue = "" + ArithmeticEvaluation.DEFAULT_POOL,
            description = "random latents generated and classified to fill the groups (default ${DEFAULT-VALUE})")
    int pool;

    @Option(names = "--classifier", description = "classifier folder (default: the shipped "
            + "assets/attribute-classifier)")
    Path classifier;

    @Override
    public Integer call() throws Exception {
        Checkpoint ckpt = run.requireCheckpoint();
        ModelConfig config = ckpt.config().model();
        if (config.channels() != 3 || config.imageSize() % AttributeClassifier.WORKING_SIZE != 0) {
            throw new IllegalArgumentException(ckpt.source() + ": the model makes " + config.channels() + "-channel "
                    + config.imageSize() + "×" + config.imageSize() + " images; the attribute classifier needs RGB "
                    + "faces of side 32, 64, 128 or 256");
        }
        Path folder = ClassifierFolders.resolve(classifier);
        List<ArithmeticEvaluation.Outcome> outcomes;
        try (LoadedGenerator g = run.load(ckpt);
                AttributeClassifier c = AttributeClassifier.load(folder, g.network().manager())) {
            outcomes = ArithmeticEvaluation.run(g.network(), c, ArithmeticEvaluation.PAPER_RECIPES, pool, trials, seed);
        }
        JsonObject o = new JsonObject();
        o.addProperty("checkpoint", ckpt.source().toString());
        o.addProperty("classifier", folder.toString());
        o.addProperty("pool", pool);
        o.addProperty("seed", seed);
        JsonArray recipes = new JsonArray();
        for (ArithmeticEvaluation.Outcome out : outcomes) {
            JsonObject r = new JsonObject();
            r.addProperty("name", out.recipe().name());
            JsonArray groups = new JsonArray();
            for (int i = 0; i < out.recipe().groups().size(); i++) {
                ArithmeticEvaluation.Group group = out.recipe().groups().get(i);
                JsonObject gj = new JsonObject();
                gj.addProperty("sign", group.sign() > 0 ? "+" : "-");
                gj.add("attributes", attributes(group.attributes()));
                gj.addProperty("pool_members", out.groupMembers()[i]);
                groups.add(gj);
            }
            r.add("groups", groups);
            r.add("target", attributes(out.recipe().target()));
            if (out.trials() == 0) {
                r.add("success_rate", JsonNull.INSTANCE);
            } else {
                r.addProperty("success_rate", out.successRate());
            }
            r.addProperty("random_rate", out.randomRate());
            r.addProperty("trials", out.trials());
            if (out.problem() != null) {
                r.addProperty("problem", out.problem());
                System.err.println("warning: " + out.recipe().name() + ": " + out.problem());
            }
            recipes.add(r);
        }
        o.add("recipes", recipes);
        System.out.println(o);
        return 0;
    }

    /** Attribute values in the classifier's order, so the JSON reads the same every time. */
    private static JsonObject attributes(Map<String, Boolean> values) {
        JsonObject o = new JsonObject();
        for (String name : AttributeClassifier.ATTRIBUTES) {
            if (values.containsKey(name)) {
                o.addProperty(name, values.get(name));
            }
        }
        return o;
    }
}
