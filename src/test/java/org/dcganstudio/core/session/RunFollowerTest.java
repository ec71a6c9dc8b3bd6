package org.dcganstudio.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dcganstudio.core.training.Metric;
import org.dcganstudio.core.training.MetricsRow;
import org.dcganstudio.core.training.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFollowerTest {

    @TempDir
    Path tmp;

    @Test
    void followsARunAnotherThreadWritesUntilItsEnd() throws Exception {
        Path run = tmp.resolve("run");
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            TrainingRun training = TrainingRun.start(TrainingSessionTest.tiny("solid-colours:64", 40), run,
                    new TrainingRun.Listener() {});
            Future<TrainingRun.Result> done = writer.submit(() -> training.run(() -> false));
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(run.resolve("config.json"))) {
                if (System.nanoTime() > deadline) {
                    fail("the run never started");
                }
                Thread.sleep(5);
            }
            try (RunFollower follower = new RunFollower(run, Duration.ofMillis(20))) {
                done.get();
                SessionSnapshot s = TrainingSessionTest.await(null, follower, snapshot -> snapshot.step() == 40
                        && snapshot.gridSteps().contains(40L) && snapshot.grid() != null && snapshot.grid().step() == 40
                        && snapshot.checkpoints().size() == 4, "the follower to see the end");
                assertEquals(SessionState.FOLLOWING, s.state());
                assertEquals(40, s.metrics().size());
                List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
                assertEquals(Float.parseFloat(csv.get(40).split(",")[2]), s.metrics().value(Metric.LOSS_D, 39));
                assertEquals(8, s.stepsPerEpoch());
                assertEquals(List.of(run.resolve("checkpoints/step-000010.ckpt"), run.resolve("checkpoints/step-000020.ckpt"),
                        run.resolve("checkpoints/step-000030.ckpt"), run.resolve("checkpoints/step-000040.ckpt")),
                        s.checkpoints());
            }
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void aRunThatCannotBeReadHasASnapshotSayingWhyFromTheStart() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(run.resolve("config.json"), TrainingSessionTest.tiny("solid-colours:64", 10).toJson());
        Files.writeString(run.resolve("metrics.csv"), MetricsRow.HEADER + "\nnot,a,row\n");
        try (RunFollower follower = new RunFollower(run, Duration.ofMinutes(1))) {
            SessionSnapshot s = follower.latest();
            assertEquals(SessionState.FOLLOWING, s.state());
            assertTrue(s.message().startsWith("could not read " + run + ": metrics line must have 9 fields"),
                    s.message());
        }
    }

    @Test
    void aFolderWithoutConfigIsNotARun() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        IOException e = assertThrows(IOException.class, () -> new RunFollower(empty, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("no config.json"), e.getMessage());
    }
}
