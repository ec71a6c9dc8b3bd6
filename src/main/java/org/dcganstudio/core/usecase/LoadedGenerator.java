package org.dcganstudio.core.usecase;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dcganstudio.core.interop.StateDicts;
import org.dcganstudio.core.latent.Vectors;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.nn.Autograd;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.core.training.Devices;

/**
 * A generator on a device, ready to draw: the one place where weights become a network outside
 * training and the renderer. Closing it frees its native memory. Drawing never records gradients.
 */
public final class LoadedGenerator implements AutoCloseable {

    private final NDManager manager;
    private final Generator generator;

    private LoadedGenerator(ModelConfig config, String device) {
        Autograd.disableOnThisThread();
        manager = NDManager.newBaseManager(Devices.resolve(device));
        try {
            generator = new Generator(config, manager, 0);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Loads {@code weights} on {@code device} ({@code auto}, {@code cpu}, {@code gpu} or
     * {@code gpu:N}).
     */
    public static LoadedGenerator load(GeneratorWeights weights, String device) throws IOException {
        LoadedGenerator g = new LoadedGenerator(weights.config(), device);
        return Networks.filledOrClosed(g, () -> weights.loadInto(g.generator));
    }

    /**
     * Loads a checkpoint's generator on {@code device}; a damaged one is named with its entry
     * ({@code run/step-9.ckpt!G.safetensors}).
     */
    public static LoadedGenerator load(Checkpoint ckpt, String device) throws IOException {
        LoadedGenerator g = new LoadedGenerator(ckpt.config().model(), device);
        return Networks.filledOrClosed(g, () -> ckpt.restoreGenerator(g.generator));
    }

    /** Loads a generator state dict file ({@code .safetensors}) into the architecture {@code config}. */
    public static LoadedGenerator load(ModelConfig config, Path stateDict, String device) throws IOException {
        LoadedGenerator g = new LoadedGenerator(config, device);
        return Networks.filledOrClosed(g, () -> StateDicts.load(g.generator, stateDict));
    }

    public ModelConfig config() {
        return generator.config();
    }

    /**
     * The images of {@code latents}, all in one batch: BatchNorm's running statistics (PyTorch's
     * eval mode) unless {@code batchStats}.
     *
     * @return N·C·S·S values in [-1, 1], NCHW
     */
    public float[] generate(List<float[]> latents, boolean batchStats) {
        int nz = config().nz();
        try (NDManager step = manager.newSubManager()) {
            return generator.forward(step.create(Vectors.pack(latents, nz), new Shape(latents.size(), nz, 1, 1)),
                    batchStats).toFloatArray();
        }
    }

    /** Writes the weights as a pytorch/examples state dict ({@code .safetensors}). */
    public void save(Path stateDict) throws IOException {
        StateDicts.save(generator, stateDict);
    }

    /** The network itself, for the core's measures that drive it (directions, attribute sampling, neighbours). */
    public Generator network() {
        return generator;
    }

    @Override
    public void close() {
        generator.close();
        manager.close();
    }
}
