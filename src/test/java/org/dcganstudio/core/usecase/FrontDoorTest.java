package org.dcganstudio.core.usecase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dcganstudio.core.explore.LatentDirections;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.render.GeneratorOrigin;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.testing.TinyCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The use cases the CLI and the ViewModels share: what they load, draw and find. */
class FrontDoorTest {

    @TempDir
    Path tmp;

    @Test
    void aCheckpointOpensWithItsOriginTyped() throws Exception {
        Path file = TinyCheckpoints.write(tmp.resolve("a.ckpt"), 3, 8f);
        GeneratorWeights w = GeneratorLoading.open(file);
        assertEquals(TinyCheckpoints.TINY, w.config());
        GeneratorOrigin.Checkpoint origin = assertInstanceOf(w.from());
        assertEquals(file, origin.opened());
        assertEquals(file.toString(), w.origin());
        assertFalse(w.from().fromTraining());
        assertEquals(file, w.from().checkpoint().orElseThrow());
    }

    @Test
    void aTrainingCopyIsKnownByItsOriginNotItsDescription() {
        GeneratorOrigin copy = new GeneratorOrigin.TrainingCopy(Path.of("runs", "faces"), 150);
        assertTrue(copy.fromTraining());
        assertTrue(copy.checkpoint().isEmpty(), "a training copy has no checkpoint to search with");
        assertEquals("training run faces at step 150", copy.describe());
        // a file that happens to be called "training run …" is still an import
        assertFalse(new GeneratorOrigin.PyTorchWeights(Path.of("training run x.safetensors")).fromTraining());
    }

    @Test
    void theLoadedGeneratorDrawsWhatTheNetworkDraws() throws Exception {
        Checkpoint ckpt = Checkpoint.read(TinyCheckpoints.write(tmp.resolve("a.ckpt"), 3, 8f));
        int nz = TinyCheckpoints.TINY.nz();
        float[] z1 = new float[nz];
        float[] z2 = new float[nz];
        new Rng(5).fillGaussian(z1, 0, 1);
        new Rng(6).fillGaussian(z2, 0, 1);
        float[] expected;
        try (NDManager m = NDManager.newBaseManager(Device.cpu());
                Generator g = new Generator(TinyCheckpoints.TINY, m, 0)) {
            ckpt.restoreGenerator(g);
            float[] both = new float[2 * nz];
            System.arraycopy(z1, 0, both, 0, nz);
            System.arraycopy(z2, 0, both, nz, nz);
            expected = g.forward(m.create(both, new Shape(2, nz, 1, 1)), false).toFloatArray();
        }
        try (LoadedGenerator g = LoadedGenerator.load(GeneratorWeights.of(ckpt), "cpu")) {
            float[] drawn = g.generate(List.of(z1, z2), false);
            assertArrayEquals(expected, drawn, 0f);
            assertNotEquals(drawn[0], drawn[drawn.length / 2 + 7], "two latents, two images");
        }
    }

    @Test
    void importedWeightsAreCheckedByLoadingThemAndTheFileIsNamed() throws Exception {
        Path bad = tmp.resolve("netG.safetensors");
        Files.write(bad, new byte[] {1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> GeneratorLoading.importPyTorch(bad));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());

        Checkpoint ckpt = Checkpoint.read(TinyCheckpoints.write(tmp.resolve("a.ckpt"), 3, 8f));
        Path good = tmp.resolve("G.safetensors");
        try (LoadedGenerator g = LoadedGenerator.load(GeneratorWeights.of(ckpt), "cpu")) {
            g.save(good);
        }
        GeneratorWeights imported = GeneratorLoading.importPyTorch(good);
        assertEquals(TinyCheckpoints.TINY.nz(), imported.config().nz());
        assertEquals(new GeneratorOrigin.PyTorchWeights(good), imported.from());
    }

    @Test
    void withoutACheckpointTheShippedModelIsUsedOrAskedFor() throws Exception {
        Path file = TinyCheckpoints.write(tmp.resolve("a.ckpt"), 3, 8f);
        assertEquals(file, GeneratorLoading.checkpointOrDefault(file).source());
        if (GeneratorLoading.defaultModel().isPresent()) {
            assertEquals(GeneratorLoading.defaultModel().get(), GeneratorLoading.checkpointOrDefault(null).source());
        }
    }

    @Test
    void directionsAreFoundFromWeightsAlone() throws Exception {
        GeneratorWeights w = GeneratorLoading.open(TinyCheckpoints.write(tmp.resolve("a.ckpt"), 3, 8f));
        LatentDirections found = DirectionSearch.find(w, 3, 200, 1);
        assertEquals(3, found.directions().size());
        double previous = Double.MAX_VALUE;
        for (LatentDirections.Direction d : found.directions()) {
            assertTrue(d.explainedVarianceRatio() <= previous, "ordered by explained variance");
            previous = d.explainedVarianceRatio();
        }
    }

    @Test
    void theMemorisationCheckMeasuresL2DistancesToTheDataSetsImages() throws Exception {
        Checkpoint ckpt = Checkpoint.read(TinyCheckpoints.write(tmp.resolve("a.ckpt"), 3, 8f));
        float[] z = new float[TinyCheckpoints.TINY.nz()];
        MemorisationCheck.Result r = MemorisationCheck.run(ckpt, null, List.of(z), 2, 20, false, "cpu", w -> { });
        assertEquals(ckpt.config().data(), r.spec());
        assertEquals(20, r.neighbours().searched());
        assertEquals(2, r.neighbours().pixel().get(0).size());
        // the first match's distance is the distance from the generated image to that data image
        float[] data = r.dataImage(r.neighbours().pixel().get(0).get(0).index());
        double sum = 0;
        for (int i = 0; i < data.length; i++) {
            sum += Math.pow(data[i] - r.generated()[i], 2);
        }
        assertEquals(Math.sqrt(sum), r.neighbours().pixel().get(0).get(0).distance(), 1e-3);
        assertThrows(IllegalArgumentException.class,
                () -> MemorisationCheck.run(ckpt, null, List.of(new float[3]), 2, 20, false, "cpu", w -> { }));
    }

    private static GeneratorOrigin.Checkpoint assertInstanceOf(GeneratorOrigin o) {
        assertTrue(o instanceof GeneratorOrigin.Checkpoint, "a checkpoint origin, got " + o);
        return (GeneratorOrigin.Checkpoint) o;
    }
}
