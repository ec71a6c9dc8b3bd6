package org.dcganstudio.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.nn.BatchNorm2d;
import org.dcganstudio.core.nn.ConvTranspose2d;
import org.dcganstudio.core.nn.KernelBlock;

/**
 * What G and D share: a flat {@code main} sequence laid out like pytorch/examples (so child
 * {@code i} owns the keys {@code main.i.*}), the arrays on one manager, the paper's
 * initialisation, and the state dict.
 */
public abstract class DcganNetwork implements AutoCloseable {

    /** Stream ids for {@link Rng#derive}: init of G and D must not share numbers. */
    static final long INIT_STREAM_G = 11;
    static final long INIT_STREAM_D = 12;

    private final ModelConfig config;
    private final SequentialBlock main;
    private final NDManager manager;
    private final ParameterStore store;
    private final List<StateEntry> state;
    private final List<Block> layers;

    DcganNetwork(ModelConfig config, SequentialBlock main, NDManager parent, Shape inputShape) {
        this.config = config;
        this.main = main;
        this.manager = parent.newSubManager();
        main.initialize(manager, DataType.FLOAT32, inputShape);
        this.store = new ParameterStore(manager, false);
        this.state = Collections.unmodifiableList(buildState());
        this.layers = List.copyOf(main.getChildren().values());
    }

    /** The architecture this network was built for. */
    public ModelConfig config() {
        return config;
    }

    /** The DJL block, children in pytorch/examples order. */
    public SequentialBlock block() {
        return main;
    }

    /** The manager that owns the weights (and so the device they live on). */
    public NDManager manager() {
        return manager;
    }

    /** Every state-dict entry, in pytorch/examples order. */
    public List<StateEntry> stateEntries() {
        return state;
    }

    /** The entries an optimizer updates, in state-dict order. */
    public List<StateEntry> trainableEntries() {
        return state.stream().filter(StateEntry::trainable).toList();
    }

    /**
     * Runs {@code main}; training mode uses and updates batch statistics. The layers run one by
     * one: {@code SequentialBlock.forward} would first walk every parameter of the network, building
     * lists, to check that it is initialised, on every call.
     */
    NDArray runMain(NDArray input, boolean training) {
        NDList x = new NDList(input);
        for (Block layer : layers) {
            x = layer.forward(store, x, training);
        }
        return x.singletonOrThrow();
    }

    /**
     * Runs layers {@code from} (inclusive) to {@code to} (exclusive) of {@code main}: the
     * measurements read activations inside the networks (G's first block, D's penultimate
     * features) with the same layers and weights as a full pass.
     */
    NDArray runLayers(NDArray input, int from, int to, boolean training) {
        if (from < 0 || to > layers.size() || from >= to) {
            throw new IllegalArgumentException("layers " + from + ".." + to + " of " + layers.size());
        }
        NDList x = new NDList(input);
        for (Block layer : layers.subList(from, to)) {
            x = layer.forward(store, x, training);
        }
        return x.singletonOrThrow();
    }

    /**
     * Sets up one of the networks' (transposed) convolutions: a square kernel, the same stride and
     * padding on both axes, and no bias, as pytorch/examples builds them, so that the state dicts
     * have the same keys.
     *
     * @param builder a fresh {@code Conv2d} or {@code ConvTranspose2d} builder
     * @param filters output channels
     * @param kernel kernel height and width
     * @param stride stride on both axes
     * @param padding padding on both axes
     * @return {@code builder}, ready to build
     */
    static <B extends KernelBlock.Builder<B>> B squareLayer(B builder, long filters, int kernel, int stride,
            int padding) {
        return builder.setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optBias(false);
    }

    /** How many children {@code main} has. */
    int layerCount() {
        return layers.size();
    }

    /**
     * The paper's initialisation, the same as pytorch/examples {@code weights_init}: conv weights
     * N(0, 0.02), batch-norm scale N(1, 0.02) and shift 0; running statistics reset.
     *
     * @param seed the run's seed
     */
    public void initialise(long seed) {
        long stream = this instanceof Generator ? INIT_STREAM_G : INIT_STREAM_D;
        int counter = 0;
        for (StateEntry e : state) {
            if (e.isCounter()) {
                e.counterOf().setBatchesTracked(0);
                continue;
            }
            float[] values = new float[Math.toIntExact(e.array().size())];
            String key = e.key();
            if (key.endsWith(".running_var")) {
                java.util.Arrays.fill(values, 1f);
            } else if (key.endsWith(".weight") && isBatchNorm(key)) {
                Rng.derive(seed, stream, counter).fillGaussian(values, 1.0, 0.02);
            } else if (key.endsWith(".weight")) {
                Rng.derive(seed, stream, counter).fillGaussian(values, 0.0, 0.02);
            }
            counter++;
            e.array().set(values);
        }
        invalidateCaches();
    }

    /** Drops cached inference kernels; call after any change of weights outside a training step. */
    public void invalidateCaches() {
        for (Block child : main.getChildren().values()) {
            if (child instanceof ConvTranspose2d t) {
                t.invalidateCache();
            }
        }
    }

    private boolean isBatchNorm(String key) {
        int index = Integer.parseInt(key.split("\\.")[1]);
        return main.getChildren().get(index).getValue() instanceof BatchNorm2d;
    }

    private List<StateEntry> buildState() {
        List<StateEntry> entries = new ArrayList<>();
        List<Block> children = main.getChildren().values();
        for (int i = 0; i < children.size(); i++) {
            Block child = children.get(i);
            String prefix = "main." + i + ".";
            if (child instanceof KernelBlock k) {
                entries.add(array(prefix + "weight", k.getWeight(), true));
                if (k.getBias() != null) {
                    entries.add(array(prefix + "bias", k.getBias(), true));
                }
            } else if (child instanceof BatchNorm2d bn) {
                entries.add(array(prefix + "weight", bn.getGamma(), true));
                entries.add(array(prefix + "bias", bn.getBeta(), true));
                entries.add(array(prefix + "running_mean", bn.getRunningMean(), false));
                entries.add(array(prefix + "running_var", bn.getRunningVar(), false));
                entries.add(new StateEntry(prefix + "num_batches_tracked", null, bn, false));
            }
        }
        return entries;
    }

    private static StateEntry array(String key, Parameter p, boolean trainable) {
        return new StateEntry(key, p.getArray(), null, trainable);
    }

    /** Counts trainable scalars, for logs and the README. */
    public long parameterCount() {
        return trainableEntries().stream().mapToLong(e -> e.array().size()).sum();
    }

    @Override
    public void close() {
        invalidateCaches();
        manager.close();
    }
}
