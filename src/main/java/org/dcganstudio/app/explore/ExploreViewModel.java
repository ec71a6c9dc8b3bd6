package org.dcganstudio.app.explore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.dcganstudio.app.ActiveGenerator;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.app.FileWrites;
import org.dcganstudio.app.Pixels;
import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import org.dcganstudio.core.explore.LatentDirections;
import org.dcganstudio.core.export.AnimatedGif;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.interop.LatentFiles;
import org.dcganstudio.core.latent.Interpolation;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.core.render.Renderer;
import org.dcganstudio.core.render.RenderedImages;

/**
 * The Explore view's state and commands. The current latent is a base vector (a clicked sample, a
 * point on the interpolation path, a loaded file) plus the direction and per-dimension slider
 * offsets; every change submits it to the renderer, whose channels keep only the newest request,
 * and {@link #refresh()} (the view's frame timer) shows what is ready.
 */
public final class ExploreViewModel {

    /** Samples in the grid. */
    public static final int GRID = 16;
    /** Range of the per-dimension sliders (values added to the latent). */
    public static final double RAW_RANGE = 3;
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
    private static final long SWEEP_RENDER_TIMEOUT_NANOS = 120_000_000_000L;
    private static final long GRID_STREAM = 77;

    private final ActiveGenerator generator;
    private final BackgroundTasks tasks;
    private final Renderer.Channel imageChannel;
    private final Renderer.Channel gridChannel;
    private final Renderer.Channel stripChannel;
    private final Renderer.Channel anchorChannel;
    private final Renderer.Channel sweepChannel;
    /** Woken by every sweep render and by cancel: an export waits on it for its frames. */
    private final Object sweepDrawn = new Object();

    private final ReadOnlyObjectWrapper<Pixels> image = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<Pixels>> grid = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<Pixels>> strip = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<Pixels>> anchorImages = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyDoubleWrapper renderMillis = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty batchStats = new SimpleBooleanProperty(false);
    private final ObservableList<DirectionSlider> directions = FXCollections.observableArrayList();
    private final ObservableList<DoubleProperty> rawOffsets = FXCollections.observableArrayList();
    private final ObservableList<Anchor> anchors = FXCollections.observableArrayList();
    private final ObservableList<Anchor> anchorsView = FXCollections.unmodifiableObservableList(anchors);
    private final ObservableList<DirectionSlider> directionsView = FXCollections.unmodifiableObservableList(directions);
    private final BooleanProperty spherical = new SimpleBooleanProperty(true);
    private final IntegerProperty frames = new SimpleIntegerProperty(10);
    private final DoubleProperty pathPosition = new SimpleDoubleProperty(0);
    private final IntegerProperty exportScale = new SimpleIntegerProperty(4);
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper exportProgress = new ReadOnlyDoubleWrapper(0);
    private volatile AtomicBoolean exportCancel = new AtomicBoolean();

    private ModelConfig model;
    private float[] base;
    private List<float[]> gridLatents = List.of();
    private long gridSeed = 1;
    private long shownImage;
    private long shownGrid;
    private long shownStrip;
    private long wantedStrip = -1;
    private long shownAnchors;
    private long wantedAnchors = -1;
    private boolean quiet;
    /** A latent that arrived before the generator it belongs to. */
    private float[] pendingShow;

    /** An interpolation anchor: a latent the walk passes through. */
    public record Anchor(float[] latent) {}

    public ExploreViewModel(ActiveGenerator generator, BackgroundTasks tasks) {
        this.generator = generator;
        this.tasks = tasks;
        Renderer r = generator.renderer();
        imageChannel = r.channel("explore image");
        stripChannel = r.channel("explore strip");
        gridChannel = r.channel("explore grid");
        anchorChannel = r.channel("explore anchors");
        // made after this view's other channels: a sweep waits while the user drags, not the reverse
        sweepChannel = r.channel("explore sweep");
        sweepChannel.onRendered(done -> {
            synchronized (sweepDrawn) {
                sweepDrawn.notifyAll();
            }
        });
        generator.weightsProperty().addListener((obs, old, now) -> onWeights(now));
        // Thumbnails are drawn from the anchors' latents (not captured from the image on show, which
        // may not be drawn yet), so they are right at once and follow a generator that changes.
        anchors.addListener((javafx.collections.ListChangeListener<Anchor>) c -> renderAnchors());
        batchStats.addListener((obs, was, now) -> {
            renderImage();
            renderGrid();
        });
        spherical.addListener((obs, was, now) -> onPathChanged());
        frames.addListener((obs, was, now) -> onPathChanged());
        pathPosition.addListener((obs, was, now) -> {
            if (!quiet && anchors.size() >= 2) {
                base = pointOnPath(now.doubleValue());
                renderImage();
            }
        });
        if (generator.weightsProperty().get() != null) {
            onWeights(generator.weightsProperty().get());
        }
    }

