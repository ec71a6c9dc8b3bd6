package org.dcganstudio.core.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Going back in a run without losing anything: rolling a run back to one of its checkpoints moves
 * everything recorded after it into {@code rolled-back/<time>/} inside the run, and branching copies
 * the run up to a checkpoint into a new directory and leaves the original alone. Either way a
 * resume then continues from that checkpoint (it rewrites metrics.csv from the checkpoint's rows).
 */
public final class RunHistory {

    private static final Pattern STEP_FILE = Pattern.compile("step-(\\d+)\\.(png|ckpt)");

    private RunHistory() {
    }

    /**
     * Makes {@code checkpoint} the latest of its run.
     *
     * @return the folder the later files were moved to, or null when nothing came after it
     * @throws IOException if the checkpoint is not one of the run's, or a move fails
     */
    public static Path rollBack(Path runDir, Path checkpoint) throws IOException {
        long step = stepOf(runDir, checkpoint);
        Checkpoint.read(checkpoint);
        List<Path> later = filesAfter(runDir, step);
        if (later.isEmpty()) {
            return null;
        }
        Path archive = runDir.resolve("rolled-back")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-from-step-" + step);
        for (int i = 2; Files.exists(archive); i++) {
            archive = archive.resolveSibling(archive.getFileName() + "-" + i);
        }
        Files.createDirectories(archive.resolve("checkpoints"));
        Files.createDirectories(archive.resolve("samples"));
        Path metrics = runDir.resolve("metrics.csv");
        if (Files.exists(metrics)) {
            Files.copy(metrics, archive.resolve("metrics.csv"));
        }
        for (Path f : later) {
            Files.move(f, archive.resolve(f.getParent().getFileName()).resolve(f.getFileName()),
                    StandardCopyOption.ATOMIC_MOVE);
        }
        return archive;
    }

    /**
     * Copies the run up to {@code checkpoint} into {@code newDir}: config.json, the checkpoint
     * (as the only one) and the sample grids up to its step.
     *
     * @throws IOException if {@code newDir} exists, the checkpoint is not the run's, or copying fails
     */
    public static Path branch(Path runDir, Path checkpoint, Path newDir) throws IOException {
        long step = stepOf(runDir, checkpoint);
        Checkpoint.read(checkpoint);
        if (Files.exists(newDir)) {
            throw new IOException(newDir + " already exists; a branch needs a new directory");
        }
        Path partial = newDir.resolveSibling("." + newDir.getFileName() + ".partial");
        Files.createDirectories(partial.resolve("checkpoints"));
        Files.createDirectories(partial.resolve("samples"));
        Files.copy(runDir.resolve("config.json"), partial.resolve("config.json"));
        Files.copy(checkpoint, partial.resolve("checkpoints").resolve(checkpoint.getFileName()));
        try (Stream<Path> samples = list(runDir.resolve("samples"))) {
            for (Path s : samples.filter(p -> stepOrMinus(p) >= 0 && stepOrMinus(p) <= step).toList()) {
                Files.copy(s, partial.resolve("samples").resolve(s.getFileName()));
            }
        }
        // The branch appears whole or not at all.
        Files.move(partial, newDir, StandardCopyOption.ATOMIC_MOVE);
        return newDir;
    }

    private static long stepOf(Path runDir, Path checkpoint) throws IOException {
        Path expected = runDir.resolve("checkpoints").resolve(checkpoint.getFileName());
        if (!Files.isSameFile(expected.getParent(), checkpoint.toAbsolutePath().getParent()) || !Files.exists(checkpoint)) {
            throw new IOException(checkpoint + " is not a checkpoint of " + runDir);
        }
        long step = stepOrMinus(checkpoint);
        if (step < 0) {
            throw new IOException(checkpoint + ": not a step-NNNNNN.ckpt checkpoint");
        }
        return step;
    }

    private static List<Path> filesAfter(Path runDir, long step) throws IOException {
        try (Stream<Path> ckpts = list(runDir.resolve("checkpoints"));
                Stream<Path> samples = list(runDir.resolve("samples"))) {
            return Stream.concat(ckpts, samples).filter(p -> stepOrMinus(p) > step).toList();
        }
    }

    private static Stream<Path> list(Path dir) throws IOException {
        return Files.isDirectory(dir) ? Files.list(dir) : Stream.empty();
    }

    private static long stepOrMinus(Path file) {
        Matcher m = STEP_FILE.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
