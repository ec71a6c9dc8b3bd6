package org.dcganstudio.core.data.folder;

import static org.dcganstudio.core.data.folder.TestImages.writeText;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.dcganstudio.core.data.DataException;
import org.dcganstudio.core.data.Raster;
import org.dcganstudio.core.export.ImageGrid;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.OptimizerSettings;
import org.dcganstudio.core.training.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSamplesTest {

    @TempDir
    Path run;

    @Test
    void theLatestGridIsCutIntoItsImagesExactly() throws IOException {
        writeConfig(32, 3);
        byte[][] earlier = writeGrid(250, 64, 3, 32, 1);
        byte[][] latest = writeGrid(1_000_000, 64, 3, 32, 2);
        writeGrid(999_999, 64, 3, 32, 3);

        RunSamples samples = RunSamples.open(run);

        assertEquals(1_000_000, samples.step());
        assertEquals(run.resolve("samples/step-1000000.png"), samples.file());
        assertEquals(List.of(250L, 999_999L, 1_000_000L), RunSamples.steps(run));
        assertEquals(64, samples.size());
        assertTrue(samples.inMemory());
        assertTrue(samples.name().endsWith("samples at step 1000000"), samples.name());
        for (int i = 0; i < 64; i++) {
            Raster image = samples.read(i);
            assertEquals(32, image.width());
            assertEquals(32, image.height());
            assertEquals(3, image.channels());
            assertArrayEquals(latest[i], image.pixels(), "image " + i);
        }
        RunSamples first = RunSamples.open(run, 250);
        assertArrayEquals(earlier[63], first.read(63).pixels());
    }

    @Test
    void aPartLastRowOfGreyImagesGivesOnlyTheImagesDrawn() throws IOException {
        writeConfig(28, 1);
        byte[][] drawn = writeGrid(100, 10, 1, 28, 4);

        RunSamples samples = RunSamples.open(run, 100);

        assertEquals(10, samples.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(1, samples.read(i).channels());
            assertArrayEquals(drawn[i], samples.read(i).pixels(), "image " + i);
        }
    }

    @Test
    void readGivesACopyTheCallerMayChange() throws IOException {
        writeConfig(32, 3);
        writeGrid(0, 3, 3, 32, 5);
        RunSamples samples = RunSamples.open(run);
        Raster a = samples.read(0);
        a.pixels()[0] ^= 1;
        assertNotSame(a.pixels(), samples.read(0).pixels());
        assertEquals(a.pixels()[0] ^ 1, samples.read(0).pixels()[0]);
    }

    @Test
    void aRunWithoutSamplesIsAnErrorNamingTheFolder() throws IOException {
        DataException noFolder = assertThrows(DataException.class, () -> RunSamples.open(run));
        assertTrue(noFolder.getMessage().contains("no samples folder in " + run), noFolder.getMessage());

        Files.createDirectories(run.resolve("samples"));
        writeText(run.resolve("samples/notes.txt"), "none yet");
        DataException noGrids = assertThrows(DataException.class, () -> RunSamples.open(run));
        assertEquals("no sample grids (step-NNNNNN.png) in " + run.resolve("samples"), noGrids.getMessage());
    }

    @Test
    void aMissingStepIsAnErrorListingTheStepsThatExist() throws IOException {
        writeConfig(32, 3);
        writeGrid(0, 2, 3, 32, 1);
        writeGrid(500, 2, 3, 32, 1);
        DataException e = assertThrows(DataException.class, () -> RunSamples.open(run, 250));
        assertEquals("no sample grid for step 250: " + run.resolve("samples/step-000250.png")
                + " does not exist (steps with samples: 0, 500)", e.getMessage());
    }

    @Test
    void aGridThatDoesNotFitTheConfiguredSizeIsAnErrorNamingTheFile() throws IOException {
        writeConfig(64, 3);
        writeGrid(10, 64, 3, 32, 1);
        DataException e = assertThrows(DataException.class, () -> RunSamples.open(run));
        assertEquals(run.resolve("samples/step-000010.png") + " is 274×274 pixels, which is no grid of 64×64 images "
                + "with a 2-pixel border (image_size 64 in " + run.resolve("config.json") + ")", e.getMessage());
    }

    @Test
    void aMissingOrBadConfigIsAnErrorNamingIt() throws IOException {
        writeGrid(10, 4, 3, 32, 1);
        Path config = run.resolve("config.json");
        DataException missing = assertThrows(DataException.class, () -> RunSamples.open(run));
        assertTrue(missing.getMessage().startsWith(config + " does not exist"), missing.getMessage());

        writeText(config, "{\"image_size\": 32.5, \"channels\": 3}");
        assertEquals(config + ": image_size must be a positive whole number, got 32.5",
                assertThrows(DataException.class, () -> RunSamples.open(run)).getMessage());
        writeText(config, "{\"image_size\": 32, \"channels\": 2}");
        assertEquals(config + ": channels must be 1 or 3, got 2",
                assertThrows(DataException.class, () -> RunSamples.open(run)).getMessage());
        writeText(config, "[1, 2]");
        assertTrue(assertThrows(DataException.class, () -> RunSamples.open(run)).getMessage()
                .startsWith(config + " is not a JSON object"));
    }

    /** The config.json that train writes. */
    private void writeConfig(int imageSize, int channels) throws IOException {
        TrainConfig config = new TrainConfig(new ModelConfig(imageSize, channels, 100, 64, 64,
                LatentPrior.NORMAL), OptimizerSettings.PAPER, 128, "synthetic-shapes", 1, 1000, 0, 100,
                500, "auto");
        Files.writeString(run.resolve("config.json"), config.toJson());
    }

    /**
     * Writes random images through ImageGrid as the trainer does, returning each as the HWC bytes
     * it should read back as. Every image has a non-zero sample, as generated images do.
     */
    private byte[][] writeGrid(long step, int count, int channels, int size, long seed) throws IOException {
        Random random = new Random(seed);
        int plane = size * size;
        float[] nchw = new float[count * channels * plane];
        byte[][] hwc = new byte[count][channels * plane];
        for (int n = 0; n < count; n++) {
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < plane; p++) {
                    int value = p == 0 ? 1 + random.nextInt(255) : random.nextInt(256);
                    nchw[(n * channels + c) * plane + p] = value / 127.5f - 1f;
                    hwc[n][p * channels + c] = (byte) value;
                }
            }
        }
        Path file = run.resolve("samples").resolve(String.format("step-%06d.png", step));
        Files.createDirectories(file.getParent());
        ImageGrid.writePng(file, nchw, count, channels, size, 8);
        return hwc;
    }
}
