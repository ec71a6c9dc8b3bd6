package org.dcganstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dcganstudio.core.io.RunDirectory;
import org.dcganstudio.core.io.RunDirectory;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.core.training.DcganTrainer;
import org.dcganstudio.core.training.OptimizerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on {@code train}: a real JVM running the CLI gets SIGINT mid-run and must leave a
 * complete, loadable checkpoint of the step it reached, and no temporary file.
 */
class TrainInterruptTest {

    /** Generous for a busy 2-core machine: JVM start and libtorch loading take seconds there. */
    private static final long STARTUP_LIMIT_S = 120;
    /** The shutdown hook waits up to 120 s for the run's last checkpoint; a little more. */
    private static final long EXIT_LIMIT_S = 150;
    /** Steps recorded before the signal, so that it lands in the middle of training. */
    private static final int STEPS_BEFORE_SIGNAL = 3;

    @TempDir
    Path tmp;

    @Test
    void sigintLeavesACompleteLoadableCheckpointAndNoTemporaryFiles() throws Exception {
        Path kill = Path.of("/bin/kill");
        assumeTrue(Files.isExecutable(kill) && !System.getProperty("os.name").startsWith("Windows"),
                "needs POSIX signals");
        Path run = tmp.resolve("run");
        Path log = tmp.resolve("train.log");
        // a checkpoint interval past the run's end: the only checkpoint is the one Ctrl-C writes
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train",
                "--data", "solid-colours:64", "--image-size", "32", "--channels", "3", "--nz", "8",
                "--ngf", "4", "--ndf", "4", "--batch", "8", "--iterations", "100000", "--seed", "7",
                "--device", "cpu", "--sample-every", "100000", "--checkpoint-every", "100000",
                "--run-dir", run.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitSteps(p, run.resolve(RunDirectory.METRICS), log);
            assertEquals(0, new ProcessBuilder(kill.toString(), "-INT", Long.toString(p.pid())).start().waitFor(),
                    "kill -INT");
            assertTrue(p.waitFor(EXIT_LIMIT_S, TimeUnit.SECONDS), "the interrupted run ended");
        } finally {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(output.contains("interrupted: saving a checkpoint"), output);

        List<Path> checkpoints;
        try (Stream<Path> files = Files.list(run.resolve(RunDirectory.CHECKPOINTS))) {
            checkpoints = files.toList();
        }
        assertEquals(1, checkpoints.size(), checkpoints.toString());
        Checkpoint ckpt = Checkpoint.read(checkpoints.get(0));
        long rows = Files.readAllLines(run.resolve(RunDirectory.METRICS)).size() - 1;
        assertTrue(ckpt.step() >= STEPS_BEFORE_SIGNAL, "step " + ckpt.step());
        assertEquals(rows, ckpt.step(), "metrics.csv holds exactly the checkpoint's steps");
        assertEquals(ckpt.step(), ckpt.metrics().size());
        try (DcganTrainer t = new DcganTrainer(ckpt.config().model(), OptimizerSettings.PAPER, Device.cpu(), 0)) {
            ckpt.restore(t);
            assertEquals(ckpt.step(), t.steps());
        }
        try (Stream<Path> all = Files.walk(run)) {
            // the run's lock file stays: it is how the next writer learns the run is free
            List<Path> temporary = all.filter(f -> !f.equals(new RunDirectory(run).lock()))
                    .filter(f -> f.getFileName().toString().endsWith(".tmp")
                            || f.getFileName().toString().startsWith(".")).toList();
            assertEquals(List.of(), temporary);
        }
    }

    /** Waits for the child's metrics.csv to record some steps; fails with its output if it died. */
    private static void awaitSteps(Process p, Path metrics, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_LIMIT_S);
        while (!Files.exists(metrics) || Files.readAllLines(metrics).size() <= STEPS_BEFORE_SIGNAL) {
            assertTrue(p.isAlive(), () -> "train ended early: " + read(log));
            assertTrue(System.nanoTime() < deadline, () -> "no steps recorded: " + read(log));
            Thread.sleep(50);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
