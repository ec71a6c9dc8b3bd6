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
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.dcganstudio.testing.GifFiles;
import org.dcganstudio.testing.GifFiles.Decoded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnimatedGifTest {

    @TempDir
    Path dir;

    @Test
    void threeFramesPlayWithTheirDelayAndLoopInColoursCloseToTheOriginals() throws IOException {
        int w = 24;
        int h = 16;
        List<BufferedImage> frames = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    // 1,152 distinct colours: more than a GIF holds, so the palette must be cut.
                    img.setRGB(x, y, (x * 10 + f * 5) << 16 | (y * 15) << 8 | (80 * f + x + y));
                }
            }
            frames.add(img);
        }
        Path gif = dir.resolve("walk.gif");
        AnimatedGif.write(gif, frames, new AnimatedGif.Settings(70, 3, false), AnimatedGif.Progress.NONE);

        Decoded d = decode(gif);
        assertEquals(3, d.frames().size());
        assertEquals(w, d.width());
        assertEquals(h, d.height());
        assertEquals(List.of(7, 7, 7), d.delays(), "delay in hundredths of a second");
        assertArrayEquals(new byte[] {1, 3, 0}, d.loop(), "NETSCAPE2.0 sub-block: loop 3 times");
        assertTrue(d.global(), "one global palette");
        assertEquals(List.of(false, false, false), d.local(), "no frame carries its own palette");
        for (int f = 0; f < 3; f++) {
            int[] original = frames.get(f).getRGB(0, 0, w, h, null, 0, w);
            double[] err = errors(original, d.frames().get(f));
            assertTrue(err[0] < 6, "frame " + f + " mean error " + err[0]);
            assertTrue(err[1] <= 30, "frame " + f + " worst error " + err[1]);
        }
    }

    @Test
    void fewColoursAreKeptExactlyAndZeroLoopsMeansForever() throws IOException {
        int[] a = {0xFF0000, 0x00FF00, 0x0000FF, 0x123456};
        int[] b = {0x123456, 0x0000FF, 0xFFFFFF, 0x000000};
        Path gif = dir.resolve("exact.gif");
        AnimatedGif.writePixels(gif, List.of(a, b), 2, 2, new AnimatedGif.Settings(1000, 0, true),
                AnimatedGif.Progress.NONE);
        Decoded d = decode(gif);
        assertArrayEquals(a, d.frames().get(0));
        assertArrayEquals(b, d.frames().get(1));
        assertEquals(List.of(100, 100), d.delays());
        assertArrayEquals(new byte[] {1, 0, 0}, d.loop());
    }

    @Test
    void theLastFrameCanHoldLongerThanTheOthers() throws IOException {
        Path gif = dir.resolve("hold.gif");
        AnimatedGif.writePixels(gif, List.of(new int[] {1}, new int[] {2}, new int[] {3}), 1, 1,
                new AnimatedGif.Settings(50, 0, false, 1000), AnimatedGif.Progress.NONE);
        assertEquals(List.of(5, 5, 100), decode(gif).delays());
        assertThrows(IllegalArgumentException.class, () -> new AnimatedGif.Settings(100, 0, false, -1));
    }

    @Test
    void ditheringASmoothGradientRemovesItsBandsOnAverage() throws IOException {
        int w = 128;
        int h = 128;
        int[] gradient = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // 16,384 colours on a plane through the RGB cube: about 16 palette steps per axis.
                gradient[y * w + x] = (x * 2) << 16 | (y * 2) << 8 | (255 - x - y);
            }
        }
        Path plain = dir.resolve("plain.gif");
        Path dithered = dir.resolve("dithered.gif");
        AnimatedGif.writePixels(plain, List.of(gradient), w, h, new AnimatedGif.Settings(100, 0, false),
                AnimatedGif.Progress.NONE);
        AnimatedGif.writePixels(dithered, List.of(gradient), w, h, new AnimatedGif.Settings(100, 0, true),
                AnimatedGif.Progress.NONE);
        int[] p = decode(plain).frames().get(0);
        int[] q = decode(dithered).frames().get(0);
        assertFalse(java.util.Arrays.equals(p, q), "dithering changes the pixels");

        assertTrue(errors(gradient, p)[0] < 6, "nearest-colour mean error " + errors(gradient, p)[0]);
        assertTrue(errors(gradient, q)[0] < 6, "dithered mean error " + errors(gradient, q)[0]);
        assertTrue(Math.abs(meanSignedError(gradient, q)) < 0.25, "dithering keeps the average colour: "
                + meanSignedError(gradient, q));
        // Banding is error that does not average out over a neighbourhood; dithering's does.
        double plainBands = windowError(gradient, p, w, h, 5);
        double ditherBands = windowError(gradient, q, w, h, 5);
        assertTrue(ditherBands < 0.6, "dithered 5×5 error " + ditherBands);
        assertTrue(ditherBands < plainBands / 2, "dithered " + ditherBands + " vs plain " + plainBands);
    }

    /**
     * A walk with every kind of change: a square moving over a gradient, noise that redraws one
     * strip in every frame, a frame repeated, and more colours than a GIF holds.
     */
    private static List<int[]> walk(int w, int h, int n) {
        java.util.Random random = new java.util.Random(7);
        List<int[]> frames = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            if (f == 3) {
                frames.add(frames.get(2).clone());
                continue;
            }
            int[] px = new int[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = (x * 5) << 16 | (y * 6) << 8 | (x + y) * 2;
                    if (x >= 2 * f && x < 2 * f + 6 && y >= 4 && y < 10) {
                        rgb = 0xE04010;
                    }
                    if (y >= h - 3) {
                        rgb = random.nextInt(1 << 24);
                    }
                    px[y * w + x] = rgb;
                }
            }
            frames.add(px);
        }
        return frames;
    }

    @Test
    void differencedFramesCompositeToExactlyTheFramesWrittenWhole() throws IOException {
        int w = 40;
        int h = 30;
        List<int[]> frames = walk(w, h, 6);
        for (boolean dither : new boolean[] {false, true}) {
            AnimatedGif.Settings whole = new AnimatedGif.Settings(40, 2, dither, 500, false);
            Path wholeGif = dir.resolve("whole-" + dither + ".gif");
            Path diffGif = dir.resolve("diff-" + dither + ".gif");
            AnimatedGif.writePixels(wholeGif, frames, w, h, whole, AnimatedGif.Progress.NONE);
            AnimatedGif.writePixels(diffGif, frames, w, h, whole.withDifferencing(true), AnimatedGif.Progress.NONE);
            Decoded a = decode(wholeGif);
            Decoded b = decode(diffGif);
            String what = dither ? "dithered" : "nearest colour";
            assertEquals(6, b.frames().size(), what);
            assertEquals(List.of(4, 4, 4, 4, 4, 50), b.delays(), what);
            assertArrayEquals(new byte[] {1, 2, 0}, b.loop(), what);
            assertEquals(List.of(false, false, false, false, false, false), b.local(), "one global palette: " + what);
            assertEquals(w, b.width());
            assertEquals(h, b.height());
            for (int f = 0; f < 6; f++) {
                assertArrayEquals(a.frames().get(f), b.frames().get(f), what + " frame " + f + " as displayed");
                GifFiles.Stored whole0 = a.stored().get(f);
                assertEquals(List.of(0, 0, w, h, -1), List.of(whole0.left(), whole0.top(), whole0.width(),
                        whole0.height(), whole0.transparentIndex()), "without differencing every frame is whole");
            }
            GifFiles.Stored first = b.stored().get(0);
            assertEquals(List.of(0, 0, w, h, -1), List.of(first.left(), first.top(), first.width(), first.height(),
                    first.transparentIndex()), "the first frame is whole and opaque");
            assertEquals("doNotDispose", first.disposal(), "the second frame is drawn over the first");
            assertEquals("none", a.stored().get(0).disposal(), "without differencing the player may clear");
            int clear = b.stored().get(1).transparentIndex();
            assertTrue(clear > 0, "differenced frames name a transparent index");
            long cleared = 0;
            for (int f = 1; f < 6; f++) {
                GifFiles.Stored s = b.stored().get(f);
                assertEquals("doNotDispose", s.disposal(), what + " frame " + f + " stays under the next");
                assertEquals("none", a.stored().get(f).disposal(), what + " frame " + f + " written whole");
                assertEquals(clear, s.transparentIndex(), "one reserved slot");
                for (int v : a.stored().get(f).indices()) {
                    assertTrue(v != clear, "the reserved slot is never a colour");
                }
                for (int v : s.indices()) {
                    cleared += v == clear ? 1 : 0;
                }
            }
            assertTrue(cleared > 0, what + ": unchanged pixels are stored transparent");
            GifFiles.Stored repeat = b.stored().get(3);
            assertEquals(List.of(1, 1, clear), List.of(repeat.width(), repeat.height(), repeat.indices()[0]),
                    "a repeated frame stores one transparent pixel");
        }
    }

    @Test
    void aDifferencedFrameIsCroppedToTheRectangleThatChanged() throws IOException {
        int w = 16;
        int h = 9;
        int[] a = new int[w * h];
        java.util.Arrays.fill(a, 0x204060);
        int[] b = a.clone();
        // Changed: (3,2), (12,2), (3,6), and (5,4), (8,4) with two short unchanged runs between them.
        for (int p : new int[] {2 * w + 3, 2 * w + 12, 6 * w + 3, 4 * w + 5, 4 * w + 8}) {
            b[p] = p == 4 * w + 8 ? 0x000000 : 0xFFFFFF;
        }
        Path gif = dir.resolve("crop.gif");
        AnimatedGif.writePixels(gif, List.of(a, b), w, h, new AnimatedGif.Settings(100, 0, false),
                AnimatedGif.Progress.NONE);
        Decoded d = decode(gif);
        GifFiles.Stored s = d.stored().get(1);
        assertEquals(List.of(3, 2, 10, 5), List.of(s.left(), s.top(), s.width(), s.height()), "x 3-12, y 2-6");
        assertArrayEquals(a, d.frames().get(0));
        assertArrayEquals(b, d.frames().get(1));
        int background = d.stored().get(0).indices()[0];
        StringBuilder row4 = new StringBuilder();
        int transparent = 0;
        for (int i = 0; i < s.indices().length; i++) {
            int v = s.indices()[i];
            transparent += v == s.transparentIndex() ? 1 : 0;
            if (i / s.width() == 2) {
                row4.append(v == s.transparentIndex() ? '.' : v == background ? 'b' : 'X');
            }
        }
        assertEquals("bbXbbX....", row4.toString(), "unchanged runs shorter than 4 keep their own colour");
        assertEquals(5 * 10 - 5 - 4, transparent, "every other unchanged pixel is transparent");
    }

    @Test
    void cancellingLeavesNoFileAndKeepsAnOldOne() throws IOException {
        List<int[]> frames = List.of(new int[] {1}, new int[] {2}, new int[] {3});
        Path gif = dir.resolve("cancelled.gif");
        List<Integer> seen = new ArrayList<>();
        assertThrows(CancellationException.class, () -> AnimatedGif.writePixels(gif, frames, 1, 1,
                new AnimatedGif.Settings(100, 0, false), (done, total) -> {
                    seen.add(done);
                    assertEquals(3, total);
                    return done < 2;
                }));
        assertEquals(List.of(1, 2), seen);
        assertEquals(List.of(), listing(), "no GIF and no temporary file");

        Path kept = dir.resolve("kept.gif");
        Files.writeString(kept, "old");
        assertThrows(CancellationException.class, () -> AnimatedGif.writePixels(kept, frames, 1, 1,
                new AnimatedGif.Settings(100, 0, false), (done, total) -> false));
        assertEquals("old", Files.readString(kept));
        assertEquals(List.of("kept.gif"), listing());
    }

    @Test
    void framesOfDifferentSizesAndBadSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AnimatedGif.write(dir.resolve("x.gif"),
                List.of(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB),
                        new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB)),
                new AnimatedGif.Settings(100, 0, false), AnimatedGif.Progress.NONE));
        assertThrows(IllegalArgumentException.class, () -> new AnimatedGif.Settings(-1, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new AnimatedGif.Settings(100, 70_000, false));
        assertFalse(Files.exists(dir.resolve("x.gif")));
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** Mean and worst absolute difference per channel sample. */
    private static double[] errors(int[] expected, int[] actual) {
        double sum = 0;
        int worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                int e = Math.abs((expected[i] >> shift & 0xFF) - (actual[i] >> shift & 0xFF));
                sum += e;
                worst = Math.max(worst, e);
            }
        }
        return new double[] {sum / (3.0 * expected.length), worst};
    }

    private static double meanSignedError(int[] expected, int[] actual) {
        double sum = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                sum += (actual[i] >> shift & 0xFF) - (expected[i] >> shift & 0xFF);
            }
        }
        return sum / (3.0 * expected.length);
    }

    /** Mean absolute difference of every k×k window's average, per channel. */
    private static double windowError(int[] expected, int[] actual, int w, int h, int k) {
        double sum = 0;
        int windows = 0;
        for (int y = 0; y + k <= h; y++) {
            for (int x = 0; x + k <= w; x++) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    double diff = 0;
                    for (int j = y; j < y + k; j++) {
                        for (int i = x; i < x + k; i++) {
                            diff += (actual[j * w + i] >> shift & 0xFF) - (expected[j * w + i] >> shift & 0xFF);
                        }
                    }
                    sum += Math.abs(diff / (k * k));
                    windows++;
                }
            }
        }
        return sum / windows;
    }

    private static Decoded decode(Path gif) throws IOException {
        Decoded d = GifFiles.read(gif);
        assertFalse(d.delays().contains(-1), "every frame has a graphic control extension");
        assertTrue(d.loopExtensions() <= 1, "at most one loop extension");
        return d;
    }
}