    private void onWeights(GeneratorWeights w) {
        if (w == null) {
            return;
        }
        boolean sameSpace = model != null && model.nz() == w.config().nz() && model.zPrior() == w.config().zPrior();
        model = w.config();
        ready.set(true);
        if (!directions.isEmpty() && !sameSpace) {
            message.set("directions belong to the previous generator: find them again");
        }
        if (!sameSpace) {
            // latents of another space mean nothing here: start over with this model's prior
            directions.clear();
            anchors.clear();
            List<DoubleProperty> offsets = new ArrayList<>(model.nz());
            for (int d = 0; d < model.nz(); d++) {
                DoubleProperty p = new SimpleDoubleProperty(0);
                p.addListener((obs, was, now) -> renderImage());
                offsets.add(p);
            }
            rawOffsets.setAll(offsets); // one change, so the view builds its sliders once
            gridLatents = sample(gridSeed, GRID);
            base = gridLatents.get(0).clone();
        }
        if (pendingShow != null && pendingShow.length == model.nz()) {
            float[] z = pendingShow;
            pendingShow = null;
            show(z);
        }
        renderImage();
        renderGrid();
        renderStrip();
        renderAnchors();
    }

    /** Pulls finished renders into the properties; called by the view's frame timer. */
    public void refresh() {
        RenderedImages img = imageChannel.latest();
        if (img != null && img.stamp() != shownImage) {
            shownImage = img.stamp();
            if (img.ok()) {
                image.set(Pixels.square(img.size(), img.argb().get(0)));
                renderMillis.set(img.latencyMillis());
            } else {
                message.set(img.error());
            }
        }
        RenderedImages g = gridChannel.latest();
        if (g != null && g.stamp() != shownGrid) {
            shownGrid = g.stamp();
            grid.set(g.ok() ? pixels(g) : List.of());
        }
        RenderedImages s = stripChannel.latest();
        // only the newest path counts: a strip of anchors since removed must not come back
        if (s != null && s.stamp() != shownStrip && s.stamp() == wantedStrip) {
            shownStrip = s.stamp();
            strip.set(s.ok() ? pixels(s) : List.of());
        }
        RenderedImages a = anchorChannel.latest();
        if (a != null && a.stamp() != shownAnchors && a.stamp() == wantedAnchors) {
            shownAnchors = a.stamp();
            anchorImages.set(a.ok() ? pixels(a) : List.of());
        }
    }

    private static List<Pixels> pixels(RenderedImages r) {
        List<Pixels> out = new ArrayList<>(r.argb().size());
        for (int[] a : r.argb()) {
            out.add(Pixels.square(r.size(), a));
        }
        return List.copyOf(out);
    }

    // ---- commands

    /** Draws a new grid of samples from the model's prior. */
    public void newSamples() {
        if (model == null) {
            return;
        }
        gridSeed++;
        gridLatents = sample(gridSeed, GRID);
        renderGrid();
    }

    /** Makes grid sample {@code index} the current image (sliders keep their positions). */
    public void select(int index) {
        if (index >= 0 && index < gridLatents.size()) {
            setBase(gridLatents.get(index));
        }
    }

    /** Shows {@code z} as the current image: a sample clicked in Train arrives here. */
    public void show(float[] z) {
        if (model == null || z.length != model.nz()) {
            if (generator.loadingProperty().get() || model == null) {
                pendingShow = z.clone();
                return;
            }
            message.set("that latent has " + z.length + " values; the generator here takes " + (model == null ? "—"
                    : model.nz()));
            return;
        }
        resetSliders();
        setBase(z);
    }

    /** All sliders back to 0. */
    public void resetSliders() {
        quiet = true;
        try {
            directions.forEach(DirectionSlider::reset);
            rawOffsets.forEach(p -> p.set(0));
        } finally {
            quiet = false;
        }
        renderImage();
    }

    /** Adds the current latent as the last interpolation anchor. */
    public void addAnchor() {
        if (model == null) {
            return;
        }
        anchors.add(new Anchor(currentLatent()));
        onPathChanged();
    }

