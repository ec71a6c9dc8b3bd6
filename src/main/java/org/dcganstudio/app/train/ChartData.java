package org.dcganstudio.app.train;

import org.dcganstudio.core.session.MetricsSeries;

/**
 * The metrics a chart draws: every row of the run so far, by step, read-only. A new value of the
 * ViewModel's property means new rows; the arrays behind it are shared, not copied.
 */
public final class ChartData {

    /**
     * What can be plotted: the core's statistics that the charts show, as views may not name core
     * types. The label comes from the statistic.
     */
    public enum Metric {
        LOSS_D(org.dcganstudio.core.training.Metric.LOSS_D),
        LOSS_G(org.dcganstudio.core.training.Metric.LOSS_G),
        D_X(org.dcganstudio.core.training.Metric.D_X),
        // From the same pass of D as D(x), before its update, so the two lines compare like with like.
        D_G_Z(org.dcganstudio.core.training.Metric.D_G_Z1);

        private final org.dcganstudio.core.training.Metric statistic;

        Metric(org.dcganstudio.core.training.Metric statistic) {
            this.statistic = statistic;
        }

        /** The reference's name for it. */
        public String label() {
            return statistic.label();
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
        return series.value(metric.statistic, i);
    }
}
