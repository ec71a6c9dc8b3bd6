package org.dcganstudio.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dcganstudio.core.measure.AttributeClassifier;
import org.dcganstudio.core.measure.ClassifierTraining;
import org.dcganstudio.core.nn.Autograd;
import org.dcganstudio.core.training.Devices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code classifier}: train the attribute classifier on synthetic faces, or score images with it. */
@Command(name = "classifier", mixinStandardHelpOptions = true,
        description = "The attribute classifier (smiling, long_hair, glasses) that judges generated faces.",
        subcommands = {ClassifierCommand.TrainCommand.class, ClassifierCommand.ScoreCommand.class})
final class ClassifierCommand {

    /** {@code classifier train}: train on synthetic faces, measure on a separate seeded set, save. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train on synthetic faces and measure on held-out ones; prints JSON with the held-out "
                    + "accuracy per attribute.")
    static final class TrainCommand implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "folder to write the classifier to")
        Path out;

        @Option(names = "--train", defaultValue = "" + 16_000, description = "training faces (default ${DEFAULT-VALUE})")
        int train;

        @Option(names = "--test", defaultValue = "" + 4_000, description = "held-out faces (default ${DEFAULT-VALUE})")
        int test;

        @Option(names = "--epochs", defaultValue = "6", description = "passes over the training faces (default "
                + "${DEFAULT-VALUE})")
        int epochs;

        @Option(names = "--seed", defaultValue = "1", description = "fixes both face sets, init and order (default "
                + "${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--width", defaultValue = "16", description = "first-layer feature maps (default "
                + "${DEFAULT-VALUE})")
        int width;

        @Option(names = "--batch", defaultValue = "64", description = "faces per step (default ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default ${DEFAULT-VALUE})")
        float lr;

        @picocli.CommandLine.Mixin
        DeviceOption device = new DeviceOption();

        @Override
        public Integer call() throws Exception {
            ClassifierTraining.Settings s = new ClassifierTraining.Settings(train, test, epochs, batch, lr, width, seed);
            Autograd.disableOnThisThread();
            try (NDManager m = NDManager.newBaseManager(Devices.resolve(device.spec))) {
                ClassifierTraining.Result r = ClassifierTraining.train(s, m, line -> System.err.println(line));
                try (AttributeClassifier c = r.classifier()) {
                    c.save(out, r.details(s));
                }
                JsonObject o = r.details(s);
                o.addProperty("out", out.toString());
                System.out.println(o);
            }
            return 0;
        }
    }

    /** {@code classifier score}: per-image attribute probabilities of an images .npy. */
    @Command(name = "score", mixinStandardHelpOptions = true,
            description = "Classify images (.npy, (N, 3, S, S) in [-1, 1], S = 32·2^k); prints JSON per image.")
    static final class ScoreCommand implements Callable<Integer> {
        @Option(names = "--classifier", description = "classifier folder (default: the shipped "
                + "assets/attribute-classifier)")
        Path classifier;

        @Option(names = "--images", required = true, description = ".npy images (N, 3, S, S) float32 in [-1, 1]")
        Path images;

        @Override
        public Integer call() throws Exception {
            Autograd.disableOnThisThread();
            Path folder = ClassifierFolders.resolve(classifier);
            try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu());
                    AttributeClassifier c = AttributeClassifier.load(folder, m)) {
                NDArray x = Latents.readImages(images, 3, m);
                int n = Math.toIntExact(x.getShape().get(0));
                int size = Math.toIntExact(x.getShape().get(2));
                try {
                    AttributeClassifier.poolingFactor(x.getShape());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(images + ": " + e.getMessage());
                }
                float[] p = c.probabilities(x.toFloatArray(), n, size);
                JsonObject o = new JsonObject();
                o.addProperty("classifier", folder.toString());
                JsonArray names = new JsonArray();
                AttributeClassifier.ATTRIBUTES.forEach(names::add);
                o.add("attributes", names);
                JsonArray rows = new JsonArray();
                int k = AttributeClassifier.ATTRIBUTES.size();
                for (int i = 0; i < n; i++) {
                    JsonObject row = new JsonObject();
                    row.addProperty("index", i);
                    JsonObject probabilities = new JsonObject();
                    JsonArray yes = new JsonArray();
                    for (int a = 0; a < k; a++) {
                        String name = AttributeClassifier.ATTRIBUTES.get(a);
                        probabilities.addProperty(name, Math.round(p[i * k + a] * 1e4) / 1e4);
                        if (p[i * k + a] > 0.5f) {
                            yes.add(name);
                        }
                    }
                    row.add("p", probabilities);
                    row.add("yes", yes);
                    rows.add(row);
                }
                o.add("images", rows);
                System.out.println(o);
            }
            return 0;
        }
    }
}
