package org.dcganstudio.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.model.StateEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {

    static TrainConfig config(long iterations) {
        ModelConfig model = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);
        return new TrainConfig(model, OptimizerSettings.PAPER, 8, "solid-colours:64", 5, iterations, 0, 7, 10, "cpu");
    }

    @Test
    void tenStepsSaveLoadTenStepsEqualsTwentyStraight(@TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        TrainingRun.start(config(20), straight, new TrainingRun.Listener() {}).run(() -> false);

        Path split = tmp.resolve("split");
        TrainingRun.Result first = TrainingRun.start(config(10), split, new TrainingRun.Listener() {}).run(() -> false);
        assertEquals(10, first.steps());
        TrainingRun.Result second = TrainingRun.resume(split, 20, new TrainingRun.Listener() {}).run(() -> false);
        assertEquals(20, second.steps());

        Checkpoint a = Checkpoint.read(straight);
        Checkpoint b = Checkpoint.read(split);
        assertEquals(20, a.step());
        assertEquals(20, b.step());
        try (DcganTrainer ta = new DcganTrainer(a.config().model(), OptimizerSettings.PAPER, Device.cpu(), 0);
                DcganTrainer tb = new DcganTrainer(b.config().model(), OptimizerSettings.PAPER, Device.cpu(), 0)) {
            a.restore(ta);
            b.restore(tb);
            List<StateEntry> ea = ta.generator().stateEntries();
            List<StateEntry> eb = tb.generator().stateEntries();
            for (int i = 0; i < ea.size(); i++) {
                if (!ea.get(i).isCounter()) {
                    assertArrayEquals(ea.get(i).array().toFloatArray(), eb.get(i).array().toFloatArray(), 1e-4f,
                            ea.get(i).key());
                }
            }
            assertArrayEquals(ta.discriminator().stateEntries().get(0).array().toFloatArray(),
                    tb.discriminator().stateEntries().get(0).array().toFloatArray(), 1e-4f);
        }
        assertEquals(20, b.metrics().size());
        for (int i = 0; i < 20; i++) {
            assertEquals(a.metrics().get(i).lossD(), b.metrics().get(i).lossD(), 1e-4, "loss_d at step " + (i + 1));
        }
        List<String> csv = Files.readAllLines(split.resolve("metrics.csv"));
        assertEquals(MetricsRow.HEADER, csv.get(0));
        assertEquals(21, csv.size(), "one row per step, none repeated by the resume");
        assertTrue(Files.exists(split.resolve("samples/step-000000.png")));
        assertTrue(Files.exists(split.resolve("samples/step-000007.png")));
        assertTrue(Files.exists(split.resolve("checkpoints/step-000010.ckpt")));
    }

    @Test
    void badCheckpointsNameWhatIsWrongAndChangeNothing(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        TrainingRun.start(config(10), run, new TrainingRun.Listener() {}).run(() -> false);
        Path good = Checkpoint.latestIn(run);
        byte[] bytes = Files.readAllBytes(good);

        Path truncated = tmp.resolve("truncated.ckpt");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> Checkpoint.read(truncated));
        assertTrue(e.getMessage().contains("truncated.ckpt") && e.getMessage().contains("corrupt or truncated"),
                e.getMessage());

        Path garbage = tmp.resolve("garbage.ckpt");
        Files.writeString(garbage, "not a checkpoint at all");
        e = assertThrows(IOException.class, () -> Checkpoint.read(garbage));
        assertTrue(e.getMessage().contains("garbage.ckpt"), e.getMessage());

        Path corrupt = tmp.resolve("corrupt.ckpt");
        byte[] flipped = bytes.clone();
        for (int i = bytes.length / 3; i < bytes.length / 3 + 64; i++) {
            flipped[i] ^= 0x5A;
        }
        Files.write(corrupt, flipped);
        assertThrows(IOException.class, () -> Checkpoint.read(corrupt));

        // a checkpoint of another architecture is refused before any weight changes
        Checkpoint ckpt = Checkpoint.read(good);
        ModelConfig other = new ModelConfig(32, 3, 8, 6, 4, LatentPrior.NORMAL);
        try (DcganTrainer t = new DcganTrainer(other, OptimizerSettings.PAPER, Device.cpu(), 1)) {
            float[] before = t.generator().stateEntries().get(0).array().toFloatArray();
            e = assertThrows(IOException.class, () -> ckpt.restore(t));
            assertTrue(e.getMessage().contains("checkpoint is for"), e.getMessage());
            assertArrayEquals(before, t.generator().stateEntries().get(0).array().toFloatArray());
        }
        assertArrayEquals(bytes, Files.readAllBytes(good), "the good checkpoint is untouched");
    }

    @Test
    void aStopRequestEndsTheRunWithACheckpoint(@TempDir Path tmp) throws Exception {
        int[] calls = {0};
        TrainingRun.Result r = TrainingRun.start(config(50), tmp.resolve("run"), new TrainingRun.Listener() {})
                .run(() -> ++calls[0] > 4);
        assertTrue(r.stopped());
        assertTrue(r.steps() < 50);
        assertEquals(r.steps(), Checkpoint.read(r.checkpoint()).step());
        assertFalse(Files.list(tmp.resolve("run/checkpoints")).anyMatch(p -> p.toString().endsWith(".tmp")));
    }
}
