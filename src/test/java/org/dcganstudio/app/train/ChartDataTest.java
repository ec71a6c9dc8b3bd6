package org.dcganstudio.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dcganstudio.core.session.MetricsSeries;
import org.dcganstudio.core.training.MetricsRow;
import org.junit.jupiter.api.Test;

class ChartDataTest {

    @Test
    void eachChartMetricReadsItsStatisticUnderTheReferencesName() {
        ChartData data = new ChartData(MetricsSeries.EMPTY.append(List.of(
                new MetricsRow(7, 0, 1.5f, 2.5f, 0.75f, 0.25f, 0.125f, 64, 1))));
        assertEquals(1, data.size());
        assertEquals(7, data.step(0));
        assertEquals(1.5f, data.value(ChartData.Metric.LOSS_D, 0));
        assertEquals(2.5f, data.value(ChartData.Metric.LOSS_G, 0));
        assertEquals(0.75f, data.value(ChartData.Metric.D_X, 0));
        assertEquals(0.25f, data.value(ChartData.Metric.D_G_Z, 0), "D(G(z)) before D's update");
        assertEquals(List.of("Loss_D", "Loss_G", "D(x)", "D(G(z))"),
                List.of(ChartData.Metric.values()).stream().map(ChartData.Metric::label).toList());
    }
}
