package org.dcganstudio.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.OptimizerSettings;
import org.dcganstudio.core.training.TrainConfig;
import org.dcganstudio.core.training.TrainingRun;
import org.dcganstudio.testing.DeferredTasks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportViewModelTest {

    @TempDir
    static Path tmp;

    static Path run;

    @BeforeAll
    static void trainATinyRun() throws Exception {
        run = tmp.resolve("run");
        TrainConfig config = new TrainConfig(new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL),
                OptimizerSettings.PAPER, 8, "solid-colours:64", 1, 20, 0, 5, 10, "cpu");
        TrainingRun.start(config, run, new TrainingRun.Listener() {}).run(() -> false);
    }

    @Test
    void theRunsGridsBecomeAGifWithProgressToTheEnd() throws Exception {
        ExportViewModel vm = new ExportViewModel(BackgroundTasks.SAME_THREAD);
        Path out = tmp.resolve("evolution.gif");
        vm.exportGif(out);
        assertTrue(vm.messageProperty().get().contains("run"), "no run yet: " + vm.messageProperty().get());
        vm.runDirProperty().set(run);
        vm.framesProperty().set(3);
        vm.exportGif(out);
        assertEquals(1.0, vm.progressProperty().get());
        assertFalse(vm.busyProperty().get());
        try (ImageInputStream in = ImageIO.createImageInputStream(out.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(3, reader.getNumImages(true), "3 of the grids at steps 0, 5, 10, 15, 20");
        }
        assertTrue(vm.messageProperty().get().contains("3 frames"), vm.messageProperty().get());
        assertEquals(out, vm.writtenProperty().get(), "the view plays what was written");
    }

    @Test
    void cellsKeepTheTopLeftCornerOfEachGridAndTooManyAreNamed() throws Exception {
        ExportViewModel vm = new ExportViewModel(BackgroundTasks.SAME_THREAD);
        vm.runDirProperty().set(run);
        vm.framesProperty().set(3);
        vm.captionProperty().set(false);
        assertEquals(0, vm.cellsProperty().get(), "the whole grid unless asked");
        assertEquals("all", ExportViewModel.cellsLabel(0));
        assertEquals("4×4", ExportViewModel.cellsLabel(4));
        vm.cellsProperty().set(2);
        Path out = tmp.resolve("corner.gif");
        vm.exportGif(out);
        int side = 2 * (32 + 2) + 2; // two 32-pixel cells and three borders
        try (ImageInputStream in = ImageIO.createImageInputStream(out.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(side, reader.getWidth(0));
            assertEquals(side, reader.getHeight(0));
        }
        assertTrue(vm.messageProperty().get().contains(side + "×" + side), vm.messageProperty().get());

        vm.cellsProperty().set(99);
        Path big = tmp.resolve("too-big.gif");
        vm.exportGif(big);
        assertFalse(Files.exists(big));
        assertEquals(null, vm.writtenProperty().get(), "nothing to play after a failure");
        assertTrue(vm.messageProperty().get().startsWith("could not export: cells 99×99: 99×99 cells do not fit"),
                vm.messageProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void cancellingLeavesNoFile() {
        DeferredTasks tasks = new DeferredTasks();
        ExportViewModel vm = new ExportViewModel(tasks);
        vm.runDirProperty().set(run);
        vm.progressProperty().addListener((obs, old, now) -> {
            if (now.doubleValue() > 0 && now.doubleValue() < 1) {
                vm.cancel();
            }
        });
        Path out = tmp.resolve("cancelled.gif");
        vm.exportGif(out);
        vm.exportGif(tmp.resolve("second.gif"));
        assertEquals(1, tasks.waiting(), "one export at a time");
        tasks.runAll();
        assertFalse(Files.exists(out));
        assertEquals("cancelled; nothing was written", vm.messageProperty().get());
        assertFalse(vm.busyProperty().get());
        assertEquals(0, vm.progressProperty().get());
    }
}
