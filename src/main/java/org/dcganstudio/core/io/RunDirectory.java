package org.dcganstudio.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a training run keeps its files:
 *
 * <pre>
 * RUN_DIR/config.json              the run's configuration
 * RUN_DIR/metrics.csv              one row per step
 * RUN_DIR/samples/step-NNNNNN.png  the fixed-noise grid every sample-every steps (and step 0)
 * RUN_DIR/checkpoints/step-NNNNNN.ckpt
 * RUN_DIR/rolled-back/TIME-from-step-N/   what a roll-back moved aside, in the same layout
 * RUN_DIR/restarted/TIME/          what a restart moved aside, in the same layout
 * RUN_DIR/.lock                    held by the one process writing the run; says who and since when
 * </pre>
 *
 * Steps are written with at least six digits and read as numbers, so {@code step-1000000} comes
 * after {@code step-999999} and {@code step-10.png} is step 10. Only names: reading and writing
 * the files is for their owners.
 *
 * @param root the run directory
 */
public record RunDirectory(Path root) {

    /** The run's configuration. */
    public static final String CONFIG = "config.json";
    /** The metrics, one row per step. */
    public static final String METRICS = "metrics.csv";
    /** The folder of sample grids. */
    public static final String SAMPLES = "samples";
    /** The folder of checkpoints. */
    public static final String CHECKPOINTS = "checkpoints";
    /** The folder that roll-backs move later files into. */
    public static final String ROLLED_BACK = "rolled-back";
    /** The folder that restarts move the old run into. */
    public static final String RESTARTED = "restarted";
    /** The file a writer of the run locks for as long as it writes; the operating system frees it when the writer dies. */
    public static final String LOCK = ".lock";
    /** A checkpoint file's extension, in a run or not (the shipped model). */
    public static final String CHECKPOINT_EXTENSION = ".ckpt";
    /** A sample grid's extension. */
    public static final String GRID_EXTENSION = ".png";
    private static final String STEP = "step-";
    /** How help and messages name the grids. */
    public static final String GRID_NAMES = STEP + "NNNNNN" + GRID_EXTENSION;
    /** How help and messages name the checkpoints. */
    public static final String CHECKPOINT_NAMES = STEP + "NNNNNN" + CHECKPOINT_EXTENSION;

    private static final Pattern GRID = stepPattern(GRID_EXTENSION);
    private static final Pattern CHECKPOINT = stepPattern(CHECKPOINT_EXTENSION);
    private static final DateTimeFormatter ROLL_BACK_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** {@code config.json}. */
    public Path config() {
        return root.resolve(CONFIG);
    }

    /** {@code metrics.csv}. */
    public Path metrics() {
        return root.resolve(METRICS);
    }

    /** {@code .lock}. */
    public Path lock() {
        return root.resolve(LOCK);
    }

    /**
     * The folder a restart at {@code when} moves the old run into; a caller that finds it taken
     * adds a suffix.
     */
    public Path restarted(LocalDateTime when) {
        return root.resolve(RESTARTED).resolve(when.format(ROLL_BACK_TIME));
    }

    /**
     * The temporaries a writer of the run leaves when it dies mid-write: those of config.json and
     * metrics.csv, of the grids and of the checkpoints (not of other files a user exported here,
     * whose writers hold no lock of the run).
     */
    public List<Path> writerTemporaries() throws IOException {
        List<Path> found = new java.util.ArrayList<>();
        found.addAll(temporaries(root, n -> n.equals(CONFIG) || n.equals(METRICS)));
        found.addAll(temporaries(samples(), n -> GRID.matcher(n).matches()));
        found.addAll(temporaries(checkpoints(), n -> CHECKPOINT.matcher(n).matches()));
        return found;
    }

    private static List<Path> temporaries(Path dir, java.util.function.Predicate<String> target) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> AtomicFiles.isTemporaryOf(f, target) && Files.isRegularFile(f)).toList();
        }
    }

    /** {@code samples/}. */
    public Path samples() {
        return root.resolve(SAMPLES);
    }

    /** {@code checkpoints/}. */
    public Path checkpoints() {
        return root.resolve(CHECKPOINTS);
    }

    /** Where the grid of {@code step} is written: {@code samples/step-NNNNNN.png}. */
    public Path grid(long step) {
        return samples().resolve(gridName(step));
    }

    /** Where the checkpoint of {@code step} is written: {@code checkpoints/step-NNNNNN.ckpt}. */
    public Path checkpoint(long step) {
        return checkpoints().resolve(checkpointName(step));
    }

    /**
     * The folder a roll-back to {@code step} at {@code when} moves the later files into, laid out
     * as a run; a caller that finds it taken adds a suffix.
     */
    public RunDirectory rolledBack(LocalDateTime when, long step) {
        return new RunDirectory(root.resolve(ROLLED_BACK).resolve(when.format(ROLL_BACK_TIME) + "-from-step-" + step));
    }

    /**
     * The hidden sibling this run is assembled in before one move makes it appear whole, so a
     * crash never leaves a half-made run under its real name.
     */
    public RunDirectory staging() {
        return new RunDirectory(root.resolveSibling("." + root.getFileName() + ".partial"));
    }

    /**
     * The grid files, by step (a step written twice, as step-10 and step-000010, comes once per
     * name); none when there is no samples folder.
     */
    public List<Path> grids() throws IOException {
        return listed(samples(), GRID);
    }

    /** The steps that have a grid, ascending, each once. */
    public List<Long> gridSteps() throws IOException {
        return grids().stream().map(f -> gridStep(f).getAsLong()).distinct().toList();
    }

    /** The checkpoint files, by step; none when there is no checkpoints folder. */
    public List<Path> checkpointFiles() throws IOException {
        return listed(checkpoints(), CHECKPOINT);
    }

    /** A grid's file name. */
    public static String gridName(long step) {
        return stepName(step, GRID_EXTENSION);
    }

    /** A checkpoint's file name. */
    public static String checkpointName(long step) {
        return stepName(step, CHECKPOINT_EXTENSION);
    }

    /** The step of a grid file, or empty when its name is not a grid's. */
    public static OptionalLong gridStep(Path file) {
        return step(GRID, file);
    }

    /** The step of a checkpoint file, or empty when its name is not a checkpoint's. */
    public static OptionalLong checkpointStep(Path file) {
        return step(CHECKPOINT, file);
    }

    private static String stepName(long step, String extension) {
        return String.format(Locale.ROOT, "%s%06d%s", STEP, step, extension);
    }

    private static Pattern stepPattern(String extension) {
        // 18 digits always fit a long; a longer name is no step of ours.
        return Pattern.compile(Pattern.quote(STEP) + "(\\d{1,18})" + Pattern.quote(extension));
    }

    private static OptionalLong step(Pattern pattern, Path file) {
        Path name = file.getFileName();
        Matcher m = pattern.matcher(name == null ? "" : name.toString());
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** The regular files of {@code dir} whose names match, by step, then by name (so the order is stable). */
    private static List<Path> listed(Path dir, Pattern pattern) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> step(pattern, f).isPresent() && Files.isRegularFile(f))
                    .sorted(Comparator.comparingLong((Path f) -> step(pattern, f).getAsLong())
                            .thenComparing(f -> f.getFileName().toString()))
                    .toList();
        }
    }
}
