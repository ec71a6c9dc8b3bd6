package org.dcganstudio.fuzz;

import ai.djl.ndarray.NDManager;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.dcganstudio.core.interop.StateDictShapes;
import org.dcganstudio.core.interop.StateDicts;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@code .safetensors} state dicts (SafetensorsHeader, StateDicts): strict loading into the smallest
 * generator the corpus's valid seed fits, and the shape reading that imports guess an
 * architecture from.
 */
class SafetensorsFuzzTest {

    private static NDManager manager;
    private static Generator generator;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager(ai.djl.Device.cpu());
        generator = new Generator(new ModelConfig(28, 1, 8, 4, 4, LatentPrior.NORMAL), manager, 1);
    }

    @AfterAll
    static void close() {
        generator.close();
        manager.close();
    }

    @FuzzTest
    void loadSafetensors(byte[] data) throws Exception {
        FuzzFiles.refusedClearlyIfBad(() -> StateDicts.load(generator, data, "input.safetensors"));
        Path file = FuzzFiles.write("input.safetensors", data);
        FuzzFiles.refusedClearlyIfBad(() -> StateDictShapes.generatorConfig(file));
    }
}
