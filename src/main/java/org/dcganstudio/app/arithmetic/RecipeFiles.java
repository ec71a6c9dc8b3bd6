package org.dcganstudio.app.arithmetic;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.app.FileWrites;

/**
 * Named recipes as {@link Recipe} JSON files: the groups with their member latents and the result's
 * noise, so a found "smiling − neutral + neutral" comes back as it was, neighbours included.
 */
final class RecipeFiles {

    private final BackgroundTasks tasks;
    private final LatentGroups groups;
    private final ResultGrid result;
    private final Consumer<String> message;
    private final StringProperty name = new SimpleStringProperty("smiling − neutral + neutral (short hair)");

    /** @param message the view's line of status */
    RecipeFiles(BackgroundTasks tasks, LatentGroups groups, ResultGrid result, Consumer<String> message) {
        this.tasks = tasks;
        this.groups = groups;
        this.result = result;
        this.message = message;
    }

    /** Saves the recipe (names, signs, member latents, noise) as JSON. */
    void save(Path file) {
        Recipe r = Recipe.of(name.get(), groups.list(), result.noiseProperty().get(), result.noiseSeed());
        FileWrites.inBackground(tasks, file, r::write, message, "saved");
    }

    /** Loads a recipe saved for a generator with the same latent size (none before a generator). */
    void load(Path file) {
        int nz = groups.latentSize();
        if (nz == 0) {
            return;
        }
        tasks.run(() -> Recipe.read(file, nz), r -> {
            name.set(r.name());
            groups.replace(r.terms());
            result.restore(r.noise(), r.noiseSeed());
            message.accept("loaded " + r.name());
        }, e -> message.accept(e.getMessage()));
    }

    /** The recipe's name, saved with it. */
    StringProperty nameProperty() {
        return name;
    }
}
