package org.dcganstudio.core.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dcganstudio.core.io.RunDirectory;
import org.dcganstudio.core.io.RunLock;

/**
 * What a run directory must be before a run writes into it, and the tidying its writer does once
 * it holds the {@link RunLock}: nothing a user put there, and nothing of another run, is ever
 * overwritten.
 */
final class RunGuard {

    /** Names a refusal lists of a folder's content; the rest is counted. */
    private static final int LISTED_ENTRIES = 5;

    private RunGuard() {
    }

    /** A new run goes into a missing or empty folder (a lock file left by an earlier writer aside). */
    static void checkNew(Path runDir) throws IOException {
        RunLock.ensureFree(runDir);
        RunDirectory run = new RunDirectory(runDir);
        if (Files.exists(run.config())) {
            throw new IOException(runDir + " already holds a run (" + RunDirectory.CONFIG + " exists); use --resume "
                    + runDir + " to continue it, --restart --run-dir " + runDir + " to start it over (its files are "
                    + "moved aside, not deleted) or choose another --run-dir");
        }
        List<String> content = contentOf(runDir);
        if (!content.isEmpty()) {
            throw new IOException(runDir + " is not empty and holds no run (it has " + describe(content)
                    + "); a run writes config.json, metrics.csv, samples/ and checkpoints/ and would overwrite files "
                    + "of those names: choose a new or empty --run-dir");
        }
    }

    /** A resumed run needs a checkpoint; a run killed before its first one can only start over. */
    static void checkResumable(Path runDir) throws IOException {
        RunLock.ensureFree(runDir);
        RunDirectory run = new RunDirectory(runDir);
        if (Files.isRegularFile(run.config()) && run.checkpointFiles().isEmpty()) {
            throw new IOException(runDir + " has no checkpoint yet (the run stopped before its first one, so "
                    + "there is nothing to continue from); start it over with the same settings: train --restart "
                    + "--run-dir " + runDir + " (what it holds now is moved to " + runDir + "/"
                    + RunDirectory.RESTARTED + "/, not deleted)");
        }
    }

    /** The settings of the run a restart starts over. */
    static TrainConfig configToRestart(Path runDir) throws IOException {
        RunLock.ensureFree(runDir);
        Path file = new RunDirectory(runDir).config();
        if (!Files.isRegularFile(file)) {
            throw new IOException(runDir + " holds no run to restart (it has no " + RunDirectory.CONFIG
                    + "); start a new run into it instead");
        }
        try {
            return TrainConfig.fromJson(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the temporaries of a writer that died mid-write: the caller holds the run's lock,
     * so their writer is provably gone.
     *
     * @return how many were deleted
     */
    static int removeDeadTemporaries(RunDirectory run) throws IOException {
        List<Path> stale = run.writerTemporaries();
        for (Path f : stale) {
            Files.deleteIfExists(f);
        }
        return stale.size();
    }

    /**
     * Moves everything of the run but its lock and earlier restarts into {@code restarted/TIME/},
     * so the run starts over in an empty folder and the old one can still be read.
     *
     * @return the folder it went to, or null when there was nothing to move
     */
    static Path moveAside(RunDirectory run, LocalDateTime when) throws IOException {
        List<Path> old = new ArrayList<>();
        try (Stream<Path> entries = Files.list(run.root())) {
            entries.filter(p -> !isOwnBookkeeping(p)).forEach(old::add);
        }
        if (old.isEmpty()) {
            return null;
        }
        Path aside = run.restarted(when);
        for (int i = 2; Files.exists(aside); i++) {
            aside = run.restarted(when).resolveSibling(run.restarted(when).getFileName() + "-" + i);
        }
        Files.createDirectories(aside);
        for (Path p : old) {
            Files.move(p, aside.resolve(p.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        return aside;
    }

    private static boolean isOwnBookkeeping(Path p) {
        String name = p.getFileName().toString();
        return name.equals(RunDirectory.LOCK) || name.equals(RunDirectory.RESTARTED);
    }

    /** The folder's entry names but the lock file; none when it does not exist. */
    private static List<String> contentOf(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir)) {
                throw new IOException(dir + " is a file, not a folder: choose a new or empty --run-dir");
            }
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals(RunDirectory.LOCK)).sorted()
                    .toList();
        }
    }

    private static String describe(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(LISTED_ENTRIES, names.size())));
        return names.size() <= LISTED_ENTRIES ? shown : shown + " and " + (names.size() - LISTED_ENTRIES) + " more";
    }
}
