package org.dcganstudio.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.junit.jupiter.api.Test;

/** config.json numbers are read exactly or refused, never narrowed into another plausible value. */
class TrainConfigNumbersTest {

    private static final TrainConfig CONFIG = new TrainConfig(new ModelConfig(32, 3, 16, 4, 4, LatentPrior.NORMAL),
            OptimizerSettings.PAPER, 8, "solid-colours:64", 1, 100, 0, 5, 10, "cpu");

    @Test
    void roundTrips() {
        assertEquals(CONFIG, TrainConfig.fromJson(CONFIG.toJson()));
    }

    @Test
    void anNzThatWouldWrapTo16IsRefused() {
        String json = CONFIG.toJson().replace("\"nz\": 16", "\"nz\": 4294967312");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fromJson(json));
        assertEquals("config field 'nz' must be a whole number in [-2147483648, 2147483647], got 4294967312", e.getMessage());
    }

    @Test
    void fractionalAndHugeIterationsAreRefused() {
        String json = CONFIG.toJson().replace("\"iterations\": 100", "\"iterations\": 1e30");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fromJson(json));
        assertEquals("config field 'iterations' must be a whole number in [-9223372036854775808, 9223372036854775807], got 1e30", e.getMessage());
        String half = CONFIG.toJson().replace("\"batch\": 8", "\"batch\": 8.5");
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.fromJson(half));
    }
}
