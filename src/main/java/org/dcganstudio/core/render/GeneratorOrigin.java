package org.dcganstudio.core.render;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a generator's weights came from. Typed, so that "is this a copy from the training?" or
 * "does it have a discriminator and a data set for the memorisation check?" is asked of the origin
 * rather than read from a description.
 */
public sealed interface GeneratorOrigin {

    /** For people: what {@link GeneratorWeights#origin()} shows and explorations record. */
    String describe();

    /** True for a copy shared by a running training. */
    default boolean fromTraining() {
        return false;
    }

    /**
     * The checkpoint file or run directory the weights were read from, with its discriminator and
     * data set; empty for imported weights and training copies.
     */
    default Optional<Path> checkpoint() {
        return Optional.empty();
    }

    /**
     * A checkpoint file, or a run directory's latest checkpoint (the shipped default model too).
     *
     * @param opened what the user opened: the file, or the run directory
     * @param file the checkpoint file read
     */
    record Checkpoint(Path opened, Path file) implements GeneratorOrigin {
        @Override
        public String describe() {
            return file.toString();
        }

        @Override
        public Optional<Path> checkpoint() {
            return Optional.of(opened);
        }
    }

    /** A PyTorch generator state dict imported from a file: no discriminator, no data set. */
    record PyTorchWeights(Path file) implements GeneratorOrigin {
        @Override
        public String describe() {
            return file.toString();
        }
    }

    /** A copy of the generator a training is changing, taken between two of its steps. */
    record TrainingCopy(Path runDir, long step) implements GeneratorOrigin {
        @Override
        public String describe() {
            return "training run " + runDir.getFileName() + " at step " + step;
        }

        @Override
        public boolean fromTraining() {
            return true;
        }
    }

    /** Weights made in memory (tests, benchmarks), described by a label. */
    record Named(String label) implements GeneratorOrigin {
        @Override
        public String describe() {
            return label;
        }
    }
}
