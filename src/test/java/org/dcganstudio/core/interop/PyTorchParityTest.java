package org.dcganstudio.core.interop;

import static org.dcganstudio.testing.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dcganstudio.core.model.Discriminator;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** G and D outputs for PyTorch's weights and inputs match PyTorch's own outputs. */
class PyTorchParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"s64_nz64_ngf32_nc3", "s32_nz16_ngf8_nc1", "s28_nz8_ngf4_nc1"})
    void generatorAndDiscriminatorMatchPyTorch(String name) throws Exception {
        Path dir = Fixtures.path("dcgan/" + name);
        JsonObject cfg = JsonParser.parseString(Files.readString(dir.resolve("config.json"))).getAsJsonObject();
        ModelConfig config = new ModelConfig(cfg.get("image_size").getAsInt(), cfg.get("channels").getAsInt(),
                cfg.get("nz").getAsInt(), cfg.get("ngf").getAsInt(), cfg.get("ndf").getAsInt(), LatentPrior.NORMAL);
        try (NDManager m = NDManager.newBaseManager();
                Generator g = new Generator(config, m, 1);
                Discriminator d = new Discriminator(config, m, 2)) {
            StateDicts.load(g, dir.resolve("G.safetensors"));
            StateDicts.load(d, dir.resolve("D.safetensors"));
            NDArray z = NpyFiles.read(dir.resolve("z.npy"), m);
            NDArray images = NpyFiles.read(dir.resolve("images.npy"), m);

            assertClose(NpyFiles.read(dir.resolve("g_eval.npy"), m), g.forward(z, false), 1e-4, "G eval");
            assertClose(NpyFiles.read(dir.resolve("d_eval.npy"), m), d.score(images, false), 1e-4, "D eval");
            // eval twice: the cached inference kernels must give the same result
            assertClose(NpyFiles.read(dir.resolve("g_eval.npy"), m), g.forward(z, false), 1e-4, "G eval, cached");
            assertClose(NpyFiles.read(dir.resolve("g_train.npy"), m), g.forward(z, true), 1e-4, "G batch stats");
            assertClose(NpyFiles.read(dir.resolve("d_train.npy"), m), d.score(images, true), 1e-4, "D batch stats");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"s32_nz16_ngf8_nc1"})
    void savedStateDictRoundTripsKeysShapesAndCounters(String name) throws Exception {
        Path dir = Fixtures.path("dcgan/" + name);
        ModelConfig config = new ModelConfig(32, 1, 16, 8, 8, LatentPrior.NORMAL);
        try (NDManager m = NDManager.newBaseManager();
                Generator g = new Generator(config, m, 1)) {
            StateDicts.load(g, dir.resolve("G.safetensors"));
            byte[] saved = StateDicts.encode(g, false);
            NDList original = NDList.decode(m, Files.readAllBytes(dir.resolve("G.safetensors")));
            NDList again = NDList.decode(m, saved);
            assertEquals(original.size(), again.size());
            for (NDArray a : original) {
                NDArray b = again.get(a.getName());
                assertEquals(a.getShape(), b.getShape(), a.getName());
                assertEquals(a.getDataType(), b.getDataType(), a.getName());
                assertEquals(a, b, a.getName());
            }
        }
    }
}
