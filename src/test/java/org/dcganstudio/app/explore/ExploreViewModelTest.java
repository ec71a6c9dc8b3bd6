package org.dcganstudio.app.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javafx.beans.value.ChangeListener;
import javax.imageio.ImageIO;
import org.dcganstudio.app.ActiveGenerator;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.app.ExportSlot;
import org.dcganstudio.app.Pixels;
import org.dcganstudio.core.latent.Interpolation;
import org.dcganstudio.core.latent.Vectors;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.render.GeneratorOrigin;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.core.render.SameThreadRenderer;
import org.dcganstudio.core.training.OptimizerSettings;
import org.dcganstudio.core.training.TrainConfig;
import org.dcganstudio.core.training.TrainingRun;
import org.dcganstudio.testing.DeferredTasks;
import org.dcganstudio.testing.GifFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Explore view's behaviour through its ViewModel. Everything runs on the test's thread: the
 * renderer draws each request as it is submitted and {@link ExploreViewModel#refresh()} shows it,
 * as the view's frame timer would.
 */
class ExploreViewModelTest {

    static final ModelConfig TINY = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);

    @TempDir
    Path tmp;

    private ActiveGenerator generator;
    private ExploreViewModel vm;

    static GeneratorWeights weights(ModelConfig config, long seed) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); Generator g = new Generator(config, m, seed)) {
            return GeneratorWeights.of(g, 7, "tiny " + seed);
        }
    }

    static GeneratorWeights weights(long seed) {
        return weights(TINY, seed);
    }

    @BeforeEach
    void open() {
        generator = new ActiveGenerator(BackgroundTasks.SAME_THREAD, null, new SameThreadRenderer(Device.cpu()));
        vm = new ExploreViewModel(generator, BackgroundTasks.SAME_THREAD);
    }

    @AfterEach
    void close() {
        generator.close();
    }

    /** Loads weights and shows what they drew. */
    private void use(long seed) {
        generator.use(weights(seed));
        vm.refresh();
    }

    /** The current image once what was asked for is shown. */
    private Pixels image() {
        vm.refresh();
        return vm.imageProperty().get();
    }

    @Test
    void aLoadedGeneratorShowsAnImageAndAGridAndClickingASampleSelectsIt() {
        assertFalse(vm.readyProperty().get());
        use(1);
        assertTrue(vm.readyProperty().get());
        assertEquals(LatentCursor.GRID, vm.gridProperty().get().size());
        assertEquals(32, vm.imageProperty().get().width());
        assertTrue(vm.renderMillisProperty().get() > 0);
        List<float[]> samples = vm.gridLatents();
        assertArrayEquals(samples.get(0), vm.currentLatent(), 0f, "the first sample starts as current");

        vm.select(5);
        assertArrayEquals(samples.get(5), vm.currentLatent(), 0f);
        assertArrayEquals(vm.gridProperty().get().get(5).argb(), image().argb(),
                "the current image is grid sample 5, drawn alone in eval mode");

        List<Pixels> grid = vm.gridProperty().get();
        vm.newSamples();
        assertFalse(Arrays.equals(samples.get(0), vm.gridLatents().get(0)), "new samples");
        vm.refresh();
        assertFalse(Arrays.equals(grid.get(0).argb(), vm.gridProperty().get().get(0).argb()), "drawn anew");
        assertArrayEquals(samples.get(5), vm.currentLatent(), 0f, "the current image stays");
    }

    @Test
    void slidersMoveTheLatentAlongTheirDirectionsAndResetPutsItBack() {
        use(2);
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
        assertFalse(Arrays.equals(before.argb(), image().argb()), "a re-rendered image");
        vm.resetSliders();
        assertArrayEquals(base, vm.currentLatent(), 0f);
        assertEquals(0, vm.directions().get(0).valueProperty().get());
        assertEquals(0, vm.rawOffsets().get(0).get());
        assertArrayEquals(before.argb(), image().argb(), "the image of the base again");
    }

    @Test
    void foundDirectionsBecomeSlidersOrderedByTheirShareOfVariance() {
        use(9);
        vm.findDirections();
        assertFalse(vm.findingDirectionsProperty().get());
        assertEquals("8 directions found", vm.messageProperty().get());
        assertEquals(8, vm.directions().size(), "min(10, nz = 8) directions");
        for (int i = 0; i < 8; i++) {
            DirectionSlider d = vm.directions().get(i);
            assertEquals("PC " + (i + 1), d.name());
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
    void directionsFoundForAGeneratorThatWasReplacedMeanwhileAreDropped() {
        DeferredTasks later = new DeferredTasks();
        ExploreViewModel deferred = new ExploreViewModel(generator, later);
        generator.use(weights(9));
        deferred.findDirections();
        assertTrue(deferred.findingDirectionsProperty().get());
        assertEquals("finding directions…", deferred.messageProperty().get());
        deferred.findDirections();
        assertEquals(1, later.waiting(), "one search at a time");
        generator.use(weights(10));
        later.runAll();
        assertFalse(deferred.findingDirectionsProperty().get());
        assertEquals("the generator changed while directions were found: find them again",
                deferred.messageProperty().get());
        assertTrue(deferred.directions().isEmpty());
    }

    @Test
    void theMemorisationCheckFindsTheNearestTrainingImagesOfTheCurrentOne() throws Exception {
        vm.findNeighbours();
        generator.use(weights(12));
        vm.findNeighbours();
        assertTrue(vm.messageProperty().get().contains("open a checkpoint"), vm.messageProperty().get());

        Path run = tmp.resolve("run");
        TrainConfig config = new TrainConfig(TINY, OptimizerSettings.PAPER, 4, "solid-colours:40", 1, 2, 0, 5, 10, "cpu");
        TrainingRun.start(config, run, new TrainingRun.Listener() {}).run(() -> false);
        generator.open(run);
        assertEquals(run, generator.weightsProperty().get().from().checkpoint().orElseThrow());
        vm.findNeighbours();
        assertFalse(vm.searchingNeighboursProperty().get());
        TrainingNeighbours found = vm.neighboursProperty().get();
        assertNotNull(found, vm.messageProperty().get());
        assertEquals("searched 40 training images of solid-colours:40", vm.messageProperty().get());
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
        use(3);
        List<float[]> samples = vm.gridLatents();
        vm.select(1);
        vm.addAnchor();
        vm.select(2);
        vm.addAnchor();
        vm.refresh();
        // Thumbnails are drawn from the anchors' latents: each is its own sample.
        assertEquals(2, vm.anchors().size());
        assertEquals(2, vm.anchorImagesProperty().get().size());
        assertSameImage(vm.gridProperty().get().get(1), vm.anchorImagesProperty().get().get(0));
        assertSameImage(vm.gridProperty().get().get(2), vm.anchorImagesProperty().get().get(1));
        assertEquals(10, vm.stripProperty().get().size(), "10 frames unless asked");
        vm.framesProperty().set(6);
        vm.refresh();
        assertEquals(6, vm.stripProperty().get().size());
        assertSameImage(vm.gridProperty().get().get(1), vm.stripProperty().get().get(0));
        assertSameImage(vm.gridProperty().get().get(2), vm.stripProperty().get().get(5));

        vm.sphericalProperty().set(false);
        vm.pathPositionProperty().set(0.5);
        assertArrayEquals(Interpolation.LERP.at(samples.get(1), samples.get(2), 0.5), vm.currentLatent(), 1e-6f);
        vm.sphericalProperty().set(true);
        vm.pathPositionProperty().set(0.25);
        assertArrayEquals(Interpolation.SLERP.at(samples.get(1), samples.get(2), 0.25), vm.currentLatent(), 1e-6f);
        vm.pathPositionProperty().set(1);
        assertArrayEquals(samples.get(2), vm.currentLatent(), 0f);

        Path gif = tmp.resolve("walk.gif");
        vm.exportWalkGif(gif, 2, 80);
        assertEquals("exported walk.gif: 10 frames", vm.messageProperty().get());
        GifFiles.Decoded read = GifFiles.read(gif);
        assertEquals(6 + 4, read.frames().size(), "there and back: 6 frames, then 4 between the ends");
        assertEquals(64, read.width());

        vm.removeAnchor(0);
        assertEquals(1, vm.anchors().size());
        assertTrue(vm.stripProperty().get().isEmpty(), "no strip with one anchor");
        vm.refresh();
        assertEquals(1, vm.anchorImagesProperty().get().size());
        assertTrue(vm.stripProperty().get().isEmpty(), "the strip of the removed anchor does not come back");
        vm.exportWalkGif(tmp.resolve("none.gif"), 2, 80);
        assertEquals("add two anchors first: the walk goes through them", vm.messageProperty().get());
        vm.clearAnchors();
        vm.refresh();
        assertTrue(vm.anchors().isEmpty());
        assertTrue(vm.anchorImagesProperty().get().isEmpty());
    }

    /** Equal within one level per channel: a batch of 2 and one of 16 may round differently. */
    private static void assertSameImage(Pixels expected, Pixels actual) {
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
    void aLatentSentBeforeItsGeneratorIsShownWhenTheGeneratorArrives() {
        float[] z = {1, 2, 3, 4, 5, 6, 7, 8};
        vm.show(z);
        generator.use(weights(4));
        assertArrayEquals(z, vm.currentLatent(), 0f);
        vm.show(new float[3]);
        assertEquals("that latent has 3 values; the generator here takes 8", vm.messageProperty().get());
        assertArrayEquals(z, vm.currentLatent(), 0f, "a latent of the wrong size changes nothing");
    }

    @Test
    void aGeneratorOfAnotherLatentSpaceStartsOverAndOneOfTheSameSpaceKeepsWhatWasFound() {
        use(5);
        vm.setDirections(List.of(new DirectionSlider("PC 1", new float[] {1, 0, 0, 0, 0, 0, 0, 0}, 1, 1)));
        vm.addAnchor();
        vm.select(3);
        vm.addAnchor();
        float[] current = vm.currentLatent();
        vm.refresh();
        List<Pixels> strip = vm.stripProperty().get();
        use(6);
        assertArrayEquals(current, vm.currentLatent(), 0f, "retrained weights: the same latent");
        assertEquals(1, vm.directions().size());
        assertEquals(2, vm.anchors().size());
        assertEquals(strip.size(), vm.stripProperty().get().size());
        assertFalse(Arrays.equals(strip.get(0).argb(), vm.stripProperty().get().get(0).argb()),
                "the strip is drawn with the new weights");

        ModelConfig wider = new ModelConfig(32, 3, 16, 4, 4, LatentPrior.NORMAL);
        generator.use(weights(wider, 7));
        vm.refresh();
        assertEquals("directions belong to the previous generator: find them again", vm.messageProperty().get());
        assertTrue(vm.directions().isEmpty());
        assertTrue(vm.anchors().isEmpty());
        assertTrue(vm.stripProperty().get().isEmpty());
        assertEquals(16, vm.rawOffsets().size());
        assertEquals(16, vm.currentLatent().length);
        assertArrayEquals(vm.gridLatents().get(0), vm.currentLatent(), 0f);
        assertEquals(LatentCursor.GRID, vm.gridProperty().get().size());
    }

    @Test
    void batchStatisticsModeDrawsTheImageAmongTheGridAndLooksDifferent() {
        use(5);
        Pixels eval = vm.imageProperty().get();
        List<Pixels> evalGrid = vm.gridProperty().get();
        vm.batchStatsProperty().set(true);
        assertFalse(Arrays.equals(eval.argb(), image().argb()));
        assertFalse(Arrays.equals(evalGrid.get(0).argb(), vm.gridProperty().get().get(0).argb()));
        vm.batchStatsProperty().set(false);
        assertArrayEquals(eval.argb(), image().argb(), "eval mode again");
    }

    @Test
    void weightsThatCannotBeLoadedAreReportedByTheImage() {
        use(5);
        generator.use(new GeneratorWeights(TINY, new byte[] {1, 2, 3}, 0, new GeneratorOrigin.Named("a broken file")));
        vm.refresh();
        assertTrue(vm.messageProperty().get().startsWith("a broken file: "), vm.messageProperty().get());
    }

    @Test
    void explorationsAndLatentsRoundTripAndPngsExportAtAScale() throws Exception {
        use(6);
        vm.select(3);
        vm.addAnchor();
        vm.select(4);
        vm.addAnchor();
        vm.framesProperty().set(5);
        vm.sphericalProperty().set(false);
        vm.pathPositionProperty().set(0.4);
        vm.select(5);
        vm.setDirections(List.of(new DirectionSlider("PC 1", new float[] {0, 1, 0, 0, 0, 0, 0, 0}, 1, 1)));
        vm.directions().get(0).valueProperty().set(0.3);
        vm.rawOffsets().get(1).set(0.5);
        float[] current = vm.currentLatent();
        Path json = tmp.resolve("walk.json");
        vm.saveExploration(json);
        assertEquals("saved walk.json", vm.messageProperty().get());
        Path npy = tmp.resolve("z.npy");
        vm.saveLatent(npy);

        vm.select(7);
        vm.resetSliders();
        vm.clearAnchors();
        vm.framesProperty().set(3);
        vm.sphericalProperty().set(true);
        vm.loadExploration(json);
        assertEquals("restored", vm.messageProperty().get());
        assertArrayEquals(current, vm.currentLatent(), 0f, "the saved base, not the point at the path's position");
        assertEquals(2, vm.anchors().size());
        assertEquals(5, vm.framesProperty().get());
        assertFalse(vm.sphericalProperty().get());
        assertEquals(0.4, vm.pathPositionProperty().get());
        vm.refresh();
        assertEquals(5, vm.stripProperty().get().size());

        ExploreViewModel fresh = new ExploreViewModel(generator, BackgroundTasks.SAME_THREAD);
        fresh.loadExploration(json);
        assertEquals("restored; find directions again to use its 1 direction positions",
                fresh.messageProperty().get());

        vm.resetSliders();
        vm.loadLatent(npy);
        assertArrayEquals(current, vm.currentLatent(), 1e-7f);

        Path png = tmp.resolve("x4.png");
        vm.refresh();
        vm.exportPng(png, 4);
        assertEquals("exported x4.png", vm.messageProperty().get());
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img);
        assertEquals(128, img.getWidth());
        assertEquals(img.getRGB(0, 0), img.getRGB(3, 3), "nearest neighbour: 4×4 blocks");
        Path gridPng = tmp.resolve("grid.png");
        vm.exportGridPng(gridPng, 2);
        BufferedImage sheet = ImageIO.read(gridPng.toFile());
        assertEquals(2 * (4 * (32 + 2) + 2), sheet.getWidth(), "4 columns of 32 px and 2 px of padding, 2×");
        assertEquals(sheet.getWidth(), sheet.getHeight(), "16 samples: 4 rows");
        assertEquals(vm.gridProperty().get().get(5).argb()[0], sheet.getRGB(2 * (2 + 34), 2 * (2 + 34)),
                "sample 5 in row 1, column 1");
        Path stripPng = tmp.resolve("strip.png");
        vm.exportStripPng(stripPng, 1);
        BufferedImage row = ImageIO.read(stripPng.toFile());
        assertEquals(5 * (32 + 2) + 2, row.getWidth(), "one row of the strip's 5 frames");
        assertEquals(32 + 2 * 2, row.getHeight());

        Files.writeString(json, "{\"format\": \"something-else\"}");
        vm.loadExploration(json);
        assertTrue(vm.messageProperty().get().contains("walk.json"), vm.messageProperty().get());
    }

    @Test
    void aSweepGifMovesTheCurrentImageAlongASliderAndBackWithTheUnsweptImageInTheMiddle() throws Exception {
        use(8);
        float[] unit = new float[8];
        unit[1] = 0.8f;
        unit[6] = -0.6f;
        vm.setDirections(List.of(new DirectionSlider("PC 1", unit, 1.3, 0.5)));
        vm.directions().get(0).valueProperty().set(0.7);
        vm.rawOffsets().get(3).set(-0.4);
        float[] current = vm.currentLatent();
        Pixels unswept = image();

        List<float[]> latents = ExploreExports.sweep(current, unit, 1.3, ExploreExports.SWEEP_RANGE,
                ExploreExports.SWEEP_STEPS);
        assertEquals(ExploreExports.SWEEP_STEPS + 1, latents.size());
        assertArrayEquals(current, latents.get(ExploreExports.SWEEP_STEPS / 2), 0f, "the middle is not moved at all");
        assertArrayEquals(Vectors.addScaled(current, unit, -2.5 * 1.3), latents.get(0), 1e-6f);
        assertArrayEquals(Vectors.addScaled(current, unit, 2.5 * 1.3), latents.get(ExploreExports.SWEEP_STEPS), 1e-6f);

        Path gif = tmp.resolve("sweep.gif");
        vm.exportDirectionSweepGif(0, gif, 2, 80);
        assertFalse(vm.exportingProperty().get());
        assertEquals(1, vm.exportProgressProperty().get());
        assertEquals("exported sweep.gif: 48 frames", vm.messageProperty().get());
        GifFiles.Decoded read = GifFiles.read(gif);
        int forward = ExploreExports.SWEEP_STEPS + 1;
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
        assertArrayEquals(shown, read.frames().get(ExploreExports.SWEEP_STEPS / 2), "the middle frame is the image");
        assertFalse(Arrays.equals(shown, read.frames().get(0)), "−2.5σ looks different");
        assertFalse(Arrays.equals(shown, read.frames().get(forward - 1)), "+2.5σ looks different");

        Path dimension = tmp.resolve("z3.gif");
        vm.exportDimensionSweepGif(3, dimension, 1, 80);
        assertEquals("exported z3.gif: 48 frames", vm.messageProperty().get());
        vm.exportDimensionSweepGif(8, tmp.resolve("z8.gif"), 1, 80);
        vm.exportDirectionSweepGif(1, tmp.resolve("pc2.gif"), 1, 80);
        assertFalse(Files.exists(tmp.resolve("z8.gif")) || Files.exists(tmp.resolve("pc2.gif")),
                "no such dimension or direction");
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
        DeferredTasks later = new DeferredTasks();
        ExploreViewModel deferred = new ExploreViewModel(generator, later);
        generator.use(weights(10));
        Path dir = Files.createDirectories(tmp.resolve("out"));
        Path gif = dir.resolve("z2.gif");
        Files.writeString(gif, "an older export");
        List<Double> seen = new ArrayList<>();
        ChangeListener<Number> cancelOnceAQuarterIsWritten = (obs, was, now) -> {
            seen.add(now.doubleValue());
            if (now.doubleValue() > 0.25) {
                deferred.cancelExport();
            }
        };
        deferred.exportProgressProperty().addListener(cancelOnceAQuarterIsWritten);
        deferred.exportDimensionSweepGif(2, gif, 4, 80);
        assertEquals("exporting the sweep along z2…", deferred.messageProperty().get());
        later.runAll();
        deferred.exportProgressProperty().removeListener(cancelOnceAQuarterIsWritten);
        assertEquals(ExportSlot.CANCELLED, deferred.messageProperty().get());
        assertFalse(deferred.exportingProperty().get());
        assertEquals(-1, seen.get(0), "indeterminate while the frames are drawn");
        assertTrue(seen.stream().anyMatch(v -> v > 0 && v < 1), "then the share of frames written: " + seen);
        assertEquals(0, deferred.exportProgressProperty().get());
        assertEquals("an older export", Files.readString(gif));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(gif), files.toList(), "no temporary file left beside it");
        }

        Path blocked = dir.resolve("z2.gif").resolve("sweep.gif");
        vm.exportDimensionSweepGif(2, blocked, 1, 80);
        assertTrue(vm.messageProperty().get().startsWith("could not write sweep.gif"), vm.messageProperty().get());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(gif), files.toList(), "a failed export leaves nothing either");
        }

        deferred.exportDimensionSweepGif(2, gif, 1, 80);
        later.runAll();
        assertEquals(32, GifFiles.read(gif).width(), "after a cancel the next export runs: "
                + deferred.messageProperty().get());
    }

    @Test
    void aSweepCancelledBeforeItsFramesAreDrawnWritesNothing() throws Exception {
        DeferredTasks later = new DeferredTasks();
        generator.use(weights(11));
        ExploreViewModel deferred = new ExploreViewModel(generator, later);
        Path gif = tmp.resolve("never.gif");
        deferred.exportDimensionSweepGif(0, gif, 1, 80);
        assertTrue(deferred.exportingProperty().get());
        assertEquals(-1, deferred.exportProgressProperty().get(), "indeterminate until frames are drawn");
        deferred.exportDimensionSweepGif(1, tmp.resolve("second.gif"), 1, 80);
        assertEquals("an export is running: wait for it or cancel it", deferred.messageProperty().get());
        assertEquals(1, later.waiting(), "one export at a time");
        deferred.cancelExport();
        later.runAll();
        assertEquals(ExportSlot.CANCELLED, deferred.messageProperty().get());
        assertFalse(deferred.exportingProperty().get());
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(), files.toList());
        }
    }
}
