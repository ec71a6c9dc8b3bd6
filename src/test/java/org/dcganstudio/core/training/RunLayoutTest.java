package org.dcganstudio.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.dcganstudio.core.io.RunDirectory;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a trained run holds on disk: the files its RunDirectory names, under the names runs have
 * always had, and 8×8 sample grids.
 */
class RunLayoutTest {

    @TempDir
    Path tmp;

    @Test
    void aTrainedRunHasTheLayoutRunDirectoryNames() throws IOException {
        ModelConfig model = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);
        TrainConfig config = new TrainConfig(model, OptimizerSettings.PAPER, 8, "solid-colours:64", 5, 4, 0, 2, 2,
                "cpu");
        Path dir = tmp.resolve("run");
        TrainingRun.start(config, dir, new TrainingRun.Listener() {}).run(() -> false);

        // Spelled out: runs written before RunDirectory existed must still be read.
        assertEquals(Set.of(".lock", "config.json", "metrics.csv", "samples/step-000000.png", "samples/step-000002.png",
                "samples/step-000004.png", "checkpoints/step-000002.ckpt", "checkpoints/step-000004.ckpt"), files(dir));
        assertEquals("step,epoch,loss_d,loss_g,d_x,d_g_z1,d_g_z2,images_per_s,wall_s",
                Files.readAllLines(dir.resolve("metrics.csv")).get(0));

        RunDirectory run = new RunDirectory(dir);
        assertEquals(Set.of(run.lock(), run.config(), run.metrics(), run.grid(0), run.grid(2), run.grid(4), run.checkpoint(2),
                run.checkpoint(4)), files(dir).stream().map(dir::resolve).collect(Collectors.toSet()));
        assertEquals(List.of(0L, 2L, 4L), run.gridSteps());
        assertEquals(List.of(run.checkpoint(2), run.checkpoint(4)), run.checkpointFiles());
        assertEquals(run.checkpoint(4), Checkpoint.latestIn(dir));
    }

    @Test
    void theSampleGridIsEightByEight() throws IOException {
        ModelConfig model = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);
        TrainConfig config = new TrainConfig(model, OptimizerSettings.PAPER, 8, "solid-colours:64", 5, 1, 0, 1, 1,
                "cpu");
        TrainingRun.start(config, tmp, new TrainingRun.Listener() {}).run(() -> false);
        BufferedImage grid = ImageIO.read(new RunDirectory(tmp).grid(1).toFile());
        // 8 tiles of 32 pixels a side, each followed by a 2-pixel border, after a first border.
        assertEquals(2 + 8 * (32 + 2), grid.getWidth());
        assertEquals(2 + 8 * (32 + 2), grid.getHeight());
    }

    @Test
    void theLatestCheckpointIsTheHighestStepNotTheLastName() throws IOException {
        RunDirectory run = new RunDirectory(tmp);
        Files.createDirectories(run.checkpoints());
        Files.writeString(run.checkpoint(999_999), "");
        Files.writeString(run.checkpoint(1_000_000), "");
        assertEquals(tmp.resolve("checkpoints/step-1000000.ckpt"), Checkpoint.latestIn(tmp));
    }

    /** Every regular file under {@code dir}, relative, with / between names. */
    private static Set<String> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile)
                    .map(f -> dir.relativize(f).toString().replace('\\', '/'))
                    .collect(Collectors.toSet());
        }
    }
}
