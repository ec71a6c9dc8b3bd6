package org.dcganstudio.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void namesTheFilesOfARun() {
        RunDirectory run = new RunDirectory(tmp);
        assertEquals(tmp.resolve("config.json"), run.config());
        assertEquals(tmp.resolve("metrics.csv"), run.metrics());
        assertEquals(tmp.resolve("samples/step-000000.png"), run.grid(0));
        assertEquals(tmp.resolve("samples/step-1234567.png"), run.grid(1_234_567));
        assertEquals(tmp.resolve("checkpoints/step-000010.ckpt"), run.checkpoint(10));
        assertEquals(tmp.resolve("rolled-back/20240102-030405-from-step-10"),
                run.rolledBack(LocalDateTime.of(2024, 1, 2, 3, 4, 5), 10).root());
        assertEquals(tmp.resolve(".run.partial"), new RunDirectory(tmp.resolve("run")).staging().root());
    }

    @Test
    void writesStepsInAsciiDigitsWhateverTheLocale() {
        Locale before = Locale.getDefault();
        try {
            // Arabic formats %d with Arabic-Indic digits, which no reader of a run would find.
            Locale.setDefault(Locale.forLanguageTag("ar-SA"));
            assertEquals("step-000007.png", RunDirectory.gridName(7));
            assertEquals("step-000007.ckpt", RunDirectory.checkpointName(7));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void readsTheStepAsANumber() {
        assertEquals(OptionalLong.of(10), RunDirectory.gridStep(Path.of("samples/step-000010.png")));
        assertEquals(OptionalLong.of(10), RunDirectory.gridStep(Path.of("step-10.png")));
        assertEquals(OptionalLong.of(1_000_000), RunDirectory.checkpointStep(Path.of("step-1000000.ckpt")));
        assertEquals(OptionalLong.of(999_999_999_999_999_999L),
                RunDirectory.gridStep(Path.of("step-999999999999999999.png")));
        for (String notAGrid : List.of("step-10.ckpt", "step-.png", "step-1a.png", "step-10.png.tmp", "grid-10.png",
                "step-1234567890123456789.png")) {
            assertEquals(OptionalLong.empty(), RunDirectory.gridStep(Path.of(notAGrid)), notAGrid);
        }
        assertEquals(OptionalLong.empty(), RunDirectory.checkpointStep(Path.of("step-10.png")));
    }

    @Test
    void listsGridsAndCheckpointsByStepNotByName() throws IOException {
        RunDirectory run = new RunDirectory(tmp);
        Files.createDirectories(run.samples());
        Files.createDirectories(run.checkpoints());
        for (String name : List.of("step-1000000.png", "step-999999.png", "step-10.png", "step-000010.png",
                "notes.txt", "step-5.ckpt")) {
            Files.writeString(run.samples().resolve(name), "");
        }
        Files.createDirectories(run.samples().resolve("step-3.png"));
        for (long step : List.of(1_000_000L, 999_999L, 20L)) {
            Files.writeString(run.checkpoint(step), "");
        }

        assertEquals(List.of(run.samples().resolve("step-000010.png"), run.samples().resolve("step-10.png"),
                run.samples().resolve("step-999999.png"), run.samples().resolve("step-1000000.png")), run.grids());
        assertEquals(List.of(10L, 999_999L, 1_000_000L), run.gridSteps());
        assertEquals(List.of(run.checkpoint(20), run.checkpoint(999_999), run.checkpoint(1_000_000)),
                run.checkpointFiles());
    }

    @Test
    void aRunWithoutItsFoldersListsNothing() throws IOException {
        RunDirectory run = new RunDirectory(tmp.resolve("absent"));
        assertTrue(run.grids().isEmpty());
        assertTrue(run.gridSteps().isEmpty());
        assertTrue(run.checkpointFiles().isEmpty());
    }

    @Test
    void aWritersTemporariesAreFoundButNotThoseOfOtherFiles() throws IOException {
        RunDirectory run = new RunDirectory(tmp);
        Files.createDirectories(run.checkpoints());
        Files.createDirectories(run.samples());
        Path ckpt = Files.createFile(run.checkpoints().resolve(".step-000004.ckpt.1f2e3d.tmp"));
        Path grid = Files.createFile(run.samples().resolve(".step-000010.png.ab.tmp"));
        Path metrics = Files.createFile(tmp.resolve(".metrics.csv.9.tmp"));
        Files.createFile(tmp.resolve(".evolution.gif.77.tmp"));
        Files.createFile(run.checkpoints().resolve("notes.tmp"));
        Files.createFile(run.checkpoints().resolve(run.checkpoint(4).getFileName().toString()));
        assertEquals(java.util.Set.of(ckpt, grid, metrics), java.util.Set.copyOf(run.writerTemporaries()));
    }
}
