package org.dcganstudio.app.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import org.dcganstudio.app.ActiveGenerator;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.core.explore.LatentDirections;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.core.usecase.DirectionSearch;

/** Finding the generator's main directions in the background, for the {@link LatentCursor}'s sliders. */
public final class DirectionFinder {

    /** Directions found by {@link #findDirections()}. */
    public static final int DIRECTIONS = 10;

    private final ActiveGenerator generator;
    private final BackgroundTasks tasks;
    private final LatentCursor cursor;
    private final Consumer<String> message;
    private final ReadOnlyBooleanWrapper finding = new ReadOnlyBooleanWrapper(false);

    DirectionFinder(ActiveGenerator generator, BackgroundTasks tasks, LatentCursor cursor, Consumer<String> message) {
        this.generator = generator;
        this.tasks = tasks;
        this.cursor = cursor;
        this.message = message;
    }

    /**
     * Finds {@link #DIRECTIONS} directions of the current generator in the background (a few
     * seconds: principal components of its first layer over {@code LatentDirections.DEFAULT_SAMPLES}
     * latents), then shows them as sliders.
     */
    public void findDirections() {
        GeneratorWeights w = generator.weightsProperty().get();
        if (w == null || finding.get()) {
            return;
        }
        finding.set(true);
        message.accept("finding directions…");
        tasks.run(() -> DirectionSearch.find(w, Math.min(DIRECTIONS, w.config().nz()),
                LatentDirections.DEFAULT_SAMPLES, 1), found -> {
            finding.set(false);
            if (generator.weightsProperty().get() != w) {
                message.accept("the generator changed while directions were found: find them again");
                return;
            }
            List<DirectionSlider> sliders = new ArrayList<>();
            for (int i = 0; i < found.directions().size(); i++) {
                LatentDirections.Direction d = found.directions().get(i);
                sliders.add(new DirectionSlider("PC " + (i + 1), d.vector(), d.latentStd(), d.explainedVarianceRatio()));
            }
            cursor.setDirections(sliders);
            message.accept(sliders.size() + " directions found");
        }, e -> {
            finding.set(false);
            message.accept("could not find directions: " + e.getMessage());
        });
    }

    /** True while directions are being found. */
    public ReadOnlyBooleanProperty findingDirectionsProperty() {
        return finding.getReadOnlyProperty();
    }
}