    /** Removes anchor {@code index}. */
    public void removeAnchor(int index) {
        if (index >= 0 && index < anchors.size()) {
            anchors.remove(index);
            onPathChanged();
        }
    }

    /** Removes every anchor. */
    public void clearAnchors() {
        anchors.clear();
        onPathChanged();
    }

    /** Directions found by {@link #findDirections()}. */
    public static final int DIRECTIONS = 10;
    private final ReadOnlyBooleanWrapper findingDirections = new ReadOnlyBooleanWrapper(false);

    /**
     * Finds {@link #DIRECTIONS} directions of the current generator in the background (a few
     * seconds: principal components of its first layer over {@code LatentDirections.DEFAULT_SAMPLES}
     * latents), then shows them as sliders.
     */
    public void findDirections() {
        GeneratorWeights w = generator.weightsProperty().get();
        if (w == null || findingDirections.get()) {
            return;
        }
        findingDirections.set(true);
        message.set("finding directions…");
        tasks.run(() -> {
            try (NDManager m = NDManager.newBaseManager(Device.cpu()); Generator g = new Generator(w.config(), m, 0)) {
                w.loadInto(g);
                return LatentDirections.discover(g, Math.min(DIRECTIONS, w.config().nz()),
                        LatentDirections.DEFAULT_SAMPLES, 1);
            }
        }, found -> {
            findingDirections.set(false);
            if (generator.weightsProperty().get() != w) {
                message.set("the generator changed while directions were found: find them again");
                return;
            }
            List<DirectionSlider> sliders = new ArrayList<>();
            for (int i = 0; i < found.directions().size(); i++) {
                LatentDirections.Direction d = found.directions().get(i);
                sliders.add(new DirectionSlider("PC " + (i + 1), d.vector(), d.latentStd(), d.explainedVarianceRatio()));
            }
            setDirections(sliders);
            message.set(sliders.size() + " directions found");
        }, e -> {
            findingDirections.set(false);
            message.set("could not find directions: " + e.getMessage());
        });
    }

    private final ReadOnlyObjectWrapper<TrainingNeighbours> neighbours = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper searchingNeighbours = new ReadOnlyBooleanWrapper(false);

    /**
     * The memorisation check: finds the current image's nearest training images (pixel space and
     * D's features) among the first {@link TrainingNeighbours#LIMIT} of the model's data set.
     */
    public void findNeighbours() {
        Path ckpt = generator.checkpointProperty().get();
        if (ckpt == null) {
            message.set("the memorisation check needs the model's discriminator and data: open a checkpoint or run "
                    + "directory (File > Open checkpoint)");
            return;
        }
        if (searchingNeighbours.get() || base == null) {
            return;
        }
        float[] z = currentLatent();
        searchingNeighbours.set(true);
        message.set("searching the training images…");
        tasks.run(() -> TrainingNeighbours.search(ckpt, z), found -> {
            searchingNeighbours.set(false);
            neighbours.set(found);
            message.set("searched " + found.searched() + " training images of " + found.data());
        }, e -> {
            searchingNeighbours.set(false);
            message.set("could not search the training images: " + e.getMessage());
        });
    }

