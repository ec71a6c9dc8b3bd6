package org.dcganstudio.core.usecase;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.dcganstudio.core.interop.StateDictShapes;
import org.dcganstudio.core.interop.TorchStateDicts;
import org.dcganstudio.core.io.ShippedAssets;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.render.GeneratorOrigin;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.core.training.DefaultModel;

/** Where generators come from: every way of getting {@link GeneratorWeights}, in one place. */
public final class GeneratorLoading {

    private GeneratorLoading() {}

    /** The generator of a checkpoint file or of a run directory's latest checkpoint. */
    public static GeneratorWeights open(Path checkpointOrRunDir) throws IOException {
        return GeneratorWeights.of(Checkpoint.read(checkpointOrRunDir), checkpointOrRunDir);
    }

    /** The shipped default model's file, when this installation or checkout has it. */
    public static Optional<Path> defaultModel() {
        return DefaultModel.find();
    }

    /**
     * {@code checkpointOrRunDir} when given, else the shipped default model: what every command
     * that draws from a trained model runs on.
     *
     * @throws IllegalArgumentException saying a model is needed when neither exists
     */
    public static Checkpoint checkpointOrDefault(Path checkpointOrRunDir) throws IOException {
        if (checkpointOrRunDir != null) {
            return Checkpoint.read(checkpointOrRunDir);
        }
        Optional<Path> shipped = defaultModel();
        if (shipped.isEmpty()) {
            throw new IllegalArgumentException("a model is needed: give --checkpoint CHECKPOINT_OR_RUN_DIR (the default "
                    + "model, assets/" + DefaultModel.RELATIVE + ", was not found in "
                    + ShippedAssets.candidates(DefaultModel.RELATIVE) + ")");
        }
        return Checkpoint.read(shipped.get());
    }

    /**
     * Imports a PyTorch generator's state dict (pytorch/examples keys, {@code .safetensors} as
     * {@code export-weights} writes, or {@code .pt}/{@code .pth} as {@code torch.save} writes, read
     * without running anything from it): the architecture is read from the shapes and the weights
     * are checked by loading them once, so a bad file fails here rather than in the renderer.
     */
    public static GeneratorWeights importPyTorch(Path file) throws IOException {
        GeneratorWeights w = pyTorchWeights(StateDictShapes.generatorConfig(file), file);
        try (LoadedGenerator check = LoadedGenerator.load(w, "cpu")) {
            return w;
        }
    }

    /**
     * A PyTorch generator state dict file ({@code .safetensors}, {@code .pt} or {@code .pth}) in
     * the architecture {@code config}; its weights are checked when loaded.
     */
    public static GeneratorWeights pyTorchWeights(ModelConfig config, Path file) throws IOException {
        return new GeneratorWeights(config, TorchStateDicts.asSafetensors(file), 0, new GeneratorOrigin.PyTorchWeights(file));
    }
}
