package org.dcganstudio.app.explore;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import org.dcganstudio.app.ActiveGenerator;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.app.Pixels;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.core.render.Renderer;

/**
 * The Explore view's state and commands in one place for the view to bind, kept by its parts: the
 * {@link LatentCursor} (current image, sliders, grid), the {@link InterpolationPath}, the
 * {@link ExploreExports}, the {@link DirectionFinder}, the {@link NeighbourSearch} and the
 * {@link ExplorationFiles}; the methods here hand on to them and are documented there. This class
 * wires the parts to the active generator, to one line of status, and to the renderer's channels
 * in the order the renderer serves them.
 */
public final class ExploreViewModel {

    private final ActiveGenerator generator;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final LatentCursor cursor;
    private final InterpolationPath path;
    private final ExploreExports exports;
    private final DirectionFinder directionFinder;
    private final NeighbourSearch neighbourSearch;
    private final ExplorationFiles files;

    public ExploreViewModel(ActiveGenerator generator, BackgroundTasks tasks) {
        this.generator = generator;
        Renderer r = generator.renderer();
        Renderer.Channel image = r.channel("explore image");
        Renderer.Channel strip = r.channel("explore strip");
        Renderer.Channel grid = r.channel("explore grid");
        Renderer.Channel anchors = r.channel("explore anchors");
        // made after this view's other channels: a sweep waits while the user drags, not the reverse
        Renderer.Channel sweep = r.channel("explore sweep");
        cursor = new LatentCursor(generator, image, grid, message::set);
        path = new InterpolationPath(cursor, strip, anchors);
        exports = new ExploreExports(tasks, cursor, path, sweep, message::set);
        directionFinder = new DirectionFinder(generator, tasks, cursor, message::set);
        neighbourSearch = new NeighbourSearch(generator, tasks, cursor, message::set);
        files = new ExplorationFiles(generator, tasks, cursor, path, message::set);
        generator.weightsProperty().addListener((obs, old, now) -> onWeights(now));
        if (generator.weightsProperty().get() != null) {
            onWeights(generator.weightsProperty().get());
        }
    }

    private void onWeights(GeneratorWeights w) {
        if (w == null) {
            return;
        }
        if (cursor.use(w.config())) {
            path.forgetAnchors();
        }
        path.render();
    }

    /** Pulls finished renders into the properties; called by the view's frame timer. */
    public void refresh() {
        cursor.refresh();
        path.refresh();
    }

    // ---- the current latent

    public void newSamples() {
        cursor.newSamples();
    }

    public void select(int index) {
        cursor.select(index);
    }

    public void show(float[] z) {
        cursor.show(z);
    }

    public void resetSliders() {
        cursor.resetSliders();
    }

    public void setDirections(List<DirectionSlider> found) {
        cursor.setDirections(found);
    }

    public float[] currentLatent() {
        return cursor.currentLatent();
    }

    public List<float[]> gridLatents() {
        return cursor.gridLatents();
    }

    public ReadOnlyObjectProperty<Pixels> imageProperty() {
        return cursor.imageProperty();
    }

    public ReadOnlyObjectProperty<List<Pixels>> gridProperty() {
        return cursor.gridProperty();
    }

    public ReadOnlyDoubleProperty renderMillisProperty() {
        return cursor.renderMillisProperty();
    }

    public ReadOnlyBooleanProperty readyProperty() {
        return cursor.readyProperty();
    }

    public BooleanProperty batchStatsProperty() {
        return cursor.batchStatsProperty();
    }

    public ObservableList<DirectionSlider> directions() {
        return cursor.directions();
    }

    public ObservableList<DoubleProperty> rawOffsets() {
        return cursor.rawOffsets();
    }

    // ---- the interpolation path

    public void addAnchor() {
        path.addAnchor();
    }

    public void removeAnchor(int index) {
        path.removeAnchor(index);
    }

    public void clearAnchors() {
        path.clearAnchors();
    }

    public ObservableList<InterpolationPath.Anchor> anchors() {
        return path.anchors();
    }

    public ReadOnlyObjectProperty<List<Pixels>> anchorImagesProperty() {
        return path.anchorImagesProperty();
    }

    public ReadOnlyObjectProperty<List<Pixels>> stripProperty() {
        return path.stripProperty();
    }

    public BooleanProperty sphericalProperty() {
        return path.sphericalProperty();
    }

    public IntegerProperty framesProperty() {
        return path.framesProperty();
    }

    public DoubleProperty pathPositionProperty() {
        return path.pathPositionProperty();
    }

    // ---- exports

    public void exportPng(Path file, int scale) {
        exports.exportPng(file, scale);
    }

    public void exportGridPng(Path file, int scale) {
        exports.exportGridPng(file, scale);
    }

    public void exportStripPng(Path file, int scale) {
        exports.exportStripPng(file, scale);
    }

    public void exportWalkGif(Path file, int scale, int delayMs) {
        exports.exportWalkGif(file, scale, delayMs);
    }

    public void exportDirectionSweepGif(int index, Path file, int scale, int delayMs) {
        exports.exportDirectionSweepGif(index, file, scale, delayMs);
    }

    public void exportDimensionSweepGif(int dimension, Path file, int scale, int delayMs) {
        exports.exportDimensionSweepGif(dimension, file, scale, delayMs);
    }

    public void cancelExport() {
        exports.cancelExport();
    }

    public IntegerProperty exportScaleProperty() {
        return exports.exportScaleProperty();
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exports.exportingProperty();
    }

    public ReadOnlyDoubleProperty exportProgressProperty() {
        return exports.exportProgressProperty();
    }

    // ---- searches

    public void findDirections() {
        directionFinder.findDirections();
    }

    public ReadOnlyBooleanProperty findingDirectionsProperty() {
        return directionFinder.findingDirectionsProperty();
    }

    public void findNeighbours() {
        neighbourSearch.findNeighbours();
    }

    public ReadOnlyObjectProperty<TrainingNeighbours> neighboursProperty() {
        return neighbourSearch.neighboursProperty();
    }

    public ReadOnlyBooleanProperty searchingNeighboursProperty() {
        return neighbourSearch.searchingNeighboursProperty();
    }

    // ---- files

    public void saveLatent(Path file) {
        files.saveLatent(file);
    }

    public void loadLatent(Path file) {
        files.loadLatent(file);
    }

    public void saveExploration(Path file) {
        files.saveExploration(file);
    }

    public void loadExploration(Path file) {
        files.loadExploration(file);
    }

    public ActiveGenerator generator() {
        return generator;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
