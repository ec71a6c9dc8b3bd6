package org.dcganstudio.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dcganstudio.core.interop.StateDicts;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.render.LatentRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActiveGeneratorTest {

    @TempDir
    Path tmp;

    @Test
    void pyTorchWeightsImportWithTheirArchitectureReadFromTheShapes() throws Exception {
        ModelConfig config = new ModelConfig(64, 1, 12, 6, 6, LatentPrior.NORMAL);
        Path file = tmp.resolve("netG.safetensors");
        byte[] expected;
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); Generator g = new Generator(config, m, 5)) {
            StateDicts.save(g, file);
            expected = StateDicts.encode(g, false);
        }
        try (ActiveGenerator active = new ActiveGenerator(BackgroundTasks.SAME_THREAD, null,
                new LatentRenderer(Device.cpu()))) {
            active.importWeights(file);
            assertEquals("", active.errorProperty().get());
            assertEquals(config, active.weightsProperty().get().config());
            assertArrayEquals(expected, active.weightsProperty().get().state());
            assertTrue(active.descriptionProperty().get().contains("64×64 grey"), active.descriptionProperty().get());

            Path text = Files.writeString(tmp.resolve("not-weights.safetensors"), "hello");
            active.importWeights(text);
            assertTrue(active.errorProperty().get().contains("not-weights.safetensors"), active.errorProperty().get());
            assertEquals(config, active.weightsProperty().get().config(), "the loaded generator stays");

            active.open(tmp.resolve("missing-run"));
            assertTrue(active.errorProperty().get().contains("missing-run"), active.errorProperty().get());
            assertTrue(!active.loadingProperty().get());
        }
    }
}
