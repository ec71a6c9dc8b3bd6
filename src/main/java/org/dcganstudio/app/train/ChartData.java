package org.dcganstudio.app.train;

import org.dcganstudio.core.session.MetricsSeries;

/**
 * The metrics a chart draws: every row of the run so far, by step, read-only. A new value of the
 * ViewModel's property means new rows; the arrays behind it are shared, not copied.
 */
public final class ChartData {

    /** What can be plotted. */
    public enum Metric {
        LOSS_D("Loss_D", MetricsSeries.Column.LOSS_D),
        LOSS_G("Loss_G", MetricsSeries.Column.LOSS_G),
        D_X("D(x)", MetricsSeries.Column.D_X),
        D_G_Z("D(G(z))", MetricsSeries.Column.D_G_Z1);

        private final String label;
        private final MetricsSeries.Column column;

        Metric(String label, MetricsSeries.Column column) {
            this.label = label;
            this.column = column;
        }

        /** The reference's name for it. */
        public String label() {
            return label;
        }
    }

    /** No rows. */
    public static final ChartData EMPTY = new ChartData(MetricsSeries.EMPTY);

    private final MetricsSeries series;

    ChartData(MetricsSeries series) {
        this.series = series;
    }

    /** Rows. */
    public int size() {
        return series.size();
    }

    /** The step of row {@code i}. */
    public long step(int i) {
        return series.step(i);
    }

    /** A metric of row {@code i}. */
    public float value(Metric metric, int i) {
        return series.value(metric.column, i);
    }
}
