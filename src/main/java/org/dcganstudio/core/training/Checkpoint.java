package org.dcganstudio.core.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dcganstudio.core.interop.StateDicts;
import org.dcganstudio.core.io.CheckedZip;
import org.dcganstudio.core.io.AtomicFiles;
import org.dcganstudio.core.io.RunDirectory;
import org.dcganstudio.core.model.ModelConfig;

/**
 * A full training checkpoint: one ZIP file holding the config, G and D (state dicts with running
 * statistics), both optimizers' moments and step counts, the step, epoch and seed (noise and
 * shuffling are pure functions of seed and step, so the seed is the whole RNG state), the fixed
 * sample noise and the metrics so far. {@link CheckedZip} checks every entry's CRC and bounds its
 * size before reading it ({@link CheckpointLimits}), so corruption, truncation and ZIP bombs are
 * clear errors, and {@link AtomicFiles} means a crash mid-write leaves the previous file intact.
 *
 * <p>{@link #read} checks everything before {@link #restore} changes anything, so a bad file never
 * half-overwrites a trainer.
 */
public final class Checkpoint {

    /** The {@code format} value in {@code state.json}. */
    public static final String FORMAT = "dcgan-studio-checkpoint";
    /** The version this code writes and reads. */
    public static final int VERSION = 1;

    private static final String STATE = "state.json";
    private static final String GENERATOR = "G.safetensors";
    private static final String DISCRIMINATOR = "D.safetensors";
    private static final String FIXED_NOISE = "fixed_noise.bin";
    private static final String ADAM_G = "adam_G.safetensors";
    private static final String ADAM_D = "adam_D.safetensors";
    /**
     * The entries every checkpoint has; config.json and metrics.csv are the run's files as they
     * stood at the step, under their names in the run.
     */
    private static final String[] ENTRIES = {
        STATE, RunDirectory.CONFIG, GENERATOR, DISCRIMINATOR, FIXED_NOISE, RunDirectory.METRICS
    };
    /** Absent from weights-only checkpoints (shipped models), which cannot be resumed. */
    private static final String[] OPTIMIZER_ENTRIES = {ADAM_G, ADAM_D};

    private final Path source;
    private final TrainConfig config;
    private final long step;
    private final long adamStepsG;
    private final long adamStepsD;
    private final double wallSeconds;
    private final float lrG;
    private final float lrD;
    private final Map<String, byte[]> entries;
    private final float[] fixedNoise;
    private final List<MetricsRow> metrics;
    private final boolean weightsOnly;

    private Checkpoint(Path source, Map<String, byte[]> entries, CheckpointState state, TrainConfig config,
            List<MetricsRow> metrics) throws IOException {
        this.source = source;
        this.entries = entries;
        this.config = config;
        this.metrics = metrics;
        weightsOnly = state.weightsOnly();
        step = state.step();
        adamStepsG = state.adamStepsG();
        adamStepsD = state.adamStepsD();
        wallSeconds = state.wallSeconds();
        lrG = state.lrG();
        lrD = state.lrD();
        byte[] noise = entries.get(FIXED_NOISE);
        java.nio.FloatBuffer fb = java.nio.ByteBuffer.wrap(noise).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        fixedNoise = new float[fb.remaining()];
        fb.get(fixedNoise);
        if (fixedNoise.length % config.model().nz() != 0) {
            throw new IOException(source + ": " + FIXED_NOISE + " holds " + fixedNoise.length
                    + " values, not a multiple of nz = " + config.model().nz());
        }
    }

