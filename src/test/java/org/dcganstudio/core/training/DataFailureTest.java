package org.dcganstudio.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dcganstudio.core.data.DataException;
import org.dcganstudio.core.data.DataSpec;
import org.dcganstudio.core.data.ImageDataset;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data set that fails mid-run stops training with the file named and the run so far kept. */
class DataFailureTest {

    /** Solid colours whose images from {@code brokenFrom} on cannot be read, like a truncated JPEG. */
    private record BreaksLater(ImageDataset inner, int brokenFrom) implements ImageDataset {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public int size() {
            return inner.size();
        }

        @Override
        public int channels() {
            return inner.channels();
        }

        @Override
        public int imageSize() {
            return inner.imageSize();
        }

        @Override
        public void copyImage(int index, float[] dst, int offset) {
            if (index >= brokenFrom) {
                throw new DataException("/photos/broken-" + index + ".jpg: premature end of JPEG data");
            }
            inner.copyImage(index, dst, offset);
        }
    }

    @Test
    void unreadableImagesStopTheRunWithTheFileNamedAndACheckpointKept(@TempDir Path tmp) throws Exception {
        ModelConfig model = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);
        TrainConfig config = new TrainConfig(model, OptimizerSettings.PAPER, 8, "solid-colours:64", 5, 40, 0, 100,
                100, "cpu");
        // 64 images in batches of 8: the step of epoch 0 that draws image 63 fails.
        ImageDataset data = new BreaksLater(DataSpec.open("solid-colours:64", 32, 3, 5), 63);
        Path runDir = tmp.resolve("run");
        TrainingRun run = TrainingRun.start(config, runDir, new TrainingRun.Listener() {}).withData(data);
        DataException e = assertThrows(DataException.class, () -> run.run(() -> false));
        assertTrue(e.getMessage().contains("broken-63.jpg"), e.getMessage());
        assertTrue(e.getMessage().contains("could not read the images of step "), e.getMessage());
        Path checkpoint = Checkpoint.latestIn(runDir);
        assertTrue(Files.exists(checkpoint), "a checkpoint of the run so far");
        Checkpoint saved = Checkpoint.read(checkpoint);
        long steps = Files.readAllLines(runDir.resolve("metrics.csv")).size() - 1;
        assertEquals(steps, saved.metrics().size());
        assertTrue(e.getMessage().contains(checkpoint.toString()), e.getMessage());
    }
}
