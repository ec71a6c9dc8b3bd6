package org.dcganstudio.core.data.folder;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.dcganstudio.core.data.DataException;
import org.dcganstudio.core.data.Raster;
import org.dcganstudio.core.data.RasterSource;
import org.dcganstudio.core.export.ImageGrid;
import org.dcganstudio.core.io.RunDirectory;

/**
 * The images a training run generated at one step, cut out of its sample grid
 * {@code RUN_DIR/samples/step-NNNNNN.png} (rows of tiles with a 2-pixel border, as
 * {@code ImageGrid} lays them out), at the size and channels of the run's {@code config.json}.
 * Held in memory: a grid is 64 small images.
 */
public final class RunSamples implements RasterSource {

    private static final int PADDING = ImageGrid.PADDING;

    private final String name;
    private final Path file;
    private final long step;
    private final Raster[] tiles;

    private RunSamples(String name, Path file, long step, Raster[] tiles) {
        this.name = name;
        this.file = file;
        this.step = step;
        this.tiles = tiles;
    }

    /**
     * The samples of the run's latest step.
     *
     * @throws DataException naming the folder or file that is missing or inconsistent
     */
    public static RunSamples open(Path runDir) {
        List<Long> steps = steps(runDir);
        if (steps.isEmpty()) {
            throw new DataException("no sample grids (" + RunDirectory.GRID_NAMES + ") in "
                    + new RunDirectory(runDir).samples());
        }
        return open(runDir, steps.get(steps.size() - 1));
    }

    /**
     * The samples of step {@code step}.
     *
     * @throws DataException naming the folder or file that is missing or inconsistent
     */
    public static RunSamples open(Path runDir, long step) {
        RunDirectory run = new RunDirectory(runDir);
        Path file = samplesFolder(run).resolve(RunDirectory.gridName(step));
        if (!Files.isRegularFile(file)) {
            throw new DataException("no sample grid for step " + step + ": " + file + " does not exist ("
                    + describe(steps(runDir)) + ")");
        }
        Path configFile = run.config();
        JsonObject config = config(configFile);
        int size = positive(config, configFile, "image_size");
        int channels = positive(config, configFile, "channels");
        if (channels != 1 && channels != 3) {
            throw new DataException(configFile + ": channels must be 1 or 3, got " + channels);
        }
        Raster grid = ImageDecoding.toRaster(ImageDecoding.decode(file, ScanOptions.DEFAULT_MAX_PIXELS));
        int cell = size + PADDING;
        int columns = (grid.width() - PADDING) / cell;
        int rows = (grid.height() - PADDING) / cell;
        if (columns < 1 || rows < 1 || columns * cell + PADDING != grid.width()
                || rows * cell + PADDING != grid.height()) {
            throw new DataException(file + " is " + grid.width() + "×" + grid.height() + " pixels, which is no grid of "
                    + size + "×" + size + " images with a " + PADDING + "-pixel border (image_size " + size
                    + " in " + configFile + ")");
        }
        Raster[] tiles = new Raster[rows * columns];
        for (int t = 0; t < tiles.length; t++) {
            tiles[t] = tile(grid, PADDING + (t % columns) * cell, PADDING + (t / columns) * cell, size, channels);
        }
        // The grid's height says how many rows there are, so its last row holds at least one
        // image; tiles after the last image are left black. A generated image that is black
        // throughout would be taken for such a gap only in the last row's tail.
        int count = tiles.length;
        while (count > tiles.length - columns + 1 && blank(tiles[count - 1])) {
            count--;
        }
        String name = runDir.toAbsolutePath().normalize().getFileName() + " samples at step " + step;
        return new RunSamples(name, file, step, Arrays.copyOf(tiles, count));
    }

    /**
     * Steps that have a sample grid, ascending.
     *
     * @throws DataException naming the run folder when it has no samples folder
     */
    public static List<Long> steps(Path runDir) {
        RunDirectory run = new RunDirectory(runDir);
        Path samples = samplesFolder(run);
        try {
            return run.gridSteps();
        } catch (IOException e) {
            throw new DataException(samples + " could not be listed: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return tiles.length;
    }

    /** A copy of image {@code index}, so callers may change it freely. */
    @Override
    public Raster read(int index) {
        Raster tile = tiles[Objects.checkIndex(index, tiles.length)];
        return new Raster(tile.width(), tile.height(), tile.channels(), tile.pixels().clone());
    }

    @Override
    public boolean inMemory() {
        return true;
    }

    /** The step the samples were generated at. */
    public long step() {
        return step;
    }

    /** The grid file the samples were cut from. */
    public Path file() {
        return file;
    }

    private static String describe(List<Long> steps) {
        if (steps.isEmpty()) {
            return "the run has no sample grids";
        }
        if (steps.size() <= 6) {
            return "steps with samples: " + steps.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        return "steps with samples: " + steps.get(0) + ", " + steps.get(1) + ", ... " + steps.get(steps.size() - 1)
                + " (" + steps.size() + " grids)";
    }

    private static Path samplesFolder(RunDirectory run) {
        Path samples = run.samples();
        if (!Files.isDirectory(samples)) {
            throw new DataException("no samples folder in " + run.root() + ": expected " + samples
                    + " as written by train");
        }
        return samples;
    }

    private static JsonObject config(Path configFile) {
        if (!Files.isRegularFile(configFile)) {
            throw new DataException(configFile + " does not exist: the run's image size and channels are needed to "
                    + "cut its sample grids into images");
        }
        try {
            // Only the two keys are read, not a TrainConfig: data sits below training and must not
            // depend on it, and a grid can be cut even when other settings no longer validate.
            return JsonParser.parseString(Files.readString(configFile, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new DataException(configFile + " could not be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new DataException(configFile + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    private static int positive(JsonObject config, Path configFile, String key) {
        JsonElement value = config.get(key);
        if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            double v = value.getAsDouble();
            if (v >= 1 && v <= Integer.MAX_VALUE && v == Math.rint(v)) {
                return (int) v;
            }
        }
        throw new DataException(configFile + ": " + key + " must be a positive whole number, got " + value);
    }

    private static Raster tile(Raster grid, int left, int top, int size, int channels) {
        byte[] pixels = new byte[size * size * channels];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                for (int c = 0; c < channels; c++) {
                    // A grey run's grid repeats each value in R, G and B; R alone is the image.
                    int source = Math.min(c, grid.channels() - 1);
                    pixels[(y * size + x) * channels + c] = (byte) grid.sample(left + x, top + y, source);
                }
            }
        }
        return new Raster(size, size, channels, pixels);
    }

    private static boolean blank(Raster tile) {
        for (byte b : tile.pixels()) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
