package org.dcganstudio.app.explore;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.dcganstudio.app.ChannelImages;
import org.dcganstudio.app.Pixels;
import org.dcganstudio.core.latent.Interpolation;
import org.dcganstudio.core.render.Renderer;

/**
 * The interpolation path: anchors the walk passes through, drawn as a strip of frames (lerp or
 * slerp between neighbours) and as thumbnails; its position slider puts a point of the path under
 * the {@link LatentCursor}'s sliders.
 */
public final class InterpolationPath {

    /** An interpolation anchor: a latent the walk passes through. */
    public record Anchor(float[] latent) {}

    private final LatentCursor cursor;
    private final ChannelImages strip;
    private final ChannelImages anchorImages;
    private final ObservableList<Anchor> anchors = FXCollections.observableArrayList();
    private final ObservableList<Anchor> anchorsView = FXCollections.unmodifiableObservableList(anchors);
    private final BooleanProperty spherical = new SimpleBooleanProperty(true);
    private final IntegerProperty frames = new SimpleIntegerProperty(10);
    private final DoubleProperty position = new SimpleDoubleProperty(0);
    /** Set while a saved path is put back, so the strip is drawn once and the saved base stays. */
    private boolean quiet;

    /**
     * @param cursor where a point of the path is shown, and where new anchors come from
     * @param stripChannel where the strip is drawn
     * @param anchorChannel where the anchors' thumbnails are drawn
     */
    InterpolationPath(LatentCursor cursor, Renderer.Channel stripChannel, Renderer.Channel anchorChannel) {
        this.cursor = cursor;
        this.strip = new ChannelImages(stripChannel, true);
        this.anchorImages = new ChannelImages(anchorChannel, true);
        // Thumbnails are drawn from the anchors' latents (not captured from the image on show, which
        // may not be drawn yet), so they are right at once and follow a generator that changes.
        anchors.addListener((ListChangeListener<Anchor>) c -> renderAnchors());
        spherical.addListener((obs, was, now) -> onPathChanged());
        frames.addListener((obs, was, now) -> onPathChanged());
        position.addListener((obs, was, now) -> {
            if (!quiet && anchors.size() >= 2) {
                cursor.setBase(pointOnPath(now.doubleValue()));
            }
        });
    }

    /** Adds the current latent as the last interpolation anchor. */
    public void addAnchor() {
        if (cursor.model() == null) {
            return;
        }
        anchors.add(new Anchor(cursor.currentLatent()));
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

    /** Forgets the anchors of a latent space that is gone; {@link #render()} follows. */
    void forgetAnchors() {
        anchors.clear();
    }

    /** Draws the strip and the thumbnails again (new weights). */
    void render() {
        renderStrip();
        renderAnchors();
    }

    /** Pulls finished renders into the properties; called by the view's frame timer. */
    void refresh() {
        strip.refresh();
        anchorImages.refresh();
    }

    /** Puts back a saved path; the cursor's base is not moved to its position. */
    void restore(Interpolation mode, int frameCount, List<float[]> latents, double savedPosition) {
        quiet = true;
        try {
            spherical.set(mode == Interpolation.SLERP);
            frames.set(frameCount);
            anchors.clear();
            for (float[] a : latents) {
                anchors.add(new Anchor(a));
            }
            position.set(savedPosition);
        } finally {
            quiet = false;
        }
        renderStrip();
    }

    /** The anchors' latents, in order. */
    List<float[]> anchorLatents() {
        List<float[]> out = new ArrayList<>(anchors.size());
        anchors.forEach(a -> out.add(a.latent()));
        return out;
    }

    Interpolation mode() {
        return spherical.get() ? Interpolation.SLERP : Interpolation.LERP;
    }

    private void onPathChanged() {
        if (!quiet) {
            renderStrip();
        }
    }

    private float[] pointOnPath(double t) {
        List<float[]> points = anchorLatents();
        int segments = points.size() - 1;
        double u = Math.max(0, Math.min(1, t)) * segments;
        int s = Math.min((int) Math.floor(u), segments - 1);
        return mode().at(points.get(s), points.get(s + 1), u - s);
    }

    private void renderStrip() {
        if (cursor.model() == null || anchors.size() < 2) {
            strip.clear();
            return;
        }
        int n = Math.max(2, frames.get());
        strip.submit(List.of(mode().path(anchorLatents(), n)), false);
    }

    private void renderAnchors() {
        // blank until drawn: the previous images may belong to other anchors at the same places
        anchorImages.clear();
        if (cursor.model() != null && !anchors.isEmpty()) {
            anchorImages.submit(anchorLatents(), false);
        }
    }

    public ObservableList<Anchor> anchors() {
        return anchorsView;
    }

    public ReadOnlyObjectProperty<List<Pixels>> stripProperty() {
        return strip.property();
    }

    /** The anchors' images, in their order, once drawn (empty until then). */
    public ReadOnlyObjectProperty<List<Pixels>> anchorImagesProperty() {
        return anchorImages.property();
    }

    /** Slerp (true, the default: a normal prior's latents keep their length) or lerp. */
    public BooleanProperty sphericalProperty() {
        return spherical;
    }

    /** Frames in the strip, at least 2. */
    public IntegerProperty framesProperty() {
        return frames;
    }

    /** Where the current image sits on the path through the anchors, 0 to 1. */
    public DoubleProperty pathPositionProperty() {
        return position;
    }
}
