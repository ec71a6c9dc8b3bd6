package org.dcganstudio.core.measure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.function.Consumer;
import org.dcganstudio.core.data.ImageAnnotations;
import org.dcganstudio.core.data.PreparedImages;
import org.dcganstudio.core.data.faces.SyntheticFaces;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.nn.Autograd;
import org.dcganstudio.core.training.AdamOptimizer;

/**
 * Trains an {@link AttributeClassifier} on synthetic faces and measures it on a separate set:
 * binary cross-entropy on each logit (multi-label), Adam, the last epoch at a tenth of the learning
 * rate. The two sets are drawn from seeds derived from the one seed given, so the held-out faces
 * are never seen in training and the whole run is reproducible.
 */
public final class ClassifierTraining {

    /** Faces are rendered at their native size; the classifier averages them down itself. */
    public static final int IMAGE_SIZE = SyntheticFaces.IMAGE_SIZE;

    private static final long TRAIN_FACES_STREAM = 91;
    private static final long TEST_FACES_STREAM = 92;
    private static final long SHUFFLE_STREAM = 93;

    /**
     * What to train.
     *
     * @param trainCount training faces
     * @param testCount held-out faces
     * @param epochs passes over the training faces
     * @param batch faces per step
     * @param learningRate Adam's learning rate
     * @param width the classifier's first feature maps
     * @param seed fixes the faces, the initialisation and the order
     */
    public record Settings(int trainCount, int testCount, int epochs, int batch, float learningRate, int width,
            long seed) {

        /** Defaults of {@code classifier train}: seconds per epoch on one core. */
        public static Settings defaults(long seed) {
            return new Settings(16_000, 4_000, 6, 64, 1e-3f, 16, seed);
        }

        public Settings {
            if (trainCount < 2) {
                throw new IllegalArgumentException("--train must be at least 2, got " + trainCount);
            }
            if (testCount < 1) {
                throw new IllegalArgumentException("--test must be at least 1, got " + testCount);
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
            }
            if (batch < 2) {
                throw new IllegalArgumentException("batch must be at least 2 (batch norm), got " + batch);
            }
            if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
            }
        }

        /** The seed of the training faces. */
        public long trainFacesSeed() {
            return Rng.derive(seed, TRAIN_FACES_STREAM, 0).nextLong();
        }

