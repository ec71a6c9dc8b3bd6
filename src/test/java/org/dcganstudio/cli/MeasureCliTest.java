package org.dcganstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.imageio.ImageIO;
import org.dcganstudio.core.interop.NpyFiles;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.testing.TinyCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** directions, classifier, arithmetic-eval and neighbours, end to end on the tiny model. */
class MeasureCliTest {

    private static JsonObject json(CliTest.Outcome o) {
        assertEquals(0, o.code(), o.err() + o.out());
        return JsonParser.parseString(o.out().strip()).getAsJsonObject();
    }

    private static void assertUserError(CliTest.Outcome o, String mentions) {
        assertEquals(Main.USER_ERROR, o.code(), o.out() + o.err());
        assertTrue(o.err().contains(mentions), "error should mention '" + mentions + "': " + o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    }

    @Test
    void directionsWritesUnitVectorsAndTheirExplainedVariance(@TempDir Path tmp) throws Exception {
        Path ckpt = TinyCheckpoints.write(tmp.resolve("tiny.ckpt"), 4, 1f);
        Path npy = tmp.resolve("dirs.npy");
        JsonObject o = json(CliTest.run("directions", "--checkpoint", ckpt.toString(), "--count", "3", "--npy-out",
                npy.toString(), "--samples", "600", "--seed", "2"));
        JsonArray ratios = o.getAsJsonArray("explained_variance_ratio");
        assertEquals(3, ratios.size());
        for (int k = 0; k < 3; k++) {
            double r = ratios.get(k).getAsDouble();
            assertTrue(r > 0 && r < 1, "ratio " + r);
            if (k > 0) {
                assertTrue(r <= ratios.get(k - 1).getAsDouble(), "ordered: " + ratios);
            }
        }
        assertEquals(3, o.getAsJsonArray("latent_std").size());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray dirs = NpyFiles.read(npy, m);
            assertEquals(new Shape(3, 8), dirs.getShape());
            float[] norms = dirs.square().sum(new int[] {1}).sqrt().toFloatArray();
            for (float n : norms) {
                assertEquals(1f, n, 1e-5f);
            }
        }
        Path sweep = tmp.resolve("sweep.png");
        CliTest.Outcome swept = CliTest.run("directions", "--checkpoint", ckpt.toString(), "--count", "2", "--npy-out",
                tmp.resolve("d2.npy").toString(), "--samples", "600", "--sweep-png", sweep.toString(), "--sweep-frames",
                "5");
        assertEquals(0, swept.code(), swept.err());
        java.awt.image.BufferedImage grid = javax.imageio.ImageIO.read(sweep.toFile());
        int cell = grid.getWidth() / 5;
        assertEquals(2, grid.getHeight() / cell, "one row per direction, 5 frames each");
        assertTrue(grid.getRGB(4, 4) != grid.getRGB(4 * cell + 4, 4) || grid.getRGB(16, 16) != grid.getRGB(4 * cell + 16, 16),
                "the ends of a sweep differ");
        assertUserError(CliTest.runWithoutAssets("directions", "--count", "3", "--npy-out", npy.toString()), "a model is needed");
        assertUserError(CliTest.run("directions", "--checkpoint", ckpt.toString(), "--count", "9", "--npy-out",
                tmp.resolve("x.npy").toString()), "nz = 8");
    }

    @Test
    void classifierTrainScoreAndArithmeticEval(@TempDir Path tmp) throws Exception {
        Path classifier = tmp.resolve("classifier");
        JsonObject trained = json(CliTest.run("classifier", "train", "--out", classifier.toString(), "--train", "300",
                "--test", "100", "--epochs", "2", "--width", "8", "--batch", "32", "--lr", "3e-3", "--seed", "1"));
        JsonObject accuracy = trained.getAsJsonObject("held_out_accuracy");
        assertEquals(Set.of("smiling", "long_hair", "glasses"), accuracy.keySet());
        accuracy.entrySet().forEach(e -> assertTrue(e.getValue().getAsDouble() >= 0 && e.getValue().getAsDouble() <= 1));
        assertTrue(Files.exists(classifier.resolve("classifier.safetensors")));

        // with these seeds the tiny classifier fills every group of the 1,500-latent pool with 42 or more
        Path ckpt = TinyCheckpoints.write(tmp.resolve("tiny.ckpt"), 7, 12f);
        Path images = tmp.resolve("images.npy");
        assertEquals(0, CliTest.run("sample", "--checkpoint", ckpt.toString(), "--count", "5", "--npy-out",
                images.toString()).code());
        JsonObject scored = json(CliTest.run("classifier", "score", "--classifier", classifier.toString(), "--images",
                images.toString()));
        JsonArray rows = scored.getAsJsonArray("images");
        assertEquals(5, rows.size());
        for (JsonElement row : rows) {
            JsonObject p = row.getAsJsonObject().getAsJsonObject("p");
            assertEquals(Set.of("smiling", "long_hair", "glasses"), p.keySet());
            for (String a : p.keySet()) {
                double v = p.get(a).getAsDouble();
                assertTrue(v >= 0 && v <= 1);
                boolean yes = row.getAsJsonObject().getAsJsonArray("yes").toString().contains("\"" + a + "\"");
                assertEquals(v > 0.5, yes, "yes lists the attributes above 0.5: " + row);
            }
        }

        // without --classifier: the shipped one, found under the working directory (the project root)
        JsonObject shipped = json(CliTest.run("classifier", "score", "--images", images.toString()));
        assertTrue(shipped.get("classifier").getAsString().endsWith(Path.of("assets", "attribute-classifier").toString()),
                shipped.get("classifier").toString());
        assertEquals(5, shipped.getAsJsonArray("images").size());

        String[] eval = {"arithmetic-eval", "--checkpoint", ckpt.toString(), "--trials", "7", "--seed", "3",
            "--classifier", classifier.toString(), "--pool", "1500"};
        CliTest.Outcome first = CliTest.run(eval);
        JsonObject o = json(first);
        JsonArray recipes = o.getAsJsonArray("recipes");
        assertEquals(2, recipes.size());
        for (JsonElement e : recipes) {
            JsonObject r = e.getAsJsonObject();
            assertTrue(r.has("name") && r.has("target"), r.toString());
            assertEquals(7, r.get("trials").getAsInt(), "groups filled, trials as asked: " + r);
            double success = r.get("success_rate").getAsDouble();
            double random = r.get("random_rate").getAsDouble();
            assertTrue(success >= 0 && success <= 1 && random >= 0 && random <= 1, r.toString());
            assertEquals(0, Math.round(success * 7 * 1e6) % 1_000_000, "a count of successes out of 7: " + success);
            assertEquals(3, r.getAsJsonArray("groups").size());
        }
        assertEquals(first.out(), CliTest.run(eval).out(), "deterministic for a seed");

        CliTest.Outcome starved = CliTest.run("arithmetic-eval", "--checkpoint", ckpt.toString(), "--trials", "7",
                "--classifier", classifier.toString(), "--pool", "2");
        JsonObject s = json(starved);
        JsonObject r0 = s.getAsJsonArray("recipes").get(0).getAsJsonObject();
        assertEquals(0, r0.get("trials").getAsInt());
        assertTrue(r0.get("success_rate").isJsonNull());
        assertTrue(r0.get("problem").getAsString().contains("a trial needs"), r0.toString());
        assertTrue(starved.err().contains("warning:"), starved.err());

        assertUserError(CliTest.run("arithmetic-eval", "--checkpoint", ckpt.toString(), "--classifier",
                tmp.resolve("none").toString()), "classifier.json");
        assertUserError(CliTest.runWithoutAssets("arithmetic-eval", "--classifier", classifier.toString()),
                "a model is needed");
    }

