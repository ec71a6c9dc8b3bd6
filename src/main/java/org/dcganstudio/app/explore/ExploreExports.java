package org.dcganstudio.app.explore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.dcganstudio.app.ChannelImages;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.app.ExportSlot;
import org.dcganstudio.app.FileWrites;
import org.dcganstudio.app.Pixels;
import org.dcganstudio.core.export.AnimatedGif;
import org.dcganstudio.core.export.ImageGrid;
import org.dcganstudio.core.latent.Vectors;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.render.RenderedImages;
import org.dcganstudio.core.render.Renderer;

/**
 * What Explore writes: PNGs of the image, the grid and the strip, and GIFs of the interpolation
 * walk and of sweeps along a slider, one GIF at a time in an {@link ExportSlot}.
 */
public final class ExploreExports {

    /** Export scales offered for PNGs and GIFs (nearest neighbour). */
    public static final List<Integer> SCALES = List.of(1, 2, 4, 8);
    /**
     * How far a sweep GIF moves either side of the current latent, in standard deviations along
     * the slider's direction (the CLI's {@code directions --sweep-range} default).
     */
    public static final double SWEEP_RANGE = 2.5;
    /** Steps from −range to +range; even, so that the unswept latent is itself a frame. */
    public static final int SWEEP_STEPS = 24;
    /** Delay of a sweep GIF's frames: 24 steps take about two seconds each way. */
    public static final int SWEEP_DELAY_MS = 80;
    private static final long SWEEP_RENDER_TIMEOUT_SECONDS = 120;

    private final BackgroundTasks tasks;
    private final LatentCursor cursor;
    private final InterpolationPath path;
    private final Renderer.Channel sweepChannel;
    private final Consumer<String> message;
    private final ExportSlot gifs;
    private final IntegerProperty exportScale = new SimpleIntegerProperty(4);
    /** The sweep frames an export waits for: cancelling ends the wait at once. */
    private volatile CompletableFuture<RenderedImages> awaitedFrames;

    /**
     * @param sweepChannel where sweep frames are drawn
     * @param message the view's line of status
     */
    ExploreExports(BackgroundTasks tasks, LatentCursor cursor, InterpolationPath path, Renderer.Channel sweepChannel,
            Consumer<String> message) {
        this.tasks = tasks;
        this.cursor = cursor;
        this.path = path;
        this.sweepChannel = sweepChannel;
        this.message = message;
        this.gifs = new ExportSlot(tasks, message);
    }

    /** Writes the current image as PNG at an integer scale (nearest neighbour: pixels stay sharp). */
    public void exportPng(Path file, int scale) {
        Pixels p = cursor.imageProperty().get();
        if (p == null) {
            return;
        }
        writePng(file, p, scale);
    }

    /** Writes the grid of samples as one PNG, four to a row as shown, at an integer scale. */
    public void exportGridPng(Path file, int scale) {
        List<Pixels> samples = cursor.gridProperty().get();
        if (!samples.isEmpty()) {
            writePng(file, tile(samples, LatentCursor.GRID_COLUMNS), scale);
        }
    }

    /** Writes the interpolation strip as one PNG row at an integer scale. */
    public void exportStripPng(Path file, int scale) {
        List<Pixels> frames = path.stripProperty().get();
        if (!frames.isEmpty()) {
            writePng(file, tile(frames, frames.size()), scale);
        }
    }

    private void writePng(Path file, Pixels image, int scale) {
        FileWrites.inBackground(tasks, file, f -> image.writePng(f, scale), message, "exported");
    }

    /** The images in rows of {@code columns} with the grids' padding (square images of one size). */
    static Pixels tile(List<Pixels> images, int columns) {
        int size = images.get(0).width();
        int pad = ImageGrid.PADDING;
        int rows = (images.size() + columns - 1) / columns;
        int w = columns * (size + pad) + pad;
        int h = rows * (size + pad) + pad;
        int[] argb = new int[w * h];
        Arrays.fill(argb, 0xFF000000);
        for (int i = 0; i < images.size(); i++) {
            int[] src = images.get(i).argb();
            int ox = pad + (i % columns) * (size + pad);
            int oy = pad + (i / columns) * (size + pad);
            for (int y = 0; y < size; y++) {
                System.arraycopy(src, y * size, argb, (oy + y) * w + ox, size);
            }
        }
        return new Pixels(w, h, argb);
    }

    /**
     * Writes the interpolation walk as an animated GIF, there and back so it loops without a jump,
     * at an integer scale, in the background (see {@link #exportingProperty()}).
     */
    public void exportWalkGif(Path file, int scale, int delayMs) {
        List<Pixels> frames = path.stripProperty().get();
        if (frames.isEmpty()) {
            message.accept("add two anchors first: the walk goes through them");
            return;
        }
        exportGif(file, scale, delayMs, "the walk", context -> frames);
    }

    /**
     * Writes a sweep GIF of found direction {@code index}: the current latent moved from
     * −{@link #SWEEP_RANGE} to +{@link #SWEEP_RANGE} standard deviations along it and back.
     */
    public void exportDirectionSweepGif(int index, Path file, int scale, int delayMs) {
        List<DirectionSlider> directions = cursor.directions();
        if (index < 0 || index >= directions.size()) {
            return;
        }
        DirectionSlider d = directions.get(index);
        exportSweepGif(d.name(), d.unit(), d.sigma(), file, scale, delayMs);
    }

