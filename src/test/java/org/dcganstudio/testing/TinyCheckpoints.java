package org.dcganstudio.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.model.StateEntry;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.core.training.DcganTrainer;
import org.dcganstudio.core.training.OptimizerSettings;
import org.dcganstudio.core.training.TrainConfig;

/** Checkpoints of the tiny test model written directly, without training steps. */
public final class TinyCheckpoints {

    /** 32×32 RGB, nz 8, ngf = ndf = 4. */
    public static final ModelConfig TINY = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);

    private TinyCheckpoints() {}

    /**
     * Writes a freshly initialised tiny model's checkpoint, G's convolution weights multiplied by
     * {@code gScale}: at the paper's init (std 0.02) every image is nearly the same grey, while
     * scaled-up weights give images that differ from latent to latent.
     */
    public static Path write(Path file, long seed, float gScale) throws IOException {
        TrainConfig config = new TrainConfig(TINY, OptimizerSettings.PAPER, 4, "synthetic-faces:64", seed, 1, 0, 1, 1,
                "cpu");
        try (DcganTrainer trainer = new DcganTrainer(TINY, OptimizerSettings.PAPER, ai.djl.Device.cpu(), seed)) {
            if (gScale != 1f) {
                for (StateEntry e : trainer.generator().stateEntries()) {
                    boolean conv = e.array() != null && e.array().getShape().dimension() == 4;
                    if (conv) {
                        float[] w = e.array().toFloatArray();
                        for (int i = 0; i < w.length; i++) {
                            w[i] *= gScale;
                        }
                        e.array().set(w);
                    }
                }
                trainer.generator().invalidateCaches();
            }
            Checkpoint.write(file, config, trainer, new float[2 * TINY.nz()], List.of(), 0);
        }
        return file;
    }
}
