package org.dcganstudio.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.dcganstudio.core.data.DataContext;
import org.dcganstudio.core.io.RunDirectory;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.OptimizerSettings;
import org.dcganstudio.core.training.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSessionTest {

    @TempDir
    Path tmp;

    static TrainConfig tiny(String data, long iterations) {
        ModelConfig model = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);
        return new TrainConfig(model, OptimizerSettings.PAPER, 8, data, 3, iterations, 0, 10, 10, "cpu");
    }

    static SessionSnapshot await(TrainingSession session, Predicate<SessionSnapshot> condition, String what) {
        return await(session, null, condition, what);
    }

    /** Waits on the session's snapshots, or the follower's when the session is null. */
    static SessionSnapshot await(TrainingSession session, RunFollower follower, Predicate<SessionSnapshot> condition,
            String what) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            SessionSnapshot s = session != null ? session.latest() : follower.latest();
            if (condition.test(s)) {
                return s;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        fail("timed out waiting for " + what + "; last snapshot: "
                + (session != null ? session.latest() : follower.latest()));
        return null;
    }

    @Test
    void aRunPublishesMetricsGridsAndCheckpointsUntilItFinishes() throws Exception {
        try (TrainingSession session = new TrainingSession(DataContext.offline())) {
            Path run = tmp.resolve("run");
            session.send(new SessionCommand.Start(tiny("solid-colours:64", 25), run));
            SessionSnapshot done = await(session, s -> s.state() == SessionState.FINISHED, "the run to finish");
            assertEquals(25, done.step());
            assertEquals(25, done.metrics().size());
            assertEquals(25, done.metrics().step(24));
            assertEquals(List.of(0L, 10L, 20L, 25L), done.gridSteps());
            assertEquals(25, done.grid().step());
            assertEquals(8 * 34 + 2, done.grid().width());
            assertEquals(List.of(run.resolve("checkpoints/step-000010.ckpt"), run.resolve("checkpoints/step-000020.ckpt"),
                    run.resolve("checkpoints/step-000025.ckpt")), done.checkpoints());
            assertEquals(8, done.stepsPerEpoch());
        }
    }

    @Test
    void pauseStepLearningRatesAndStopActBetweenSteps() throws Exception {
        Path run = tmp.resolve("run");
        try (TrainingSession session = new TrainingSession(DataContext.offline())) {
            session.send(new SessionCommand.Start(tiny("solid-colours:64", 100_000), run));
            await(session, s -> s.step() >= 2, "two steps");
            session.send(new SessionCommand.Pause());
            SessionSnapshot paused = await(session, s -> s.state() == SessionState.PAUSED, "the pause");
            long at = paused.step();
            Thread.sleep(300);
            assertEquals(at, session.latest().step(), "no steps while paused");

            session.send(new SessionCommand.Step());
            SessionSnapshot stepped = await(session, s -> s.step() == at + 1 && s.state() == SessionState.PAUSED
                    && s.metrics().size() == at + 1, "one more step");
            assertEquals(at + 1, stepped.metrics().step((int) at));

            session.send(new SessionCommand.SetLearningRates(1e-4f, 3e-4f));
            SessionSnapshot changed = await(session, s -> s.config() != null && s.config().optimizer().lrD() == 3e-4f,
                    "the new learning rates");
            assertEquals(1e-4f, changed.config().optimizer().lrG());
            assertTrue(Files.readString(run.resolve("config.json")).contains("\"lr_d\": 3.0E-4"),
                    Files.readString(run.resolve("config.json")));

            session.send(new SessionCommand.Save());
            await(session, s -> s.checkpoints().contains(run.resolve(String.format("checkpoints/step-%06d.ckpt", at + 1))),
                    "the checkpoint asked for");

            session.send(new SessionCommand.Continue());
            await(session, s -> s.step() > at + 3 && s.state() == SessionState.RUNNING, "training to carry on");
            session.send(new SessionCommand.Stop());
            SessionSnapshot stopped = await(session, s -> s.state() == SessionState.STOPPED, "the stop");
            Path last = stopped.checkpoints().get(stopped.checkpoints().size() - 1);
            assertEquals(String.format("step-%06d.ckpt", stopped.step()), last.getFileName().toString());
        }
    }

    @Test
    void theGeneratorIsSharedAsACopyOnDemandAndEveryNSteps() throws Exception {
        try (TrainingSession session = new TrainingSession(DataContext.offline())) {
            assertEquals(null, session.sharedGenerator());
            session.send(new SessionCommand.Start(tiny("solid-colours:64", 100_000), tmp.resolve("run")));
            await(session, s -> s.step() >= 1, "a step");
            session.send(new SessionCommand.Pause());
            SessionSnapshot paused = await(session, s -> s.state() == SessionState.PAUSED, "the pause");
            session.send(new SessionCommand.ShareGenerator());
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (session.sharedGenerator() == null && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            org.dcganstudio.core.render.GeneratorWeights shared = session.sharedGenerator();
            assertNotNull(shared, "shared while paused");
            assertEquals(paused.step(), shared.step());
            assertEquals(paused.config().model(), shared.config());
            assertEquals(64 * 8, session.fixedNoise().length, "the 64 grid latents of nz 8");

            session.send(new SessionCommand.ShareGeneratorEvery(3));
            session.send(new SessionCommand.Continue());
            long from = paused.step();
            while (System.nanoTime() < deadline && (session.sharedGenerator().step() <= from + 3)) {
                Thread.sleep(5);
            }
            long at = session.sharedGenerator().step();
            assertTrue(at > from + 3 && at % 3 == 0, "shared at step " + at + ", after " + from);
            assertTrue(shared != session.sharedGenerator(), "a new copy, the old one untouched");
            session.send(new SessionCommand.Stop());
            await(session, s -> s.state() == SessionState.STOPPED, "the stop");
        }
    }

    @Test
    void aBadDataSetFailsTheRunWithAdviceAndTheSessionServesTheNextOne() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        try (TrainingSession session = new TrainingSession(DataContext.offline())) {
            session.send(new SessionCommand.Start(tiny(empty.toString(), 10), tmp.resolve("bad")));
            SessionSnapshot failed = await(session, s -> s.state() == SessionState.FAILED, "the failure");
            Failure f = failed.failure();
            assertEquals("The data set could not be read", f.title());
            assertTrue(f.detail().contains(empty.toString()), f.detail());
            assertFalse(f.advice().isBlank());

            session.send(new SessionCommand.Start(tiny("solid-colours:64", 3), tmp.resolve("good")));
            SessionSnapshot done = await(session, s -> s.state() == SessionState.FINISHED, "the next run");
            assertEquals(null, done.failure());
        }
    }

    @Test
    void aRunAnotherWriterHoldsIsNotTrainedHereAndTheFailureNamesTheWriter() throws Exception {
        Path run = tmp.resolve("run");
        org.dcganstudio.core.training.TrainingRun.start(tiny("solid-colours:64", 2), run,
                new org.dcganstudio.core.training.TrainingRun.Listener() {}).run(() -> false);
        try (TrainingSession session = new TrainingSession(DataContext.offline());
                org.dcganstudio.core.io.RunLock writer = org.dcganstudio.core.io.RunLock.acquire(run)) {
            session.send(new SessionCommand.Resume(run, 4));
            SessionSnapshot failed = await(session, s -> s.state() == SessionState.FAILED, "the refusal");
            Failure f = failed.failure();
            assertEquals("The run is being written by another process", f.title());
            assertTrue(f.detail().contains(writer.holder()), f.detail());
        }
        assertEquals(2, org.dcganstudio.core.training.Checkpoint.read(run).step(), "nothing was trained into it");
    }

    @Test
    void closingDuringARunSavesItAndEndsTheThread() throws Exception {
        Path run = tmp.resolve("run");
        TrainingSession session = new TrainingSession(DataContext.offline());
        session.send(new SessionCommand.Start(tiny("solid-colours:64", 100_000), run));
        await(session, s -> s.step() >= 3, "a few steps");
        session.close();
        assertTrue(session.terminated(), "the training thread ended");
        List<Path> saved = RunFiles.checkpoints(run);
        assertNotNull(saved);
        assertTrue(RunDirectory.checkpointStep(saved.get(saved.size() - 1)).getAsLong() >= 3, saved.toString());
    }

    @Test
    void abandonEndsARunWithoutWritingMore() throws Exception {
        Path run = tmp.resolve("run");
        TrainConfig longGaps = new TrainConfig(new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL),
                OptimizerSettings.PAPER, 8, "solid-colours:64", 3, 100_000, 0, 10, 100_000, "cpu");
        try (TrainingSession session = new TrainingSession(DataContext.offline())) {
            session.send(new SessionCommand.Start(longGaps, run));
            await(session, s -> s.step() >= 3, "a few steps");
            session.send(new SessionCommand.Pause());
            long at = await(session, s -> s.state() == SessionState.PAUSED, "the pause").step();
            session.send(new SessionCommand.Abandon());
            SessionSnapshot stopped = await(session, s -> s.state() == SessionState.STOPPED, "the stop");
            assertEquals(at, stopped.step());
            assertTrue(RunFiles.checkpoints(run).isEmpty(), "nothing saved: no periodic checkpoint was due");
        }
    }
}
