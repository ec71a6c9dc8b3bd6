package org.dcganstudio.core.session;

import java.util.Arrays;
import java.util.List;
import org.dcganstudio.core.training.MetricsRow;

/**
 * Every metrics row of a run as columns, append-only and cheap to share: a snapshot holds a view
 * of the first {@link #size()} rows, and appending returns a new view that reuses the arrays while
 * they have room. Old views stay valid because rows below their size are never rewritten, so one
 * writer thread and any number of readers need no lock; 100,000 rows cost 3.6 MB.
 */
public final class MetricsSeries {

    /** The columns, in {@link MetricsRow} order after the step. */
    public enum Column {
        LOSS_D, LOSS_G, D_X, D_G_Z1, D_G_Z2, IMAGES_PER_S
    }

    /** No rows. */
    public static final MetricsSeries EMPTY = new MetricsSeries(new long[0], new float[Column.values().length][0], 0);

    private final long[] steps;
    private final float[][] columns;
    private final int size;

    private MetricsSeries(long[] steps, float[][] columns, int size) {
        this.steps = steps;
        this.columns = columns;
        this.size = size;
    }

    /**
     * This series with {@code rows} after it. Only the newest view may be appended to: appending to
     * an older one would overwrite rows a newer view exposes.
     */
    public MetricsSeries append(List<MetricsRow> rows) {
        if (rows.isEmpty()) {
            return this;
        }
        int needed = size + rows.size();
        long[] s = steps;
        float[][] c = columns;
        if (needed > steps.length) {
            int capacity = Math.max(needed, Math.max(1024, steps.length * 2));
            s = Arrays.copyOf(steps, capacity);
            c = new float[columns.length][];
            for (int i = 0; i < columns.length; i++) {
                c[i] = Arrays.copyOf(columns[i], capacity);
            }
        }
        int at = size;
        for (MetricsRow r : rows) {
            s[at] = r.step();
            c[0][at] = r.lossD();
            c[1][at] = r.lossG();
            c[2][at] = r.dX();
            c[3][at] = r.dGz1();
            c[4][at] = r.dGz2();
            c[5][at] = (float) r.imagesPerS();
            at++;
        }
        return new MetricsSeries(s, c, needed);
    }

    /** Number of rows. */
    public int size() {
        return size;
    }

    /** The step of row {@code i}. */
    public long step(int i) {
        return steps[check(i)];
    }

    /** A value of row {@code i}. */
    public float value(Column column, int i) {
        return columns[column.ordinal()][check(i)];
    }

    /** The index of the last row whose step is at most {@code step}, or -1. */
    public int indexAtOrBefore(long step) {
        int i = Arrays.binarySearch(steps, 0, size, step);
        return i >= 0 ? i : -i - 2;
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("row " + i + " of " + size);
        }
        return i;
    }
}
