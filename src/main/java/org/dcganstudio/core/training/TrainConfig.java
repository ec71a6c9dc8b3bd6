package org.dcganstudio.core.training;

import org.dcganstudio.core.io.JsonFields;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;

/**
 * Everything that defines a training run: the one validated value the CLI, the studio's form and
 * the checkpoint share. Written as {@code config.json} with the snake_case keys below.
 *
 * @param model the architecture
 * @param optimizer learning rates and betas
 * @param batch images per step
 * @param data the data-set spec
 * @param seed seeds init, noise and shuffling
 * @param iterations the run's total steps ({@code --resume} continues up to it)
 * @param epochs the epochs asked for, or 0 when the run was sized in iterations
 * @param sampleEvery steps between sample grids
 * @param checkpointEvery steps between checkpoints
 * @param device {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}
 */
public record TrainConfig(ModelConfig model, OptimizerSettings optimizer, int batch, String data, long seed,
        long iterations, int epochs, int sampleEvery, int checkpointEvery, String device) {

    // The defaults of the CLI's options and the studio's form, named once here (constants, because
    // the CLI's help text must be built from constants). The model's are ModelConfig.REFERENCE and
    // the optimizer's OptimizerSettings.PAPER.
    /** The reference's batch: 128 images per step. */
    public static final int PAPER_BATCH = 128;
    /** The reference's length: 25 epochs. */
    public static final int PAPER_EPOCHS = 25;
    /** Steps between sample grids unless asked otherwise. */
    public static final int DEFAULT_SAMPLE_EVERY = 100;
    /** Steps between checkpoints unless asked otherwise. */
    public static final int DEFAULT_CHECKPOINT_EVERY = 500;
    /** The device unless asked otherwise: the GPU when DJL sees one, else the CPU. */
    public static final String DEFAULT_DEVICE = "auto";

    public TrainConfig {
        if (batch < 1 || batch > 65536) {
            throw new IllegalArgumentException("batch must be in [1, 65536], got " + batch);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must not be negative, got " + epochs);
        }
        if (sampleEvery < 1) {
            throw new IllegalArgumentException("sample-every must be at least 1, got " + sampleEvery);
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpoint-every must be at least 1, got " + checkpointEvery);
        }
        if (data == null || data.isBlank()) {
            throw new IllegalArgumentException("data must name a data set, got '" + data + "'");
        }
    }

    /** The same run with another total, as a resume with a larger {@code --iterations} asks. */
    public TrainConfig withIterations(long total) {
        return new TrainConfig(model, optimizer, batch, data, seed, total, epochs, sampleEvery, checkpointEvery, device);
    }

    /** The same run with other optimizer settings, as a learning-rate change during training asks. */
    public TrainConfig withOptimizer(OptimizerSettings settings) {
        return new TrainConfig(model, settings, batch, data, seed, iterations, epochs, sampleEvery, checkpointEvery,
                device);
    }

    /** {@code config.json}. */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("image_size", model.imageSize());
        o.addProperty("channels", model.channels());
        o.addProperty("nz", model.nz());
        o.addProperty("ngf", model.ngf());
        o.addProperty("ndf", model.ndf());
        o.addProperty("z_prior", model.zPrior().name().toLowerCase());
        o.addProperty("batch", batch);
        o.addProperty("lr_g", optimizer.lrG());
        o.addProperty("lr_d", optimizer.lrD());
        o.addProperty("beta1", optimizer.beta1());
        o.addProperty("beta2", optimizer.beta2());
        o.addProperty("eps", optimizer.epsilon());
        o.addProperty("data", data);
        o.addProperty("seed", seed);
        o.addProperty("iterations", iterations);
        o.addProperty("epochs", epochs);
        o.addProperty("sample_every", sampleEvery);
        o.addProperty("checkpoint_every", checkpointEvery);
        o.addProperty("device", device);
        return new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n";
    }

    /**
     * Parses {@code config.json}. Ranges are checked by the records built from it; here every field
     * must be present and of its type, so nothing is read leniently (a string "64", 64.5 or 2^32 + 64
     * is no image size).
     *
     * @throws IllegalArgumentException naming the missing or bad field and its value
     */
    public static TrainConfig fromJson(String json) {
        JsonObject o;
        try {
            o = JsonFields.object(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config " + e.getMessage(), e);
        }
        ModelConfig model = new ModelConfig(integer(o, "image_size"), integer(o, "channels"), integer(o, "nz"),
                integer(o, "ngf"), integer(o, "ndf"), LatentPrior.parse(string(o, "z_prior")));
        OptimizerSettings opt = new OptimizerSettings(number(o, "lr_g"), number(o, "lr_d"), number(o, "beta1"),
                number(o, "beta2"), number(o, "eps"));
        return new TrainConfig(model, opt, integer(o, "batch"), string(o, "data"), whole(o, "seed"),
                whole(o, "iterations"), integer(o, "epochs"), integer(o, "sample_every"),
                integer(o, "checkpoint_every"), string(o, "device"));
    }

    // Any int or long: the records' own checks then name the range.

    private static int integer(JsonObject o, String key) {
        return (int) field(() -> JsonFields.integer(o, key, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    private static long whole(JsonObject o, String key) {
        return field(() -> JsonFields.whole(o, key, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    private static float number(JsonObject o, String key) {
        return field(() -> JsonFields.float32(o, key));
    }

    private static String string(JsonObject o, String key) {
        return field(() -> JsonFields.string(o, key));
    }

    /** JsonFields' message with "config" in front, as every config error starts. */
    private static <T> T field(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config " + e.getMessage(), e);
        }
    }
}
