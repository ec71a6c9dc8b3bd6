package org.dcganstudio.core.render;

import java.io.IOException;
import org.dcganstudio.core.interop.StateDicts;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.Checkpoint;

/**
 * A generator frozen at one moment: its architecture and its state dict as safetensors bytes.
 * Exploring works on one of these, never on the weights a trainer is changing, and a renderer
 * loads it into a generator of its own.
 *
 * @param config the architecture
 * @param state G's state dict (safetensors, pytorch/examples keys); never written after creation
 * @param step the training step the weights are from
 * @param from where they came from
 */
public record GeneratorWeights(ModelConfig config, byte[] state, long step, GeneratorOrigin from) {

    /** Snapshots a live generator; call on the thread that owns it. */
    public static GeneratorWeights of(Generator g, long step, GeneratorOrigin from) {
        return new GeneratorWeights(g.config(), StateDicts.encode(g, false), step, from);
    }

    /** Snapshots a generator made in memory (tests, benchmarks), described by {@code label}. */
    public static GeneratorWeights of(Generator g, long step, String label) {
        return of(g, step, new GeneratorOrigin.Named(label));
    }

    /** The generator of a checkpoint. */
    public static GeneratorWeights of(Checkpoint checkpoint) throws IOException {
        return of(checkpoint, checkpoint.source());
    }

    /** The generator of a checkpoint the user opened as {@code opened} (the file or its run directory). */
    public static GeneratorWeights of(Checkpoint checkpoint, java.nio.file.Path opened) throws IOException {
        return new GeneratorWeights(checkpoint.config().model(), checkpoint.generatorState(), checkpoint.step(),
                new GeneratorOrigin.Checkpoint(opened, checkpoint.source()));
    }

    /** Where they came from, for people (a checkpoint path, "training run …"). */
    public String origin() {
        return from.describe();
    }

    /** Loads these weights into {@code g}, whose architecture must be {@link #config()}. */
    public void loadInto(Generator g) throws IOException {
        if (!g.config().equals(config)) {
            throw new IllegalArgumentException("weights of " + config + " do not fit a generator of " + g.config());
        }
        StateDicts.load(g, state, origin());
    }
}
