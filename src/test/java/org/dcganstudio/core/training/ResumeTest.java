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
import java.util.Random;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.model.StateEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {

    private static final int BATCH = 8;

    static TrainConfig config(long iterations) {
        ModelConfig model = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);
        return new TrainConfig(model, OptimizerSettings.PAPER, BATCH, "solid-colours:64", 5, iterations, 0, 7, 10, "cpu");
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
            assertSameState(ta, tb);
            // the resumed run must also go on as the straight one would: one more step, same batch
            assertSameNextStep(ta, tb, new Random(3));
        }
        assertEquals(20, b.metrics().size());
        for (int i = 0; i < 20; i++) {
            MetricsRow x = a.metrics().get(i);
            MetricsRow y = b.metrics().get(i);
            // speed and wall time are the only columns allowed to differ
            assertEquals(List.of(x.step(), x.epoch(), x.lossD(), x.lossG(), x.dX(), x.dGz1(), x.dGz2()),
                    List.of(y.step(), y.epoch(), y.lossD(), y.lossG(), y.dX(), y.dGz1(), y.dGz2()),
                    "metrics of step " + (i + 1));
        }
        List<String> csv = Files.readAllLines(split.resolve("metrics.csv"));
        assertEquals(MetricsRow.HEADER, csv.get(0));
        assertEquals(21, csv.size(), "one row per step, none repeated by the resume");
        assertTrue(Files.exists(split.resolve("samples/step-000000.png")));
        assertTrue(Files.exists(split.resolve("samples/step-000007.png")));
        assertTrue(Files.exists(split.resolve("checkpoints/step-000010.ckpt")));
    }

    @Test
    void aCheckpointRestoresEverythingTheNextStepDependsOn(@TempDir Path tmp) throws Exception {
        TrainConfig config = config(3);
        Random r = new Random(5);
        Path file = tmp.resolve("step-000003.ckpt");
        try (DcganTrainer trained = new DcganTrainer(config.model(), OptimizerSettings.PAPER, Device.cpu(), 1);
                DcganTrainer restored = new DcganTrainer(config.model(), OptimizerSettings.PAPER, Device.cpu(), 2)) {
            trained.optimizerD().setLearningRate(1e-4f);
            for (int i = 0; i < 3; i++) {
                float[][] batch = batch(r);
                trained.step(batch[0], batch[1], BATCH);
            }
            trained.drainStats();
            Checkpoint.write(file, config, trained, new float[64 * 8], List.of(), 1.0);
            // another seed, so whatever restore leaves out shows as a difference
            Checkpoint.read(file).restore(restored);
            assertSameState(trained, restored);
            assertSameNextStep(trained, restored, r);
        }
    }

    /** A batch of real images in [-1, 1] and its noise, for the tiny model of {@link #config}. */
    private static float[][] batch(Random r) {
        float[] real = new float[BATCH * 3 * 32 * 32];
        float[] noise = new float[BATCH * 8];
        for (int i = 0; i < real.length; i++) {
            real[i] = r.nextFloat() * 2 - 1;
        }
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) r.nextGaussian();
        }
        return new float[][] {real, noise};
    }

    /** Both trainers take the same step: same losses, D(x), D(G(z)), and the same state after. */
    private static void assertSameNextStep(DcganTrainer a, DcganTrainer b, Random r) {
        float[][] batch = batch(r);
        a.step(batch[0], batch[1], BATCH);
        b.step(batch[0], batch[1], BATCH);
        assertArrayEquals(a.drainStats()[0], b.drainStats()[0], "the next step's losses, D(x) and D(G(z))");
        assertSameState(a, b);
    }

    /**
     * Everything a next step depends on, bit for bit: noise and shuffling are pure functions of
     * (seed, step), so nothing may differ at all.
     */
    private static void assertSameState(DcganTrainer a, DcganTrainer b) {
        assertEquals(a.steps(), b.steps(), "trainer steps");
        assertSameEntries(a.generator().stateEntries(), b.generator().stateEntries(), "G ");
        assertSameEntries(a.discriminator().stateEntries(), b.discriminator().stateEntries(), "D ");
        assertSameMoments(a.optimizerG(), b.optimizerG(), "adam_G ");
        assertSameMoments(a.optimizerD(), b.optimizerD(), "adam_D ");
    }

    private static void assertSameEntries(List<StateEntry> a, List<StateEntry> b, String what) {
        assertEquals(a.size(), b.size(), what + "entries");
        for (int i = 0; i < a.size(); i++) {
            String key = what + a.get(i).key();
            assertEquals(a.get(i).key(), b.get(i).key());
            if (a.get(i).isCounter()) {
                assertEquals(a.get(i).counterOf().getBatchesTracked(), b.get(i).counterOf().getBatchesTracked(), key);
            } else {
                assertArrayEquals(a.get(i).array().toFloatArray(), b.get(i).array().toFloatArray(), key);
            }
        }
    }

    private static void assertSameMoments(AdamOptimizer a, AdamOptimizer b, String what) {
        assertEquals(a.steps(), b.steps(), what + "step count");
        assertEquals(a.learningRate(), b.learningRate(), what + "learning rate");
        assertEquals(a.params().size(), b.params().size(), what + "parameters");
        for (int i = 0; i < a.params().size(); i++) {
            String key = what + a.params().get(i).key();
            assertArrayEquals(a.means()[i].toFloatArray(), b.means()[i].toFloatArray(), key + ".exp_avg");
            assertArrayEquals(a.variances()[i].toFloatArray(), b.variances()[i].toFloatArray(), key + ".exp_avg_sq");
        }
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
