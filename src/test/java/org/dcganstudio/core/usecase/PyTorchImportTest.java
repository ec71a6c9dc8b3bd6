package org.dcganstudio.core.usecase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.render.GeneratorOrigin;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** File → Import PyTorch weights takes torch.save files as it takes safetensors. */
class PyTorchImportTest {

    private static final ModelConfig TINY = new ModelConfig(32, 1, 4, 2, 2, LatentPrior.NORMAL);

    @Test
    void aTorchSaveGeneratorImportsAndDrawsAsItsSafetensors() throws Exception {
        Path pt = Fixtures.path("torch_pickle/G_half.pt");
        GeneratorWeights fromPt = GeneratorLoading.importPyTorch(pt);
        GeneratorWeights fromSafetensors =
                GeneratorLoading.importPyTorch(Fixtures.path("torch_pickle/G_half_expected.safetensors"));
        assertEquals(TINY, fromPt.config());
        assertEquals(new GeneratorOrigin.PyTorchWeights(pt), fromPt.from());
        float[] z = {0.5f, -1f, 0.25f, 2f};
        try (LoadedGenerator a = LoadedGenerator.load(fromPt, "cpu");
                LoadedGenerator b = LoadedGenerator.load(fromSafetensors, "cpu")) {
            assertArrayEquals(b.generate(List.of(z), false), a.generate(List.of(z), false), 0f);
        }
    }

    @Test
    void aPickleWithCodeIsRefusedNamingTheFileAndTheGlobal() {
        Path evil = Fixtures.path("torch_pickle/evil_os_system.pt");
        IOException e = assertThrows(IOException.class, () -> GeneratorLoading.importPyTorch(evil));
        assertTrue(e.getMessage().startsWith(evil.toString()) && e.getMessage().contains("'posix.system'"),
                e.getMessage());
    }
}
