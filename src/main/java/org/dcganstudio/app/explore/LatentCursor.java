package org.dcganstudio.app.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.dcganstudio.app.ChannelImages;
import org.dcganstudio.app.ActiveGenerator;
import org.dcganstudio.app.Pixels;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.render.RenderedImages;
import org.dcganstudio.core.render.Renderer;

/**
 * The current latent and its image. The latent is a base vector (a clicked sample, a point on the
 * interpolation path, a loaded file) plus the direction and per-dimension slider offsets; every
 * change submits it to the renderer, whose channels keep only the newest request, and
 * {@link #refresh()} shows what is ready. A grid of samples from the model's prior offers bases.
 */
public final class LatentCursor {

    /** Samples in the grid. */
    public static final int GRID = 16;
    /** Columns of the sample grid, in the view and in its PNG. */
    public static final int GRID_COLUMNS = 4;
    /** Range of the per-dimension sliders (values added to the latent). */
    public static final double RAW_RANGE = 3;
    private static final long GRID_STREAM = 77;

    private final ActiveGenerator generator;
    private final Renderer.Channel imageChannel;
    private final ChannelImages grid;
    private final Consumer<String> message;
    private final ReadOnlyObjectWrapper<Pixels> image = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyDoubleWrapper renderMillis = new ReadOnlyDoubleWrapper();
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty batchStats = new SimpleBooleanProperty(false);
    private final ObservableList<DirectionSlider> directions = FXCollections.observableArrayList();
    private final ObservableList<DirectionSlider> directionsView = FXCollections.unmodifiableObservableList(directions);
    private final ObservableList<DoubleProperty> rawOffsets = FXCollections.observableArrayList();

    private ModelConfig model;
    private float[] base;
    private List<float[]> gridLatents = List.of();
    private long gridSeed = 1;
    private long shownImage;
    /** Set while sliders are moved together, so the image is drawn once, at the end. */
    private boolean quiet;
    /** A latent that arrived before the generator it belongs to. */
    private float[] pendingShow;

    /**
     * @param imageChannel where the current image is drawn (made before the grid's: it is dragged)
     * @param gridChannel where the grid of samples is drawn
     * @param message the view's line of status
     */
    LatentCursor(ActiveGenerator generator, Renderer.Channel imageChannel, Renderer.Channel gridChannel,
            Consumer<String> message) {
        this.generator = generator;
        this.imageChannel = imageChannel;
        this.grid = new ChannelImages(gridChannel, false);
        this.message = message;
        batchStats.addListener((obs, was, now) -> {
            renderImage();
            renderGrid();
        });
    }

    /**
     * Draws with the model of new weights from now on. A model of another latent space starts
     * over from its prior: latents of another space mean nothing here.
     *
     * @return whether the latent space changed (and with it the base, grid and sliders)
     */
    boolean use(ModelConfig next) {
        boolean sameSpace = model != null && model.nz() == next.nz() && model.zPrior() == next.zPrior();
        model = next;
        ready.set(true);
        if (!directions.isEmpty() && !sameSpace) {
            message.accept("directions belong to the previous generator: find them again");
        }
        if (!sameSpace) {
            directions.clear();
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
        return !sameSpace;
    }

    /** Pulls finished renders into the properties; called by the view's frame timer. */
    void refresh() {
        RenderedImages img = imageChannel.latest();
        if (img != null && img.stamp() != shownImage) {
            shownImage = img.stamp();
            if (img.ok()) {
                image.set(ChannelImages.pixels(img).get(0));
                renderMillis.set(img.latencyMillis());
            } else {
                message.accept(img.error());
            }
        }
        grid.refresh();
    }

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
            message.accept("that latent has " + z.length + " values; the generator here takes " + model.nz());
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

    /** Replaces the directions; their sliders start at 0. */
    public void setDirections(List<DirectionSlider> found) {
        directions.setAll(found);
        for (DirectionSlider d : found) {
            d.valueProperty().addListener((obs, was, now) -> renderImage());
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

    /** The model drawn with, or null before any. */
    ModelConfig model() {
        return model;
    }

    /** The base under the sliders (a copy). */
    float[] base() {
        return base.clone();
    }

    /** Makes {@code z} the base; the sliders keep their positions. */
    void setBase(float[] z) {
        base = z.clone();
        renderImage();
    }

    /** Puts back a saved base and slider positions (as many as there are sliders), drawn once. */
    void restore(float[] savedBase, double[] rawValues, double[] directionValues) {
        quiet = true;
        try {
            base = savedBase.clone();
            for (int i = 0; i < rawOffsets.size() && i < rawValues.length; i++) {
                rawOffsets.get(i).set(rawValues[i]);
            }
            for (int i = 0; i < directions.size() && i < directionValues.length; i++) {
                directions.get(i).valueProperty().set(directionValues[i]);
            }
        } finally {
            quiet = false;
        }
        renderImage();
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
            grid.submit(gridLatents, batchStats.get());
        }
    }

    private List<float[]> sample(long seed, int count) {
        return model.zPrior().sample(Rng.derive(seed, GRID_STREAM, 0), count, model.nz());
    }

    public ReadOnlyObjectProperty<Pixels> imageProperty() {
        return image.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Pixels>> gridProperty() {
        return grid.property();
    }

    /** Milliseconds from the newest request to its pixels. */
    public ReadOnlyDoubleProperty renderMillisProperty() {
        return renderMillis.getReadOnlyProperty();
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
}
