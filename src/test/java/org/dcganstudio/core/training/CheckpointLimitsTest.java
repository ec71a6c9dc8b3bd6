package org.dcganstudio.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import org.dcganstudio.core.model.DcganNetwork;
import org.dcganstudio.core.model.Discriminator;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tensor limits count exactly what the networks hold, so a real checkpoint is never refused. */
class CheckpointLimitsTest {

    @ParameterizedTest
    @ValueSource(ints = {28, 32, 64})
    void theCountedValuesAreTheNetworksOwn(int imageSize) {
        ModelConfig c = new ModelConfig(imageSize, 3, 8, 4, 6, LatentPrior.NORMAL);
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu());
                Generator g = new Generator(c, m, 0);
                Discriminator d = new Discriminator(c, m, 0)) {
            assertEquals(values(g, false), CheckpointLimits.values(c, true, true), "G's state dict");
            assertEquals(values(g, true), CheckpointLimits.values(c, true, false), "G's parameters");
            assertEquals(values(d, false), CheckpointLimits.values(c, false, true), "D's state dict");
            assertEquals(values(d, true), CheckpointLimits.values(c, false, false), "D's parameters");
        }
    }

    @org.junit.jupiter.api.Test
    void metricsAreCappedHoweverLongTheRun() {
        assertEquals(CheckpointLimits.MAX_METRICS_LINE, CheckpointLimits.metrics(0).bytes());
        assertEquals(CheckpointLimits.MAX_METRICS, CheckpointLimits.metrics(Long.MAX_VALUE).bytes());
    }

    private static long values(DcganNetwork n, boolean trainableOnly) {
        return n.stateEntries().stream().filter(e -> e.array() != null && (!trainableOnly || e.trainable()))
                .mapToLong(e -> e.array().size()).sum();
    }
}
