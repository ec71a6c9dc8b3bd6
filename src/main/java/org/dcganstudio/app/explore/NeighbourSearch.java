package org.dcganstudio.app.explore;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.dcganstudio.core.render.GeneratorOrigin;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.app.ActiveGenerator;
import org.dcganstudio.app.BackgroundTasks;

/**
 * The memorisation check: the current image's nearest training images (pixel space and D's
 * features) among the first {@link TrainingNeighbours#LIMIT} of the model's data set.
 */
public final class NeighbourSearch {

    private final ActiveGenerator generator;
    private final BackgroundTasks tasks;
    private final LatentCursor cursor;
    private final Consumer<String> message;
    private final ReadOnlyObjectWrapper<TrainingNeighbours> neighbours = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper searching = new ReadOnlyBooleanWrapper(false);

    NeighbourSearch(ActiveGenerator generator, BackgroundTasks tasks, LatentCursor cursor, Consumer<String> message) {
        this.generator = generator;
        this.tasks = tasks;
        this.cursor = cursor;
        this.message = message;
    }

    /** Searches the training images in the background; needs a checkpoint (its D and data set). */
    public void findNeighbours() {
        // the exact file the image on show was drawn from: a run directory's latest may have moved on
        GeneratorWeights w = generator.weightsProperty().get();
        Path ckpt = w == null ? null : w.from() instanceof GeneratorOrigin.Checkpoint c ? c.file() : null;
        if (ckpt == null) {
            message.accept("the memorisation check needs the model's discriminator and data: open a checkpoint or "
                    + "run directory (File > Open checkpoint)");
            return;
        }
        if (searching.get() || cursor.model() == null) {
            return;
        }
        float[] z = cursor.currentLatent();
        searching.set(true);
        message.accept("searching the training images…");
        tasks.run(() -> TrainingNeighbours.search(ckpt, z), found -> {
            searching.set(false);
            neighbours.set(found);
            message.accept("searched " + found.searched() + " training images of " + found.data());
        }, e -> {
            searching.set(false);
            message.accept("could not search the training images: " + e.getMessage());
        });
    }

    /** The last memorisation check, or null. */
    public ReadOnlyObjectProperty<TrainingNeighbours> neighboursProperty() {
        return neighbours.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty searchingNeighboursProperty() {
        return searching.getReadOnlyProperty();
    }
}
