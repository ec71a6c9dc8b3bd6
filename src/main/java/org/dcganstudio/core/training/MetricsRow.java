package org.dcganstudio.core.training;

import java.util.Locale;

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
    public static final String HEADER = "step,epoch,loss_d,loss_g,d_x,d_g_z1,d_g_z2,images_per_s,wall_s";

    /** Whether every statistic is finite (a NaN loss stops training). */
    public boolean isFinite() {
        return Float.isFinite(lossD) && Float.isFinite(lossG) && Float.isFinite(dX) && Float.isFinite(dGz1)
                && Float.isFinite(dGz2);
    }

    /** The CSV line, without newline. */
    public String toCsv() {
        return String.format(Locale.ROOT, "%d,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.2f,%.3f", step, epoch, lossD, lossG, dX,
                dGz1, dGz2, imagesPerS, wallS);
    }

    /** Parses a CSV line, naming the line when it is malformed. */
    public static MetricsRow parse(String line) {
        String[] f = line.split(",");
        if (f.length != 9) {
            throw new IllegalArgumentException("metrics line must have 9 fields, got " + f.length + ": '" + line + "'");
        }
        try {
            return new MetricsRow(Long.parseLong(f[0]), Long.parseLong(f[1]), Float.parseFloat(f[2]),
                    Float.parseFloat(f[3]), Float.parseFloat(f[4]), Float.parseFloat(f[5]), Float.parseFloat(f[6]),
                    Double.parseDouble(f[7]), Double.parseDouble(f[8]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metrics line has a non-number: '" + line + "'");
        }
    }
}
