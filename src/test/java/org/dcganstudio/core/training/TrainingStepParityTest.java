package org.dcganstudio.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dcganstudio.core.interop.NpyFiles;
import org.dcganstudio.core.interop.StateDicts;
import org.dcganstudio.core.model.DcganNetwork;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.model.StateEntry;
import org.dcganstudio.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Three iterations of the reference loop from PyTorch's own initial weights and batches end with
 * PyTorch's losses, weights, running statistics, counters and Adam moments.
 */
class TrainingStepParityTest {

    private static final Path DIR = Fixtures.path("dcgan/train_step");

    @Test
    void threeStepsMatchPyTorchReferenceLoop() throws Exception {
        ModelConfig config = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);
        try (NDManager m = NDManager.newBaseManager();
                DcganTrainer t = new DcganTrainer(config, OptimizerSettings.PAPER, Device.cpu(), 0)) {
            StateDicts.load(t.generator(), DIR.resolve("G0.safetensors"));
            StateDicts.load(t.discriminator(), DIR.resolve("D0.safetensors"));
            float[] real = NpyFiles.read(DIR.resolve("real.npy"), m).toFloatArray();
            float[] noise = NpyFiles.read(DIR.resolve("noise.npy"), m).toFloatArray();
            float[] expected = NpyFiles.read(DIR.resolve("metrics.npy"), m).toFloatArray();
            int realPer = 4 * 3 * 32 * 32;
            int noisePer = 4 * 8;
            for (int i = 0; i < 3; i++) {
                t.step(Arrays.copyOfRange(real, i * realPer, (i + 1) * realPer),
                        Arrays.copyOfRange(noise, i * noisePer, (i + 1) * noisePer), 4);
            }
            float[][] stats = t.drainStats();
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(Arrays.copyOfRange(expected, i * 5, i * 5 + 5), stats[i], 1e-4f, "metrics of step " + i);
            }
            assertMatches(t.generator(), DIR.resolve("G3.safetensors"), m);
            assertMatches(t.discriminator(), DIR.resolve("D3.safetensors"), m);
            assertMoments(t.optimizerG(), DIR.resolve("adam_G3.npz"), m);
            assertMoments(t.optimizerD(), DIR.resolve("adam_D3.npz"), m);
            assertEquals(3, t.optimizerD().steps());
        }
    }

    private static void assertMatches(DcganNetwork net, Path file, NDManager m) throws Exception {
        NDList ref = NDList.decode(m, Files.readAllBytes(file));
        for (StateEntry e : net.stateEntries()) {
            NDArray want = ref.get(e.key());
            if (e.isCounter()) {
                assertEquals(want.toLongArray()[0], e.counterOf().getBatchesTracked(), e.key());
            } else {
                assertArrayEquals(want.toFloatArray(), e.array().toFloatArray(), 1e-4f, e.key());
            }
        }
    }

    private static void assertMoments(AdamOptimizer opt, Path file, NDManager m) throws Exception {
        NDList ref = NDList.decode(m, Files.readAllBytes(file));
        for (int i = 0; i < opt.params().size(); i++) {
            String key = opt.params().get(i).key();
            // D's gradient is summed in one backward here and in two in PyTorch: rounding differs
            assertRelative(ref.get(key + ".exp_avg").toFloatArray(), opt.means()[i].toFloatArray(), key + " exp_avg");
            assertRelative(ref.get(key + ".exp_avg_sq").toFloatArray(), opt.variances()[i].toFloatArray(), key + " exp_avg_sq");
        }
    }

    private static void assertRelative(float[] want, float[] got, String what) {
        float scale = 0;
        for (float v : want) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(want, got, 1e-3f * scale, what);
    }
}