    /** The last memorisation check, or null. */
    public ReadOnlyObjectProperty<TrainingNeighbours> neighboursProperty() {
        return neighbours.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty searchingNeighboursProperty() {
        return searchingNeighbours.getReadOnlyProperty();
    }

    /** True while directions are being found. */
    public ReadOnlyBooleanProperty findingDirectionsProperty() {
        return findingDirections.getReadOnlyProperty();
    }

    /** Replaces the directions; their sliders start at 0. */
    public void setDirections(List<DirectionSlider> found) {
        directions.setAll(found);
        for (DirectionSlider d : found) {
            d.valueProperty().addListener((obs, was, now) -> {
                if (!quiet) {
                    renderImage();
                }
            });
        }
    }

    /** The latent of the current image: base plus every slider's offset. */
    public float[] currentLatent() {
        float[] z = base == null ? new float[0] : base.clone();
        for (DirectionSlider d : directions) {
            d.addTo(z);
        }
        for (int i = 0; i < rawOffsets.size() && i < z.length; i++) {
            z[i] += (float) rawOffsets.get(i).get();
        }
        return z;
    }

    /** The latents of the grid (copies). */
    public List<float[]> gridLatents() {
        List<float[]> out = new ArrayList<>();
        gridLatents.forEach(z -> out.add(z.clone()));
        return out;
    }

    /** Writes the current latent as a (1, nz, 1, 1) {@code .npy}. */
    public void saveLatent(Path file) {
        float[] z = currentLatent();
        FileWrites.inBackground(tasks, file, f -> LatentFiles.write(f, List.of(z)), message::set, "saved");
    }

    /** Reads a {@code .npy} holding one latent vector and shows it. */
    public void loadLatent(Path file) {
        if (model == null) {
            return;
        }
        int nz = model.nz();
        tasks.run(() -> LatentFiles.readOne(file, nz), this::show, e -> message.set(e.getMessage()));
    }

    /** Writes the current image as PNG at an integer scale (nearest neighbour: pixels stay sharp). */
    public void exportPng(Path file, int scale) {
        Pixels p = image.get();
        if (p == null) {
            return;
        }
        FileWrites.inBackground(tasks, file, f -> p.writePng(f, scale), message::set, "exported");
    }

    /** Writes the grid of samples as one PNG, four to a row as shown, at an integer scale. */
    public void exportGridPng(Path file, int scale) {
        List<Pixels> samples = grid.get();
        if (samples.isEmpty()) {
            return;
        }
        FileWrites.inBackground(tasks, file, f -> tile(samples, GRID_COLUMNS).writePng(f, scale), message::set,
                "exported");
    }

    /** Writes the interpolation strip as one PNG row at an integer scale. */
    public void exportStripPng(Path file, int scale) {
        List<Pixels> frames = strip.get();
        if (frames.isEmpty()) {
            return;
        }
        FileWrites.inBackground(tasks, file, f -> tile(frames, frames.size()).writePng(f, scale), message::set,
                "exported");
    }

    /** Columns of the sample grid, in the view and in its PNG. */
    public static final int GRID_COLUMNS = 4;

    /** The images in rows of {@code columns} with the grids' padding (square images of one size). */
    static Pixels tile(List<Pixels> images, int columns) {
        int size = images.get(0).width();
        int pad = org.dcganstudio.core.export.ImageGrid.PADDING;
        int rows = (images.size() + columns - 1) / columns;
        int w = columns * (size + pad) + pad;
        int h = rows * (size + pad) + pad;
        int[] argb = new int[w * h];
        java.util.Arrays.fill(argb, 0xFF000000);
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
        List<Pixels> frames = strip.get();
        if (frames.isEmpty()) {
            message.set("add two anchors first: the walk goes through them");
            return;
        }
        exportGif(file, scale, delayMs, "the walk", stop -> frames);
    }

    /**
     * Writes a sweep GIF of found direction {@code index}: the current latent moved from
     * −{@link #SWEEP_RANGE} to +{@link #SWEEP_RANGE} standard deviations along it and back.
     */
    public void exportDirectionSweepGif(int index, Path file, int scale, int delayMs) {
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
        if (model == null || dimension < 0 || dimension >= model.nz()) {
            return;
        }
        float[] unit = new float[model.nz()];
        unit[dimension] = 1;
        exportSweepGif("z" + dimension, unit, model.zPrior().std(), file, scale, delayMs);
    }

    private void exportSweepGif(String name, float[] unit, double sigma, Path file, int scale, int delayMs) {
        if (model == null || base == null) {
            return;
        }
        List<float[]> latents = sweep(currentLatent(), unit, sigma, SWEEP_RANGE, SWEEP_STEPS);
        exportGif(file, scale, delayMs, "the sweep along " + name, stop -> renderSweep(latents, stop));
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
            out.add(org.dcganstudio.core.latent.Vectors.addScaled(z, unit, t * sigma));
        }
        return out;
    }

    /** Frames of a GIF, produced on the export's background thread. */
    @FunctionalInterface
    private interface FrameSource {
        List<Pixels> frames(AtomicBoolean stop) throws Exception;
    }

