package org.dcganstudio.core.export;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.CancellationException;
import org.dcganstudio.core.data.folder.ImageDecoding;
import org.dcganstudio.core.io.RunDirectory;

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
     * The top-left {@code columns × rows} cells of each recorded grid, for a GIF a quarter (4×4 of
     * 8×8) or less of the whole grid's size.
     */
    public record SubGrid(int columns, int rows) {
        public SubGrid {
            if (columns < 1 || rows < 1) {
                throw new IllegalArgumentException("a sub-grid needs at least 1×1 cells, got " + columns + "×" + rows);
            }
        }

        @Override
        public String toString() {
            return columns + "×" + rows;
        }
    }

    /**
     * A sub-grid that does not fit the run's grids, or a run whose grids cannot be cut into cells;
     * callers name their own option in front of the message.
     */
    public static final class SubGridException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        SubGridException(String message) {
            super(message);
        }
    }

    /**
     * What to make.
     *
     * @param selection which grids
     * @param delayMs time per frame (the last holds at least {@value #LAST_FRAME_MS} ms)
     * @param scale integer nearest-neighbour scale, 1 to {@value #MAX_SCALE}
     * @param caption "step N · epoch E" under each grid
     * @param loops times to play, 0 for forever
     * @param dither Floyd–Steinberg dithering
     * @param subGrid the cells to keep, or null for the whole grid
     * @param differencing store only what changes from frame to frame (the same pictures, a
     *     smaller file)
     */
    public record Options(EvolutionFrames.Selection selection, int delayMs, int scale, boolean caption, int loops,
            boolean dither, SubGrid subGrid, boolean differencing) {
        public Options {
            if (scale < 1 || scale > MAX_SCALE) {
                throw new IllegalArgumentException("scale must be in [1, " + MAX_SCALE + "], got " + scale);
            }
            settings(delayMs, loops, dither, differencing);
        }

        /** The whole grid, frame differencing on. */
        public Options(EvolutionFrames.Selection selection, int delayMs, int scale, boolean caption, int loops,
                boolean dither) {
            this(selection, delayMs, scale, caption, loops, dither, null, true);
        }

        /** All grids (up to {@value EvolutionFrames#DEFAULT_MAX_FRAMES}), 100 ms, scale 1, looping, dithered. */
        public static Options defaults() {
            return new Options(EvolutionFrames.Selection.all(), 100, 1, false, 0, true);
        }

        /** These options keeping only {@code cells} of each grid (null: the whole grid). */
        public Options withSubGrid(SubGrid cells) {
            return new Options(selection, delayMs, scale, caption, loops, dither, cells, differencing);
        }

        /** These options with frame differencing on or off. */
        public Options withDifferencing(boolean on) {
            return new Options(selection, delayMs, scale, caption, loops, dither, subGrid, on);
        }

        AnimatedGif.Settings gifSettings() {
            return settings(delayMs, loops, dither, differencing);
        }

        private static AnimatedGif.Settings settings(int delayMs, int loops, boolean dither, boolean differencing) {
            return new AnimatedGif.Settings(delayMs, loops, dither, Math.max(delayMs, LAST_FRAME_MS), differencing);
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
        int imageSize = options.subGrid() == null ? 0 : imageSize(runDir);
        Frames frames = new Frames(steps.stream().map(grids::get).toList(), captions, options.scale(),
                options.subGrid(), imageSize);
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
     * The run's image size from its config.json, which says how its grids divide into cells.
     *
     * @throws SubGridException naming config.json when it does not say
     */
    private static int imageSize(Path runDir) throws IOException {
        Path config = new RunDirectory(runDir).config();
        if (!Files.isRegularFile(config)) {
            throw new SubGridException(config + " does not exist: the run's image_size is needed to find the cells of "
                    + "its grids");
        }
        JsonElement value;
        try {
            // Only image_size is read, not a TrainConfig: a finished run's grids can be cut even when
            // its other settings no longer validate.
            value = JsonParser.parseString(Files.readString(config, StandardCharsets.UTF_8)).getAsJsonObject()
                    .get("image_size");
        } catch (RuntimeException e) {
            throw new SubGridException(config + " is not a JSON object: " + e.getMessage());
        }
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()
                || value.getAsDouble() < 1 || value.getAsDouble() > 0xFFFF
                || value.getAsDouble() != Math.rint(value.getAsDouble())) {
            throw new SubGridException(config + ": image_size must be a positive whole number to find the cells of "
                    + "the run's grids, got " + value);
        }
        return value.getAsInt();
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
        private final SubGrid subGrid;
        private final int imageSize;
        private final int[][] kept;
        private int gridWidth;
        private int gridHeight;
        private int cropWidth;
        private int cropHeight;
        int width;
        int height;

        Frames(List<Path> files, List<String> captions, int scale, SubGrid subGrid, int imageSize) {
            this.files = files;
            this.captions = captions;
            this.scale = scale;
            this.subGrid = subGrid;
            this.imageSize = imageSize;
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
            BufferedImage grid = ImageDecoding.readGrid(file);
            int w = grid.getWidth();
            int h = grid.getHeight();
            if (index == 0) {
                gridWidth = w;
                gridHeight = h;
                cropWidth = w;
                cropHeight = h;
                if (subGrid != null) {
                    crop(file, w, h);
                }
                width = EvolutionFrames.frameWidth(cropWidth, scale);
                height = EvolutionFrames.frameHeight(cropHeight, scale, captions.get(0) != null);
            } else if (w != gridWidth || h != gridHeight) {
                throw new IOException(file + " is " + w + "×" + h + " but " + files.get(0).getFileName() + " is "
                        + gridWidth + "×" + gridHeight + "; a GIF's frames must share one size");
            }
            // The cells keep their border: the crop ends on the padding after the last cell kept.
            return EvolutionFrames.compose(grid.getRGB(0, 0, cropWidth, cropHeight, null, 0, cropWidth), cropWidth,
                    cropHeight, scale, captions.get(index));
        }

        /**
         * Sets the crop to the sub-grid's cells and their borders, as ImageGrid lays them out:
         * {@code n} cells of {@code imageSize} take {@code n·(imageSize + PADDING) + PADDING} pixels.
         */
        private void crop(Path file, int w, int h) {
            int cell = imageSize + ImageGrid.PADDING;
            int columns = (w - ImageGrid.PADDING) / cell;
            int rows = (h - ImageGrid.PADDING) / cell;
            if (columns < 1 || rows < 1 || columns * cell + ImageGrid.PADDING != w
                    || rows * cell + ImageGrid.PADDING != h) {
                throw new SubGridException(file + " is " + w + "×" + h + " pixels, which is no grid of " + imageSize
                        + "×" + imageSize + " images with a " + ImageGrid.PADDING + "-pixel border (image_size "
                        + imageSize + " in config.json)");
            }
            if (subGrid.columns() > columns || subGrid.rows() > rows) {
                throw new SubGridException(subGrid + " cells do not fit: the run's grids hold " + columns + "×" + rows
                        + " cells of " + imageSize + "×" + imageSize + " pixels (" + file.getFileName() + ")");
            }
            cropWidth = subGrid.columns() * cell + ImageGrid.PADDING;
            cropHeight = subGrid.rows() * cell + ImageGrid.PADDING;
        }
    }
}
