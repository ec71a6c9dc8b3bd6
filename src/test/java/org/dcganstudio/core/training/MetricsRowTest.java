package org.dcganstudio.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsRowTest {

    private static final MetricsRow ROW = new MetricsRow(12, 1, 0.693147f, 1.38629f, 0.5f, 0.25f, 0.125f, 512, 3.5);

    @Test
    void theCsvColumnsAreTheContractTheStudioAndOldRunsShare() {
        assertEquals("step,epoch,loss_d,loss_g,d_x,d_g_z1,d_g_z2,images_per_s,wall_s", MetricsRow.HEADER);
        assertEquals("12,1,0.693147,1.38629,0.500000,0.250000,0.125000,512.00,3.500", ROW.toCsv());
        assertEquals(ROW, MetricsRow.parse(ROW.toCsv()));
    }

    @Test
    void eachMetricIsItsOwnColumn() {
        float[] stats = new float[Metric.COUNT];
        for (Metric m : Metric.values()) {
            stats[m.index()] = 10 + m.index();
        }
        MetricsRow row = MetricsRow.of(3, 0, stats, 1, 2);
        assertEquals(new MetricsRow(3, 0, 10, 11, 12, 13, 14, 1, 2), row);
        String[] fields = row.toCsv().split(",");
        for (Metric m : Metric.values()) {
            assertEquals(10 + m.index(), row.value(m), m.name());
            assertEquals(m.column(), MetricsRow.HEADER.split(",")[2 + m.index()], m.name());
            assertEquals(10 + m.index(), Float.parseFloat(fields[2 + m.index()]), m.name());
        }
    }

    @Test
    void anyNonFiniteStatisticMakesTheRowNonFinite() {
        assertTrue(ROW.isFinite());
        for (Metric m : Metric.values()) {
            float[] stats = new float[Metric.COUNT];
            stats[m.index()] = Float.NaN;
            assertFalse(MetricsRow.of(1, 0, stats, 1, 1).isFinite(), m.name());
        }
        assertThrows(IllegalArgumentException.class, () -> MetricsRow.of(1, 0, new float[4], 1, 1));
        assertThrows(IllegalArgumentException.class, () -> MetricsRow.parse("1,0,0.5,0.5,0.5,0.5,0.5,1.0"));
    }
}
