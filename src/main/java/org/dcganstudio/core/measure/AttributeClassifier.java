package org.dcganstudio.core.measure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dcganstudio.core.io.AtomicFiles;
import org.dcganstudio.core.io.JsonFields;
import org.dcganstudio.core.io.UserFiles;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.StateEntry;
import org.dcganstudio.core.nn.BatchNorm2d;
import org.dcganstudio.core.nn.Conv2d;

/**
 * A small CNN that tells whether a face image shows {@code smiling}, {@code long_hair} and
 * {@code glasses}: three independent yes/no outputs (sigmoid of each logit), trained on the
 * synthetic faces whose labels are known exactly. It judges what a generator drew, which is how
 * the vector-arithmetic evaluation decides whether "smiling man" came out smiling.
 *
 * <p>Images are averaged down to {@value #WORKING_SIZE}×{@value #WORKING_SIZE} first (2×2 blocks
 * for 64×64 input), so one classifier serves every generator whose side is 32·2<sup>k</sup>: the
 * attributes are large strokes that survive it, and it keeps training and the weights small.
 * Then three strided 4×4 convolutions (LeakyReLU, batch norm on the inner two) and a 4×4
 * convolution to the three logits, DCGAN-discriminator style.
 *
 * <p>A saved classifier is a folder: {@value #WEIGHTS_FILE} (safetensors, keys {@code main.i.*}
 * like the DCGAN's) and {@value #CARD_FILE} (format, architecture, and how it was trained and
 * measured).
 */
public final class AttributeClassifier implements AutoCloseable {

    /** The {@code format} value of {@value #CARD_FILE}. */
    public static final String FORMAT = "dcgan-studio-attribute-classifier";
    /** The version this code writes and reads. */
    public static final int VERSION = 1;
    /** The outputs, in logit order: the synthetic faces' yes/no attributes. */
    public static final List<String> ATTRIBUTES = List.of("smiling", "long_hair", "glasses");
    /** The side the network itself sees. */
    public static final int WORKING_SIZE = 32;
    /** Weights file in a classifier folder. */
    public static final String WEIGHTS_FILE = "classifier.safetensors";
    /** Description file in a classifier folder. */
    public static final String CARD_FILE = "classifier.json";

    /** Images per forward pass at inference: bounds the transient memory of large sets. */
    private static final int INFERENCE_BATCH = 256;
    private static final long INIT_STREAM = 81;

    private final int width;
    private final SequentialBlock main;
    private final List<Block> layers;
    private final NDManager manager;
    private final ParameterStore store;
    private final List<StateEntry> state;

    /**
     * Builds a freshly initialised classifier.
     *
     * @param width feature maps of the first convolution (then 2× and 4×)
     * @param parent the manager whose device holds the weights (the classifier takes a sub-manager)
     * @param seed initialisation seed
     */
    public AttributeClassifier(int width, NDManager parent, long seed) {
        if (width < 1 || width > 256) {
            throw new IllegalArgumentException("classifier width must be in [1, 256], got " + width);
        }
        this.width = width;
        this.main = new SequentialBlock();
        main.add(conv(width, 4, 2, 1, false)).add(Activation.leakyReluBlock(0.2f));
        main.add(conv(2 * width, 4, 2, 1, false)).add(new BatchNorm2d()).add(Activation.leakyReluBlock(0.2f));
        main.add(conv(4 * width, 4, 2, 1, false)).add(new BatchNorm2d()).add(Activation.leakyReluBlock(0.2f));
        main.add(conv(ATTRIBUTES.size(), 4, 1, 0, true));
        this.manager = parent.newSubManager();
        main.initialize(manager, DataType.FLOAT32, new Shape(1, 3, WORKING_SIZE, WORKING_SIZE));
        this.store = new ParameterStore(manager, false);
        this.layers = List.copyOf(main.getChildren().values());
        this.state = buildState();
        initialise(seed);
    }