    private void exportGif(Path file, int scale, int delayMs, String what, FrameSource source) {
        if (exporting.get()) {
            message.set("an export is running: wait for it or cancel it");
            return;
        }
        AtomicBoolean stop = new AtomicBoolean();
        exportCancel = stop;
        exporting.set(true);
        exportProgress.set(-1);
        message.set("exporting " + what + "…");
        tasks.run(() -> {
            List<Pixels> forward = source.frames(stop);
            if (stop.get()) {
                throw new CancellationException("cancelled before writing " + file);
            }
            List<int[]> pixels = new ArrayList<>();
            for (Pixels p : forward) {
                pixels.add(p.scaled(scale).argb());
            }
            // there and back, each end once, so the loop has neither a jump nor a pause
            for (int i = forward.size() - 2; i > 0; i--) {
                pixels.add(pixels.get(i));
            }
            tasks.onUi(() -> exportProgress.set(0));
            AnimatedGif.writePixels(file, pixels, forward.get(0).width() * scale, forward.get(0).height() * scale,
                    new AnimatedGif.Settings(delayMs, 0, true), (done, total) -> {
                        tasks.onUi(() -> exportProgress.set((double) done / total));
                        return !stop.get();
                    });
            return pixels.size();
        }, count -> {
            exporting.set(false);
            exportProgress.set(1);
            message.set("exported " + file.getFileName() + ": " + count + " frames");
        }, e -> {
            exporting.set(false);
            exportProgress.set(0);
            message.set(e instanceof CancellationException ? "cancelled; nothing was written"
                    : "could not write " + file.getFileName() + ": " + e.getMessage());
        });
    }

    /**
     * Draws {@code latents} on the sliders' renderer (its sweep channel, served after the
     * image, strip and grid) and waits on this background thread for them, in eval mode as the
     * image is drawn by default.
     */
    private List<Pixels> renderSweep(List<float[]> latents, AtomicBoolean stop)
            throws java.io.IOException, InterruptedException {
        long stamp = sweepChannel.submit(latents, false);
        long deadline = System.nanoTime() + SWEEP_RENDER_TIMEOUT_NANOS;
        RenderedImages r;
        synchronized (sweepDrawn) {
            while ((r = sweepChannel.latest()) == null || r.stamp() != stamp) {
                if (stop.get()) {
                    throw new CancellationException("cancelled while rendering");
                }
                // A renderer that died must not leave the export "running" until the user cancels.
                if (System.nanoTime() > deadline) {
                    throw new java.io.IOException("the renderer did not draw the sweep's " + latents.size()
                            + " frames within " + SWEEP_RENDER_TIMEOUT_NANOS / 1_000_000_000L + " s");
                }
                sweepDrawn.wait(1000);
            }
        }
        if (!r.ok()) {
            throw new java.io.IOException(r.error());
        }
        return pixels(r);
    }

    /** Stops the GIF export in progress (rendering or writing); no file is left. */
    public void cancelExport() {
        exportCancel.set(true);
        synchronized (sweepDrawn) {
            sweepDrawn.notifyAll();
        }
    }

    /** Saves anchors, slider positions and the model reference as JSON. */
    public void saveExploration(Path file) {
        if (model == null) {
            return;
        }
        Exploration e = snapshot();
        FileWrites.inBackground(tasks, file, e::write, message::set, "saved");
    }

    /** Restores a saved exploration (its latents must fit this model's nz). */
    public void loadExploration(Path file) {
        if (model == null) {
            return;
        }
        int nz = model.nz();
        tasks.run(() -> Exploration.read(file, nz), this::restore, e -> message.set(e.getMessage()));
    }

    Exploration snapshot() {
        GeneratorWeights w = generator.weightsProperty().get();
        double[] dirValues = directions.stream().mapToDouble(d -> d.valueProperty().get()).toArray();
        double[] raw = rawOffsets.stream().mapToDouble(DoubleProperty::get).toArray();
        return new Exploration(w == null ? "" : w.origin(), w == null ? 0 : w.step(), model.nz(), base.clone(), dirValues,
                raw, latents(anchors), mode(), frames.get(), pathPosition.get());
    }

    void restore(Exploration e) {
        quiet = true;
        try {
            base = e.base().clone();
            for (int i = 0; i < rawOffsets.size() && i < e.rawOffsets().length; i++) {
                rawOffsets.get(i).set(e.rawOffsets()[i]);
            }
            for (int i = 0; i < directions.size() && i < e.directionValues().length; i++) {
                directions.get(i).valueProperty().set(e.directionValues()[i]);
            }
            spherical.set(e.mode() == Interpolation.SLERP);
            frames.set(e.frames());
            anchors.clear();
            for (float[] a : e.anchors()) {
                anchors.add(new Anchor(a));
            }
            pathPosition.set(e.pathPosition());
        } finally {
            quiet = false;
        }
        message.set(e.directionValues().length > directions.size()
                ? "restored; find directions again to use its " + e.directionValues().length + " direction positions"
                : "restored");
        renderImage();
        renderStrip();
    }

    // ---- rendering

    private void setBase(float[] z) {
        base = z.clone();
        renderImage();
    }

