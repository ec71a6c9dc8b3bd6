package org.dcganstudio.cli;

import static org.dcganstudio.testing.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dcganstudio.core.interop.NpyFiles;
import org.dcganstudio.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command lines, end to end, as a user types them. */
class CliTest {

    record Outcome(int code, String out, String err) {}

    /** Runs as an installation without assets/ would: no default model, no shipped classifier. */
    static Outcome runWithoutAssets(String... args) {
        String old = System.getProperty(org.dcganstudio.core.io.ShippedAssets.PROPERTY);
        try {
            Path empty = Files.createTempDirectory("no-assets");
            System.setProperty(org.dcganstudio.core.io.ShippedAssets.PROPERTY, empty.toString());
            return run(args);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (old == null) {
                System.clearProperty(org.dcganstudio.core.io.ShippedAssets.PROPERTY);
            } else {
                System.setProperty(org.dcganstudio.core.io.ShippedAssets.PROPERTY, old);
            }
        }
    }

    static Outcome run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void trainThenSampleFromTheRunDirectory(@TempDir Path tmp) throws Exception {
        Path runDir = tmp.resolve("run");
        Outcome train = run("train", "--data", "solid-colours:128", "--image-size", "32", "--nz", "8", "--ngf", "4",
                "--ndf", "4", "--batch", "16", "--iterations", "12", "--sample-every", "5", "--checkpoint-every", "10",
                "--seed", "3", "--device", "cpu", "--run-dir", runDir.toString());
        assertEquals(0, train.code(), train.err() + train.out());
        assertTrue(Files.exists(runDir.resolve("config.json")));
        assertEquals(13, Files.readAllLines(runDir.resolve("metrics.csv")).size());
        assertTrue(Files.exists(runDir.resolve("samples/step-000010.png")));
        assertTrue(Files.exists(runDir.resolve("checkpoints/step-000010.ckpt")));
        assertTrue(Files.exists(runDir.resolve("checkpoints/step-000012.ckpt")));

        Path npy = tmp.resolve("out/images.npy");
        Path png = tmp.resolve("out/grid.png");
        Outcome sample = run("sample", "--checkpoint", runDir.toString(), "--count", "5", "--seed", "2",
                "--npy-out", npy.toString(), "--png-out", png.toString());
        assertEquals(0, sample.code(), sample.err());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = NpyFiles.read(npy, m);
            assertEquals(new Shape(5, 3, 32, 32), images.getShape());
            assertTrue(images.abs().max().getFloat() <= 1f);
        }
        assertTrue(javax.imageio.ImageIO.read(png.toFile()).getWidth() > 5 * 32);

        Path g = tmp.resolve("G.safetensors");
        Outcome export = run("export-weights", "--checkpoint", runDir.toString(), "--g-out", g.toString());
        assertEquals(0, export.code(), export.err());
        Path viaWeights = tmp.resolve("out/via-weights.npy");
        Outcome again = run("sample", "--weights", g.toString(), "--image-size", "32", "--nz", "8", "--ngf", "4",
                "--count", "5", "--seed", "2", "--npy-out", viaWeights.toString());
        assertEquals(0, again.code(), again.err());
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(NpyFiles.read(npy, m), NpyFiles.read(viaWeights, m), "exported weights sample the same images");
        }

        Outcome resumed = run("train", "--resume", runDir.toString(), "--iterations", "15");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(16, Files.readAllLines(runDir.resolve("metrics.csv")).size());
    }

    @Test
    void sampleAndScoreWithPyTorchWeightsExactlyAsDocumented(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.path("dcgan/s64_nz64_ngf32_nc3");
        Files.copy(dir.resolve("G.safetensors"), tmp.resolve("G.safetensors"));
        Files.copy(dir.resolve("D.safetensors"), tmp.resolve("D.safetensors"));
        Files.copy(dir.resolve("z.npy"), tmp.resolve("z.npy"));
        String g = tmp.resolve("G.safetensors").toString();
        String d = tmp.resolve("D.safetensors").toString();
        Outcome sample = run("sample", "--weights", g, "--nz", "64", "--ngf", "32", "--channels", "3", "--latents",
                tmp.resolve("z.npy").toString(), "--npy-out", tmp.resolve("images.npy").toString(), "--png-out",
                tmp.resolve("grid.png").toString());
        assertEquals(0, sample.code(), sample.err());
        Outcome score = run("score", "--weights", d, "--ndf", "32", "--channels", "3", "--images",
                dir.resolve("images.npy").toString(), "--npy-out", tmp.resolve("scores.npy").toString());
        assertEquals(0, score.code(), score.err());
        try (NDManager m = NDManager.newBaseManager()) {
            assertClose(NpyFiles.read(dir.resolve("g_eval.npy"), m), NpyFiles.read(tmp.resolve("images.npy"), m), 1e-4,
                    "sample");
            assertClose(NpyFiles.read(dir.resolve("d_eval.npy"), m), NpyFiles.read(tmp.resolve("scores.npy"), m), 1e-4,
                    "score");
        }
        assertTrue(Files.exists(tmp.resolve("grid.png")));
    }

    @Test
    void userErrorsPrintOneLineAndExitNonZero(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.path("dcgan/s64_nz64_ngf32_nc3");
        String g = dir.resolve("G.safetensors").toString();
        Path wrongZ = tmp.resolve("wrong.npy");
        NpyFiles.write(wrongZ, new float[10], new Shape(2, 5));

        assertUserError(run("sample", "--weights", tmp.resolve("missing.safetensors").toString(), "--nz", "64",
                "--npy-out", tmp.resolve("x.npy").toString()), "missing.safetensors");
        assertUserError(run("sample", "--weights", g, "--nz", "64", "--ngf", "32", "--latents", wrongZ.toString(),
                "--npy-out", tmp.resolve("x.npy").toString()), "wrong.npy");
        assertUserError(run("sample", "--weights", g, "--nz", "100", "--ngf", "32", "--count", "2",
                "--npy-out", tmp.resolve("x.npy").toString()), "main.0.weight");
        assertUserError(run("train", "--image-size", "48", "--iterations", "1", "--run-dir", tmp.resolve("r").toString()),
                "image size");
        assertUserError(run("train", "--batch", "nope"), "--batch");
        assertUserError(run("train", "--data", "no-such-data", "--iterations", "1"), "no-such-data");
        assertUserError(run("sample", "--checkpoint", tmp.toString(), "--npy-out", tmp.resolve("x.npy").toString()),
                "checkpoints");
        assertFalse(Files.exists(tmp.resolve("x.npy")), "nothing written on error");
    }

    private static void assertUserError(Outcome o, String mentions) {
        assertEquals(Main.USER_ERROR, o.code(), o.out() + o.err());
        assertTrue(o.err().contains(mentions), "error should mention '" + mentions + "': " + o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    }
}
