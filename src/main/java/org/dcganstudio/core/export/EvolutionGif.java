package org.dcganstudio.core.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.CancellationException;
import javax.imageio.ImageIO;

/**
 * A run's training as an animated GIF: its recorded sample grids, in step order, one frame each,
 * through {@link AnimatedGif} (one palette for all frames, atomic write).
 */
public final class EvolutionGif {

    /** The largest integer scale: a 530-pixel grid is then 4,240 pixels a side. */
    public static final int MAX_SCALE = 8;

    /** The last frame holds at least this long, so the final grid registers before the loop restarts. */
    public static final int LAST_FRAME_MS = 1000;

    /**
     * What to make.
     *
     * @param selection which grids
     * @param delayMs time per frame (the last holds at least {@value #LAST_FRAME_MS} ms)
     * @param scale integer nearest-neighbour scale, 1 to {@value #MAX_SCALE}
     * @param caption "step N · epoch E" under each grid
     * @param loops times to play, 0 for forever
     * @param dither Floyd–Steinberg dithering
     */
    public record Options(EvolutionFrames.Selection selection, int delayMs, int scale, boolean caption, int loops,
            boolean dither) {
        public Options {
            if (scale < 1 || scale > MAX_SCALE) {
                throw new IllegalArgumentException("scale must be in [1, " + MAX_SCALE + "], got " + scale);
            }
            settings(delayMs, loops, dither);
        }

        /** All grids (up to {@value EvolutionFrames#DEFAULT_MAX_FRAMES}), 100 ms, scale 1, looping, dithered. */
        public static Options defaults() {
            return new Options(EvolutionFrames.Selection.all(), 100, 1, false, 0, true);
        }

        AnimatedGif.Settings gifSettings() {
            return settings(delayMs, loops, dither);
        }

        private static AnimatedGif.Settings settings(int delayMs, int loops, boolean dither) {
            return new AnimatedGif.Settings(delayMs, loops, dither, Math.max(delayMs, LAST_FRAME_MS));
        }
    }

    /** The two passes over the frames: reading the grids, then encoding. */
    public enum Phase { READING, WRITING }

    /** Told after each frame of each phase; returning false cancels and leaves no file. */
    @FunctionalInterface
    public interface Progress {
        /** Never cancels. */
        Progress NONE = (phase, done, total) -> true;

        /** @return true to go on, false to cancel */
        boolean frameDone(Phase phase, int done, int total);
    }

    /**
     * What was written.
     *
     * @param steps the steps of the frames, in order
     * @param width frame width in pixels
     * @param height frame height in pixels
     * @param bytes size of the GIF
     */
    public record Result(List<Long> steps, int width, int height, long bytes) {}

    private EvolutionGif() {}

    /**
     * Writes the GIF atomically.
     *
     * @throws IOException naming the run directory or grid file that is missing or unreadable
     * @throws CancellationException when {@code progress} returns false; no file is left then
     */
    public static Result write(Path runDir, Path out, Options options, Progress progress) throws IOException {
        return write(runDir, out, options, progress, Runtime.getRuntime().maxMemory() / 4);
    }

    /** As {@link #write(Path, Path, Options, Progress)}, keeping composed frames up to {@code keepBytes}. */
    static Result write(Path runDir, Path out, Options options, Progress progress, long keepBytes)
            throws IOException {
        if (Files.isDirectory(out)) {
            throw new IOException(out + " is a directory; give the GIF's file name");
        }
        NavigableMap<Long, Path> grids = EvolutionFrames.sampleGrids(runDir);
        List<Long> steps = options.selection().pick(new ArrayList<>(grids.navigableKeySet()));
        List<String> captions = new ArrayList<>(steps.size());
        long[] epochs = options.caption() ? EvolutionFrames.epochs(runDir, steps) : null;
        for (int i = 0; i < steps.size(); i++) {
            captions.add(epochs == null ? null : EvolutionFrames.caption(steps.get(i), epochs[i]));
        }
        Frames frames = new Frames(steps.stream().map(grids::get).toList(), captions, options.scale());
        frames.readAll(progress, keepBytes);
        try {
            AnimatedGif.writePixels(out, frames, frames.width, frames.height, options.gifSettings(),
                    (done, total) -> progress.frameDone(Phase.WRITING, done, total));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Result(steps, frames.width, frames.height, Files.size(out));
    }

    /**
     * The frames, composed on demand. The encoder walks them three times (check, palette, write),
     * so composed frames are kept while they fit in a quarter of the heap; past that a frame is
     * decoded again each time, which is slower but lets a long run's GIF be made on a small heap.
     */
    private static final class Frames extends AbstractList<int[]> {
        private final List<Path> files;
        private final List<String> captions;
        private final int scale;
        private final int[][] kept;
        private int gridWidth;
        private int gridHeight;
        int width;
        int height;

        Frames(List<Path> files, List<String> captions, int scale) {
            this.files = files;
            this.captions = captions;
            this.scale = scale;
            this.kept = new int[files.size()][];
        }

        /** Reads every grid once, so a bad file fails before anything is written. */
        void readAll(Progress progress, long budget) throws IOException {
            for (int i = 0; i < files.size(); i++) {
                int[] frame = compose(i);
                if ((long) frame.length * Integer.BYTES <= budget) {
                    kept[i] = frame;
                    budget -= (long) frame.length * Integer.BYTES;
                }
                if (!progress.frameDone(Phase.READING, i + 1, files.size())) {
                    throw new CancellationException("GIF cancelled while reading grid " + (i + 1) + " of "
                            + files.size());
                }
            }
        }

        @Override
        public int[] get(int index) {
            if (kept[index] != null) {
                return kept[index];
            }
            try {
                return compose(index);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public int size() {
            return files.size();
        }

        private int[] compose(int index) throws IOException {
            Path file = files.get(index);
            BufferedImage grid;
            try {
                grid = ImageIO.read(file.toFile());
            } catch (IOException e) {
                throw new IOException(file + " is not a readable PNG: " + e.getMessage(), e);
            }
            if (grid == null) {
                throw new IOException(file + " is not a readable PNG");
            }
            int w = grid.getWidth();
            int h = grid.getHeight();
            if (index == 0) {
                gridWidth = w;
                gridHeight = h;
                width = EvolutionFrames.frameWidth(w, scale);
                height = EvolutionFrames.frameHeight(h, scale, captions.get(0) != null);
            } else if (w != gridWidth || h != gridHeight) {
                throw new IOException(file + " is " + w + "×" + h + " but " + files.get(0).getFileName() + " is "
                        + gridWidth + "×" + gridHeight + "; a GIF's frames must share one size");
            }
            return EvolutionFrames.compose(grid.getRGB(0, 0, w, h, null, 0, w), w, h, scale, captions.get(index));
        }
    }
}
