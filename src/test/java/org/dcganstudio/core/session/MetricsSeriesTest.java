package org.dcganstudio.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.dcganstudio.core.training.Metric;
import org.dcganstudio.core.training.MetricsRow;
import org.junit.jupiter.api.Test;

class MetricsSeriesTest {

    private static MetricsRow row(long step) {
        float[] stats = new float[Metric.COUNT];
        for (Metric m : Metric.values()) {
            stats[m.index()] = step * 10 + m.index();
        }
        return MetricsRow.of(step, 0, stats, 100, step);
    }

    @Test
    void eachMetricReadsBackFromItsRow() {
        List<MetricsRow> rows = new ArrayList<>();
        for (long s = 1; s <= 1500; s++) {
            rows.add(row(s));
        }
        // Past the first capacity of 1024 rows, so the arrays have grown once.
        MetricsSeries early = MetricsSeries.EMPTY.append(rows.subList(0, 1000));
        MetricsSeries all = early.append(rows.subList(1000, 1500));
        assertEquals(1000, early.size());
        assertEquals(1500, all.size());
        for (int i : new int[] {0, 999, 1023, 1024, 1499}) {
            assertEquals(i + 1, all.step(i));
            for (Metric m : Metric.values()) {
                assertEquals(rows.get(i).value(m), all.value(m, i), m + " of row " + i);
            }
        }
        assertEquals(rows.get(999).value(Metric.D_G_Z2), early.value(Metric.D_G_Z2, 999));
        assertThrows(IndexOutOfBoundsException.class, () -> early.value(Metric.LOSS_D, 1000));
    }
}
