package org.dcganstudio.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.dcganstudio.cli.CliTest.Outcome;
import org.dcganstudio.core.export.EvolutionFrames;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.OptimizerSettings;
import org.dcganstudio.core.training.TrainConfig;
import org.dcganstudio.core.training.TrainingRun;
import org.dcganstudio.testing.GifFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gif RUN_DIR --out evolution.gif ...} on a real (tiny) run. */
class GifCliTest {

    @TempDir
    static Path shared;

    static Path run;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainATinyRun() throws Exception {
        run = shared.resolve("run");
        // 64 solid colours at batch 8: 8 steps an epoch, so steps 0-20 span epochs 0-2; a grid every 5 steps.
        TrainConfig config = new TrainConfig(new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL),
                OptimizerSettings.PAPER, 8, "solid-colours:64", 1, 20, 0, 5, 10, "cpu");
        TrainingRun.start(config, run, new TrainingRun.Listener() {}).run(() -> false);
    }

    @Test
    void scaledCaptionedGifOfEveryGridWithItsDelayAndLoop() throws Exception {
        Path gif = tmp.resolve("evolution.gif");
        Outcome o = CliTest.run("gif", run.toString(), "--out", gif.toString(), "--scale", "2", "--caption",
                "--delay", "50", "--loop", "3");
        assertEquals(0, o.code(), o.err() + o.out());
        assertTrue(o.err().contains("writing frame 5 of 5"), "progress on stderr: " + o.err());
        assertTrue(o.out().contains("5 frames"), o.out());

        BufferedImage grid = ImageIO.read(run.resolve("samples/step-000000.png").toFile());
        GifFiles.Decoded d = GifFiles.read(gif);
        assertEquals(5, d.frames().size(), "steps 0, 5, 10, 15, 20");
        assertEquals(2 * grid.getWidth(), d.width());
        assertEquals(2 * (grid.getHeight() + EvolutionFrames.CAPTION_HEIGHT), d.height(), "scaled grid + strip");
        assertEquals(List.of(5, 5, 5, 5, 100), d.delays(), "50 ms a frame, the last held 1 s");
        assertArrayEquals(new byte[] {1, 3, 0}, d.loop());
        assertArrayEquals(new long[] {0, 0, 1, 1, 2},
                EvolutionFrames.epochs(run, List.of(0L, 5L, 10L, 15L, 20L)), "the captions' epochs");
    }

    @Test
    void defaultsAndFrameChoices() throws Exception {
        Path all = tmp.resolve("all.gif");
        Outcome o = CliTest.run("gif", run.toString(), "--out", all.toString(), "--no-dither");
        assertEquals(0, o.code(), o.err());
        GifFiles.Decoded d = GifFiles.read(all);
        assertEquals(List.of(10, 10, 10, 10, 100), d.delays());
        assertArrayEquals(new byte[] {1, 0, 0}, d.loop(), "loops forever");
        assertEquals(ImageIO.read(run.resolve("samples/step-000020.png").toFile()).getWidth(), d.width());

        Path every = tmp.resolve("every.gif");
        assertEquals(0, CliTest.run("gif", run.toString(), "--out", every.toString(), "--every", "3").code());
        assertEquals(3, GifFiles.read(every).frames().size(), "steps 0, 15 and the last, 20");

        Path few = tmp.resolve("few.gif");
        Outcome f = CliTest.run("gif", run.toString(), "--out", few.toString(), "--frames", "3", "--log-spaced");
        assertEquals(0, f.code(), f.err());
        assertTrue(f.out().contains("3 frames, steps 0 to 20"), f.out());
        assertEquals(3, GifFiles.read(few).frames().size());

        Path more = tmp.resolve("more.gif");
        assertEquals(0, CliTest.run("gif", run.toString(), "--out", more.toString(), "--frames", "50").code());
        assertEquals(5, GifFiles.read(more).frames().size(), "a run with 5 grids gives 5 frames, none twice");
    }

    @Test
    void aSubGridKeepsTheTopLeftCellsAndDifferencingOnlyChangesTheFile() throws Exception {
        Path gif = tmp.resolve("cells.gif");
        Outcome o = CliTest.run("gif", run.toString(), "--out", gif.toString(), "--grid", "2x3", "--caption");
        assertEquals(0, o.code(), o.err() + o.out());
        int cell = 32 + 2; // image_size 32 and the grid's 2-pixel border
        assertTrue(o.out().contains((2 * cell + 2) + "×" + (3 * cell + 2 + EvolutionFrames.CAPTION_HEIGHT)), o.out());
        GifFiles.Decoded d = GifFiles.read(gif);
        assertEquals(2 * cell + 2, d.width());
        assertEquals(3 * cell + 2 + EvolutionFrames.CAPTION_HEIGHT, d.height());
        BufferedImage last = ImageIO.read(run.resolve("samples/step-000020.png").toFile());
        int w = d.width();
        int h = 3 * cell + 2;
        int[] shown = d.frames().get(4);
        // A GAN's samples have more colours than a GIF holds, so the cells come back close, not exact:
        // close to the top-left cells, and far from the cells one column over.
        double here = meanError(last.getRGB(0, 0, w, h, null, 0, w), shown);
        double beside = meanError(last.getRGB(cell, 0, w, h, null, 0, w), shown);
        assertTrue(here < 4 && beside > 3 * here, "error " + here + " against the top-left cells, " + beside
                + " against the next ones");

        Path whole = tmp.resolve("whole.gif");
        Outcome w2 = CliTest.run("gif", run.toString(), "--out", whole.toString(), "--grid", "2x3", "--caption",
                "--no-frame-diff");
        assertEquals(0, w2.code(), w2.err());
        GifFiles.Decoded e = GifFiles.read(whole);
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(e.frames().get(i), d.frames().get(i), "frame " + i + " is the same picture");
            assertEquals(w * d.height(), e.stored().get(i).indices().length, "--no-frame-diff: frame " + i + " whole");
        }
    }

    private static double meanError(int[] expected, int[] actual) {
        long sum = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                sum += Math.abs((expected[i] >> shift & 0xFF) - (actual[i] >> shift & 0xFF));
            }
        }
        return sum / (3.0 * expected.length);
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws Exception {
        Path gif = tmp.resolve("x.gif");
        String r = run.toString();
        String out = gif.toString();
        assertUserError(CliTest.run("gif", r, "--out", out, "--every", "2", "--frames", "3"), "not both");
        assertUserError(CliTest.run("gif", r, "--out", out, "--log-spaced"), "--frames");
        assertUserError(CliTest.run("gif", r, "--out", out, "--frames", "1"), "--frames");
        assertUserError(CliTest.run("gif", r, "--out", out, "--every", "0"), "--every");
        assertUserError(CliTest.run("gif", r, "--out", out, "--every", "nope"), "--every");
        assertUserError(CliTest.run("gif", r, "--out", out, "--scale", "0"), "--scale");
        assertUserError(CliTest.run("gif", r, "--out", out, "--delay", "-5"), "--delay");
        assertUserError(CliTest.run("gif", r, "--out", out, "--loop", "70000"), "--loop");
        assertUserError(CliTest.run("gif", r), "--out");
        assertUserError(CliTest.run("gif", r, "--out", out, "--grid", "4by4"), "--grid must be COLUMNSxROWS");
        assertUserError(CliTest.run("gif", r, "--out", out, "--grid", "0x2"), "--grid needs at least 1x1");
        BufferedImage grid = ImageIO.read(run.resolve("samples/step-000000.png").toFile());
        String layout = (grid.getWidth() - 2) / 34 + "×" + (grid.getHeight() - 2) / 34;
        assertUserError(CliTest.run("gif", r, "--out", out, "--grid", "99x1"), "--grid 99x1: 99×1 cells do not fit: "
                + "the run's grids hold " + layout + " cells of 32×32 pixels");
        Path notRun = Files.createDirectories(tmp.resolve("photos"));
        assertUserError(CliTest.run("gif", notRun.toString(), "--out", out), "not a run directory");
        Path noGrids = Files.createDirectories(tmp.resolve("fresh-run"));
        Files.copy(run.resolve("config.json"), noGrids.resolve("config.json"));
        assertUserError(CliTest.run("gif", noGrids.toString(), "--out", out), "no sample grids");
        assertFalse(Files.exists(gif), "nothing written");
    }

    private static void assertUserError(Outcome o, String mentions) {
        assertEquals(Main.USER_ERROR, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("error:") && o.err().contains(mentions),
                "error should mention '" + mentions + "': " + o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    }
}
