package org.dcganstudio.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    /**
     * Each tensor's change over three steps (after − before) within 1% of PyTorch's in L2 norm; the
     * worst tensor is at 0.17%, and an Adam step 10% off is 10% off here.
     */
    private static final double DELTA_TOLERANCE = 0.01;
    /**
     * Any one element's change within 5% of the tensor's largest change: one element of D's
     * main.2.weight is 2.4% off (D's gradient is summed in one backward here and two in PyTorch, and
     * Adam's division by √v̂ amplifies that rounding where v̂ is small).
     */
    private static final double ELEMENT_TOLERANCE = 0.05;

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
            assertMatches(t.generator(), DIR.resolve("G0.safetensors"), DIR.resolve("G3.safetensors"), m);
            assertMatches(t.discriminator(), DIR.resolve("D0.safetensors"), DIR.resolve("D3.safetensors"), m);
            assertMoments(t.optimizerG(), DIR.resolve("adam_G3.npz"), m);
            assertMoments(t.optimizerD(), DIR.resolve("adam_D3.npz"), m);
            assertEquals(3, t.optimizerD().steps());
        }
    }

    /**
     * Compares what the three steps changed (after − before), not the weights: they move by about
     * 6e-4 in three steps, so an absolute bound of 1e-4 on the weights themselves passed an Adam
     * step 10% off. Counters are compared exactly.
     */
    private static void assertMatches(DcganNetwork net, Path before, Path after, NDManager m) throws Exception {
        NDList ref0 = NDList.decode(m, Files.readAllBytes(before));
        NDList ref3 = NDList.decode(m, Files.readAllBytes(after));
        for (StateEntry e : net.stateEntries()) {
            if (e.isCounter()) {
                assertEquals(ref3.get(e.key()).toLongArray()[0], e.counterOf().getBatchesTracked(), e.key());
                continue;
            }
            float[] start = ref0.get(e.key()).toFloatArray();
            float[] want = ref3.get(e.key()).toFloatArray();
            float[] got = e.array().toFloatArray();
            assertEquals(want.length, got.length, e.key());
            double scale = 0;
            double worst = 0;
            double errorSq = 0;
            double changeSq = 0;
            for (int i = 0; i < want.length; i++) {
                double change = want[i] - start[i];
                double error = (got[i] - start[i]) - change;
                scale = Math.max(scale, Math.abs(change));
                worst = Math.max(worst, Math.abs(error));
                errorSq += error * error;
                changeSq += change * change;
            }
            assertTrue(scale > 0, e.key() + " did not change in three steps: nothing to compare");
            double relative = Math.sqrt(errorSq / changeSq);
            assertTrue(relative <= DELTA_TOLERANCE, e.key() + ": its change differs from PyTorch's by "
                    + (float) (relative * 100) + "% (L2)");
            assertTrue(worst <= ELEMENT_TOLERANCE * scale, e.key() + ": an element's change differs from PyTorch's by "
                    + worst + ", " + (float) (worst / scale * 100) + "% of the largest change " + scale);
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
