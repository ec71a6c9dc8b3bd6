package org.dcganstudio.app.arithmetic;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import org.dcganstudio.app.ActiveGenerator;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.core.usecase.AttributeFill;

/**
 * Filling a group without hand-picking: samples the attribute classifier labels with the group's
 * wanted attributes ("smiling", "no long hair"), drawn in the background from the generator's prior.
 */
final class AttributeGroupFill {

    /** Latents drawn at most when filling a group by attributes. */
    static final int MAX_DRAWN = 4096;

    private final ActiveGenerator generator;
    private final BackgroundTasks tasks;
    private final LatentGroups groups;
    private final Consumer<String> message;
    private final Supplier<Optional<Path>> classifier;
    private final ReadOnlyBooleanWrapper filling = new ReadOnlyBooleanWrapper(false);
    private long seed = 1;

    /**
     * @param classifier finds the classifier's folder: the shipped one in the studio, any in tests
     * @param message the view's line of status
     */
    AttributeGroupFill(ActiveGenerator generator, BackgroundTasks tasks, LatentGroups groups,
            Supplier<Optional<Path>> classifier, Consumer<String> message) {
        this.generator = generator;
        this.tasks = tasks;
        this.groups = groups;
        this.classifier = classifier;
        this.message = message;
    }

    /**
     * Adds {@link LatentGroup#RECOMMENDED} samples with group {@code index}'s wanted attributes;
     * one fill at a time.
     */
    void fill(int index) {
        GeneratorWeights w = generator.weightsProperty().get();
        if (w == null || index < 0 || index >= groups.list().size() || filling.get()) {
            return;
        }
        LatentGroup group = groups.list().get(index);
        Map<String, Boolean> wanted = group.wantedValues();
        if (wanted.isEmpty()) {
            message.accept("choose at least one attribute for the group first");
            return;
        }
        Optional<Path> folder = classifier.get();
        if (folder.isEmpty()) {
            message.accept("no attribute classifier found (assets/" + AttributeFill.CLASSIFIER + ")");
            return;
        }
        if (w.config().channels() != 3) {
            message.accept("the attribute classifier judges RGB faces; this generator makes grey images");
            return;
        }
        filling.set(true);
        message.accept("looking for samples with " + wanted + "…");
        long drawSeed = seed++;
        tasks.run(() -> AttributeFill.sample(w, folder.get(), wanted, LatentGroup.RECOMMENDED, MAX_DRAWN, drawSeed),
                found -> {
                    filling.set(false);
                    // the group or the generator may have changed while the classifier looked
                    if (!groups.list().contains(group) || generator.weightsProperty().get() != w) {
                        return;
                    }
                    group.members().addAll(found.stream().map(z -> new LatentGroup.Member(z, null)).toList());
                    message.accept(found.size() < LatentGroup.RECOMMENDED ? "only " + found.size() + " of " + MAX_DRAWN
                            + " samples have " + wanted + "; the model rarely draws them"
                            : "added " + found.size() + " samples with " + wanted);
                }, e -> {
                    filling.set(false);
                    message.accept("could not fill the group: " + e.getMessage());
                });
    }

    /** True while a group is being filled. */
    ReadOnlyBooleanProperty fillingProperty() {
        return filling.getReadOnlyProperty();
    }
}
