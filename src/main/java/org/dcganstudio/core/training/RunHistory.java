package org.dcganstudio.core.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.dcganstudio.core.io.RunDirectory;
import org.dcganstudio.core.io.RunLock;

/**
 * Going back in a run without losing anything: rolling a run back to one of its checkpoints moves
 * everything recorded after it into {@code rolled-back/<time>/} inside the run, and branching copies
 * the run up to a checkpoint into a new directory and leaves the original alone. Either way a
 * resume then continues from that checkpoint (it rewrites metrics.csv from the checkpoint's rows).
 */
public final class RunHistory {

    private RunHistory() {
    }

    /**
     * Makes {@code checkpoint} the latest of its run.
     *
     * @return the folder the later files were moved to, or null when nothing came after it
     * @throws IOException if the checkpoint is not one of the run's, a move fails, or another process
     *     writes the run ({@link RunLock.Held})
     */
    public static Path rollBack(Path runDir, Path checkpoint) throws IOException {
        // Moving files under a live writer would split its run in two.
        try (RunLock lock = RunLock.acquire(runDir)) {
            return rollBackLocked(runDir, checkpoint);
        }
    }

    private static Path rollBackLocked(Path runDir, Path checkpoint) throws IOException {
        RunDirectory run = new RunDirectory(runDir);
        long step = stepOf(run, checkpoint);
        Checkpoint.read(checkpoint);
        List<Path> laterCheckpoints = after(run.checkpointFiles(), RunDirectory::checkpointStep, step);
        List<Path> laterGrids = after(run.grids(), RunDirectory::gridStep, step);
        if (laterCheckpoints.isEmpty() && laterGrids.isEmpty()) {
            return null;
        }
        RunDirectory archive = run.rolledBack(LocalDateTime.now(), step);
        for (int i = 2; Files.exists(archive.root()); i++) {
            archive = new RunDirectory(archive.root().resolveSibling(archive.root().getFileName() + "-" + i));
        }
        Files.createDirectories(archive.checkpoints());
        Files.createDirectories(archive.samples());
        if (Files.exists(run.metrics())) {
            Files.copy(run.metrics(), archive.metrics());
        }
        for (Path f : laterCheckpoints) {
            Files.move(f, archive.checkpoints().resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        for (Path f : laterGrids) {
            Files.move(f, archive.samples().resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        return archive.root();
    }

    /**
     * Copies the run up to {@code checkpoint} into {@code newDir}: config.json, the checkpoint
     * (as the only one) and the sample grids up to its step.
     *
     * @throws IOException if {@code newDir} exists, the checkpoint is not the run's, or copying fails
     */
    public static Path branch(Path runDir, Path checkpoint, Path newDir) throws IOException {
        RunDirectory run = new RunDirectory(runDir);
        long step = stepOf(run, checkpoint);
        Checkpoint.read(checkpoint);
        if (Files.exists(newDir)) {
            throw new IOException(newDir + " already exists; a branch needs a new directory");
        }
        RunDirectory partial = new RunDirectory(newDir).staging();
        Files.createDirectories(partial.checkpoints());
        Files.createDirectories(partial.samples());
        Files.copy(run.config(), partial.config());
        Files.copy(checkpoint, partial.checkpoints().resolve(checkpoint.getFileName()));
        for (Path s : run.grids()) {
            if (RunDirectory.gridStep(s).getAsLong() <= step) {
                Files.copy(s, partial.samples().resolve(s.getFileName()));
            }
        }
        // The branch appears whole or not at all.
        Files.move(partial.root(), newDir, StandardCopyOption.ATOMIC_MOVE);
        return newDir;
    }

    private static long stepOf(RunDirectory run, Path checkpoint) throws IOException {
        if (!Files.isSameFile(run.checkpoints(), checkpoint.toAbsolutePath().getParent()) || !Files.exists(checkpoint)) {
            throw new IOException(checkpoint + " is not a checkpoint of " + run.root());
        }
        return RunDirectory.checkpointStep(checkpoint).orElseThrow(() -> new IOException(checkpoint + ": not a "
                + RunDirectory.CHECKPOINT_NAMES + " checkpoint"));
    }

    /** The files of a listing whose step is past {@code step}. */
    private static List<Path> after(List<Path> files, Function<Path, OptionalLong> stepOf, long step) {
        return files.stream().filter(f -> stepOf.apply(f).getAsLong() > step).toList();
    }
}
