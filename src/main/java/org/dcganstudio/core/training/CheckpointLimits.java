package org.dcganstudio.core.training;

import org.dcganstudio.core.io.CheckedZip.Limit;
import org.dcganstudio.core.model.ModelConfig;

/**
 * How large each entry of a checkpoint may be, derived from what it can legitimately hold, so a
 * lying or hostile file is refused before its data is read. The tensor limits come from the
 * model's shape (config.json is read first, under the JSON limit).
 */
final class CheckpointLimits {

    /**
     * state.json and config.json: ours are under 1 KiB; the longest field, the data spec, is a path
     * (at most 4 KiB on Linux), so 64 KiB is generous.
     */
    static final Limit JSON = new Limit(64 * 1024, "state.json and config.json are under 1 KiB");

    /**
     * A safetensors file's 8-byte length and JSON header (about 100 bytes a tensor, a few dozen
     * tensors) and the int64 num_batches_tracked scalars come on top of the float32 values.
     */
    static final long SAFETENSORS_OVERHEAD = 64 * 1024;

    /**
     * The longest line {@link MetricsRow#toCsv} can write: two longs (20 characters each), five
     * {@code %.6g} floats (13) and two fixed-point doubles (up to 309 digits and 4 more), each with
     * its comma, rounded up. Real rows are about 70 bytes.
     */
    static final long MAX_METRICS_LINE = 1024;

    /**
     * metrics.csv is parsed into memory row by row; 1 GiB is over ten million real rows, hundreds of
     * times the paper's longest run, and about as much as a default heap can hold parsed.
     */
    static final long MAX_METRICS = 1L << 30;

    private CheckpointLimits() {}

    /** G's or D's state dict: every weight and running statistic in float32. */
    static Limit stateDict(ModelConfig model, boolean generator) {
        long values = generator ? generatorValues(model, true) : discriminatorValues(model, true);
        return new Limit(values * Float.BYTES + SAFETENSORS_OVERHEAD,
                "config.json's model gives " + (generator ? "G " : "D ") + values + " float32 values");
    }

    /** An optimizer's moments: two float32 values per trainable parameter. */
    static Limit moments(ModelConfig model, boolean generator) {
        long values = 2 * (generator ? generatorValues(model, false) : discriminatorValues(model, false));
        return new Limit(values * Float.BYTES + SAFETENSORS_OVERHEAD,
                "config.json's model gives Adam of " + (generator ? "G " : "D ") + values + " float32 moments");
    }

    /** The fixed noise: one latent per sample of the grid. */
    static Limit fixedNoise(ModelConfig model) {
        long values = (long) TrainingRun.SAMPLE_COUNT * model.nz();
        return new Limit(values * Float.BYTES, TrainingRun.SAMPLE_COUNT + " latents of nz = " + model.nz());
    }

    /** The metrics: a header and one row per step taken. */
    static Limit metrics(long step) {
        long rows = Math.min(step, MAX_METRICS / MAX_METRICS_LINE) + 1;
        long bytes = Math.min(rows * MAX_METRICS_LINE, MAX_METRICS);
        return new Limit(bytes, "one row per step up to step " + step + ", at most " + MAX_METRICS_LINE
                + " bytes a row and " + MAX_METRICS + " in all");
    }

    /**
     * G's values as Generator builds it: a transposed convolution per layer (no bias), batch norm
     * after every one but the last (gamma, beta, and when {@code withRunning} the running mean and
     * variance).
     */
    static long generatorValues(ModelConfig c, boolean withRunning) {
        int perNorm = withRunning ? 4 : 2;
        long in = c.nz();
        long values = 0;
        for (int i = 0; i < c.upsamplingLayers(); i++) {
            long out = (long) c.ngf() * c.generatorMultiplier(i);
            long kernel = i == 0 ? c.baseSize() : 4;
            values += in * out * kernel * kernel + perNorm * out;
            in = out;
        }
        return values + in * c.channels() * 16;
    }

    /**
     * D's values as Discriminator builds it: a convolution per layer (no bias), batch norm after
     * every one but the first and the last.
     */
    static long discriminatorValues(ModelConfig c, boolean withRunning) {
        int perNorm = withRunning ? 4 : 2;
        long in = c.channels();
        long values = 0;
        for (int i = 0; i < c.upsamplingLayers(); i++) {
            long out = (long) c.ndf() * c.discriminatorMultiplier(i);
            values += in * out * 16 + (i == 0 ? 0 : perNorm * out);
            in = out;
        }
        return values + in * c.baseSize() * c.baseSize();
    }
}
