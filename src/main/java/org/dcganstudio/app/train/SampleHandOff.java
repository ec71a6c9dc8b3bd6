package org.dcganstudio.app.train;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.core.latent.Vectors;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.core.training.TrainConfig;

/**
 * Hands what the Train view shows to the other sections: a sample clicked in the grid to Explore,
 * the run's grids to Export as an evolution GIF.
 */
public final class SampleHandOff {

    /** Where a sample clicked in the grid goes: the Explore section. */
    @FunctionalInterface
    public interface SampleTarget {
        /**
         * @param latent the sample's latent vector
         * @param runDir the run it comes from
         * @param live whether that run is training in this studio now (else its checkpoints hold it)
         */
        void explore(float[] latent, Path runDir, boolean live);
    }

    private final BackgroundTasks tasks;
    private final Supplier<Path> runDir;
    private final Supplier<TrainConfig> config;
    private final BooleanSupplier gridOnShow;
    private final Supplier<float[]> liveNoise;
    private final Consumer<String> say;
    private SampleTarget sampleTarget = (z, dir, live) -> { };
    private Runnable evolutionGif = () -> { };

    /**
     * @param tasks reads checkpoints off the UI thread
     * @param runDir the run shown
     * @param config the settings of the run shown, or null before they are known
     * @param gridOnShow whether a grid is on show to click in
     * @param liveNoise the grid latents of the run training here now, or null when the run shown is not
     * @param say where to tell the user what happened
     */
    SampleHandOff(BackgroundTasks tasks, Supplier<Path> runDir, Supplier<TrainConfig> config,
            BooleanSupplier gridOnShow, Supplier<float[]> liveNoise, Consumer<String> say) {
        this.tasks = tasks;
        this.runDir = runDir;
        this.config = config;
        this.gridOnShow = gridOnShow;
        this.liveNoise = liveNoise;
        this.say = say;
    }

    /** Sets where clicked samples go. */
    public void setSampleTarget(SampleTarget target) {
        sampleTarget = target;
    }

    /** Sets what "export the grids as a GIF" opens (the Export section, on this run). */
    public void setEvolutionGifTarget(Runnable target) {
        evolutionGif = target;
    }

    /** Asks for this run's evolution GIF. */
    public void requestEvolutionGif() {
        if (runDir.get() != null) {
            evolutionGif.run();
        }
    }

    /**
     * Sends grid sample {@code index} to Explore: its latent is the run's fixed noise row, the same
     * at every step, so a sample picked on the timeline is the newest generator's take on it.
     */
    public void exploreSample(int index) {
        Path dir = runDir.get();
        TrainConfig c = config.get();
        if (!gridOnShow.getAsBoolean() || dir == null || c == null || index < 0) {
            return;
        }
        int nz = c.model().nz();
        float[] live = liveNoise.get();
        if (live != null) {
            send(live, nz, index, dir, true);
            return;
        }
        tasks.run(() -> Checkpoint.read(dir).fixedNoise(), noise -> send(noise, nz, index, dir, false),
                e -> say.accept("could not read the sample's latent: " + e.getMessage()));
    }

    private void send(float[] noise, int nz, int index, Path dir, boolean live) {
        if ((index + 1) * nz > noise.length) {
            return;
        }
        sampleTarget.explore(Vectors.row(noise, nz, index), dir, live);
        say.accept("sample " + (index + 1) + " sent to Explore");
    }
}
