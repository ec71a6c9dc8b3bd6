package org.dcganstudio.app.export;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.app.ExportSlot;
import org.dcganstudio.core.export.EvolutionFrames;
import org.dcganstudio.core.export.EvolutionGif;

/**
 * The Export view's state: which run, how its evolution GIF is made (the CLI {@code gif}'s
 * options), and the export in progress, in an {@link ExportSlot}: cancelling stops it at the next
 * frame and no file is left.
 */
public final class ExportViewModel {

    /**
     * The sub-grids offered, as cells a side, 0 for the whole grid: a 4×4 corner of an 8×8 grid is
     * a quarter of the pixels and about a quarter of the file.
     */
    public static final List<Integer> CELL_CHOICES = List.of(0, 6, 4, 2);

    private final ObjectProperty<Path> runDir = new SimpleObjectProperty<>();
    private final IntegerProperty frames = new SimpleIntegerProperty(60);
    private final BooleanProperty logSpaced = new SimpleBooleanProperty(true);
    private final IntegerProperty delayMs = new SimpleIntegerProperty(100);
    private final IntegerProperty scale = new SimpleIntegerProperty(1);
    private final BooleanProperty caption = new SimpleBooleanProperty(true);
    private final BooleanProperty dither = new SimpleBooleanProperty(true);
    private final IntegerProperty cells = new SimpleIntegerProperty(0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ExportSlot export;
    private final javafx.beans.property.ReadOnlyObjectWrapper<Path> written =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();

    public ExportViewModel(BackgroundTasks tasks) {
        export = new ExportSlot(tasks, message::set);
    }

    /** Writes the run's evolution GIF to {@code out} in the background. */
    public void exportGif(Path out) {
        Path run = runDir.get();
        if (run == null) {
            message.set("choose a run directory first (or train one)");
            return;
        }
        if (export.busyProperty().get()) {
            return;
        }
        int side = cells.get();
        EvolutionGif.Options options;
        try {
            if (side < 0) {
                throw new IllegalArgumentException("cells must be 0 (the whole grid) or at least 1, got " + side);
            }
            options = new EvolutionGif.Options(EvolutionFrames.Selection.frames(frames.get(), logSpaced.get()),
                    delayMs.get(), scale.get(), caption.get(), 0, dither.get())
                    .withSubGrid(side == 0 ? null : new EvolutionGif.SubGrid(side, side));
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        written.set(null);
        export.start("reading the grids…", 0, context -> EvolutionGif.write(run, out, options, (phase, done, total) -> {
            // reading is fast; writing (palette, dithering, LZW) is most of the time
            context.progress(phase == EvolutionGif.Phase.READING ? 0.2 * done / total : 0.2 + 0.8 * done / total);
            return !context.isCancelled();
        }), result -> {
            written.set(out);
            message.set(String.format(java.util.Locale.ROOT, "wrote %s: %d frames, %d×%d, %.1f MB", out.getFileName(),
                    result.steps().size(), result.width(), result.height(), result.bytes() / 1e6));
        }, e -> message.set(e instanceof EvolutionGif.SubGridException
                ? "could not export: cells " + cellsLabel(side) + ": " + e.getMessage()
                : "could not export: " + e.getMessage()));
    }

    /** The GIF the last export wrote, for the view to play; null while one runs or after a failure. */
    public javafx.beans.property.ReadOnlyObjectProperty<Path> writtenProperty() {
        return written.getReadOnlyProperty();
    }

    /** Stops the export in progress at its next frame; no file is left. */
    public void cancel() {
        export.cancel();
    }

    public ObjectProperty<Path> runDirProperty() {
        return runDir;
    }

    /** Frames at most (fewer when the run has fewer grids). */
    public IntegerProperty framesProperty() {
        return frames;
    }

    /** Spread frames evenly in log(step): early training, where most changes, is not skipped. */
    public BooleanProperty logSpacedProperty() {
        return logSpaced;
    }

    public IntegerProperty delayMsProperty() {
        return delayMs;
    }

    public IntegerProperty scaleProperty() {
        return scale;
    }

    /** "step N · epoch E" under each frame. */
    public BooleanProperty captionProperty() {
        return caption;
    }

    public BooleanProperty ditherProperty() {
        return dither;
    }

    /** The top-left cells × cells of each grid, 0 for the whole grid (see {@link #CELL_CHOICES}). */
    public IntegerProperty cellsProperty() {
        return cells;
    }

    /** How a {@link #cellsProperty()} value reads in a list: "all" or "4×4". */
    public static String cellsLabel(int cells) {
        return cells == 0 ? "all" : cells + "×" + cells;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return export.progressProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return export.busyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
