package org.dcganstudio.app.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.dcganstudio.app.ActiveGenerator;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.app.Pixels;
import org.dcganstudio.core.latent.Interpolation;
import org.dcganstudio.core.latent.Vectors;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.core.render.LatentRenderer;
import org.dcganstudio.testing.Eventually;
import org.dcganstudio.testing.GifFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExploreViewModelTest {

    static final ModelConfig TINY = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);

    @TempDir
    Path tmp;

    private ActiveGenerator generator;
    private ExploreViewModel vm;

    static GeneratorWeights weights(long seed) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); Generator g = new Generator(TINY, m, seed)) {
            return GeneratorWeights.of(g, 7, "tiny " + seed);
        }
    }

    @BeforeEach
    void open() {
        generator = new ActiveGenerator(BackgroundTasks.SAME_THREAD, null, new LatentRenderer(Device.cpu()));
        vm = new ExploreViewModel(generator, BackgroundTasks.SAME_THREAD);
    }

    @AfterEach
    void close() {
        generator.close();
    }

    private void until(BooleanSupplier done, String what) throws InterruptedException {
        Eventually.until(vm::refresh, done, what);
    }

    @Test
    void aLoadedGeneratorShowsAnImageAndAGridAndClickingASampleSelectsIt() throws Exception {
        generator.use(weights(1));
        until(() -> vm.gridProperty().get().size() == ExploreViewModel.GRID && vm.imageProperty().get() != null,
                "image and grid");
        assertEquals(32, vm.imageProperty().get().width());
        List<float[]> samples = vm.gridLatents();
        assertArrayEquals(samples.get(0), vm.currentLatent(), 0f, "the first sample starts as current");

        Pixels before = vm.imageProperty().get();
        vm.select(5);
        assertArrayEquals(samples.get(5), vm.currentLatent(), 0f);
        until(() -> vm.imageProperty().get() != before, "the new image");
        assertTrue(Arrays.equals(vm.gridProperty().get().get(5).argb(), latestImage().argb()),
                "the current image is grid sample 5, drawn alone in eval mode");

        vm.newSamples();
        assertFalse(Arrays.equals(samples.get(0), vm.gridLatents().get(0)), "new samples");
    }

    /** The image once the renderer has caught up with every request. */
    private Pixels latestImage() throws InterruptedException {
        until(() -> ((LatentRenderer) generator.renderer()).idle(), "the renderer to catch up");
        Thread.sleep(20);
        vm.refresh();
        return vm.imageProperty().get();
    }

    @Test
    void slidersMoveTheLatentAlongTheirDirectionsAndResetPutsItBack() throws Exception {
        generator.use(weights(2));
        until(() -> vm.imageProperty().get() != null, "the image");
        float[] base = vm.currentLatent();
        float[] unit = new float[8];
        unit[2] = 0.6f;
        unit[5] = 0.8f;
        vm.setDirections(List.of(new DirectionSlider("PC 1", unit, 1.5, 0.4)));
        Pixels before = vm.imageProperty().get();
        vm.directions().get(0).valueProperty().set(2);
        float[] moved = vm.currentLatent();
        assertArrayEquals(Vectors.addScaled(base, unit, 2 * 1.5), moved, 1e-6f);
        vm.rawOffsets().get(0).set(-1);
        assertEquals(base[0] - 1, vm.currentLatent()[0], 1e-6f);
        until(() -> vm.imageProperty().get() != before, "a re-rendered image");
        vm.resetSliders();
        assertArrayEquals(base, vm.currentLatent(), 0f);
        assertEquals(0, vm.directions().get(0).valueProperty().get());
    }

    @Test
    void foundDirectionsBecomeSlidersOrderedByTheirShareOfVariance() throws Exception {
        generator.use(weights(9));
        vm.findDirections();
        assertEquals(8, vm.directions().size(), "min(10, nz = 8) directions");
        for (int i = 0; i < 8; i++) {
            DirectionSlider d = vm.directions().get(i);
            assertEquals(1, Vectors.norm(d.unit()), 1e-4);
            assertTrue(d.sigma() > 0);
            if (i > 0) {
                assertTrue(d.varianceShare() <= vm.directions().get(i - 1).varianceShare() + 1e-9);
            }
        }
        float[] before = vm.currentLatent();
        vm.directions().get(0).valueProperty().set(1);
        DirectionSlider first = vm.directions().get(0);
        assertArrayEquals(Vectors.addScaled(before, first.unit(), first.sigma()), vm.currentLatent(), 1e-5f);
    }

    @Test
    void theMemorisationCheckFindsTheNearestTrainingImagesOfTheCurrentOne() throws Exception {
        vm.findNeighbours();
        generator.use(weights(12));
        vm.findNeighbours();
        assertTrue(vm.messageProperty().get().contains("open a checkpoint"), vm.messageProperty().get());

        Path run = tmp.resolve("run");
        org.dcganstudio.core.training.TrainConfig config = new org.dcganstudio.core.training.TrainConfig(TINY,
                org.dcganstudio.core.training.OptimizerSettings.PAPER, 4, "solid-colours:40", 1, 2, 0, 5, 10, "cpu");
        org.dcganstudio.core.training.TrainingRun.start(config, run,
                new org.dcganstudio.core.training.TrainingRun.Listener() {}).run(() -> false);
        generator.open(run);
        assertEquals(run, generator.checkpointProperty().get());
        vm.findNeighbours();
        TrainingNeighbours found = vm.neighboursProperty().get();
        assertNotNull(found, vm.messageProperty().get());
        assertEquals(40, found.searched());
        assertEquals(TrainingNeighbours.K, found.pixel().size());
        assertEquals(TrainingNeighbours.K, found.feature().size());
        for (int i = 1; i < TrainingNeighbours.K; i++) {
            assertTrue(found.pixel().get(i).distance() >= found.pixel().get(i - 1).distance());
            assertTrue(found.feature().get(i).distance() >= found.feature().get(i - 1).distance());
        }
    }

    @Test
    void anchorsMakeAStripAndThePathSliderWalksFromTheFirstToTheLast() throws Exception {
        generator.use(weights(3));
        until(() -> vm.gridProperty().get().size() == ExploreViewModel.GRID, "the grid");
        List<float[]> samples = vm.gridLatents();
        vm.select(1);
        vm.addAnchor();
        vm.select(2);
        vm.addAnchor();
        // Added at once, before the image on show was redrawn: each thumbnail is still its own sample.
        until(() -> vm.anchorImagesProperty().get().size() == 2, "the anchors' thumbnails");
        assertSameImage(vm.gridProperty().get().get(1), vm.anchorImagesProperty().get().get(0));
        assertSameImage(vm.gridProperty().get().get(2), vm.anchorImagesProperty().get().get(1));
        vm.framesProperty().set(6);
        until(() -> vm.stripProperty().get().size() == 6, "a strip of 6");
        vm.sphericalProperty().set(false);
        vm.pathPositionProperty().set(0.5);
        assertArrayEquals(Interpolation.LERP.at(samples.get(1), samples.get(2), 0.5), vm.currentLatent(), 1e-6f);
        vm.pathPositionProperty().set(1);
        assertArrayEquals(samples.get(2), vm.currentLatent(), 0f);
        Path gif = tmp.resolve("walk.gif");
        vm.exportWalkGif(gif, 2, 80);
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            javax.imageio.ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(6 + 4, reader.getNumImages(true), "there and back: 6 frames, then 4 between the ends");
            assertEquals(64, reader.read(0).getWidth());
        }
        vm.removeAnchor(0);
        assertEquals(1, vm.anchors().size());
        until(() -> vm.stripProperty().get().isEmpty(), "no strip with one anchor");
    }

    /** Equal within one level per channel: a batch of 2 and one of 16 may round differently. */
    private static void assertSameImage(org.dcganstudio.app.Pixels expected, org.dcganstudio.app.Pixels actual) {
        assertEquals(expected.argb().length, actual.argb().length);
        for (int i = 0; i < expected.argb().length; i++) {
            for (int shift = 0; shift < 24; shift += 8) {
                int e = (expected.argb()[i] >> shift) & 0xFF;
                int a = (actual.argb()[i] >> shift) & 0xFF;
                assertTrue(Math.abs(e - a) <= 1, "pixel " + i + ": " + e + " vs " + a);
            }
        }
    }

    @Test
    void aLatentSentBeforeItsGeneratorIsShownWhenTheGeneratorArrives() throws Exception {
        float[] z = {1, 2, 3, 4, 5, 6, 7, 8};
        vm.show(z);
        generator.use(weights(4));
        assertArrayEquals(z, vm.currentLatent(), 0f);
        vm.show(new float[3]);
        assertTrue(vm.messageProperty().get().contains("3"), vm.messageProperty().get());
        assertArrayEquals(z, vm.currentLatent(), 0f, "a latent of the wrong size changes nothing");
    }

    @Test
    void batchStatisticsModeDrawsTheImageAmongTheGridAndLooksDifferent() throws Exception {
        generator.use(weights(5));
        until(() -> vm.imageProperty().get() != null, "the image");
        Thread.sleep(50);
        vm.refresh();
        Pixels eval = vm.imageProperty().get();
        vm.batchStatsProperty().set(true);
        until(() -> vm.imageProperty().get() != eval, "the batch-statistics image");
        assertFalse(Arrays.equals(eval.argb(), vm.imageProperty().get().argb()));
    }

    @Test
    void explorationsAndLatentsRoundTripAndPngsExportAtAScale() throws Exception {
        generator.use(weights(6));
        until(() -> vm.imageProperty().get() != null, "the image");
        vm.select(3);
        vm.addAnchor();
        vm.select(4);
        vm.addAnchor();
        vm.rawOffsets().get(1).set(0.5);
        float[] current = vm.currentLatent();
        Path json = tmp.resolve("walk.json");
        vm.saveExploration(json);
        Path npy = tmp.resolve("z.npy");
        vm.saveLatent(npy);

        vm.select(7);
        vm.resetSliders();
        vm.clearAnchors();
        vm.loadExploration(json);
        assertArrayEquals(current, vm.currentLatent(), 0f);
        assertEquals(2, vm.anchors().size());

        vm.resetSliders();
        vm.loadLatent(npy);
        assertArrayEquals(current, vm.currentLatent(), 1e-7f);

        until(() -> vm.imageProperty().get() != null, "the image");
        Path png = tmp.resolve("x4.png");
        vm.exportPng(png, 4);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img);
        assertEquals(128, img.getWidth());
        assertEquals(img.getRGB(0, 0), img.getRGB(3, 3), "nearest neighbour: 4×4 blocks");
        until(() -> vm.gridProperty().get().size() == ExploreViewModel.GRID, "the grid");
        Path gridPng = tmp.resolve("grid.png");
        vm.exportGridPng(gridPng, 2);
        BufferedImage sheet = ImageIO.read(gridPng.toFile());
        assertEquals(2 * (4 * (32 + 2) + 2), sheet.getWidth(), "4 columns of 32 px and 2 px of padding, 2×");
        assertEquals(sheet.getWidth(), sheet.getHeight(), "16 samples: 4 rows");
        assertEquals(vm.gridProperty().get().get(5).argb()[0], sheet.getRGB(2 * (2 + 34), 2 * (2 + 34)),
                "sample 5 in row 1, column 1");

        java.nio.file.Files.writeString(json, "{\"format\": \"something-else\"}");
        vm.loadExploration(json);
        assertTrue(vm.messageProperty().get().contains("walk.json"), vm.messageProperty().get());
    }

    @Test
    void aSweepGifMovesTheCurrentImageAlongASliderAndBackWithTheUnsweptImageInTheMiddle() throws Exception {
        generator.use(weights(8));
        until(() -> vm.imageProperty().get() != null, "the image");
        float[] unit = new float[8];
        unit[1] = 0.8f;
        unit[6] = -0.6f;
        vm.setDirections(List.of(new DirectionSlider("PC 1", unit, 1.3, 0.5)));
        vm.directions().get(0).valueProperty().set(0.7);
        vm.rawOffsets().get(3).set(-0.4);
        float[] current = vm.currentLatent();
        Pixels unswept = latestImage();

        List<float[]> latents = ExploreViewModel.sweep(current, unit, 1.3, ExploreViewModel.SWEEP_RANGE,
                ExploreViewModel.SWEEP_STEPS);
        assertEquals(ExploreViewModel.SWEEP_STEPS + 1, latents.size());
        assertArrayEquals(current, latents.get(ExploreViewModel.SWEEP_STEPS / 2), 0f, "the middle is not moved at all");
        assertArrayEquals(Vectors.addScaled(current, unit, -2.5 * 1.3), latents.get(0), 1e-6f);
        assertArrayEquals(Vectors.addScaled(current, unit, 2.5 * 1.3), latents.get(ExploreViewModel.SWEEP_STEPS), 1e-6f);

        Path gif = tmp.resolve("sweep.gif");
        vm.exportDirectionSweepGif(0, gif, 2, 80);
        assertFalse(vm.exportingProperty().get());
        assertTrue(vm.messageProperty().get().contains("48 frames"), vm.messageProperty().get());
        GifFiles.Decoded read = GifFiles.read(gif);
        int forward = ExploreViewModel.SWEEP_STEPS + 1;
        assertEquals(2 * forward - 2, read.frames().size(), "−2.5σ to +2.5σ in 25 frames, then 23 back");
        assertEquals(64, read.width());
        assertEquals(64, read.height());
        assertEquals(8, read.delays().get(0));
        assertArrayEquals(new byte[] {1, 0, 0}, read.loop(), "loops forever");
        for (int i = 1; i < forward - 1; i++) {
            assertArrayEquals(read.frames().get(i), read.frames().get(2 * forward - 2 - i), "frame " + i + " on the way back");
        }
        // This untrained generator's frames hold fewer than 256 colours, so the GIF's palette is exact
        // and the unswept frame must be the image the sliders show, bit for bit.
        int[] shown = rgb(unswept.scaled(2));
        assertArrayEquals(shown, read.frames().get(ExploreViewModel.SWEEP_STEPS / 2), "the middle frame is the image");
        assertFalse(Arrays.equals(shown, read.frames().get(0)), "−2.5σ looks different");
        assertFalse(Arrays.equals(shown, read.frames().get(forward - 1)), "+2.5σ looks different");
    }

    private static int[] rgb(Pixels p) {
        int[] out = p.argb().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] &= 0xFFFFFF;
        }
        return out;
    }

    @Test
    void aCancelledSweepGifLeavesTheOldFileAndNoTemporaryFiles() throws Exception {
        generator.use(weights(10));
        until(() -> vm.imageProperty().get() != null, "the image");
        Path dir = java.nio.file.Files.createDirectories(tmp.resolve("out"));
        Path gif = dir.resolve("z2.gif");
        java.nio.file.Files.writeString(gif, "an older export");
        List<Double> seen = new java.util.ArrayList<>();
        javafx.beans.value.ChangeListener<Number> cancelOnceAQuarterIsWritten = (obs, was, now) -> {
            seen.add(now.doubleValue());
            if (now.doubleValue() > 0.25) {
                vm.cancelExport();
            }
        };
        vm.exportProgressProperty().addListener(cancelOnceAQuarterIsWritten);
        vm.exportDimensionSweepGif(2, gif, 4, 80);
        vm.exportProgressProperty().removeListener(cancelOnceAQuarterIsWritten);
        assertEquals("cancelled; nothing was written", vm.messageProperty().get());
        assertFalse(vm.exportingProperty().get());
        assertEquals(-1, seen.get(0), "indeterminate while the frames are drawn");
        assertTrue(seen.stream().anyMatch(v -> v > 0 && v < 1), "then the share of frames written: " + seen);
        assertEquals("an older export", java.nio.file.Files.readString(gif));
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            assertEquals(List.of(gif), files.toList(), "no temporary file left beside it");
        }

        Path blocked = dir.resolve("z2.gif").resolve("sweep.gif");
        vm.exportDimensionSweepGif(2, blocked, 1, 80);
        assertTrue(vm.messageProperty().get().startsWith("could not write sweep.gif"), vm.messageProperty().get());
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            assertEquals(List.of(gif), files.toList(), "a failed export leaves nothing either");
        }

        vm.exportDimensionSweepGif(2, gif, 1, 80);
        assertEquals(32, GifFiles.read(gif).width(), "after a cancel the next export runs: " + vm.messageProperty().get());
    }

    @Test
    void aSweepCancelledBeforeItsFramesAreDrawnWritesNothing() throws Exception {
        List<Runnable> waiting = new java.util.ArrayList<>();
        BackgroundTasks later = new BackgroundTasks() {
            @Override
            public <T> void run(java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> onDone,
                    java.util.function.Consumer<Throwable> onError) {
                waiting.add(() -> SAME_THREAD.run(work, onDone, onError));
            }

            @Override
            public void onUi(Runnable action) {
                action.run();
            }
        };
        generator.use(weights(11));
        ExploreViewModel deferred = new ExploreViewModel(generator, later);
        Path gif = tmp.resolve("never.gif");
        deferred.exportDimensionSweepGif(0, gif, 1, 80);
        assertTrue(deferred.exportingProperty().get());
        assertEquals(-1, deferred.exportProgressProperty().get(), "indeterminate until frames are drawn");
        deferred.exportDimensionSweepGif(1, tmp.resolve("second.gif"), 1, 80);
        assertEquals(1, waiting.size(), "one export at a time: " + deferred.messageProperty().get());
        deferred.cancelExport();
        waiting.get(0).run();
        assertEquals("cancelled; nothing was written", deferred.messageProperty().get());
        assertFalse(deferred.exportingProperty().get());
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(tmp)) {
            assertEquals(List.of(), files.toList());
        }
    }
}