    private void onPathChanged() {
        if (quiet) {
            return;
        }
        renderStrip();
    }

    private float[] pointOnPath(double t) {
        List<float[]> points = latents(anchors);
        int segments = points.size() - 1;
        double u = Math.max(0, Math.min(1, t)) * segments;
        int s = Math.min((int) Math.floor(u), segments - 1);
        return mode().at(points.get(s), points.get(s + 1), u - s);
    }

    private void renderImage() {
        if (model == null || base == null || quiet) {
            return;
        }
        float[] z = currentLatent();
        if (batchStats.get()) {
            // batch statistics depend on the batch: draw the image among the grid's samples
            List<float[]> batch = new ArrayList<>();
            batch.add(z);
            batch.addAll(gridLatents);
            imageChannel.submit(batch, true);
        } else {
            imageChannel.submit(List.of(z), false);
        }
    }

    private void renderGrid() {
        if (model != null && !gridLatents.isEmpty()) {
            gridChannel.submit(gridLatents, batchStats.get());
        }
    }

    private void renderStrip() {
        if (model == null || anchors.size() < 2) {
            wantedStrip = -1;
            strip.set(List.of());
            return;
        }
        int n = Math.max(2, frames.get());
        wantedStrip = stripChannel.submit(List.of(mode().path(latents(anchors), n)), false);
    }

    private void renderAnchors() {
        if (model == null || anchors.isEmpty()) {
            wantedAnchors = -1;
            anchorImages.set(List.of());
            return;
        }
        // blank until drawn: the previous images may belong to other anchors at the same places
        anchorImages.set(List.of());
        wantedAnchors = anchorChannel.submit(latents(anchors), false);
    }

    private List<float[]> sample(long seed, int count) {
        List<float[]> out = new ArrayList<>(count);
        Rng rng = Rng.derive(seed, GRID_STREAM, 0);
        for (int i = 0; i < count; i++) {
            float[] z = new float[model.nz()];
            model.zPrior().fill(rng, z);
            out.add(z);
        }
        return out;
    }

    private static List<float[]> latents(List<Anchor> anchors) {
        List<float[]> out = new ArrayList<>(anchors.size());
        anchors.forEach(a -> out.add(a.latent()));
        return out;
    }

    // ---- properties

    public ReadOnlyObjectProperty<Pixels> imageProperty() {
        return image.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Pixels>> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Pixels>> stripProperty() {
        return strip.getReadOnlyProperty();
    }

    /** Milliseconds from the newest request to its pixels. */
    public ReadOnlyDoubleProperty renderMillisProperty() {
        return renderMillis.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True once a generator is loaded. */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** Normalise with the batch's statistics instead of the running ones (for comparison). */
    public BooleanProperty batchStatsProperty() {
        return batchStats;
    }

    public ObservableList<DirectionSlider> directions() {
        return directionsView;
    }

    /** One offset per latent dimension, added to the base. */
    public ObservableList<DoubleProperty> rawOffsets() {
        return rawOffsets;
    }

    public ObservableList<Anchor> anchors() {
        return anchorsView;
    }

    /** The anchors' images, in their order, once drawn (empty until then). */
    public ReadOnlyObjectProperty<List<Pixels>> anchorImagesProperty() {
        return anchorImages.getReadOnlyProperty();
    }

    /** Slerp (true, the default: a normal prior's latents keep their length) or lerp. */
    public BooleanProperty sphericalProperty() {
        return spherical;
    }

    private Interpolation mode() {
        return spherical.get() ? Interpolation.SLERP : Interpolation.LERP;
    }

    /** Frames in the strip, at least 2. */
    public IntegerProperty framesProperty() {
        return frames;
    }

    /** Where the current image sits on the path through the anchors, 0 to 1. */
    public DoubleProperty pathPositionProperty() {
        return pathPosition;
    }

    /** The integer scale the view's exports use (one of {@link #SCALES}). */
    public IntegerProperty exportScaleProperty() {
        return exportScale;
    }

    /** True while a GIF export renders or writes. */
    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }

    /** The GIF export's share done, 0 to 1; negative (indeterminate) while its frames are drawn. */
    public ReadOnlyDoubleProperty exportProgressProperty() {
        return exportProgress.getReadOnlyProperty();
    }

    public ActiveGenerator generator() {
        return generator;
    }

    /** Text for the status of the renderer, e.g. "4.1 ms". */
    public String renderText() {
        return String.format(Locale.ROOT, "%.1f ms", renderMillis.get());
    }
}
