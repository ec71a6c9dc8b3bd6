package org.dcganstudio.app.train;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.app.FileWrites;
import org.dcganstudio.app.Pixels;
import org.dcganstudio.core.io.RunDirectory;
import org.dcganstudio.core.session.SampleGrid;
import org.dcganstudio.core.session.SessionSnapshot;

/**
 * The sample grid on show and the timeline of every grid the run recorded: it follows the newest
 * grid as it comes, or shows an earlier one, read from the run directory, until asked to follow
 * again; the grid on show can be saved as a PNG.
 */
public final class GridTimeline {

    private final BackgroundTasks tasks;
    private final Supplier<Path> runDir;
    private final IntSupplier formImageSize;
    private final Consumer<String> say;
    private final ReadOnlyObjectWrapper<GridPixels> grid = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Long> gridSteps = FXCollections.observableArrayList();
    // Made once: a read-only wrapper made per call listens weakly and would lose its listeners.
    private final ObservableList<Long> gridStepsView = FXCollections.unmodifiableObservableList(gridSteps);
    /** The grid step shown when scrubbing the timeline; null follows the newest grid. */
    private final ReadOnlyObjectWrapper<Long> shownGridStep = new ReadOnlyObjectWrapper<>();
    private SampleGrid liveGrid;

    /**
     * @param tasks reads grids and writes PNGs off the UI thread
     * @param runDir the run shown
     * @param formImageSize the tile size to read grids at before any grid was shown
     * @param say where to tell the user what happened
     */
    GridTimeline(BackgroundTasks tasks, Supplier<Path> runDir, IntSupplier formImageSize, Consumer<String> say) {
        this.tasks = tasks;
        this.runDir = runDir;
        this.formImageSize = formImageSize;
        this.say = say;
    }

    /** Takes the snapshot's newest grid (on show unless scrubbing) and its list of grid steps. */
    void show(SessionSnapshot s) {
        if (s.grid() != liveGrid) {
            liveGrid = s.grid();
            if (shownGridStep.get() == null) {
                grid.set(GridPixels.of(liveGrid));
            }
        }
        if (!gridSteps.equals(s.gridSteps())) {
            List<Long> steps = s.gridSteps();
            // Appending keeps the timeline's slider where it is; replacing would make it jump.
            if (steps.size() > gridSteps.size() && steps.subList(0, gridSteps.size()).equals(gridSteps)) {
                gridSteps.addAll(steps.subList(gridSteps.size(), steps.size()));
            } else {
                gridSteps.setAll(steps);
            }
        }
    }

    /** A new run is shown: its grids are followed as they come. */
    void stopScrubbing() {
        shownGridStep.set(null);
    }

    /** Shows the grid of {@code gridStep} (read from the run directory in the background). */
    public void showGrid(long gridStep) {
        Path dir = runDir.get();
        if (dir == null) {
            return;
        }
        if (liveGrid != null && liveGrid.step() == gridStep) {
            followLiveGrid();
            return;
        }
        shownGridStep.set(gridStep);
        int tile = currentTile();

        tasks.run(() -> SampleGrid.read(dir, gridStep, tile), g -> {
            Long wanted = shownGridStep.get();
            if (wanted != null && wanted == gridStep) {
                grid.set(GridPixels.of(g));
            }
        }, e -> say.accept("could not read the grid of step " + gridStep + ": " + e.getMessage()));
    }

    /** Goes back to showing each new grid as it comes. */
    public void followLiveGrid() {
        shownGridStep.set(null);
        grid.set(GridPixels.of(liveGrid));
    }

    /** Shows the grid recorded at a checkpoint's step, if there is one. */
    public void showCheckpoint(Path checkpoint) {
        RunDirectory.checkpointStep(checkpoint).ifPresent(at -> {
            if (gridSteps.contains(at)) {
                showGrid(at);
            }
        });
    }

    /**
     * Writes the grid on show (live or picked on the timeline) as a PNG enlarged {@code scale}
     * times, in the background; the message says where it went or why not.
     */
    public void exportGridPng(Path file, int scale) {
        GridPixels shown = grid.get();
        if (shown == null) {
            say.accept("no grid to save yet");
            return;
        }
        Pixels pixels = new Pixels(shown.width(), shown.height(), shown.argb());
        FileWrites.inBackground(tasks, file, f -> pixels.writePng(f, scale), say,
                "saved step " + shown.step() + " as");
    }

    private int currentTile() {
        if (liveGrid != null) {
            return liveGrid.tile();
        }
        GridPixels shown = grid.get();
        return shown != null ? shown.tile() : formImageSize.getAsInt();
    }

    /** The grid on show: the newest, or the one picked on the timeline. */
    public ReadOnlyObjectProperty<GridPixels> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    /** Steps of every grid recorded, for the timeline slider. */
    public ObservableList<Long> gridSteps() {
        return gridStepsView;
    }

    /** The step picked on the timeline, or null while following the newest grid. */
    public ReadOnlyObjectProperty<Long> shownGridStepProperty() {
        return shownGridStep.getReadOnlyProperty();
    }
}
