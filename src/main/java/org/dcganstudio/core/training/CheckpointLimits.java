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
        long values = values(model, generator, true);
        return new Limit(values * Float.BYTES + SAFETENSORS_OVERHEAD,
                "config.json's model gives " + (generator ? "G " : "D ") + values + " float32 values");
    }

    /** An optimizer's moments: two float32 values per trainable parameter. */
    static Limit moments(ModelConfig model, boolean generator) {
        long values = 2 * values(model, generator, false);
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
     * G's or D's values as Generator and Discriminator build them: a convolution per layer (no
     * bias; G's first has the base size as its kernel, D's last), batch norm after every one but
     * the last and, in D, the first (gamma, beta, and when {@code withRunning} the running mean and
     * variance).
     */
    static long values(ModelConfig c, boolean generator, boolean withRunning) {
        int perNorm = withRunning ? 4 : 2;
        long in = generator ? c.nz() : c.channels();
        long values = 0;
        for (int i = 0; i < c.upsamplingLayers(); i++) {
            long out = generator ? (long) c.ngf() * c.generatorMultiplier(i)
                    : (long) c.ndf() * c.discriminatorMultiplier(i);
            long kernel = generator && i == 0 ? c.baseSize() : 4;
            boolean norm = generator || i > 0;
            values += in * out * kernel * kernel + (norm ? perNorm * out : 0);
            in = out;
        }
        return values + (generator ? in * c.channels() * 16 : in * c.baseSize() * c.baseSize());
    }
}