    @Test
    void neighboursFindsTheCopyOfAGeneratedImage(@TempDir Path tmp) throws Exception {
        Path ckpt = TinyCheckpoints.write(tmp.resolve("tiny.ckpt"), 5, 12f);
        float[] z = new float[4 * 8];
        new Rng(21).fillGaussian(z, 0, 1);
        Path latents = tmp.resolve("z.npy");
        NpyFiles.write(latents, z, new Shape(4, 8));
        Path generated = tmp.resolve("generated.npy");
        assertEquals(0, CliTest.run("sample", "--checkpoint", ckpt.toString(), "--latents", latents.toString(),
                "--npy-out", generated.toString()).code());
        float[] images;
        try (NDManager m = NDManager.newBaseManager()) {
            images = NpyFiles.read(generated, m).toFloatArray();
        }
        // the data: images of latents 2 and 3, and an 8-bit copy of latent 0's image as c.png
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        ImageIO.write(png(images, 2), "png", data.resolve("a.png").toFile());
        ImageIO.write(png(images, 3), "png", data.resolve("b.png").toFile());
        ImageIO.write(png(images, 0), "png", data.resolve("c.png").toFile());
        Path query = tmp.resolve("query.npy");
        NpyFiles.write(query, java.util.Arrays.copyOf(z, 8), new Shape(1, 8, 1, 1));

        Path png = tmp.resolve("nn.png");
        JsonObject o = json(CliTest.run("neighbours", "--checkpoint", ckpt.toString(), "--data", data.toString(),
                "--latents", query.toString(), "--k", "2", "--png-out", png.toString()));
        assertEquals(3, o.get("searched").getAsInt());
        JsonArray pixel = o.getAsJsonArray("latents").get(0).getAsJsonObject().getAsJsonArray("pixel");
        assertEquals(2, pixel.size());
        assertEquals("c.png", pixel.get(0).getAsJsonObject().get("file").getAsString(), pixel.toString());
        assertEquals(2, pixel.get(0).getAsJsonObject().get("index").getAsInt());
        assertTrue(pixel.get(0).getAsJsonObject().get("distance").getAsDouble() <= Math.sqrt(3 * 32 * 32) / 255);
        assertTrue(pixel.get(0).getAsJsonObject().get("distance").getAsDouble()
                <= pixel.get(1).getAsJsonObject().get("distance").getAsDouble());
        assertEquals(2, o.getAsJsonArray("latents").get(0).getAsJsonObject().getAsJsonArray("feature").size());
        BufferedImage grid = ImageIO.read(png.toFile());
        assertEquals(5 * (32 + 2) + 2, grid.getWidth(), "the image, 2 pixel and 2 feature neighbours");
        assertEquals(32 + 4, grid.getHeight(), "one row");

        JsonObject limited = json(CliTest.run("neighbours", "--checkpoint", ckpt.toString(), "--data", data.toString(),
                "--latents", query.toString(), "--k", "5", "--png-out", png.toString(), "--limit", "2"));
        assertEquals(2, limited.get("searched").getAsInt());
        assertEquals(2, limited.get("k").getAsInt());
        assertUserError(CliTest.run("neighbours", "--checkpoint", ckpt.toString(), "--data", data.toString(),
                "--latents", generated.toString(), "--png-out", png.toString()), "generated.npy");
    }

    private static BufferedImage png(float[] images, int n) {
        int size = 32;
        int plane = size * size;
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int p = n * 3 * plane + y * size + x;
                img.setRGB(x, y, b(images[p]) << 16 | b(images[p + plane]) << 8 | b(images[p + 2 * plane]));
            }
        }
        return img;
    }

    private static int b(float v) {
        return Math.round((Math.max(-1f, Math.min(1f, v)) + 1f) * 127.5f);
    }
}