        /** The seed of the held-out faces. */
        public long testFacesSeed() {
            return Rng.derive(seed, TEST_FACES_STREAM, 0).nextLong();
        }
    }

    /**
     * A trained classifier and its measurements.
     *
     * @param classifier the network (the caller closes it)
     * @param heldOutAccuracy per attribute, in {@link AttributeClassifier#ATTRIBUTES} order
     * @param finalLoss the mean training loss of the last epoch
     * @param seconds wall time of rendering, training and measuring
     */
    public record Result(AttributeClassifier classifier, double[] heldOutAccuracy, double finalLoss, double seconds) {

        /** What {@link AttributeClassifier#save} records beside the architecture. */
        public JsonObject details(Settings s) {
            JsonObject trained = new JsonObject();
            trained.addProperty("data", "synthetic-faces");
            trained.addProperty("train_faces", s.trainCount());
            trained.addProperty("train_faces_seed", s.trainFacesSeed());
            trained.addProperty("test_faces", s.testCount());
            trained.addProperty("test_faces_seed", s.testFacesSeed());
            trained.addProperty("epochs", s.epochs());
            trained.addProperty("batch", s.batch());
            trained.addProperty("learning_rate", s.learningRate());
            trained.addProperty("seed", s.seed());
            trained.addProperty("final_loss", finalLoss);
            trained.addProperty("seconds", Math.round(seconds * 10) / 10.0);
            JsonObject o = new JsonObject();
            o.add("training", trained);
            o.add("held_out_accuracy", accuracyJson(heldOutAccuracy));
            return o;
        }
    }

    private ClassifierTraining() {}

    /**
     * Trains and measures.
     *
     * @param parent the manager (device) the classifier lives on
     * @param progress hears one line per epoch
     */
    public static Result train(Settings s, NDManager parent, Consumer<String> progress) {
        long start = System.nanoTime();
        SyntheticFaces trainFaces = new SyntheticFaces(s.trainCount(), s.trainFacesSeed());
        PreparedImages train = new PreparedImages(trainFaces, IMAGE_SIZE, 3);
        float[] trainLabels = labels(trainFaces.annotations());
        int length = 3 * IMAGE_SIZE * IMAGE_SIZE;
        int outputs = AttributeClassifier.ATTRIBUTES.size();
        AttributeClassifier c = new AttributeClassifier(s.width(), parent, s.seed());
        double lastLoss = Double.NaN;
        try (AdamOptimizer adam = new AdamOptimizer(c.trainableEntries(), c.manager(), s.learningRate(), 0.9f, 0.999f,
                1e-8f)) {
            for (int epoch = 0; epoch < s.epochs(); epoch++) {
                if (epoch == s.epochs() - 1 && s.epochs() >= 3) {
                    adam.setLearningRate(s.learningRate() / 10);
                }
                int[] order = Rng.derive(s.seed(), SHUFFLE_STREAM, epoch).permutation(s.trainCount());
                double lossSum = 0;
                int seen = 0;
                for (int from = 0; from + 2 <= order.length; from += s.batch()) {
                    int n = Math.min(s.batch(), order.length - from);
                    if (n < 2) {
                        break;
                    }
                    float[] x = new float[n * length];
                    float[] y = new float[n * outputs];
                    for (int i = 0; i < n; i++) {
                        int index = order[from + i];
                        train.copyImage(index, x, i * length);
                        System.arraycopy(trainLabels, index * outputs, y, i * outputs, outputs);
                    }
                    lossSum += step(c, adam, x, y, n) * n;
                    seen += n;
                }
                lastLoss = lossSum / seen;
                progress.accept(String.format("epoch %d/%d: loss %.4f (%.0f s)", epoch + 1, s.epochs(), lastLoss,
                        (System.nanoTime() - start) / 1e9));
            }
            SyntheticFaces testFaces = new SyntheticFaces(s.testCount(), s.testFacesSeed());
            double[] accuracy = accuracy(c, new PreparedImages(testFaces, IMAGE_SIZE, 3, 0), testFaces.annotations());
            return new Result(c, accuracy, lastLoss, (System.nanoTime() - start) / 1e9);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** One Adam step on a batch; returns the batch's mean loss. */
    private static double step(AttributeClassifier c, AdamOptimizer adam, float[] x, float[] y, int n) {
        int outputs = AttributeClassifier.ATTRIBUTES.size();
        try (NDManager sm = c.manager().newSubManager()) {
            NDArray images = sm.create(x, new Shape(n, 3, IMAGE_SIZE, IMAGE_SIZE));
            NDArray targets = sm.create(y, new Shape(n, outputs));
            float[] seed = new float[n * outputs];
            Arrays.fill(seed, 1f / (n * outputs));
            NDArray ones = sm.create(seed, new Shape(n, outputs));
            NDArray terms;
            Autograd.enableOnThisThread();
            try {
                adam.zeroGrad();
                NDArray logits = c.logits(images, true);
                // binary cross-entropy on logits: softplus(x) − x·y, exact where sigmoid saturates
                terms = Activation.softPlus(logits).sub(logits.mul(targets));
                Autograd.backward(terms, ones);
                adam.step();
            } finally {
                Autograd.disableOnThisThread();
            }
            return terms.mean().getFloat();
        }
    }

    /**
     * The share of images whose thresholded prediction matches the label, per attribute.
     *
     * @param images RGB at a size the classifier takes
     * @param annotations carrying the three yes/no attributes
     */
    public static double[] accuracy(AttributeClassifier c, org.dcganstudio.core.data.ImageDataset images,
            ImageAnnotations annotations) {
        Autograd.disableOnThisThread();
        float[] truth = labels(annotations);
        int outputs = AttributeClassifier.ATTRIBUTES.size();
        int size = images.imageSize();
        int length = 3 * size * size;
        int chunk = 512;
        long[] correct = new long[outputs];
        for (int from = 0; from < images.size(); from += chunk) {
            int n = Math.min(chunk, images.size() - from);
            float[] x = new float[n * length];
            for (int i = 0; i < n; i++) {
                images.copyImage(from + i, x, i * length);
            }
            boolean[][] predicted = c.predict(x, n, size);
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < outputs; a++) {
                    if (predicted[i][a] == (truth[(from + i) * outputs + a] > 0.5f)) {
                        correct[a]++;
                    }
                }
            }
        }
        double[] out = new double[outputs];
        for (int a = 0; a < outputs; a++) {
            out[a] = (double) correct[a] / images.size();
        }
        return out;
    }

    /** 0/1 targets, row-major {@code (count, 3)}, from a face set's annotations. */
    static float[] labels(ImageAnnotations annotations) {
        int outputs = AttributeClassifier.ATTRIBUTES.size();
        int[] columns = new int[outputs];
        for (int a = 0; a < outputs; a++) {
            String name = AttributeClassifier.ATTRIBUTES.get(a);
            columns[a] = annotations.attributeIndex(name);
            if (columns[a] < 0) {
                throw new IllegalArgumentException("images have no '" + name + "' attribute");
            }
        }
        float[] y = new float[annotations.count() * outputs];
        for (int i = 0; i < annotations.count(); i++) {
            for (int a = 0; a < outputs; a++) {
                y[i * outputs + a] = annotations.value(i, columns[a]);
            }
        }
        return y;
    }

    /** {@code {"smiling": 0.97, ...}}. */
    public static JsonObject accuracyJson(double[] accuracy) {
        JsonObject o = new JsonObject();
        for (int a = 0; a < accuracy.length; a++) {
            o.addProperty(AttributeClassifier.ATTRIBUTES.get(a), Math.round(accuracy[a] * 10000) / 10000.0);
        }
        return o;
    }
}
