package org.dcganstudio.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dcganstudio.core.io.RunDirectory;
import org.dcganstudio.core.io.RunLock;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The run directory's life: one writer, no overwriting, finite checkpoints, clean-up and restart. */
class RunLifeTest {

    private static final TrainingRun.Listener QUIET = new TrainingRun.Listener() {};

    @TempDir
    Path tmp;

    static TrainConfig tiny(long iterations, float lr, int checkpointEvery) {
        ModelConfig model = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);
        return new TrainConfig(model, OptimizerSettings.of(lr, OptimizerSettings.PAPER_BETA1), 8, "solid-colours:64",
                5, iterations, 0, 100, checkpointEvery, "cpu");
    }

    @Test
    void aSecondWriterOfARunningRunIsRefusedNamingTheFirst() throws Exception {
        Path dir = tmp.resolve("run");
        // Both pass the early checks before either writes: the lock alone keeps the second out.
        TrainingRun first = TrainingRun.start(tiny(4, 2e-4f, 2), dir, QUIET);
        TrainingRun second = TrainingRun.start(tiny(4, 2e-4f, 2), dir, QUIET);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<TrainingRun.Result> running = CompletableFuture.supplyAsync(() -> {
            try {
                return first.run((step, controls) -> {
                    inside.countDown();
                    await(release);
                    return TrainingRun.Decision.RUN;
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            assertTrue(inside.await(60, TimeUnit.SECONDS));
            String pid = "pid " + ProcessHandle.current().pid();
            RunLock.Held e = assertThrows(RunLock.Held.class, () -> second.run(() -> false));
            assertTrue(e.getMessage().contains(pid) && e.getMessage().contains("since"), e.getMessage());
            // The early check of a resume or a start names the writer too, before reading anything.
            RunLock.Held early = assertThrows(RunLock.Held.class, () -> TrainingRun.resume(dir, 0, QUIET));
            assertTrue(early.getMessage().contains(pid), early.getMessage());
            assertThrows(RunLock.Held.class, () -> TrainingRun.start(tiny(4, 2e-4f, 2), dir, QUIET));
        } finally {
            release.countDown();
        }
        assertEquals(4, running.get(60, TimeUnit.SECONDS).steps());
        assertTrue(RunLock.holder(dir).isEmpty());
        assertEquals(8, TrainingRun.resume(dir, 8, QUIET).run(() -> false).steps());
    }

    @Test
    void aFolderWithOtherFilesIsNotTrainedInto() throws IOException {
        // What the issue found overwritten: a folder with a run's files but no config.json.
        Path dir = tmp.resolve("mine");
        RunDirectory run = new RunDirectory(dir);
        Files.createDirectories(run.samples());
        Files.writeString(run.metrics(), "my numbers");
        Files.writeString(run.grid(0), "my picture");
        IOException e = assertThrows(IOException.class, () -> TrainingRun.start(tiny(2, 2e-4f, 2), dir, QUIET));
        assertTrue(e.getMessage().contains(dir + " is not empty") && e.getMessage().contains("metrics.csv, samples"),
                e.getMessage());
        assertEquals("my numbers", Files.readString(run.metrics()));
        assertEquals("my picture", Files.readString(run.grid(0)));
    }

    @Test
    void anExistingRunIsNotStartedAgainButAnEmptyFolderIs() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        TrainingRun.start(tiny(2, 2e-4f, 2), dir, QUIET).run(() -> false);
        IOException e = assertThrows(IOException.class, () -> TrainingRun.start(tiny(2, 2e-4f, 2), dir, QUIET));
        assertTrue(e.getMessage().contains("already holds a run") && e.getMessage().contains("--restart"),
                e.getMessage());
    }

    @Test
    void theTemporariesOfADeadWriterGoOnTheNextStartAndOthersStay() throws IOException {
        Path dir = tmp.resolve("run");
        TrainingRun.start(tiny(2, 2e-4f, 2), dir, QUIET).run(() -> false);
        RunDirectory run = new RunDirectory(dir);
        Path deadCheckpoint = Files.writeString(run.checkpoints().resolve(".step-000004.ckpt.5e1f.tmp"), "half");
        Path deadMetrics = Files.writeString(dir.resolve(".metrics.csv.a0.tmp"), "half");
        Path gifExport = Files.writeString(dir.resolve(".evolution.gif.a0.tmp"), "another writer's");
        List<String> said = new java.util.ArrayList<>();
        TrainingRun.resume(dir, 4, saying(said)).run(() -> false);
        assertFalse(Files.exists(deadCheckpoint));
        assertFalse(Files.exists(deadMetrics));
        assertTrue(Files.exists(gifExport), "not a run file: its writer holds no lock of the run");
        assertTrue(said.get(0).startsWith("removed 2 temporary file(s)"), said.toString());
    }

    @Test
    void aRunStoppedBeforeItsFirstCheckpointIsStartedOverWithItsFilesKeptAside() throws IOException {
        Path dir = tmp.resolve("run");
        List<String> said = new java.util.ArrayList<>();
        TrainingRun.start(tiny(4, 2e-4f, 2), dir, saying(said)).run((step, controls) -> TrainingRun.Decision.ABANDON);
        assertTrue(said.get(said.size() - 1).endsWith("the run has no checkpoint (start it over with --restart, or "
                + "from the studio's form)"), said.toString());
        RunDirectory run = new RunDirectory(dir);
        assertEquals(List.of(), run.checkpointFiles());
        IOException e = assertThrows(IOException.class, () -> TrainingRun.resume(dir, 0, QUIET));
        assertTrue(e.getMessage().contains("no checkpoint yet")
                && e.getMessage().contains("train --restart --run-dir " + dir), e.getMessage());

        byte[] firstGrid = Files.readAllBytes(run.grid(0));
        TrainingRun.Result r = TrainingRun.restart(dir, 0, QUIET).run(() -> false);
        assertEquals(4, r.steps());
        assertEquals(run.checkpoint(4), r.checkpoint());
        List<Path> aside;
        try (Stream<Path> s = Files.list(dir.resolve(RunDirectory.RESTARTED))) {
            aside = s.toList();
        }
        assertEquals(1, aside.size());
        RunDirectory old = new RunDirectory(aside.get(0));
        assertTrue(Files.exists(old.config()) && Files.exists(old.metrics()));
        assertEquals(java.nio.ByteBuffer.wrap(firstGrid), java.nio.ByteBuffer.wrap(Files.readAllBytes(old.grid(0))));
        assertEquals(tiny(4, 2e-4f, 2), Checkpoint.read(dir).config());
    }

    @Test
    void aFolderWithoutARunCannotBeRestarted() {
        IOException e = assertThrows(IOException.class, () -> TrainingRun.restart(tmp, 0, QUIET));
        assertTrue(e.getMessage().contains("holds no run to restart"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(floats = {1e8f, 1e20f})
    void aDivergedRunStopsNamingTheCheckpointItReallyKeptAndKeepsOnlyFiniteOnes(float lr) throws IOException {
        Path dir = tmp.resolve("run");
        TrainingDiverged e = assertThrows(TrainingDiverged.class,
                () -> TrainingRun.start(tiny(12, lr, 1), dir, QUIET).run(() -> false));
        List<Path> kept = new RunDirectory(dir).checkpointFiles();
        if (kept.isEmpty()) {
            assertTrue(e.getMessage().contains("no checkpoint was kept"), e.getMessage());
        } else {
            assertTrue(e.getMessage().contains("the last good checkpoint is " + kept.get(kept.size() - 1)),
                    e.getMessage());
        }
        for (Path f : kept) {
            Checkpoint c = Checkpoint.read(f);
            try (DcganTrainer t = new DcganTrainer(c.config().model(), c.config().optimizer(), Device.cpu(), 0)) {
                c.restore(t);
                assertNull(FiniteState.firstNonFinite(t), f.toString());
            }
        }
    }

    /** A listener that keeps the run's messages. */
    private static TrainingRun.Listener saying(List<String> said) {
        return new TrainingRun.Listener() {
            @Override
            public void onMessage(String message) {
                said.add(message);
            }
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
