package org.dcganstudio.cli;

import static org.dcganstudio.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.dcganstudio.cli.CliTest.Outcome;
import org.dcganstudio.core.interop.NpyFiles;
import org.dcganstudio.core.math.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code interpolate} and {@code arithmetic} end to end on a one-step model. */
class LatentCliTest {

    private static final int NZ = 8;
    private static final int SIZE = 32;

    @TempDir
    static Path shared;

    static Path model;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainATinyModel() {
        model = shared.resolve("run");
        Outcome train = run("train", "--data", "solid-colours:8", "--image-size", "32", "--nz", "8", "--ngf", "4",
                "--ndf", "4", "--batch", "4", "--iterations", "1", "--seed", "1", "--device", "cpu", "--run-dir",
                model.toString());
        assertEquals(0, train.code(), train.err() + train.out());
    }

    @Test
    void aWeightsOnlyHalfPrecisionModelIsTheDefaultWhenShippedInAssets() throws Exception {
        Path assets = tmp.resolve("assets");
        Path shipped = assets.resolve("default-model/faces64.ckpt");
        Files.createDirectories(shipped.getParent());
        Outcome export = run("export-weights", "--checkpoint", model.toString(), "--model-out", shipped.toString());
        assertEquals(0, export.code(), export.err());
        org.dcganstudio.core.training.Checkpoint full = org.dcganstudio.core.training.Checkpoint.read(model);
        org.dcganstudio.core.training.Checkpoint slim = org.dcganstudio.core.training.Checkpoint.read(shipped);
        assertTrue(slim.weightsOnly());
        assertEquals(full.step(), slim.step());
        assertTrue(Files.size(shipped) < Files.size(full.source()), "no optimizer state, half precision");

        String old = System.getProperty(org.dcganstudio.core.io.ShippedAssets.PROPERTY);
        System.setProperty(org.dcganstudio.core.io.ShippedAssets.PROPERTY, assets.toString());
        try {
            Path fromDefault = tmp.resolve("default.npy");
            Path fromFull = tmp.resolve("full.npy");
            Path drawn = tmp.resolve("drawn.npy");
            Outcome a = run("sample", "--count", "4", "--seed", "3", "--npy-out", fromDefault.toString(),
                    "--latents-out", drawn.toString());
            assertEquals(0, a.code(), a.err());
            assertEquals(4, org.dcganstudio.core.interop.LatentFiles.read(drawn, NZ).size());
            Path again = tmp.resolve("again.npy");
            Outcome fromFile = run("sample", "--latents", drawn.toString(), "--npy-out", again.toString());
            assertEquals(0, fromFile.code(), fromFile.err());
            assertArrayEquals(Files.readAllBytes(fromDefault), Files.readAllBytes(again), "the latents written are the ones drawn");
            Outcome b = run("sample", "--checkpoint", model.toString(), "--count", "4", "--seed", "3", "--npy-out",
                    fromFull.toString());
            assertEquals(0, b.code(), b.err());
            try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager(ai.djl.Device.cpu())) {
                float[] x = org.dcganstudio.core.interop.NpyFiles.read(fromDefault, m).toFloatArray();
                float[] y = org.dcganstudio.core.interop.NpyFiles.read(fromFull, m).toFloatArray();
                assertArrayEquals(y, x, 0.02f, "float16 weights draw nearly the same images");
            }
        } finally {
            if (old == null) {
                System.clearProperty(org.dcganstudio.core.io.ShippedAssets.PROPERTY);
            } else {
                System.setProperty(org.dcganstudio.core.io.ShippedAssets.PROPERTY, old);
            }
        }
        Path resumed = tmp.resolve("resumed");
        Files.createDirectories(resumed.resolve("checkpoints"));
        Files.copy(shipped, resumed.resolve("checkpoints/step-000001.ckpt"));
        Files.copy(model.resolve("config.json"), resumed.resolve("config.json"));
        Outcome resume = run("train", "--resume", resumed.toString(), "--iterations", "2");
        assertEquals(Main.USER_ERROR, resume.code(), resume.out());
        assertTrue(resume.err().contains("weights only"), resume.err());
    }

    @Test
    void benchExploreTimesASliderDragPausedAndWhileTraining() {
        Outcome o = run("bench", "--explore", "--checkpoint", model.toString(), "--positions", "12", "--interval-ms", "2");
        assertEquals(0, o.code(), o.err());
        com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(o.out().trim()).getAsJsonObject();
        for (com.google.gson.JsonObject part : new com.google.gson.JsonObject[] {json,
            json.getAsJsonObject("training_running")}) {
            double p50 = part.get("slider_ms_p50").getAsDouble();
            double p99 = part.get("slider_ms_p99").getAsDouble();
            assertTrue(p50 > 0 && p99 >= p50, part.toString());
            int rendered = part.get("rendered").getAsInt();
            assertTrue(rendered >= 1 && rendered <= 12, part.toString());
        }
        assertEquals(12, json.get("positions").getAsInt());
        Outcome missing = CliTest.runWithoutAssets("bench", "--explore");
        assertEquals(Main.USER_ERROR, missing.code());
        assertTrue(missing.err().contains("a model is needed"), missing.err());
    }

    @Test
    void interpolateWritesTheWalkAsImagesLatentsStripAndGif() throws Exception {
        float[] a = vector(1);
        float[] b = vector(2);
        Path from = latents(tmp.resolve("a.npy"), new Shape(1, NZ), a);
        Path to = latents(tmp.resolve("b.npy"), new Shape(1, NZ, 1, 1), b);
        Path frames = tmp.resolve("out/frames.npy");
        Path path = tmp.resolve("out/path.npy");
        Path strip = tmp.resolve("out/strip.png");
        Path gif = tmp.resolve("out/walk.gif");
        Outcome o = run("interpolate", "--checkpoint", model.toString(), "--from", from.toString(), "--to",
                to.toString(), "--frames", "5", "--mode", "lerp", "--npy-out", frames.toString(), "--latents-out",
                path.toString(), "--png-out", strip.toString(), "--gif-out", gif.toString(), "--delay", "50",
                "--scale", "3", "--device", "cpu");
        assertEquals(0, o.code(), o.err() + o.out());

        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = NpyFiles.read(frames, m);
            assertEquals(new Shape(5, 3, SIZE, SIZE), images.getShape());
            assertTrue(images.abs().max().getFloat() <= 1f);
            NDArray z = NpyFiles.read(path, m);
            assertEquals(new Shape(5, NZ, 1, 1), z.getShape());
            float[][] rows = rows(z.toFloatArray());
            assertArrayEquals(a, rows[0], "frame 0 is exactly --from");
            assertArrayEquals(b, rows[4], "the last frame is exactly --to");
            for (int i = 0; i < NZ; i++) {
                assertEquals((a[i] + b[i]) / 2, rows[2][i], 1e-6, "lerp's middle frame is the midpoint");
            }
            assertFalse(Arrays.equals(images.get(0).toFloatArray(), images.get(4).toFloatArray()),
                    "the walk's ends look different");

            // The frames are G's images of the path, as `sample` makes them from the same latents.
            Path sampled = tmp.resolve("sampled.npy");
            Outcome sample = run("sample", "--checkpoint", model.toString(), "--latents", path.toString(),
                    "--npy-out", sampled.toString(), "--device", "cpu");
            assertEquals(0, sample.code(), sample.err());
            assertArrayEquals(images.toFloatArray(), NpyFiles.read(sampled, m).toFloatArray(), 1e-6f);
        }

        BufferedImage png = ImageIO.read(strip.toFile());
        assertEquals(5 * (SIZE + 2) + 2, png.getWidth(), "one row of 5 tiles with 2-pixel borders");
        assertEquals(SIZE + 4, png.getHeight());
        GifInfo info = gif(gif);
        assertEquals(5, info.frames());
        assertEquals(SIZE * 3, info.width());
        assertEquals(SIZE * 3, info.height());
        assertEquals("5", info.delay(), "50 ms in hundredths of a second");
    }

    @Test
    void aViaAnchorIsAFrameWhenTheFramesSplitEvenly() throws Exception {
        float[] a = vector(3);
        float[] c = vector(4);
        float[] b = vector(5);
        Path out = tmp.resolve("path.npy");
        Path gif = tmp.resolve("walk.gif");
        Outcome o = run("interpolate", "--checkpoint", model.toString(), "--from",
                latents(tmp.resolve("a.npy"), new Shape(1, NZ), a).toString(), "--via",
                latents(tmp.resolve("c.npy"), new Shape(1, NZ), c).toString(), "--to",
                latents(tmp.resolve("b.npy"), new Shape(1, NZ), b).toString(), "--frames", "5", "--mode", "slerp",
                "--latents-out", out.toString(), "--gif-out", gif.toString(), "--device", "cpu");
        assertEquals(0, o.code(), o.err() + o.out());
        try (NDManager m = NDManager.newBaseManager()) {
            float[][] rows = rows(NpyFiles.read(out, m).toFloatArray());
            assertEquals(5, rows.length);
            assertArrayEquals(a, rows[0]);
            assertArrayEquals(c, rows[2], "2 segments, 2·2+1 frames: the anchor is frame 2");
            assertArrayEquals(b, rows[4]);
            assertFalse(Arrays.equals(rows[1], rows[3]));
        }
        GifInfo info = gif(gif);
        assertEquals(5, info.frames());
        assertEquals(SIZE * 2, info.width(), "default scale 2");
        assertEquals("10", info.delay(), "default 100 ms");
    }

    @Test
    void arithmeticAveragesGroupsInOrderAndPutsTheResultInTheCentre() throws Exception {
        float[][] groupA = {vector(10), vector(11), vector(12)};
        float[][] groupB = {vector(20), vector(21)};
        float[][] groupC = {vector(30)};
        Path a = latents(tmp.resolve("smiling-woman.npy"), new Shape(3, NZ), flat(groupA));
        Path b = latents(tmp.resolve("neutral-woman.npy"), new Shape(2, NZ, 1, 1), flat(groupB));
        Path c = latents(tmp.resolve("neutral-man.npy"), new Shape(1, NZ), flat(groupC));
        Path grid = tmp.resolve("grid.npy");
        Path gridZ = tmp.resolve("grid-z.npy");
        Path png = tmp.resolve("grid.png");
        Outcome o = run("arithmetic", "--checkpoint", model.toString(), "--plus", a.toString(), "--minus",
                b.toString(), "--plus", c.toString(), "--noise", "0.25", "--seed", "5", "--npy-out", grid.toString(),
                "--latents-out", gridZ.toString(), "--png-out", png.toString(), "--device", "cpu");
        assertEquals(0, o.code(), o.err() + o.out());
        assertTrue(o.out().contains("result = mean(" + a + ", 3 vectors) − mean(" + b + ", 2 vectors) + mean(" + c
                + ", 1 vector)"), o.out());

        float[] expected = new float[NZ];
        for (int i = 0; i < NZ; i++) {
            double meanA = (groupA[0][i] + (double) groupA[1][i] + groupA[2][i]) / 3;
            double meanB = (groupB[0][i] + (double) groupB[1][i]) / 2;
            expected[i] = (float) (meanA - meanB + groupC[0][i]);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z = NpyFiles.read(gridZ, m);
            assertEquals(new Shape(9, NZ, 1, 1), z.getShape());
            float[][] rows = rows(z.toFloatArray());
            assertArrayEquals(expected, rows[0], 1e-5f, "row 0 is mean(A) − mean(B) + mean(C)");
            for (int r = 1; r < 9; r++) {
                assertFalse(Arrays.equals(rows[0], rows[r]), "neighbour " + r + " moved");
                for (int i = 0; i < NZ; i++) {
                    assertTrue(Math.abs(rows[r][i] - rows[0][i]) <= 0.25f + 1e-6f, "neighbour " + r + " within noise");
                }
            }
            NDArray images = NpyFiles.read(grid, m);
            assertEquals(new Shape(9, 3, SIZE, SIZE), images.getShape());

            BufferedImage picture = ImageIO.read(png.toFile());
            int cell = SIZE + 2;
            assertEquals(3 * cell + 2, picture.getWidth());
            assertEquals(3 * cell + 2, picture.getHeight());
            assertTileShows(picture, 1, 1, images.get(0).toFloatArray(), "the centre tile is the result");
            assertTileShows(picture, 0, 0, images.get(1).toFloatArray(), "the top-left tile is neighbour 1");
            assertTileShows(picture, 2, 2, images.get(8).toFloatArray(), "the bottom-right tile is neighbour 8");

            // The sum does not depend on the order of the terms; the printed recipe follows it.
            Path reordered = tmp.resolve("reordered-z.npy");
            Outcome again = run("arithmetic", "--checkpoint", model.toString(), "--minus", b.toString(), "--plus",
                    c.toString(), "--plus", a.toString(), "--seed", "5", "--latents-out", reordered.toString(),
                    "--device", "cpu");
            assertEquals(0, again.code(), again.err());
            assertTrue(again.out().contains("result = − mean(" + b + ", 2 vectors) + mean(" + c + ", 1 vector) "
                    + "+ mean(" + a + ", 3 vectors)"), again.out());
            assertArrayEquals(rows[0], rows(NpyFiles.read(reordered, m).toFloatArray())[0], 1e-5f);
        }
    }

    @Test
    void badLatentFilesAndAMissingModelAreOneErrorLineNamingThem() throws Exception {
        Path good = latents(tmp.resolve("good.npy"), new Shape(2, NZ), flat(new float[][] {vector(1), vector(2)}));
        Path wrongNz = latents(tmp.resolve("wrong-nz.npy"), new Shape(2, 5), new float[10]);
        Path empty = latents(tmp.resolve("empty.npy"), new Shape(0, NZ), new float[0]);
        float[] nan = vector(3);
        nan[4] = Float.NaN;
        Path notFinite = latents(tmp.resolve("nan.npy"), new Shape(1, NZ), nan);
        Path one = latents(tmp.resolve("one.npy"), new Shape(1, NZ), vector(4));
        Path out = tmp.resolve("out.npy");
        String ckpt = model.toString();

        Outcome shape = run("arithmetic", "--checkpoint", ckpt, "--plus", good.toString(), "--minus",
                wrongNz.toString(), "--npy-out", out.toString());
        assertUserError(shape, "wrong-nz.npy");
        assertTrue(shape.err().contains("(2, 5)") && shape.err().contains("(N, 8)"), shape.err());
        Outcome none = run("arithmetic", "--checkpoint", ckpt, "--plus", good.toString(), "--plus",
                empty.toString(), "--npy-out", out.toString());
        assertUserError(none, "empty.npy");
        assertTrue(none.err().contains("no latent vectors"), none.err());
        assertUserError(run("arithmetic", "--checkpoint", ckpt, "--plus", notFinite.toString(), "--npy-out",
                out.toString()), "nan.npy");
        assertUserError(run("arithmetic", "--checkpoint", ckpt, "--plus", good.toString(), "--noise", "-1",
                "--npy-out", out.toString()), "--noise");
        assertUserError(CliTest.runWithoutAssets("arithmetic", "--plus", good.toString(), "--npy-out", out.toString()),
                "a model is needed");

        assertUserError(run("interpolate", "--checkpoint", ckpt, "--from", good.toString(), "--to", one.toString(),
                "--npy-out", out.toString()), "good.npy");
        assertUserError(run("interpolate", "--checkpoint", ckpt, "--from", one.toString(), "--to", one.toString(),
                "--via", notFinite.toString(), "--npy-out", out.toString()), "nan.npy");
        assertUserError(run("interpolate", "--checkpoint", ckpt, "--from", one.toString(), "--to",
                wrongNz.toString(), "--npy-out", out.toString()), "wrong-nz.npy");
        assertUserError(run("interpolate", "--checkpoint", ckpt, "--from", one.toString(), "--to", one.toString(),
                "--mode", "cubic", "--npy-out", out.toString()), "cubic");
        assertUserError(run("interpolate", "--checkpoint", ckpt, "--from", one.toString(), "--to", one.toString()),
                "nothing to write");
        assertUserError(CliTest.runWithoutAssets("interpolate", "--from", one.toString(), "--to", one.toString(), "--npy-out",
                out.toString()), "a model is needed");
        assertFalse(Files.exists(out), "nothing written on error");
    }

    @Test
    void countsAboveTheirLimitsAreOneErrorLineNamingTheLimit() throws Exception {
        String ckpt = model.toString();
        Path out = tmp.resolve("out.npy");
        Path one = latents(tmp.resolve("one.npy"), new Shape(1, NZ), vector(4));
        Outcome sample = run("sample", "--checkpoint", ckpt, "--count", "2000000", "--npy-out", out.toString());
        assertUserError(sample, "--count 2000000 is above the limit of 87381 (the 32×32×3 images are held in memory");
        assertUserError(run("interpolate", "--checkpoint", ckpt, "--from", one.toString(), "--to", one.toString(),
                "--frames", "2000000", "--npy-out", out.toString()), "--frames 2000000 is above the limit of 87381");
        assertUserError(run("directions", "--checkpoint", ckpt, "--count", "2", "--samples", "2000000", "--npy-out",
                out.toString()), "--samples 2000000 is above the limit of " + CountLimits.MAX_DIRECTION_SAMPLES);
        assertUserError(run("gif", ckpt, "--frames", "2000000", "--out", tmp.resolve("e.gif").toString()),
                "--frames 2000000 is above the limit of " + CountLimits.MAX_GIF_FRAMES);
        assertFalse(Files.exists(out), "nothing written on error");
    }

    private static void assertUserError(Outcome o, String mentions) {
        assertEquals(Main.USER_ERROR, o.code(), o.out() + o.err());
        assertTrue(o.err().startsWith("error: "), o.err());
        assertTrue(o.err().contains(mentions), "error should mention '" + mentions + "': " + o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
    }

    private static void assertTileShows(BufferedImage grid, int column, int row, float[] image, String what) {
        int plane = SIZE * SIZE;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int rgb = grid.getRGB(2 + column * (SIZE + 2) + x, 2 + row * (SIZE + 2) + y);
                for (int ch = 0; ch < 3; ch++) {
                    int expected = Math.round((Math.max(-1f, Math.min(1f, image[ch * plane + y * SIZE + x])) + 1f)
                            * 127.5f);
                    assertEquals(expected, rgb >> (16 - 8 * ch) & 0xFF, what + " at " + x + "," + y);
                }
            }
        }
    }

    private static float[] vector(long seed) {
        float[] v = new float[NZ];
        new Rng(seed).fillGaussian(v, 0, 1);
        return v;
    }

    private static float[] flat(float[][] rows) {
        float[] out = new float[rows.length * NZ];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * NZ, NZ);
        }
        return out;
    }

    private static float[][] rows(float[] packed) {
        float[][] out = new float[packed.length / NZ][];
        for (int r = 0; r < out.length; r++) {
            out[r] = Arrays.copyOfRange(packed, r * NZ, (r + 1) * NZ);
        }
        return out;
    }

    private static Path latents(Path file, Shape shape, float[] values) throws IOException {
        NpyFiles.write(file, values, shape);
        return file;
    }

    private record GifInfo(int frames, int width, int height, String delay) {}

    private static GifInfo gif(Path file) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            int n = reader.getNumImages(true);
            IIOMetadataNode meta = (IIOMetadataNode) reader.getImageMetadata(0)
                    .getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode control = (IIOMetadataNode) meta.getElementsByTagName("GraphicControlExtension").item(0);
            assertNotNull(control, "frame 0 carries its delay");
            return new GifInfo(n, reader.getWidth(0), reader.getHeight(0), control.getAttribute("delayTime"));
        } finally {
            reader.dispose();
        }
    }
}
