package org.dcganstudio.core.training;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One line of {@code metrics.csv}.
 *
 * @param step 1-based step that produced it
 * @param epoch 0-based epoch of that step
 * @param lossD Loss_D
 * @param lossG Loss_G
 * @param dX D(x)
 * @param dGz1 D(G(z)) before D's update
 * @param dGz2 D(G(z)) after D's update
 * @param imagesPerS training throughput over the last reporting interval
 * @param wallS training seconds since the run began (across resumes)
 */
public record MetricsRow(long step, long epoch, float lossD, float lossG, float dX, float dGz1, float dGz2,
        double imagesPerS, double wallS) {

    /** The CSV header, the column contract the studio reads. */
    public static final String HEADER = "step,epoch,"
            + Arrays.stream(Metric.values()).map(Metric::column).collect(Collectors.joining(","))
            + ",images_per_s,wall_s";

    private static final int FIELDS = 2 + Metric.COUNT + 2;

    /**
     * A row from a step's statistics.
     *
     * @param stats the step's {@link Metric} values, by {@link Metric#index()}
     */
    public static MetricsRow of(long step, long epoch, float[] stats, double imagesPerS, double wallS) {
        if (stats.length != Metric.COUNT) {
            throw new IllegalArgumentException(Metric.COUNT + " statistics expected, got " + stats.length);
        }
        return new MetricsRow(step, epoch, stats[Metric.LOSS_D.index()], stats[Metric.LOSS_G.index()],
                stats[Metric.D_X.index()], stats[Metric.D_G_Z1.index()], stats[Metric.D_G_Z2.index()], imagesPerS,
                wallS);
    }

    /** One of the step's statistics. */
    public float value(Metric metric) {
        return switch (metric) {
            case LOSS_D -> lossD;
            case LOSS_G -> lossG;
            case D_X -> dX;
            case D_G_Z1 -> dGz1;
            case D_G_Z2 -> dGz2;
        };
    }

    /** Whether every statistic is finite (a NaN loss stops training). */
    public boolean isFinite() {
        return Arrays.stream(Metric.values()).allMatch(m -> Float.isFinite(value(m)));
    }

    /** The CSV line, without newline. */
    public String toCsv() {
        StringBuilder line = new StringBuilder().append(step).append(',').append(epoch);
        for (Metric m : Metric.values()) {
            line.append(String.format(Locale.ROOT, ",%.6g", value(m)));
        }
        return line.append(String.format(Locale.ROOT, ",%.2f,%.3f", imagesPerS, wallS)).toString();
    }

    /** Parses a CSV line, naming the line when it is malformed. */
    public static MetricsRow parse(String line) {
        String[] f = line.split(",");
        if (f.length != FIELDS) {
            throw new IllegalArgumentException("metrics line must have " + FIELDS + " fields, got " + f.length + ": '"
                    + line + "'");
        }
        try {
            float[] stats = new float[Metric.COUNT];
            for (Metric m : Metric.values()) {
                stats[m.index()] = Float.parseFloat(f[2 + m.index()]);
            }
            return of(Long.parseLong(f[0]), Long.parseLong(f[1]), stats, Double.parseDouble(f[2 + Metric.COUNT]),
                    Double.parseDouble(f[3 + Metric.COUNT]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metrics line has a non-number: '" + line + "'");
        }
    }
}
