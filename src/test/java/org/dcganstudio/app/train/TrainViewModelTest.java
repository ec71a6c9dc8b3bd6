package org.dcganstudio.app.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dcganstudio.core.io.RunLock;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.core.data.download.DatasetCache;
import org.dcganstudio.core.data.download.DatasetCatalog;
import org.dcganstudio.core.latent.Vectors;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.session.Failure;
import org.dcganstudio.core.session.MetricsSeries;
import org.dcganstudio.core.session.SampleGrid;
import org.dcganstudio.core.session.SessionCommand;
import org.dcganstudio.core.session.SessionState;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.core.training.MetricsRow;
import org.dcganstudio.core.training.OptimizerSettings;
import org.dcganstudio.core.training.TrainConfig;
import org.dcganstudio.core.training.TrainingRun;
import org.dcganstudio.testing.ScriptedTraining;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Train ViewModel without a window or a training thread: background work runs on the test
 * thread, and the training is scripted, so each snapshot the ViewModel sees is the one the test
 * publishes. Run directories are real ones, written by a short training run.
 */
class TrainViewModelTest {

    /** The tiny model on solid colours, 30 steps: grids at 0, 10, 20, 30 and checkpoints at 10, 20, 30. */
    private static final TrainConfig RECORDED = new TrainConfig(new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL),
            OptimizerSettings.PAPER, 8, "solid-colours:64", 3, 30, 0, 10, 10, "cpu");

    @TempDir
    Path tmp;

    private ScriptedTraining training;
    private TrainViewModel vm;
    private int runs;

    @BeforeEach
    void setUp() {
        training = new ScriptedTraining();
        DatasetCache cache = new DatasetCache(tmp.resolve("cache"), DatasetCatalog.standard());
        vm = new TrainViewModel(training, BackgroundTasks.SAME_THREAD, cache, () -> tmp.resolve("run" + (++runs)));
    }

    @AfterEach
    void tearDown() {
        vm.close();
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

    /** A run directory as the CLI writes it, with {@link #RECORDED}'s settings. */
    private Path recordedRun(String name) throws IOException {
        Path run = tmp.resolve(name);
        TrainingRun.start(RECORDED, run, new TrainingRun.Listener() {}).run(() -> false);
        return run;
    }

    private static Path checkpoint(Path run, long step) {
        return run.resolve(String.format("checkpoints/step-%06d.ckpt", step));
    }

    private static SampleGrid grid(Path run, long step) throws IOException {
        return SampleGrid.read(run, step, RECORDED.model().imageSize());
    }

    private static MetricsSeries metrics(int steps) {
        List<MetricsRow> rows = new ArrayList<>();
        for (int s = 1; s <= steps; s++) {
            rows.add(new MetricsRow(s, 0, 1.2f, 0.7f, 0.6f, 0.4f, 0.3f, 40, s));
        }
        return MetricsSeries.EMPTY.append(rows);
    }

    private static List<String> names(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** The form holds {@code c}'s settings, field by field. */
    private void assertFormShows(TrainConfig c) {
        HyperParameters expected = new HyperParameters();
        expected.load(c);
        for (HyperParameters.Field f : expected.fields()) {
            assertEquals(f.textProperty().get(), vm.form().field(f.name()).textProperty().get(), f.name());
        }
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
    void startSendsTheFormsRunAndTheControlsFollowItsState() throws Exception {
        tiny();
        vm.dataset().kindProperty().set(DatasetChoice.Kind.IMAGE_FOLDER);
        vm.dataset().pathProperty().set(photos(12).toString());
        vm.lrGProperty().set("1e-3"); // typed, never applied: the new run's rates replace it
        vm.start();
        assertEquals("2e-4", vm.lrGProperty().get());
        Path dir = tmp.resolve("run1");
        TrainConfig config = vm.form().toConfig(vm.dataset().specProperty().get(), 12);
        assertEquals(500 * 3, config.iterations(), "500 epochs of 12 images in batches of 4");
        assertEquals(List.of(new SessionCommand.Start(config, dir)), training.takeSent());

        training.publish(d -> d.run(SessionState.STARTING, dir, config));
        vm.refresh();
        assertEquals("starting", vm.stateTextProperty().get());
        assertEquals(dir, vm.runDirProperty().get());
        assertTrue(vm.activeProperty().get());
        assertFalse(vm.canStartProperty().get());

        training.publish(d -> d.state(SessionState.RUNNING).at(4, 1500, 3).speed(40, 150).metrics(metrics(4))
                .message("wrote samples/step-000004.png"));
        vm.refresh();
        assertEquals(4, vm.stepProperty().get());
        assertEquals(1500, vm.totalProperty().get());
        assertEquals(1, vm.epochProperty().get());
        assertEquals(1.0 / 3, vm.epochProgressProperty().get(), 1e-9);
        assertEquals(4.0 / 1500, vm.runProgressProperty().get(), 1e-9);
        assertEquals(40, vm.imagesPerSProperty().get());
        assertEquals("2m30s", vm.etaProperty().get());
        assertEquals(4, vm.metricsProperty().get().size());
        assertEquals(1, vm.metricsProperty().get().step(0));
        assertEquals("wrote samples/step-000004.png", vm.messageProperty().get());
        assertTrue(vm.canPauseProperty().get());
        assertFalse(vm.canResumeProperty().get());

        vm.togglePause();
        assertEquals(List.of(new SessionCommand.Pause()), training.takeSent());
        training.publish(d -> d.state(SessionState.PAUSED));
        vm.refresh();
        assertTrue(vm.canResumeProperty().get());
        assertFalse(vm.canPauseProperty().get());
        assertEquals("", vm.etaProperty().get(), "no ETA while paused");
        vm.step();
        vm.save();
        vm.togglePause();
        vm.slowMotionProperty().set(true);
        vm.stop();
        assertEquals(List.of(new SessionCommand.Step(), new SessionCommand.Save(), new SessionCommand.Continue(),
                new SessionCommand.SlowMotion(TrainViewModel.SLOW_MOTION_MILLIS), new SessionCommand.Stop()),
                training.takeSent());

        training.publish(d -> d.state(SessionState.STOPPED));
        vm.refresh();
        assertFalse(vm.activeProperty().get());
        assertTrue(vm.canStartProperty().get());
        vm.step();
        vm.stop();
        vm.save();
        assertEquals(List.of(), training.takeSent(), "no run holds the models");
        vm.togglePause();
        assertEquals(List.of(new SessionCommand.Start(config, tmp.resolve("run2"))), training.takeSent(),
                "Space starts a run when none is going");
    }

    @Test
    void learningRatesAreCheckedSentAndShownAsTheRunUsesThem() {
        TrainConfig config = RECORDED.withOptimizer(OptimizerSettings.of(1e-3f, 0.5f));
        training.publish(d -> d.run(SessionState.RUNNING, tmp.resolve("run"), config));
        vm.refresh();
        assertEquals("0.001", vm.lrGProperty().get());
        assertEquals("0.001", vm.lrDProperty().get());

        vm.lrGProperty().set("-1");
        vm.applyLearningRates();
        assertEquals("lr G must be positive and finite, got -1.0", vm.lrErrorProperty().get());
        vm.lrGProperty().set("5e-4");
        vm.lrDProperty().set("fast");
        vm.applyLearningRates();
        assertEquals("lr D must be a number, got 'fast'", vm.lrErrorProperty().get());
        assertEquals(List.of(), training.takeSent());
        vm.lrDProperty().set(" 3e-4 ");
        vm.applyLearningRates();
        assertEquals("", vm.lrErrorProperty().get());
        assertEquals(List.of(new SessionCommand.SetLearningRates(5e-4f, 3e-4f)), training.takeSent());

        // What the user types is kept while the run's rates stay as they were ...
        vm.lrGProperty().set("9e-4");
        training.publish(d -> d.at(5, 30, 8));
        vm.refresh();
        assertEquals("9e-4", vm.lrGProperty().get());
        // ... and replaced once the run uses other rates.
        OptimizerSettings changed = new OptimizerSettings(5e-4f, 3e-4f, 0.5f, 0.999f, 1e-8f);
        training.publish(d -> d.config(config.withOptimizer(changed)).message("learning rates now 0.000500 (G)"));
        vm.refresh();
        assertEquals("5e-4", vm.lrGProperty().get());
        assertEquals("3e-4", vm.lrDProperty().get());
        assertEquals("learning rates now 0.000500 (G)", vm.messageProperty().get());
    }

    @Test
    void theTimelineShowsEarlierGridsFromTheRunDirectoryAndFollowsTheNewestAgain() throws Exception {
        Path run = recordedRun("live");
        SampleGrid at10 = grid(run, 10);
        SampleGrid at20 = grid(run, 20);
        SampleGrid at30 = grid(run, 30);
        training.publish(d -> d.run(SessionState.RUNNING, run, RECORDED).grids(at20, List.of(0L, 10L, 20L)));
        vm.refresh();
        assertEquals(20L, vm.gridProperty().get().step());
        assertEquals(List.of(0L, 10L, 20L), vm.gridSteps());
        assertNull(vm.shownGridStepProperty().get());

        vm.showGrid(0);
        assertEquals(0L, vm.gridProperty().get().step());
        assertEquals(0L, vm.shownGridStepProperty().get());
        training.publish(d -> d.grids(at30, List.of(0L, 10L, 20L, 30L)));
        vm.refresh();
        assertEquals(0L, vm.gridProperty().get().step(), "the picked grid stays while scrubbing");
        assertEquals(List.of(0L, 10L, 20L, 30L), vm.gridSteps());

        vm.showCheckpoint(checkpoint(run, 10));
        assertEquals(10L, vm.gridProperty().get().step());
        vm.showCheckpoint(checkpoint(run, 15));
        assertEquals(10L, vm.gridProperty().get().step(), "no grid was recorded at step 15");
        vm.showGrid(30);
        assertNull(vm.shownGridStepProperty().get(), "picking the newest grid follows the live one");
        vm.showGrid(10);
        vm.followLiveGrid();
        assertEquals(30L, vm.gridProperty().get().step());
        assertNull(vm.shownGridStepProperty().get());

        vm.showGrid(5);
        assertTrue(vm.messageProperty().get().startsWith("could not read the grid of step 5: "),
                vm.messageProperty().get());
        // A rolled-back run lists fewer grids: the timeline starts over rather than growing.
        training.publish(d -> d.grids(at10, List.of(0L, 10L)));
        vm.refresh();
        assertEquals(List.of(0L, 10L), vm.gridSteps());
    }

    @Test
    void rollingBackAndBranchingContinueARunPausedWithItsSettingsInTheForm() throws Exception {
        Path run = recordedRun("history");
        List<Path> saved = List.of(checkpoint(run, 10), checkpoint(run, 20), checkpoint(run, 30));
        training.publish(d -> d.run(SessionState.PAUSED, run, RECORDED).checkpoints(saved));
        vm.refresh();
        assertEquals(saved, vm.checkpoints());
        vm.branchFrom(saved.get(1));
        assertEquals("stop the run before rolling back or branching", vm.messageProperty().get());
        assertEquals(List.of(), training.takeSent());
        training.publish(d -> d.state(SessionState.STOPPED));
        vm.refresh();

        vm.branchFrom(saved.get(1));
        Path branch = tmp.resolve("run1");
        assertEquals(List.of(new SessionCommand.Resume(branch, 0), new SessionCommand.Pause()), training.takeSent());
        assertEquals("branched " + branch + " from history at step-000020.ckpt", vm.messageProperty().get());
        assertEquals(List.of("step-000010.ckpt", "step-000020.ckpt", "step-000030.ckpt"),
                names(run.resolve("checkpoints")), "the original keeps its files");
        assertEquals(List.of("step-000020.ckpt"), names(branch.resolve("checkpoints")));
        assertFormShows(RECORDED);

        vm.form().resetToPaperDefaults();
        vm.rollBackTo(saved.get(0));
        assertEquals(List.of(new SessionCommand.Resume(run, 0), new SessionCommand.Pause()), training.takeSent());
        assertTrue(vm.messageProperty().get().startsWith("rolled back to step-000010.ckpt; later files kept in "),
                vm.messageProperty().get());
        assertEquals(List.of("step-000010.ckpt"), names(run.resolve("checkpoints")));
        assertFormShows(RECORDED);

        vm.rollBackTo(branch.resolve("checkpoints/step-000020.ckpt"));
        assertTrue(vm.messageProperty().get().startsWith("could not roll back: "), vm.messageProperty().get());
        assertEquals(List.of(), training.takeSent());
    }

    @Test
    void aRunDirectoryWrittenElsewhereIsFollowedThenContinuedHere() throws Exception {
        Path run = recordedRun("cli-run");
        vm.follow(run);
        assertTrue(vm.followingProperty().get());
        assertEquals("following " + run + " (read-only)", vm.messageProperty().get());
        assertFormShows(RECORDED);
        vm.refresh();
        assertEquals("following", vm.stateTextProperty().get());
        assertEquals(30, vm.stepProperty().get());
        assertEquals(30, vm.metricsProperty().get().size());
        assertEquals(30L, vm.gridProperty().get().step());
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

        // Not trained here: a clicked sample's latent comes from the run's checkpoint.
        List<Object[]> explored = new ArrayList<>();
        vm.setSampleTarget((z, dir, live) -> explored.add(new Object[] {z, dir, live}));
        vm.exploreSample(2);
        assertEquals(1, explored.size());
        assertArrayEquals(Vectors.row(Checkpoint.read(run).fixedNoise(), 8, 2), (float[]) explored.get(0)[0]);
        assertEquals(run, explored.get(0)[1]);
        assertEquals(false, explored.get(0)[2]);
        assertEquals("sample 3 sent to Explore", vm.messageProperty().get());

        // Its writer still holds the run: two writers would interleave its files.
        try (RunLock writer = RunLock.acquire(run)) {
            vm.continueFollowedRun();
            assertTrue(vm.messageProperty().get().contains("still being written by another process ("
                    + writer.holder() + ")"), vm.messageProperty().get());
        }
        assertEquals(List.of(), training.takeSent());
        vm.form().resetToPaperDefaults();
        vm.continueFollowedRun();
        assertFalse(vm.followingProperty().get());
        assertEquals(List.of(new SessionCommand.Resume(run, 0)), training.takeSent());
        assertFormShows(RECORDED);
        vm.refresh();
        assertEquals(SessionState.IDLE, vm.stateProperty().get(), "the training's own snapshots are shown again");
    }

    @Test
    void noOtherRunIsOpenedWhileOneTrains() {
        training.publish(d -> d.run(SessionState.RUNNING, tmp.resolve("here"), RECORDED));
        vm.refresh();
        vm.follow(tmp.resolve("elsewhere"));
        assertEquals("a run is in progress: stop it before opening another", vm.messageProperty().get());
        assertFalse(vm.followingProperty().get());
        vm.resumeRun(tmp.resolve("elsewhere"));
        assertEquals(List.of(), training.takeSent());

        vm.follow(tmp.resolve("here"));
        assertEquals("a run is in progress: stop it before opening another", vm.messageProperty().get());
        training.publish(d -> d.state(SessionState.STOPPED));
        vm.refresh();
        vm.follow(tmp.resolve("not-a-run"));
        assertEquals("could not open " + tmp.resolve("not-a-run") + ": " + tmp.resolve("not-a-run")
                + " is not a run directory: it has no config.json", vm.messageProperty().get());
        assertFalse(vm.followingProperty().get());
    }

    @Test
    void aSampleOfTheRunTrainingHereTakesItsLatentFromTheTraining() {
        Path dir = tmp.resolve("here");
        SampleGrid tiny = new SampleGrid(4, 2, 1, new int[2], 2, 1, 0);
        training.publish(d -> d.run(SessionState.RUNNING, dir, RECORDED).grids(tiny, List.of(0L, 4L)));
        float[] noise = new float[64 * 8];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = i;
        }
        training.setFixedNoise(noise);
        List<float[]> latents = new ArrayList<>();
        vm.setSampleTarget((z, runDir, live) -> {
            assertEquals(dir, runDir);
            assertTrue(live);
            latents.add(z);
        });
        List<Path> gifs = new ArrayList<>();
        vm.setEvolutionGifTarget(() -> gifs.add(vm.runDirProperty().get()));
        vm.exploreSample(0);
        vm.requestEvolutionGif();
        assertEquals(List.of(), latents, "nothing on show before the first refresh");
        assertEquals(List.of(), gifs);

        vm.refresh();
        vm.exploreSample(3);
        vm.exploreSample(64);
        assertEquals(1, latents.size(), "sample 65 is past the grid's 64");
        assertArrayEquals(Vectors.row(noise, 8, 3), latents.get(0));
        vm.requestEvolutionGif();
        assertEquals(List.of(dir), gifs);
    }

    @Test
    void aFailedRunRaisesOneErrorReport() {
        Failure failure = new Failure("The data set could not be read", "no images in /photos", "Choose another one.");
        training.publish(d -> d.run(SessionState.FAILED, tmp.resolve("bad"), RECORDED).failure(failure)
                .message(failure.title()));
        vm.refresh();
        ErrorReport report = vm.failureProperty().get();
        assertEquals(new ErrorReport(failure.title(), failure.detail(), failure.advice()), report);
        assertEquals("The data set could not be read", vm.messageProperty().get());
        assertEquals("failed", vm.stateTextProperty().get());
        vm.acknowledgeFailure();
        training.publish(d -> d.message("still failed"));
        vm.refresh();
        assertNull(vm.failureProperty().get(), "the same failure is reported once");

        Failure next = new Failure("Training diverged", "loss is NaN at step 7", "Lower the learning rates.");
        training.publish(d -> d.failure(next));
        vm.refresh();
        assertEquals("Training diverged", vm.failureProperty().get().title());
        vm.resumeRun(tmp.resolve("bad"));
        assertNull(vm.failureProperty().get(), "another run is shown");
    }
}
