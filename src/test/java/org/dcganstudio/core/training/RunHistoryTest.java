package org.dcganstudio.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunHistoryTest {

    @TempDir
    Path tmp;

    private Path trainedRun() throws IOException {
        ModelConfig model = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);
        TrainConfig config = new TrainConfig(model, OptimizerSettings.PAPER, 8, "solid-colours:64", 5, 30, 0, 10, 10,
                "cpu");
        Path run = tmp.resolve("run");
        TrainingRun.start(config, run, new TrainingRun.Listener() {}).run(() -> false);
        return run;
    }

    /** The losses and D outputs of each row, without the timings. */
    private static List<List<Float>> statistics(List<MetricsRow> rows) {
        return rows.stream().map(r -> List.of(r.lossD(), r.lossG(), r.dX(), r.dGz1(), r.dGz2())).toList();
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void aRunAnotherWriterHoldsIsNotRolledBack() throws IOException {
        Path run = trainedRun();
        try (org.dcganstudio.core.io.RunLock writer = org.dcganstudio.core.io.RunLock.acquire(run)) {
            IOException e = assertThrows(org.dcganstudio.core.io.RunLock.Held.class,
                    () -> RunHistory.rollBack(run, run.resolve("checkpoints/step-000010.ckpt")));
            assertTrue(e.getMessage().contains(writer.holder()), e.getMessage());
        }
        assertEquals(run.resolve("checkpoints/step-000030.ckpt"), Checkpoint.latestIn(run));
        assertFalse(Files.exists(run.resolve("rolled-back")));
    }

    @Test
    void rollingBackKeepsTheLaterFilesAndResumesFromTheCheckpoint() throws IOException {
        Path run = trainedRun();
        Path ckpt10 = run.resolve("checkpoints/step-000010.ckpt");
        Path archive = RunHistory.rollBack(run, ckpt10);
        assertEquals(run.resolve("rolled-back"), archive.getParent());
        assertTrue(archive.getFileName().toString().endsWith("-from-step-10"), archive.toString());
        assertEquals(ckpt10, Checkpoint.latestIn(run));
        assertTrue(Files.exists(archive.resolve("checkpoints/step-000020.ckpt")));
        assertTrue(Files.exists(archive.resolve("checkpoints/step-000030.ckpt")));
        assertTrue(Files.exists(archive.resolve("samples/step-000030.png")));
        assertEquals(31, Files.readAllLines(archive.resolve("metrics.csv")).size());
        assertFalse(Files.exists(run.resolve("samples/step-000020.png")));

        TrainingRun.Result r = TrainingRun.resume(run, 0, new TrainingRun.Listener() {}).run(() -> false);
        assertEquals(30, r.steps());
        assertEquals(31, Files.readAllLines(run.resolve("metrics.csv")).size());
        // The same trajectory as the first time: the rolled-back checkpoint equals the new one.
        assertEquals(statistics(Checkpoint.read(archive.resolve("checkpoints/step-000030.ckpt")).metrics()),
                statistics(Checkpoint.read(run.resolve("checkpoints/step-000030.ckpt")).metrics()));
    }

    @Test
    void branchingCopiesTheRunUpToTheCheckpointAndLeavesTheOriginal() throws IOException {
        Path run = trainedRun();
        long before = count(run.resolve("checkpoints"));
        Path branch = RunHistory.branch(run, run.resolve("checkpoints/step-000020.ckpt"), tmp.resolve("branch"));
        assertEquals(before, count(run.resolve("checkpoints")));
        assertEquals(1, count(branch.resolve("checkpoints")));
        assertTrue(Files.exists(branch.resolve("samples/step-000020.png")));
        assertFalse(Files.exists(branch.resolve("samples/step-000030.png")));
        TrainingRun.Result r = TrainingRun.resume(branch, 25, new TrainingRun.Listener() {}).run(() -> false);
        assertEquals(25, r.steps());
        assertEquals(26, Files.readAllLines(branch.resolve("metrics.csv")).size());
        assertEquals(31, Files.readAllLines(run.resolve("metrics.csv")).size());
        assertThrows(IOException.class, () -> RunHistory.branch(run, run.resolve("checkpoints/step-000020.ckpt"),
                branch));
    }

    @Test
    void aCheckpointOfAnotherRunIsRefused() throws IOException {
        Path run = trainedRun();
        Path other = Files.createDirectories(tmp.resolve("other/checkpoints"));
        Path copy = Files.copy(run.resolve("checkpoints/step-000010.ckpt"), other.resolve("step-000010.ckpt"));
        IOException e = assertThrows(IOException.class, () -> RunHistory.rollBack(run, copy));
        assertTrue(e.getMessage().contains("is not a checkpoint of"), e.getMessage());
    }
}
