package org.dcganstudio.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.core.data.DataContext;
import org.dcganstudio.core.data.download.DatasetCache;
import org.dcganstudio.core.data.download.DatasetCatalog;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.session.TrainingSession;
import org.dcganstudio.core.training.OptimizerSettings;
import org.dcganstudio.core.training.TrainConfig;
import org.dcganstudio.core.training.TrainingRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Train ViewModel without a window: background work runs on the test thread. */
class TrainViewModelTest {

    @TempDir
    Path tmp;

    private TrainingSession session;
    private TrainViewModel vm;
    private int runs;

    @BeforeEach
    void setUp() {
        session = new TrainingSession(DataContext.offline());
        DatasetCache cache = new DatasetCache(tmp.resolve("cache"), DatasetCatalog.standard());
        vm = new TrainViewModel(session, BackgroundTasks.SAME_THREAD, cache, () -> tmp.resolve("run" + (++runs)));
    }

    @AfterEach
    void tearDown() {
        session.close();
    }

    private Path photos(int count) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("photos"));
        for (int i = 0; i < count; i++) {
            BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
            img.setRGB(i % 20, 3, 0xFFFFFF);
            ImageIO.write(img, "png", folder.resolve(String.format("p%02d.png", i)).toFile());
        }
        return folder;
    }

    private void tiny() {
        HyperParameters f = vm.form();
        f.field("image size").textProperty().set("32");
        f.field("nz").textProperty().set("8");
        f.field("ngf").textProperty().set("4");
        f.field("ndf").textProperty().set("4");
        f.field("batch").textProperty().set("4");
        f.field("epochs").textProperty().set("500");
        f.field("sample every").textProperty().set("4");
    }

    private void until(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            vm.refresh();
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(10);
        }
        fail("timed out waiting for " + what + " (state " + vm.stateTextProperty().get() + ", step " + vm.stepProperty().get() + ", message "
                + vm.messageProperty().get() + ")");
    }

    @Test
    void choosingAFolderInspectsItAndEnablesStart() throws Exception {
        tiny();
        Path folder = photos(12);
        vm.dataset().kindProperty().set(DatasetChoice.Kind.IMAGE_FOLDER);
        assertEquals("choose a folder", vm.dataset().errorProperty().get());
        assertFalse(vm.canStartProperty().get());
        vm.dataset().pathProperty().set(folder.toString());
        assertEquals(12, vm.dataset().countProperty().get());
        assertEquals("folder:" + folder, vm.dataset().specProperty().get());
        assertTrue(vm.dataset().descriptionProperty().get().startsWith("12 images, trained as 32×32×3"),
                vm.dataset().descriptionProperty().get());
        assertNotNull(vm.dataset().previewProperty().get());
        assertTrue(vm.canStartProperty().get());
    }

    @Test
    void aRunFillsChartsGridsAndTheTimelineAndObeysTheControls() throws Exception {
        tiny();
        vm.dataset().kindProperty().set(DatasetChoice.Kind.IMAGE_FOLDER);
        vm.dataset().pathProperty().set(photos(12).toString());
        vm.start();
        until(() -> vm.stepProperty().get() >= 3 && vm.gridProperty().get() != null, "steps and a grid");
        assertTrue(vm.metricsProperty().get().size() >= 3);
        assertEquals(1, vm.metricsProperty().get().step(0));
        assertTrue(vm.activeProperty().get());
        assertFalse(vm.canStartProperty().get());

        vm.pause();
        until(() -> vm.stateTextProperty().get().equals("paused"), "the pause");
        assertTrue(vm.canResumeProperty().get());
        assertFalse(vm.canPauseProperty().get());
        long at = vm.stepProperty().get();
        vm.step();
        until(() -> vm.stepProperty().get() == at + 1, "one step");

        vm.lrGProperty().set("-1");
        vm.applyLearningRates();
        assertEquals("lr G must be positive and finite, got -1.0", vm.lrErrorProperty().get());
        vm.lrGProperty().set("5e-4");
        vm.applyLearningRates();
        until(() -> vm.messageProperty().get().startsWith("learning rates now 0.000500 (G)"), "the change");
        assertEquals("", vm.lrErrorProperty().get());

        vm.save();
        until(() -> vm.checkpoints().size() == 1, "the saved checkpoint");

        // Scrub back to the first grid once a second one exists, then follow the live one again.
        vm.resume();
        until(() -> vm.gridSteps().size() >= 3, "more grids");
        assertEquals(0L, vm.gridSteps().get(0));
        vm.showGrid(0);
        assertEquals(0L, vm.gridProperty().get().step());
        assertEquals(0L, vm.shownGridStepProperty().get());
        vm.followLiveGrid();
        assertNull(vm.shownGridStepProperty().get());

        vm.stop();
        until(() -> vm.stateTextProperty().get().equals("stopped"), "the stop");
        assertTrue(vm.canStartProperty().get());

        // Branch from the saved checkpoint: a new run, paused there; the original keeps its files.
        Path original = vm.runDirProperty().get();
        Path saved = vm.checkpoints().get(0);
        int originalCheckpoints = vm.checkpoints().size();
        vm.branchFrom(saved);
        until(() -> !original.equals(vm.runDirProperty().get()) && vm.stateTextProperty().get().equals("paused"),
                "the branch, paused");
        assertEquals(at + 1, vm.stepProperty().get());
        assertTrue(Files.exists(original.resolve("checkpoints").resolve(saved.getFileName())));
        try (var files = Files.list(original.resolve("checkpoints"))) {
            assertEquals(originalCheckpoints, files.count());
        }
        vm.stop();
        until(() -> vm.stateTextProperty().get().equals("stopped"), "the branch's stop");
    }

    @Test
    void aRunDirectoryWrittenElsewhereIsFollowedThenContinuedHere() throws Exception {
        Path run = tmp.resolve("cli-run");
        ModelConfig model = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);
        TrainConfig config = new TrainConfig(model, OptimizerSettings.PAPER, 8, "solid-colours:64", 3, 30, 0, 10, 10, "cpu");
        TrainingRun.start(config, run, new TrainingRun.Listener() {}).run(() -> false);

        vm.follow(run);
        assertTrue(vm.followingProperty().get());
        until(() -> vm.stepProperty().get() == 30 && vm.gridProperty().get() != null, "the followed run");
        assertEquals("following", vm.stateTextProperty().get());
        assertEquals(30, vm.metricsProperty().get().size());
        assertEquals(3, vm.checkpoints().size());
        assertFalse(vm.activeProperty().get());
        vm.showGrid(10);
        assertEquals(10L, vm.gridProperty().get().step(), vm.messageProperty().get());
        Path png = tmp.resolve("grid-step-10.png");
        vm.exportGridPng(png, 3);
        assertEquals("saved step 10 as grid-step-10.png", vm.messageProperty().get());
        BufferedImage saved = ImageIO.read(png.toFile());
        GridPixels shown = vm.gridProperty().get();
        assertEquals(3 * shown.width(), saved.getWidth());
        assertEquals(3 * shown.height(), saved.getHeight());
        for (int y = 0; y < saved.getHeight(); y += 7) {
            for (int x = 0; x < saved.getWidth(); x += 5) {
                assertEquals(shown.argb()[(y / 3) * shown.width() + x / 3], saved.getRGB(x, y), "pixel " + x + "," + y);
            }
        }

        // Just written: another process may still be at it.
        vm.continueFollowedRun();
        assertTrue(vm.messageProperty().get().contains("still being written"), vm.messageProperty().get());
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(run.resolve("metrics.csv"), old);
        Files.setLastModifiedTime(run.resolve("config.json"), old);
        vm.continueFollowedRun();
        assertFalse(vm.followingProperty().get());
        until(() -> vm.stateTextProperty().get().equals("finished") && run.equals(vm.runDirProperty().get()),
                "the run continued here (already at its total)");
    }

    @Test
    void aFailedRunRaisesOneErrorReport() throws Exception {
        tiny();
        Path folder = photos(12);
        vm.dataset().kindProperty().set(DatasetChoice.Kind.IMAGE_FOLDER);
        vm.dataset().pathProperty().set(folder.toString());
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        vm.start();
        until(() -> vm.failureProperty().get() != null, "the failure");
        ErrorReport report = vm.failureProperty().get();
        assertEquals("The data set could not be read", report.title());
        assertTrue(report.detail().contains(folder.toString()), report.detail());
        vm.acknowledgeFailure();
        vm.refresh();
        assertNull(vm.failureProperty().get(), "the same failure is reported once");
    }
}
