package org.dcganstudio.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dcganstudio.core.training.OptimizerSettings;
import org.junit.jupiter.api.Test;

class DecimalTextTest {

    @Test
    void decimalsReadAsTyped() {
        assertEquals("2e-4", DecimalText.of(2e-4f));
        assertEquals("1.5e-5", DecimalText.of(1.5e-5f));
        assertEquals("0.5", DecimalText.of(0.5f));
        assertEquals("0.001", DecimalText.of(0.001f));
        assertEquals("1e10", DecimalText.of(1e10f));
    }

    @Test
    void thePapersRateIsWrittenAsItsTextSaysAndReadsBackExactly() {
        assertEquals(OptimizerSettings.PAPER_LR_TEXT, DecimalText.of(OptimizerSettings.PAPER_LR));
        assertEquals(OptimizerSettings.PAPER_LR, Float.parseFloat(OptimizerSettings.PAPER_LR_TEXT));
        for (float v : new float[] {2e-4f, 3.3e-7f, 0.75f, 12345.678f, 1e-30f}) {
            assertEquals(v, Float.parseFloat(DecimalText.of(v)), "round trip of " + v);
        }
    }
}
