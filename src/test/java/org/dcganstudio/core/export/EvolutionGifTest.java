package org.dcganstudio.core.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.dcganstudio.core.export.EvolutionFrames.Selection;
import org.dcganstudio.testing.GifFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvolutionGifTest {

    @TempDir
    Path dir;

    private static List<Long> steps(long from, long to, long by) {
        return LongStream.iterate(from, s -> s <= to, s -> s + by).boxed().toList();
    }

    // ---- frame selection ----

    @Test
    void everyKthGridKeepsTheLast() {
        List<Long> s = steps(0, 90, 10); // 10 grids
        assertEquals(List.of(0L, 30L, 60L, 90L), Selection.every(3).pick(s), "the last falls on the stride");
        assertEquals(List.of(0L, 40L, 80L, 90L), Selection.every(4).pick(s), "the last added");
        assertEquals(s, Selection.every(1).pick(s));
        assertEquals(List.of(0L, 90L), Selection.every(50).pick(s));
        assertEquals(List.of(7L), Selection.every(2).pick(List.of(7L)), "one grid is its own first and last");
    }

    @Test
    void framesAreSpreadEvenlyByStepNotByIndex() {
        assertEquals(steps(0, 10_000, 1000), Selection.frames(11, false).pick(steps(0, 10_000, 100)));
        // Grids crowd at the start (sampling made denser early); even spacing is in steps, so the middle
        // frame is the grid nearest step 1500, not the middle grid.
        List<Long> uneven = List.of(0L, 10L, 20L, 30L, 40L, 1000L, 2000L, 3000L);
        assertEquals(List.of(0L, 1000L, 3000L), Selection.frames(3, false).pick(uneven));
    }

    @Test
    void logSpacingKeepsMoreEarlyFramesThanLinear() {
        List<Long> s = steps(0, 10_000, 100);
        List<Long> linear = Selection.frames(20, false).pick(s);
        List<Long> log = Selection.frames(20, true).pick(s);
        long earlyLinear = linear.stream().filter(x -> x <= 1000).count();
        long earlyLog = log.stream().filter(x -> x <= 1000).count();
        assertTrue(earlyLog >= 2 * earlyLinear && earlyLog >= 8, "first 10% of training: log " + earlyLog
                + " frames, linear " + earlyLinear + " (" + log + " vs " + linear + ")");
        assertEquals(20, log.size());
        assertEquals(0L, log.get(0));
        assertEquals(10_000L, log.get(log.size() - 1));
    }

    @Test
    void countsAreExactDistinctAndKeepFirstAndLastWhateverTheSteps() {
        Random random = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            int m = 1 + random.nextInt(60);
            List<Long> s = new ArrayList<>();
            long step = random.nextInt(3) == 0 ? 0 : random.nextInt(5000);
            for (int i = 0; i < m; i++) {
                s.add(step);
                // Gaps from 1 to 10,000 steps: crowded starts and long tails, as resumed runs make.
                step += 1 + (long) Math.pow(10, random.nextDouble() * 4);
            }
            for (boolean log : new boolean[] {false, true}) {
                int n = 2 + random.nextInt(70);
                List<Long> picked = Selection.frames(n, log).pick(s);
                String what = "n " + n + (log ? " log" : "") + " of " + s;
                assertEquals(Math.min(n, m), picked.size(), what);
                assertEquals(s.get(0), picked.get(0), what);
                assertEquals(s.get(m - 1), picked.get(picked.size() - 1), what);
                for (int i = 1; i < picked.size(); i++) {
                    assertTrue(picked.get(i) > picked.get(i - 1), "ascending, no repeats: " + what);
                }
                assertTrue(s.containsAll(picked), what);
            }
        }
    }

    @Test
    void fewerGridsThanAskedGivesEveryGridOnce() {
        List<Long> s = List.of(0L, 5L, 10L);
        assertEquals(s, Selection.frames(20, false).pick(s));
        assertEquals(s, Selection.frames(20, true).pick(s));
        assertEquals(List.of(0L, 10L), Selection.frames(2, true).pick(s));
    }

    @Test
    void byDefaultEveryGridUpToAHundredThenEvenlyThinned() {
        List<Long> forty = steps(0, 3900, 100);
        assertEquals(forty, Selection.all().pick(forty));
        List<Long> many = steps(0, 99_900, 100); // 1,000 grids
        List<Long> picked = Selection.all().pick(many);
        assertEquals(EvolutionFrames.DEFAULT_MAX_FRAMES, picked.size());
        assertEquals(0L, picked.get(0));
        assertEquals(99_900L, picked.get(99));
        assertEquals(Selection.frames(100, false).pick(many), picked);
    }

    @Test
    void contradictorySelectionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Selection(2, 10, false));
        assertThrows(IllegalArgumentException.class, () -> new Selection(0, 0, true));
        assertThrows(IllegalArgumentException.class, () -> Selection.frames(1, false));
        assertThrows(IllegalArgumentException.class, () -> Selection.every(0));
        assertThrows(IllegalArgumentException.class, () -> new Selection(-1, 0, false));
    }

    // ---- captions and epochs ----

    @Test
    void epochsComeFromMetricsElseFromTheStepsPerEpochMetricsReveal() throws IOException {
        StringBuilder csv = new StringBuilder("step,epoch,loss_d,loss_g,d_x,d_g_z1,d_g_z2,images_per_s,wall_s\n");
        for (int s = 1; s <= 12; s++) {
            // 8 steps per epoch: rows 1-8 are epoch 0, rows 9-16 epoch 1.
            csv.append(String.format(Locale.ROOT, "%d,%d,1.2,0.8,0.5,0.4,0.3,100.00,%.3f%n", s, (s - 1) / 8, s * 0.1));
        }
        csv.append("13,1,1.1"); // a live run's half-written line
        Files.writeString(dir.resolve("metrics.csv"), csv);
        assertArrayEquals(new long[] {0, 0, 0, 1, 1, 4}, EvolutionFrames.epochs(dir, List.of(0L, 5L, 8L, 9L, 12L, 40L)),
                "step 40 is past metrics.csv: (40 - 1) / 8");

        Files.writeString(dir.resolve("metrics.csv"), csv.substring(0, csv.indexOf("\n9,") + 1));
        assertArrayEquals(new long[] {0, 0, -1}, EvolutionFrames.epochs(dir, List.of(0L, 5L, 40L)),
                "no epoch boundary seen: step 40's epoch is unknown");

        Files.delete(dir.resolve("metrics.csv"));
        assertArrayEquals(new long[] {0, -1}, EvolutionFrames.epochs(dir, List.of(0L, 5L)));

        Files.writeString(dir.resolve("metrics.csv"), csv.toString().replace("\n3,0,", "\n3,x,"));
        IOException e = assertThrows(IOException.class, () -> EvolutionFrames.epochs(dir, List.of(5L)));
        assertTrue(e.getMessage().contains("metrics.csv line 4"), e.getMessage());
    }

    @Test
    void captionsNameStepAndEpoch() {
        assertEquals("step 1200 \u00b7 epoch 3", EvolutionFrames.caption(1200, 3));
        assertEquals("step 50", EvolutionFrames.caption(50, -1));
    }

    @Test
    void aFrameIsTheGridScaledByNearestNeighbourWithTheCaptionBelow() {
        int[] grid = {0x102030, 0x405060, 0x708090, 0xA0B0C0, 0xD0E0F0, 0x010203};
        int[] plain = EvolutionFrames.compose(grid, 3, 2, 2, null);
        assertEquals(6 * 4, plain.length);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                assertEquals(grid[(y / 2) * 3 + x / 2], plain[y * 6 + x] & 0xFFFFFF, "pixel " + x + "," + y);
            }
        }

        int w = 120;
        int h = 40;
        int[] big = new int[w * h];
        java.util.Arrays.fill(big, 0x336699);
        int[] captioned = EvolutionFrames.compose(big, w, h, 1, EvolutionFrames.caption(1200, 3));
        assertEquals(EvolutionFrames.frameHeight(h, 1, true) * w, captioned.length);
        assertEquals(h + EvolutionFrames.CAPTION_HEIGHT, EvolutionFrames.frameHeight(h, 1, true));
        for (int p = 0; p < w * h; p++) {
            assertEquals(0x336699, captioned[p] & 0xFFFFFF, "the grid is untouched");
        }
        int white = 0;
        int grey = 0;
        int dark = 0;
        for (int p = w * h; p < captioned.length; p++) {
            int rgb = captioned[p] & 0xFFFFFF;
            int r = rgb >> 16;
            assertTrue(rgb == (r << 16 | r << 8 | r), "white text on a dark strip is grey only");
            white += r > 0xE0 ? 1 : 0;
            grey += r > 0x20 && r <= 0xE0 ? 1 : 0;
            dark += r <= 0x20 ? 1 : 0;
        }
        assertTrue(white > 40, "text drawn: " + white + " white pixels");
        assertTrue(grey > 20, "antialiased: " + grey + " in-between pixels");
        assertTrue(dark > white, "mostly background: " + dark);
    }

    @Test
    void aCaptionFitsANarrowFrameShortenedOrSmallerInsteadOfBeingCutOff() {
        // 2×2 cells of 28 pixels: 62 wide, narrower than "step 12000 · epoch 12" at the usual size
        for (int w : new int[] {62, 70, 122}) {
            int h = 10;
            int[] captioned = EvolutionFrames.compose(new int[w * h], w, h, 1, EvolutionFrames.caption(12000, 12));
            int height = EvolutionFrames.frameHeight(h, 1, true);
            int rightmostText = -1;
            int text = 0;
            for (int y = h; y < height; y++) {
                for (int x = 0; x < w; x++) {
                    if (((captioned[y * w + x] >> 16) & 0xFF) > 0x80) {
                        rightmostText = Math.max(rightmostText, x);
                        text++;
                    }
                }
            }
            assertTrue(text > 20, w + " px: the caption is drawn (" + text + " text pixels)");
            assertTrue(rightmostText < w - 2, w + " px: the text ends inside the frame, at x " + rightmostText);
        }
    }

    // ---- writing ----

    /** A fake run: one solid colour per step, so each frame shows which grid it came from. */
    private Path fakeRun(String name, List<Long> steps, int w, int h) throws IOException {
        Path run = dir.resolve(name);
        Files.createDirectories(run.resolve("samples"));
        Files.writeString(run.resolve("config.json"), "{}\n");
        for (long s : steps) {
            writeGrid(run.resolve(String.format(Locale.ROOT, "samples/step-%06d.png", s)), w, h, colourOf(s));
        }
        return run;
    }

    private static int colourOf(long step) {
        return (int) ((step * 37 & 0xFF) << 16 | (step * 11 & 0xFF) << 8 | (255 - step & 0xFF));
    }

    private static void writeGrid(Path file, int w, int h, int rgb) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void writesTheChosenGridsInStepOrderAndHoldsTheLast() throws IOException {
        Path run = fakeRun("run", steps(0, 90, 10), 10, 6);
        Path gif = dir.resolve("out/evolution.gif");
        List<String> seen = new ArrayList<>();
        EvolutionGif.Result r = EvolutionGif.write(run, gif,
                new EvolutionGif.Options(Selection.every(4), 40, 3, false, 2, false),
                (phase, done, total) -> seen.add(phase + " " + done + "/" + total));

        assertEquals(List.of(0L, 40L, 80L, 90L), r.steps());
        assertEquals(30, r.width());
        assertEquals(18, r.height());
        assertEquals(Files.size(gif), r.bytes());
        assertEquals(List.of("READING 1/4", "READING 2/4", "READING 3/4", "READING 4/4", "WRITING 1/4", "WRITING 2/4",
                "WRITING 3/4", "WRITING 4/4"), seen);
        GifFiles.Decoded d = GifFiles.read(gif);
        assertEquals(4, d.frames().size());
        assertEquals(30, d.width());
        assertEquals(18, d.height());
        assertEquals(List.of(4, 4, 4, 100), d.delays(), "the last frame holds 1 s");
        assertArrayEquals(new byte[] {1, 2, 0}, d.loop());
        for (int i = 0; i < 4; i++) {
            int expected = colourOf(r.steps().get(i));
            for (int p : d.frames().get(i)) {
                assertEquals(expected, p, "frame " + i + " shows step " + r.steps().get(i));
            }
        }
    }

    @Test
    void framesPastTheMemoryBudgetAreReadAgainAndMakeTheSameGif() throws IOException {
        Path run = fakeRun("run", steps(0, 60, 10), 12, 8);
        EvolutionGif.Options o = new EvolutionGif.Options(Selection.all(), 100, 2, true, 0, true);
        Path kept = dir.resolve("kept.gif");
        Path reread = dir.resolve("reread.gif");
        EvolutionGif.write(run, kept, o, EvolutionGif.Progress.NONE);
        // Room for three composed frames: the other four are decoded again on each pass.
        EvolutionGif.write(run, reread, o, EvolutionGif.Progress.NONE, 3L * 24 * 48 * Integer.BYTES);
        assertArrayEquals(Files.readAllBytes(kept), Files.readAllBytes(reread));

        // A grid that breaks between the passes is still named.
        Path late = dir.resolve("late.gif");
        List<String> seen = new ArrayList<>();
        IOException e = assertThrows(IOException.class, () -> EvolutionGif.write(run, late, o,
                (phase, done, total) -> {
                    if (phase == EvolutionGif.Phase.READING && done == total) {
                        try {
                            Files.writeString(run.resolve("samples/step-000060.png"), "overwritten");
                        } catch (IOException x) {
                            throw new java.io.UncheckedIOException(x);
                        }
                    }
                    return seen.add(phase + " " + done);
                }, 0));
        assertTrue(e.getMessage().contains("step-000060.png"), e.getMessage());
        assertFalse(Files.exists(late));
    }

    @Test
    void aSlowDelayIsKeptForTheLastFrameToo() throws IOException {
        Path run = fakeRun("run", steps(0, 20, 10), 4, 4);
        Path gif = dir.resolve("slow.gif");
        EvolutionGif.write(run, gif, new EvolutionGif.Options(Selection.all(), 1500, 1, true, 0, true),
                EvolutionGif.Progress.NONE);
        GifFiles.Decoded d = GifFiles.read(gif);
        assertEquals(List.of(150, 150, 150), d.delays());
        assertArrayEquals(new byte[] {1, 0, 0}, d.loop());
        assertEquals(4, d.width());
        assertEquals(4 + EvolutionFrames.CAPTION_HEIGHT, d.height(), "the caption strip under the grid");
    }

    @Test
    void cancellingWhileReadingOrWritingLeavesNoFile() throws IOException {
        Path run = fakeRun("run", steps(0, 50, 10), 8, 8);
        Path out = dir.resolve("gifs");
        Files.createDirectories(out);
        Path gif = out.resolve("evolution.gif");
        for (EvolutionGif.Phase stopIn : EvolutionGif.Phase.values()) {
            List<String> seen = new ArrayList<>();
            assertThrows(CancellationException.class, () -> EvolutionGif.write(run, gif, EvolutionGif.Options.defaults(),
                    (phase, done, total) -> {
                        seen.add(phase + " " + done);
                        return !(phase == stopIn && done == 3);
                    }));
            assertEquals(stopIn + " 3", seen.get(seen.size() - 1), "stopped at once");
            assertEquals(List.of(), listing(out), "no GIF and no temporary file after cancelling in " + stopIn);
        }
        Files.writeString(gif, "an older GIF");
        assertThrows(CancellationException.class, () -> EvolutionGif.write(run, gif, EvolutionGif.Options.defaults(),
                (phase, done, total) -> phase == EvolutionGif.Phase.READING));
        assertEquals("an older GIF", Files.readString(gif));
        assertEquals(List.of("evolution.gif"), listing(out));
    }

    @Test
    void badRunsAreRefusedNamingTheCulprit() throws IOException {
        Path gif = dir.resolve("x.gif");
        EvolutionGif.Options o = EvolutionGif.Options.defaults();

        IOException missing = assertThrows(IOException.class,
                () -> EvolutionGif.write(dir.resolve("nowhere"), gif, o, EvolutionGif.Progress.NONE));
        assertTrue(missing.getMessage().contains("nowhere") && missing.getMessage().contains("not a directory"),
                missing.getMessage());

        Path plain = Files.createDirectories(dir.resolve("holiday-photos"));
        IOException notRun = assertThrows(IOException.class,
                () -> EvolutionGif.write(plain, gif, o, EvolutionGif.Progress.NONE));
        assertTrue(notRun.getMessage().contains("not a run directory"), notRun.getMessage());

        Path empty = fakeRun("empty", List.of(), 4, 4);
        Files.writeString(empty.resolve("samples/notes.txt"), "not a grid");
        IOException none = assertThrows(IOException.class,
                () -> EvolutionGif.write(empty, gif, o, EvolutionGif.Progress.NONE));
        assertTrue(none.getMessage().contains("no sample grids"), none.getMessage());

        Path mixed = fakeRun("mixed", List.of(0L, 10L), 8, 8);
        writeGrid(mixed.resolve("samples/step-000020.png"), 9, 8, 0);
        IOException size = assertThrows(IOException.class,
                () -> EvolutionGif.write(mixed, gif, o, EvolutionGif.Progress.NONE));
        assertTrue(size.getMessage().contains("step-000020.png") && size.getMessage().contains("9×8"),
                size.getMessage());

        Path broken = fakeRun("broken", List.of(0L, 10L), 8, 8);
        Files.writeString(broken.resolve("samples/step-000010.png"), "truncated by a full disk");
        IOException unreadable = assertThrows(IOException.class,
                () -> EvolutionGif.write(broken, gif, o, EvolutionGif.Progress.NONE));
        assertTrue(unreadable.getMessage().contains("step-000010.png"), unreadable.getMessage());

        IOException intoDir = assertThrows(IOException.class,
                () -> EvolutionGif.write(broken, dir, o, EvolutionGif.Progress.NONE));
        assertTrue(intoDir.getMessage().contains("is a directory"), intoDir.getMessage());

        assertFalse(Files.exists(gif), "nothing written");
        assertThrows(IllegalArgumentException.class,
                () -> new EvolutionGif.Options(Selection.all(), 100, 0, false, 0, true));
        assertThrows(IllegalArgumentException.class,
                () -> new EvolutionGif.Options(Selection.all(), -10, 1, false, 0, true));
        assertThrows(IllegalArgumentException.class,
                () -> new EvolutionGif.Options(Selection.all(), 100, 1, false, 70_000, true));
    }

    // ---- sub-grids ----

    /**
     * A fake run whose grids are {@code columns × rows} cells of {@code size}-pixel images laid out as
     * ImageGrid does, each cell one colour that depends on its place and the step.
     */
    private Path cellRun(String name, List<Long> steps, int columns, int rows, int size) throws IOException {
        Path run = dir.resolve(name);
        Files.createDirectories(run.resolve("samples"));
        Files.writeString(run.resolve("config.json"), "{\"image_size\": " + size + ", \"channels\": 3}\n");
        int cell = size + ImageGrid.PADDING;
        for (long s : steps) {
            BufferedImage img = new BufferedImage(columns * cell + ImageGrid.PADDING, rows * cell + ImageGrid.PADDING,
                    BufferedImage.TYPE_INT_RGB);
            for (int c = 0; c < columns * rows; c++) {
                int rgb = colourOf(s + 7L * c);
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        img.setRGB(ImageGrid.PADDING + (c % columns) * cell + x,
                                ImageGrid.PADDING + (c / columns) * cell + y, rgb);
                    }
                }
            }
            ImageIO.write(img, "png", run.resolve(String.format(Locale.ROOT, "samples/step-%06d.png", s)).toFile());
        }
        return run;
    }

    @Test
    void aSubGridKeepsTheTopLeftCellsWithTheirBorders() throws IOException {
        Path run = cellRun("cells", steps(0, 30, 10), 3, 2, 4);
        Path gif = dir.resolve("sub.gif");
        EvolutionGif.Result r = EvolutionGif.write(run, gif, EvolutionGif.Options.defaults()
                .withSubGrid(new EvolutionGif.SubGrid(2, 1)), EvolutionGif.Progress.NONE);
        int w = 2 * 6 + 2;
        int h = 6 + 2;
        assertEquals(List.of(w, h), List.of(r.width(), r.height()), "2 cells of 4 pixels and 3 borders across");
        GifFiles.Decoded d = GifFiles.read(gif);
        assertEquals(List.of(w, h), List.of(d.width(), d.height()));
        for (int i = 0; i < 4; i++) {
            BufferedImage png = ImageIO.read(run.resolve(String.format(Locale.ROOT, "samples/step-%06d.png",
                    r.steps().get(i))).toFile());
            int[] expected = png.getRGB(0, 0, w, h, null, 0, w);
            for (int p = 0; p < expected.length; p++) {
                expected[p] &= 0xFFFFFF;
            }
            assertArrayEquals(expected, d.frames().get(i), "frame " + i + " is the grid's top-left 2×1 cells");
        }

        Path captioned = dir.resolve("captioned.gif");
        EvolutionGif.Result c = EvolutionGif.write(run, captioned,
                new EvolutionGif.Options(Selection.all(), 100, 3, true, 0, true).withSubGrid(
                        new EvolutionGif.SubGrid(1, 2)), EvolutionGif.Progress.NONE);
        assertEquals(List.of(3 * 8, 3 * (2 * 6 + 2 + EvolutionFrames.CAPTION_HEIGHT)), List.of(c.width(), c.height()),
                "scaled, with the caption strip under the cells");
        GifFiles.Decoded cd = GifFiles.read(captioned);
        assertEquals(List.of(c.width(), c.height()), List.of(cd.width(), cd.height()));

        Path whole = dir.resolve("whole.gif");
        EvolutionGif.Result all = EvolutionGif.write(run, whole, EvolutionGif.Options.defaults()
                .withSubGrid(new EvolutionGif.SubGrid(3, 2)), EvolutionGif.Progress.NONE);
        assertEquals(List.of(3 * 6 + 2, 2 * 6 + 2), List.of(all.width(), all.height()), "all cells: the whole grid");
    }

    @Test
    void differencingChangesTheFileNotThePictures() throws IOException {
        // Cells of 20 pixels: a frame wide enough for the caption's step number.
        Path run = cellRun("cells", List.of(0L, 10L, 20L, 30L), 3, 2, 20);
        // Step 20's grid again at step 30: only the caption changes between those two frames.
        Files.copy(run.resolve("samples/step-000020.png"), run.resolve("samples/step-000030.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        EvolutionGif.Options o = new EvolutionGif.Options(Selection.all(), 100, 2, true, 0, true);
        Path on = dir.resolve("on.gif");
        Path off = dir.resolve("off.gif");
        EvolutionGif.write(run, on, o, EvolutionGif.Progress.NONE);
        EvolutionGif.write(run, off, o.withDifferencing(false), EvolutionGif.Progress.NONE);
        GifFiles.Decoded a = GifFiles.read(on);
        GifFiles.Decoded b = GifFiles.read(off);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(b.frames().get(i), a.frames().get(i), "frame " + i);
            assertEquals(b.width() * b.height(), b.stored().get(i).indices().length, "off: frame " + i + " whole");
        }
        GifFiles.Stored last = a.stored().get(3);
        assertTrue(last.top() >= 2 * (2 * 22 + 2) && last.top() + last.height() <= a.height(),
                "only the caption strip, below the grid, is stored: rows " + last.top() + " to "
                        + (last.top() + last.height()));
        assertTrue(last.width() < a.width() / 2, "only the step number: " + last.width() + " pixels wide");
        assertTrue(Files.size(on) < Files.size(off), Files.size(on) + " vs " + Files.size(off) + " bytes");
    }

    @Test
    void subGridsThatDoNotFitOrRunsWithoutCellsAreRefusedNamingTheGrid() throws IOException {
        Path run = cellRun("cells", steps(0, 20, 10), 3, 2, 4);
        Path gif = dir.resolve("x.gif");
        for (EvolutionGif.SubGrid big : List.of(new EvolutionGif.SubGrid(4, 1), new EvolutionGif.SubGrid(1, 3))) {
            EvolutionGif.SubGridException e = assertThrows(EvolutionGif.SubGridException.class,
                    () -> EvolutionGif.write(run, gif, EvolutionGif.Options.defaults().withSubGrid(big),
                            EvolutionGif.Progress.NONE));
            assertTrue(e.getMessage().contains(big + " cells do not fit") && e.getMessage().contains("hold 3×2 cells")
                    && e.getMessage().contains("4×4 pixels"), e.getMessage());
        }

        Files.writeString(run.resolve("config.json"), "{\"channels\": 3}");
        EvolutionGif.SubGridException noSize = assertThrows(EvolutionGif.SubGridException.class,
                () -> EvolutionGif.write(run, gif, EvolutionGif.Options.defaults()
                        .withSubGrid(new EvolutionGif.SubGrid(1, 1)), EvolutionGif.Progress.NONE));
        assertTrue(noSize.getMessage().contains("config.json") && noSize.getMessage().contains("image_size"),
                noSize.getMessage());

        Files.writeString(run.resolve("config.json"), "{\"image_size\": 5}");
        EvolutionGif.SubGridException wrongSize = assertThrows(EvolutionGif.SubGridException.class,
                () -> EvolutionGif.write(run, gif, EvolutionGif.Options.defaults()
                        .withSubGrid(new EvolutionGif.SubGrid(1, 1)), EvolutionGif.Progress.NONE));
        assertTrue(wrongSize.getMessage().contains("step-000000.png is 20×14 pixels, which is no grid of 5×5"),
                wrongSize.getMessage());

        assertFalse(Files.exists(gif), "nothing written");
        assertThrows(IllegalArgumentException.class, () -> new EvolutionGif.SubGrid(0, 2));
        EvolutionGif.write(run, gif, EvolutionGif.Options.defaults(), EvolutionGif.Progress.NONE);
        assertTrue(Files.exists(gif), "without a sub-grid image_size is not needed");
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