    /**
     * Writes a checkpoint of a trainer atomically.
     *
     * @param file the {@code .ckpt} file
     */
    public static void write(Path file, TrainConfig config, DcganTrainer trainer, float[] fixedNoise,
            List<MetricsRow> metrics, double wallSeconds) throws IOException {
        JsonObject state = new JsonObject();
        state.addProperty("format", FORMAT);
        state.addProperty("version", VERSION);
        state.addProperty("step", trainer.steps());
        state.addProperty("epoch", metrics.isEmpty() ? 0 : metrics.get(metrics.size() - 1).epoch());
        state.addProperty("seed", config.seed());
        state.addProperty("rng", "counter-based: noise of step t = f(seed, t), shuffle of epoch e = f(seed, e)");
        state.addProperty("adam_steps_g", trainer.optimizerG().steps());
        state.addProperty("adam_steps_d", trainer.optimizerD().steps());
        state.addProperty("lr_g", trainer.optimizerG().learningRate());
        state.addProperty("lr_d", trainer.optimizerD().learningRate());
        state.addProperty("wall_s", wallSeconds);
        StringBuilder csv = new StringBuilder(MetricsRow.HEADER).append('\n');
        for (MetricsRow r : metrics) {
            csv.append(r.toCsv()).append('\n');
        }
        java.nio.ByteBuffer noise = java.nio.ByteBuffer.allocate(fixedNoise.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        noise.asFloatBuffer().put(fixedNoise);

        Map<String, byte[]> content = new java.util.LinkedHashMap<>();
        content.put(STATE, state.toString().getBytes(StandardCharsets.UTF_8));
        content.put(RunDirectory.CONFIG, config.toJson().getBytes(StandardCharsets.UTF_8));
        content.put(GENERATOR, StateDicts.encode(trainer.generator(), false));
        content.put(DISCRIMINATOR, StateDicts.encode(trainer.discriminator(), false));
        content.put(ADAM_G, encodeMoments(trainer.optimizerG()));
        content.put(ADAM_D, encodeMoments(trainer.optimizerD()));
        content.put(FIXED_NOISE, noise.array());
        content.put(RunDirectory.METRICS, csv.toString().getBytes(StandardCharsets.UTF_8));
        writeZip(file, content);
    }

    /**
     * Writes {@code from} as a weights-only checkpoint with G and D in half precision: what the
     * project ships as its default model (half the size; loading converts back to float32). It
     * keeps the config, step, metrics and fixed noise, and cannot be resumed.
     */
    public static void writeWeightsOnly(Path file, Checkpoint from) throws IOException {
        org.dcganstudio.core.model.ModelConfig model = from.config().model();
        byte[] g;
        byte[] d;
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu());
                org.dcganstudio.core.model.Generator gen = new org.dcganstudio.core.model.Generator(model, m, 0);
                org.dcganstudio.core.model.Discriminator dis =
                        new org.dcganstudio.core.model.Discriminator(model, m, 0)) {
            from.restoreGenerator(gen);
            from.restoreDiscriminator(dis);
            g = StateDicts.encode(gen, true);
            d = StateDicts.encode(dis, true);
        }
        JsonObject state = JsonParser.parseString(from.text(STATE)).getAsJsonObject();
        state.addProperty("weights_only", true);
        state.addProperty("precision", "float16");
        state.addProperty("made_from", String.valueOf(from.source()));
        Map<String, byte[]> content = new java.util.LinkedHashMap<>();
        content.put(STATE, state.toString().getBytes(StandardCharsets.UTF_8));
        content.put(RunDirectory.CONFIG, from.entries.get(RunDirectory.CONFIG));
        content.put(GENERATOR, g);
        content.put(DISCRIMINATOR, d);
        content.put(FIXED_NOISE, from.entries.get(FIXED_NOISE));
        content.put(RunDirectory.METRICS, from.entries.get(RunDirectory.METRICS));
        writeZip(file, content);
    }

    private static void writeZip(Path file, Map<String, byte[]> content) throws IOException {
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, byte[]> e : content.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** Whether this holds weights only (a shipped model): it samples, but cannot be resumed. */
    public boolean weightsOnly() {
        return weightsOnly;
    }

    /**
     * Reads and checks a checkpoint file, or the latest one of a run directory: every entry's size
     * and CRC, every field of state.json and config.json, and that a file named
     * {@code step-N.ckpt} holds step N.
     *
     * @throws IOException naming the file, the entry and the field or value that is wrong
     */
    public static Checkpoint read(Path fileOrRunDir) throws IOException {
        Path file = Files.isDirectory(fileOrRunDir) ? latestIn(fileOrRunDir) : fileOrRunDir;
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such checkpoint file");
        }
        try (CheckedZip zip = CheckedZip.open(file)) {
            for (String name : ENTRIES) {
                if (!zip.has(name)) {
                    throw new IOException(file + ": checkpoint has no '" + name + "' entry (incomplete or not a "
                            + "DCGAN Studio checkpoint)");
                }
            }
            // state.json and config.json come first: the other entries' limits follow from them.
            Map<String, byte[]> entries = new HashMap<>();
            CheckpointState state = parsed(file, STATE, zip, entries, CheckpointState::parse);
            requireNamedStep(file, state.step());
            TrainConfig config = parsed(file, RunDirectory.CONFIG, zip, entries, TrainConfig::fromJson);
            for (String name : OPTIMIZER_ENTRIES) {
                if (!state.weightsOnly() && !zip.has(name)) {
                    throw new IOException(file + ": checkpoint has no '" + name + "' entry (incomplete or not a "
                            + "DCGAN Studio checkpoint)");
                }
            }
            ModelConfig model = config.model();
            entries.put(GENERATOR, zip.read(GENERATOR, CheckpointLimits.stateDict(model, true)));
            entries.put(DISCRIMINATOR, zip.read(DISCRIMINATOR, CheckpointLimits.stateDict(model, false)));
            if (zip.has(ADAM_G) && zip.has(ADAM_D)) {
                entries.put(ADAM_G, zip.read(ADAM_G, CheckpointLimits.moments(model, true)));
                entries.put(ADAM_D, zip.read(ADAM_D, CheckpointLimits.moments(model, false)));
            }
            entries.put(FIXED_NOISE, zip.read(FIXED_NOISE, CheckpointLimits.fixedNoise(model)));
            entries.put(RunDirectory.METRICS, zip.read(RunDirectory.METRICS, CheckpointLimits.metrics(state.step())));
            return new Checkpoint(file, entries, state, config, metrics(file, entries.get(RunDirectory.METRICS)));
        }
    }

    /**
     * A run's timeline, roll-backs and "latest" go by the step in a checkpoint's file name, so a
     * file named for another step than it holds (copied or renamed by hand) would be misread.
     */
    private static void requireNamedStep(Path file, long step) throws IOException {
        java.util.OptionalLong named = RunDirectory.checkpointStep(file);
        if (named.isPresent() && named.getAsLong() != step) {
            throw new IOException(file + ": its name says step " + named.getAsLong() + " but its " + STATE
                    + " says step " + step + " (copied or renamed? a checkpoint holding step " + step + " is named "
                    + RunDirectory.checkpointName(step) + ")");
        }
    }

    /** Reads a JSON entry and parses it, an error naming the file, the entry and the field. */
    private static <T> T parsed(Path file, String name, CheckedZip zip, Map<String, byte[]> entries,
            java.util.function.Function<String, T> parser) throws IOException {
        byte[] bytes = zip.read(name, CheckpointLimits.JSON);
        entries.put(name, bytes);
        try {
            return parser.apply(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + name + ": " + e.getMessage(), e);
        }
    }

    private static List<MetricsRow> metrics(Path file, byte[] csv) throws IOException {
        List<MetricsRow> rows = new ArrayList<>();
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                try {
                    rows.add(MetricsRow.parse(lines[i]));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ": " + RunDirectory.METRICS + " line " + (i + 1) + ": " + e.getMessage());
                }
            }
        }
        return rows;
    }

    /**
     * The checkpoint with the highest step in a run directory's {@code checkpoints/}.
     *
     * @throws IOException when there is none
     */
    public static Path latestIn(Path runDir) throws IOException {
        RunDirectory run = new RunDirectory(runDir);
        if (!Files.isDirectory(run.checkpoints())) {
            throw new IOException(runDir + ": no " + RunDirectory.CHECKPOINTS + "/ folder (is this a run directory?)");
        }
        List<Path> files = run.checkpointFiles();
        if (files.isEmpty()) {
            throw new IOException(run.checkpoints() + ": no checkpoint files (" + RunDirectory.CHECKPOINT_NAMES + ")");
        }
        return files.get(files.size() - 1);
    }

    /**
     * Puts this checkpoint's state into a trainer built for {@link #config()}. Everything is checked
     * before the first array is written.
     */
    public void restore(DcganTrainer trainer) throws IOException {
        if (weightsOnly) {
            throw new IOException(source + ": holds a model's weights only (no optimizer state), so training cannot "
                    + "continue from it; sample, explore or start a new run instead");
        }
        if (!trainer.config().equals(config.model())) {
            throw new IOException(source + ": checkpoint is for " + config.model() + ", the trainer is "
                    + trainer.config());
        }
        try (NDManager tmp = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            NDList momentsG = decodeMoments(ADAM_G, trainer.optimizerG(), tmp);
            NDList momentsD = decodeMoments(ADAM_D, trainer.optimizerD(), tmp);
            StateDicts.load(trainer.generator(), entries.get(GENERATOR), source + "!" + GENERATOR);
            StateDicts.load(trainer.discriminator(), entries.get(DISCRIMINATOR), source + "!" + DISCRIMINATOR);
            copyMoments(momentsG, trainer.optimizerG());
            copyMoments(momentsD, trainer.optimizerD());
        }
        trainer.optimizerG().setSteps(adamStepsG);
        trainer.optimizerD().setSteps(adamStepsD);
        trainer.optimizerG().setLearningRate(lrG);
        trainer.optimizerD().setLearningRate(lrD);
        trainer.setSteps(step);
    }

    /** G's state dict as stored (safetensors bytes), a copy. */
    public byte[] generatorState() {
        return entries.get(GENERATOR).clone();
    }

    /** Loads only G's weights into a generator (for sampling). */
    public void restoreGenerator(org.dcganstudio.core.model.Generator g) throws IOException {
        StateDicts.load(g, entries.get(GENERATOR), source + "!" + GENERATOR);
    }

    /** Loads only D's weights into a discriminator (for scoring). */
    public void restoreDiscriminator(org.dcganstudio.core.model.Discriminator d) throws IOException {
        StateDicts.load(d, entries.get(DISCRIMINATOR), source + "!" + DISCRIMINATOR);
    }

    private static byte[] encodeMoments(AdamOptimizer opt) throws IOException {
        NDList list = new NDList();
        NDArray[] m = opt.means();
        NDArray[] v = opt.variances();
        try (NDManager tmp = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            for (int i = 0; i < m.length; i++) {
                String key = opt.params().get(i).key();
                list.add(named(tmp, m[i], key + ".exp_avg"));
                list.add(named(tmp, v[i], key + ".exp_avg_sq"));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            list.encode(out, NDList.Encoding.SAFETENSORS);
            return out.toByteArray();
        }
    }

    private static NDArray named(NDManager tmp, NDArray a, String name) {
        NDArray copy = a.toDevice(ai.djl.Device.cpu(), true);
        copy.attach(tmp);
        copy.setName(name);
        return copy;
    }

    private NDList decodeMoments(String entry, AdamOptimizer opt, NDManager tmp) throws IOException {
        NDList list;
        try {
            list = NDList.decode(tmp, entries.get(entry));
        } catch (RuntimeException e) {
            throw new IOException(source + "!" + entry + ": corrupt optimizer state (" + e.getMessage() + ")");
        }
        NDArray[] m = opt.means();
        for (int i = 0; i < m.length; i++) {
            String key = opt.params().get(i).key();
            for (String suffix : new String[] {".exp_avg", ".exp_avg_sq"}) {
                NDArray a = list.get(key + suffix);
                if (a == null) {
                    throw new IOException(source + "!" + entry + ": missing '" + key + suffix + "'");
                }
                if (!a.getShape().equals(m[i].getShape())) {
                    throw new IOException(source + "!" + entry + ": '" + key + suffix + "' has shape " + a.getShape()
                            + ", the optimizer expects " + m[i].getShape());
                }
            }
        }
        return list;
    }

    private static void copyMoments(NDList list, AdamOptimizer opt) {
        NDArray[] m = opt.means();
        NDArray[] v = opt.variances();
        for (int i = 0; i < m.length; i++) {
            String key = opt.params().get(i).key();
            m[i].set(list.get(key + ".exp_avg").toFloatArray());
            v[i].set(list.get(key + ".exp_avg_sq").toFloatArray());
        }
    }

    private String text(String name) {
        return new String(entries.get(name), StandardCharsets.UTF_8);
    }

    /** The file this was read from. */
    public Path source() {
        return source;
    }

    /** The run's configuration. */
    public TrainConfig config() {
        return config;
    }

    /** Steps taken when it was written. */
    public long step() {
        return step;
    }

    /** Training seconds so far. */
    public double wallSeconds() {
        return wallSeconds;
    }

    /** The fixed sample noise, {@code count·nz}. */
    public float[] fixedNoise() {
        return fixedNoise.clone();
    }

    /** The metrics up to {@link #step()}. */
    public List<MetricsRow> metrics() {
        return List.copyOf(metrics);
    }
}
