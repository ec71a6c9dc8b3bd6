package org.dcganstudio.app.explore;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.DoubleProperty;
import org.dcganstudio.app.ActiveGenerator;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.app.FileWrites;
import org.dcganstudio.core.interop.LatentFiles;
import org.dcganstudio.core.render.GeneratorWeights;

/**
 * Saving and opening what was found: the current latent as {@code .npy}, and a whole exploration
 * (base, slider positions, anchors, the model it belongs to) as JSON.
 */
public final class ExplorationFiles {

    private final ActiveGenerator generator;
    private final BackgroundTasks tasks;
    private final LatentCursor cursor;
    private final InterpolationPath path;
    private final Consumer<String> message;

    ExplorationFiles(ActiveGenerator generator, BackgroundTasks tasks, LatentCursor cursor, InterpolationPath path,
            Consumer<String> message) {
        this.generator = generator;
        this.tasks = tasks;
        this.cursor = cursor;
        this.path = path;
        this.message = message;
    }

    /** Writes the current latent as a (1, nz, 1, 1) {@code .npy}. */
    public void saveLatent(Path file) {
        float[] z = cursor.currentLatent();
        FileWrites.inBackground(tasks, file, f -> LatentFiles.write(f, List.of(z)), message, "saved");
    }

    /** Reads a {@code .npy} holding one latent vector and shows it. */
    public void loadLatent(Path file) {
        if (cursor.model() == null) {
            return;
        }
        int nz = cursor.model().nz();
        tasks.run(() -> LatentFiles.readOne(file, nz), cursor::show, e -> message.accept(e.getMessage()));
    }

    /** Saves anchors, slider positions and the model reference as JSON. */
    public void saveExploration(Path file) {
        if (cursor.model() == null) {
            return;
        }
        Exploration e = snapshot();
        FileWrites.inBackground(tasks, file, e::write, message, "saved");
    }

    /** Restores a saved exploration (its latents must fit this model's nz). */
    public void loadExploration(Path file) {
        if (cursor.model() == null) {
            return;
        }
        int nz = cursor.model().nz();
        tasks.run(() -> Exploration.read(file, nz), this::restore, e -> message.accept(e.getMessage()));
    }

    private Exploration snapshot() {
        GeneratorWeights w = generator.weightsProperty().get();
        double[] dirValues = cursor.directions().stream().mapToDouble(d -> d.valueProperty().get()).toArray();
        double[] raw = cursor.rawOffsets().stream().mapToDouble(DoubleProperty::get).toArray();
        return new Exploration(w == null ? "" : w.origin(), w == null ? 0 : w.step(), cursor.model().nz(),
                cursor.base(), dirValues, raw, path.anchorLatents(), path.mode(), path.framesProperty().get(),
                path.pathPositionProperty().get());
    }

    private void restore(Exploration e) {
        path.restore(e.mode(), e.frames(), e.anchors(), e.pathPosition());
        cursor.restore(e.base(), e.rawOffsets(), e.directionValues());
        int found = cursor.directions().size();
        message.accept(e.directionValues().length > found
                ? "restored; find directions again to use its " + e.directionValues().length + " direction positions"
                : "restored");
    }
}