    private static Conv2d conv(int filters, int kernel, int stride, int padding, boolean bias) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding)).optBias(bias).build();
    }

    private List<StateEntry> buildState() {
        List<StateEntry> entries = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            String prefix = "main." + i + ".";
            if (layers.get(i) instanceof Conv2d c) {
                entries.add(new StateEntry(prefix + "weight", c.getWeight().getArray(), null, true));
                if (c.getBias() != null) {
                    entries.add(new StateEntry(prefix + "bias", c.getBias().getArray(), null, true));
                }
            } else if (layers.get(i) instanceof BatchNorm2d bn) {
                entries.add(new StateEntry(prefix + "weight", bn.getGamma().getArray(), null, true));
                entries.add(new StateEntry(prefix + "bias", bn.getBeta().getArray(), null, true));
                entries.add(new StateEntry(prefix + "running_mean", bn.getRunningMean().getArray(), null, false));
                entries.add(new StateEntry(prefix + "running_var", bn.getRunningVar().getArray(), null, false));
            }
        }
        return List.copyOf(entries);
    }

    /**
     * He-normal convolutions (std √(2/fan-in)), which suit LeakyReLU layers trained from scratch
     * better than the DCGAN's fixed 0.02; batch norm at identity; biases zero.
     */
    private void initialise(long seed) {
        int counter = 0;
        for (StateEntry e : state) {
            float[] values = new float[Math.toIntExact(e.array().size())];
            String key = e.key();
            boolean batchNorm = layers.get(Integer.parseInt(key.split("\\.")[1])) instanceof BatchNorm2d;
            if (key.endsWith(".running_var") || batchNorm && key.endsWith(".weight")) {
                java.util.Arrays.fill(values, 1f);
            } else if (key.endsWith(".weight")) {
                Shape s = e.array().getShape();
                double fanIn = (double) s.size() / s.get(0);
                Rng.derive(seed, INIT_STREAM, counter).fillGaussian(values, 0, Math.sqrt(2 / fanIn));
            }
            counter++;
            e.array().set(values);
        }
    }

    /** The outputs, in logit order. */
    public List<String> attributes() {
        return ATTRIBUTES;
    }

    /** Feature maps of the first convolution. */
    public int width() {
        return width;
    }

    /** The manager that owns the weights. */
    public NDManager manager() {
        return manager;
    }

    /** The entries an optimizer updates, in state order. */
    public List<StateEntry> trainableEntries() {
        return state.stream().filter(StateEntry::trainable).toList();
    }

    /** Trainable scalars. */
    public long parameterCount() {
        return trainableEntries().stream().mapToLong(e -> e.array().size()).sum();
    }

    /**
     * Pre-sigmoid outputs.
     *
     * @param images {@code (N, 3, S, S)} in [-1, 1] with S = 32·2<sup>k</sup>
     * @param training batch statistics (and running-statistics updates) when true
     * @return {@code (N, 3)} in {@link #ATTRIBUTES} order
     */
    public NDArray logits(NDArray images, boolean training) {
        Shape s = images.getShape();
        int factor = poolingFactor(s);
        NDArray x = images;
        if (factor > 1) {
            // the engine's mean takes one axis at a time
            x = x.reshape(s.get(0), 3, WORKING_SIZE, factor, WORKING_SIZE, factor).mean(new int[] {5}).mean(new int[] {3});
        }
        NDList out = new NDList(x);
        for (Block layer : layers) {
            out = layer.forward(store, out, training);
        }
        return out.singletonOrThrow().reshape(s.get(0), ATTRIBUTES.size());
    }

    /**
     * The factor a shape is averaged down by.
     *
     * @throws IllegalArgumentException naming the shape when it is not RGB with side 32·2<sup>k</sup>
     */
    public static int poolingFactor(Shape s) {
        boolean ok = s.dimension() == 4 && s.get(1) == 3 && s.get(2) == s.get(3) && s.get(2) >= WORKING_SIZE
                && s.get(2) % WORKING_SIZE == 0 && Long.bitCount(s.get(2) / WORKING_SIZE) == 1;
        if (!ok) {
            throw new IllegalArgumentException("the attribute classifier takes RGB images (N, 3, S, S) with S = 32, 64, "
                    + "128 or 256, got " + s);
        }
        return (int) (s.get(2) / WORKING_SIZE);
    }

    /**
     * Probabilities of each attribute, in eval mode, in batches.
     *
     * @param images {@code count·3·S·S} values in [-1, 1], NCHW
     * @return {@code count·3} probabilities, row-major in {@link #ATTRIBUTES} order
     */
    public float[] probabilities(float[] images, int count, int size) {
        int length = 3 * size * size;
        if ((long) count * length != images.length) {
            throw new IllegalArgumentException(images.length + " values are not " + count + " RGB images of " + size
                    + "×" + size);
        }
        poolingFactor(new Shape(count, 3, size, size));
        float[] out = new float[count * ATTRIBUTES.size()];
        for (int from = 0; from < count; from += INFERENCE_BATCH) {
            int n = Math.min(INFERENCE_BATCH, count - from);
            float[] part = new float[n * length];
            System.arraycopy(images, from * length, part, 0, part.length);
            try (NDManager m = manager.newSubManager()) {
                NDArray p = Activation.sigmoid(logits(m.create(part, new Shape(n, 3, size, size)), false));
                System.arraycopy(p.toFloatArray(), 0, out, from * ATTRIBUTES.size(), n * ATTRIBUTES.size());
            }
        }
        return out;
    }

    /** {@link #probabilities} above 0.5, as yes/no per image and attribute. */
    public boolean[][] predict(float[] images, int count, int size) {
        float[] p = probabilities(images, count, size);
        boolean[][] out = new boolean[count][ATTRIBUTES.size()];
        for (int i = 0; i < count; i++) {
            for (int a = 0; a < ATTRIBUTES.size(); a++) {
                out[i][a] = p[i * ATTRIBUTES.size() + a] > 0.5f;
            }
        }
        return out;
    }

    /**
     * Writes the classifier folder: weights, and a card with the architecture plus {@code details}
     * (how it was trained, what it scored).
     */
    public void save(Path folder, JsonObject details) throws IOException {
        Files.createDirectories(folder);
        try (NDManager tmp = manager.newSubManager()) {
            NDList list = new NDList();
            for (StateEntry e : state) {
                NDArray a = e.array().toDevice(ai.djl.Device.cpu(), true);
                a.attach(tmp);
                a.setName(e.key());
                list.add(a);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            list.encode(bytes, NDList.Encoding.SAFETENSORS);
            AtomicFiles.write(folder.resolve(WEIGHTS_FILE), bytes.toByteArray());
        }
        JsonObject card = new JsonObject();
        card.addProperty("format", FORMAT);
        card.addProperty("version", VERSION);
        JsonArray names = new JsonArray();
        ATTRIBUTES.forEach(names::add);
        card.add("attributes", names);
        card.addProperty("working_size", WORKING_SIZE);
        card.addProperty("width", width);
        card.addProperty("parameters", parameterCount());
        for (Map.Entry<String, JsonElement> e : details.entrySet()) {
            card.add(e.getKey(), e.getValue());
        }
        String text = new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(card) + "\n";
        AtomicFiles.write(folder.resolve(CARD_FILE), text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a classifier folder's card.
     *
     * @throws IOException naming the file when it is missing, not JSON or not a classifier card
     */
    public static JsonObject readCard(Path folder) throws IOException {
        Path file = folder.resolve(CARD_FILE);
        JsonObject card;
        try {
            card = JsonParser.parseString(new String(UserFiles.readAll(file), StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException(file + ": not valid JSON (" + e.getMessage() + ")");
        }
        try {
            if (!card.has("format") || !FORMAT.equals(card.get("format").getAsString())) {
                throw new IOException(file + ": not an attribute classifier card (format is " + card.get("format")
                        + ")");
            }
            if (JsonFields.integer(card, "version", 0, Integer.MAX_VALUE) != VERSION) {
                throw new IOException(file + ": classifier format version " + card.get("version") + " is not "
                        + "supported (this build reads version " + VERSION + ")");
            }
            List<String> names = new ArrayList<>();
            if (card.has("attributes")) {
                card.getAsJsonArray("attributes").forEach(a -> names.add(a.getAsString()));
            }
            if (!names.equals(ATTRIBUTES)) {
                throw new IOException(file + ": classifier predicts " + names + ", this build expects " + ATTRIBUTES);
            }
            JsonFields.integer(card, "width", 1, Integer.MAX_VALUE);
            if (JsonFields.integer(card, "working_size", 1, Integer.MAX_VALUE) != WORKING_SIZE) {
                throw new IOException(file + ": needs 'working_size' " + WORKING_SIZE);
            }
        } catch (RuntimeException e) {
            // Gson's getters throw on a value of the wrong kind, a number's with no field named
            // ('For input string: "abc"'): every such case is the card's fault.
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return card;
    }

    /**
     * Loads a classifier folder strictly: every key present with its shape, nothing unknown.
     *
     * @throws IOException naming the file and the key at fault
     */
    public static AttributeClassifier load(Path folder, NDManager parent) throws IOException {
        JsonObject card = readCard(folder);
        Path file = folder.resolve(WEIGHTS_FILE);
        byte[] bytes = UserFiles.readAll(file);
        AttributeClassifier c = new AttributeClassifier(card.get("width").getAsInt(), parent, 0);
        try (NDManager tmp = c.manager.newSubManager()) {
            NDList list;
            try {
                list = NDList.decode(tmp, bytes);
            } catch (RuntimeException e) {
                throw new IOException(file + ": corrupt or truncated safetensors file (" + e.getMessage() + ")");
            }
            Map<String, NDArray> found = new LinkedHashMap<>();
            list.forEach(a -> found.put(a.getName(), a));
            for (String key : found.keySet()) {
                if (c.state.stream().noneMatch(e -> e.key().equals(key))) {
                    throw new IOException(file + ": unknown key '" + key + "' (width in " + CARD_FILE + " wrong?)");
                }
            }
            for (StateEntry e : c.state) {
                NDArray a = found.get(e.key());
                if (a == null) {
                    throw new IOException(file + ": missing key '" + e.key() + "' (expects shape " + e.array().getShape()
                            + ")");
                }
                if (!a.getShape().equals(e.array().getShape())) {
                    throw new IOException(file + ": key '" + e.key() + "' has shape " + a.getShape() + ", the classifier "
                            + "of width " + c.width + " expects " + e.array().getShape());
                }
            }
            for (StateEntry e : c.state) {
                e.array().set(found.get(e.key()).toType(DataType.FLOAT32, false).toFloatArray());
            }
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    @Override
    public void close() {
        manager.close();
    }
}