    /**
     * Writes a sweep GIF of latent dimension {@code dimension}, in standard deviations of the
     * model's prior, as {@link #exportDirectionSweepGif} does for a found direction.
     */
    public void exportDimensionSweepGif(int dimension, Path file, int scale, int delayMs) {
        ModelConfig model = cursor.model();
        if (model == null || dimension < 0 || dimension >= model.nz()) {
            return;
        }
        float[] unit = new float[model.nz()];
        unit[dimension] = 1;
        exportSweepGif("z" + dimension, unit, model.zPrior().std(), file, scale, delayMs);
    }

    private void exportSweepGif(String name, float[] unit, double sigma, Path file, int scale, int delayMs) {
        if (cursor.model() == null) {
            return;
        }
        List<float[]> latents = sweep(cursor.currentLatent(), unit, sigma, SWEEP_RANGE, SWEEP_STEPS);
        exportGif(file, scale, delayMs, "the sweep along " + name, context -> renderSweep(latents, context));
    }

    /**
     * The latents of a sweep, {@code steps + 1} of them from {@code z − range·sigma·unit} to
     * {@code z + range·sigma·unit}; the middle one is {@code z} exactly.
     */
    static List<float[]> sweep(float[] z, float[] unit, double sigma, double range, int steps) {
        if (steps < 2 || steps % 2 != 0) {
            throw new IllegalArgumentException("a sweep needs an even number of steps, at least 2, got " + steps);
        }
        List<float[]> out = new ArrayList<>(steps + 1);
        for (int i = 0; i <= steps; i++) {
            // (2i − steps) is an exact integer, so the middle step adds exactly nothing
            double t = range * (2 * i - steps) / steps;
            out.add(Vectors.addScaled(z, unit, t * sigma));
        }
        return out;
    }

    /** Frames of a GIF, produced on the export's background thread. */
    @FunctionalInterface
    private interface FrameSource {
        List<Pixels> frames(BackgroundTasks.TaskContext context) throws Exception;
    }

    private void exportGif(Path file, int scale, int delayMs, String what, FrameSource source) {
        if (gifs.busyProperty().get()) {
            message.accept("an export is running: wait for it or cancel it");
            return;
        }
        gifs.start("exporting " + what + "…", -1, context -> {
            List<Pixels> forward = source.frames(context);
            context.throwIfCancelled();
            List<int[]> pixels = new ArrayList<>();
            for (Pixels p : forward) {
                pixels.add(p.scaled(scale).argb());
            }
            // there and back, each end once, so the loop has neither a jump nor a pause
            for (int i = forward.size() - 2; i > 0; i--) {
                pixels.add(pixels.get(i));
            }
            context.progress(0);
            AnimatedGif.writePixels(file, pixels, forward.get(0).width() * scale, forward.get(0).height() * scale,
                    new AnimatedGif.Settings(delayMs, 0, true), (done, total) -> {
                        context.progress((double) done / total);
                        return !context.isCancelled();
                    });
            return pixels.size();
        }, count -> message.accept("exported " + file.getFileName() + ": " + count + " frames"),
                e -> message.accept("could not write " + file.getFileName() + ": " + e.getMessage()));
    }

    /**
     * Draws {@code latents} on the sweep channel (served after the image, strip and grid) and
     * waits on this background thread for them, in eval mode as the image is drawn by default.
     */
    private List<Pixels> renderSweep(List<float[]> latents, BackgroundTasks.TaskContext context)
            throws IOException, InterruptedException, ExecutionException {
        CompletableFuture<RenderedImages> drawn = sweepChannel.render(latents, false);
        awaitedFrames = drawn;
        try {
            // after publishing the future: a cancel now either is seen here or cancels the future
            context.throwIfCancelled();
            RenderedImages r = drawn.get(SWEEP_RENDER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!r.ok()) {
                throw new IOException(r.error());
            }
            return ChannelImages.pixels(r);
        } catch (TimeoutException e) {
            // a renderer that died must not leave the export "running" until the user cancels
            throw new IOException("the renderer did not draw the sweep's " + latents.size() + " frames within "
                    + SWEEP_RENDER_TIMEOUT_SECONDS + " s", e);
        } finally {
            awaitedFrames = null;
        }
    }

    /** Stops the GIF export in progress (rendering or writing); no file is left. */
    public void cancelExport() {
        gifs.cancel();
        CompletableFuture<RenderedImages> awaited = awaitedFrames;
        if (awaited != null) {
            awaited.cancel(false);
        }
    }

    /** The integer scale the view's exports use (one of {@link #SCALES}). */
    public IntegerProperty exportScaleProperty() {
        return exportScale;
    }

    /** True while a GIF export renders or writes. */
    public ReadOnlyBooleanProperty exportingProperty() {
        return gifs.busyProperty();
    }

    /** The GIF export's share done, 0 to 1; negative (indeterminate) while its frames are drawn. */
    public ReadOnlyDoubleProperty exportProgressProperty() {
        return gifs.progressProperty();
    }
}
