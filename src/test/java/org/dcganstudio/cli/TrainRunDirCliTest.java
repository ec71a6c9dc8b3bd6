package org.dcganstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dcganstudio.cli.CliTest.Outcome;
import org.dcganstudio.core.io.RunDirectory;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.core.training.OptimizerSettings;
import org.dcganstudio.core.training.TrainConfig;
import org.dcganstudio.core.training.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code train} and the life of its run directory: refusals, resume with repeated options, restart, divergence. */
class TrainRunDirCliTest {

    @TempDir
    Path tmp;

    /** A tiny run's command line, as a job script would have it. */
    private static List<String> job(Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", "solid-colours:64", "--image-size", "32",
                "--nz", "8", "--ngf", "4", "--ndf", "4", "--batch", "8", "--lr", "0.0002", "--seed", "5", "--device",
                "cpu", "--sample-every", "100", "--checkpoint-every", "2", "--run-dir", dir.toString()));
        args.addAll(List.of(more));
        return args;
    }

    private static Outcome run(List<String> args) {
        return CliTest.run(args.toArray(String[]::new));
    }

    @Test
    void aResumeMayRepeatTheRunsOptionsButNotChangeThem() throws Exception {
        Path dir = tmp.resolve("run");
        Outcome first = run(job(dir, "--iterations", "2"));
        assertEquals(0, first.code(), first.err());

        Outcome again = run(job(dir, "--iterations", "4", "--resume", dir.toString()));
        assertEquals(0, again.code(), again.err());
        assertEquals(4, Checkpoint.read(dir).step());

        List<String> changed = job(dir, "--iterations", "6", "--resume", dir.toString());
        changed.set(changed.indexOf("0.0002"), "0.001");
        assertOneError(run(changed), "error: --lr 0.001 differs from the run's 2.0E-4: --resume keeps the run's "
                + "settings");
        List<String> otherSeed = job(dir, "--resume", dir.toString());
        otherSeed.set(otherSeed.indexOf("--seed") + 1, "6");
        assertOneError(run(otherSeed), "error: --seed 6 differs from the run's 5");
        assertOneError(run(job(tmp.resolve("elsewhere"), "--resume", dir.toString())), "is not --resume " + dir);
        assertEquals(4, Checkpoint.read(dir).step(), "a refused resume trains nothing");
    }

    @Test
    void aFolderThatHoldsNoRunIsRefusedAndKeptAsItWas() throws Exception {
        Path thesis = Files.writeString(Files.createDirectories(tmp.resolve("docs")).resolve("thesis.tex"), "mine");
        assertOneError(run(job(thesis.getParent(), "--iterations", "2")), "error: " + thesis.getParent()
                + " is not empty and holds no run (it has thesis.tex)");
        assertEquals("mine", Files.readString(thesis));
        try (var left = Files.list(thesis.getParent())) {
            assertEquals(List.of(thesis), left.toList());
        }
    }

    @Test
    void aRunKilledBeforeItsFirstCheckpointCanBeStartedOver() throws Exception {
        Path dir = tmp.resolve("run");
        ModelConfig model = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);
        TrainConfig config = new TrainConfig(model, OptimizerSettings.PAPER, 8, "solid-colours:64", 5, 4, 0, 100, 2,
                "cpu");
        TrainingRun.start(config, dir, new TrainingRun.Listener() {})
                .run((step, controls) -> TrainingRun.Decision.ABANDON);

        assertOneError(run(job(dir, "--resume", dir.toString())), "has no checkpoint yet");
        assertOneError(run(List.of("train", "--resume", dir.toString())), "train --restart --run-dir " + dir);

        Outcome restarted = run(List.of("train", "--restart", "--run-dir", dir.toString()));
        assertEquals(0, restarted.code(), restarted.err());
        assertTrue(restarted.out().contains("the earlier files of the run are now in " + dir.resolve("restarted")),
                restarted.out());
        assertEquals(4, Checkpoint.read(dir).step());
        assertOneError(run(List.of("train", "--restart")), "--restart needs --run-dir");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e8", "1e20"})
    void aDivergedRunFailsNamingTheCheckpointReallyKept(String lr) throws Exception {
        Path dir = tmp.resolve("run");
        List<String> args = job(dir, "--iterations", "12");
        args.set(args.indexOf("0.0002"), lr);
        args.set(args.indexOf("--checkpoint-every") + 1, "1");
        Outcome o = run(args);
        assertEquals(Main.USER_ERROR, o.code(), o.out() + o.err());
        assertFalse(o.err().contains("\tat "), o.err());
        List<Path> kept = new RunDirectory(dir).checkpointFiles();
        String says = kept.isEmpty() ? "no checkpoint was kept"
                : "the last good checkpoint is " + kept.get(kept.size() - 1);
        assertTrue(o.err().startsWith("error: training diverged") && o.err().contains(says), o.err());
        for (Path f : kept) {
            Checkpoint.read(f);
        }
    }

    private static void assertOneError(Outcome o, String mentions) {
        assertEquals(Main.USER_ERROR, o.code(), o.out() + o.err());
        assertTrue(o.err().contains(mentions), "error should mention '" + mentions + "': " + o.err());
        assertEquals(1, o.err().lines().count(), o.err());
    }
}
