package org.dcganstudio.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.dcganstudio.core.training.TrainConfig;

/** A run's config.json (TrainConfig.fromJson), read from run directories and checkpoints. */
class TrainConfigFuzzTest {

    @FuzzTest
    void parseConfig(byte[] data) throws Exception {
        String json = new String(data, StandardCharsets.UTF_8);
        FuzzFiles.refusedClearlyIfBad(() -> TrainConfig.fromJson(json));
    }
}
