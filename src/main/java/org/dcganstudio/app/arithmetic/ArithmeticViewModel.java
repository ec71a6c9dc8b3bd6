package org.dcganstudio.app.arithmetic;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import org.dcganstudio.app.ActiveGenerator;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.app.FileWrites;
import org.dcganstudio.app.Pixels;
import org.dcganstudio.core.measure.AttributeClassifier;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.core.render.Renderer;
import org.dcganstudio.core.usecase.AttributeFill;

/**
 * The Arithmetic view's state and commands in one place for the view to bind, kept by its parts:
 * the {@link CandidateSamples} clicked into the selected group, the {@link LatentGroups} with their
 * averages, the {@link ResultGrid} (the signed sum of the averages amid noisy neighbours), the
 * {@link AttributeGroupFill}, the {@link RecipeFiles} and the {@link ArithmeticFigure}. This class
 * wires the parts to the active generator, to one line of status, and to the renderer's channels
 * in the order the renderer serves them.
 */
public final class ArithmeticViewModel {

    /** Candidate samples on show. */
    public static final int CANDIDATES = CandidateSamples.COUNT;
    /** Attributes the classifier judges, for filling groups by attribute. */
    public static final List<String> ATTRIBUTES = AttributeClassifier.ATTRIBUTES;

    private final ActiveGenerator generator;
    private final BackgroundTasks tasks;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final LatentGroups groups;
    private final ResultGrid result;
    private final CandidateSamples candidates;
    private final AttributeGroupFill attributeFill;
    private final RecipeFiles recipes;

    public ArithmeticViewModel(ActiveGenerator generator, BackgroundTasks tasks) {
        this(generator, tasks, AttributeFill::shippedClassifier);
    }

    /** @param classifier finds the attribute classifier's folder (a test's, or none) */
    ArithmeticViewModel(ActiveGenerator generator, BackgroundTasks tasks, Supplier<Optional<Path>> classifier) {
        this.generator = generator;
        this.tasks = tasks;
        Renderer r = generator.renderer();
        // channels made first are served first: the result the user waits for, the candidates last
        Renderer.Channel resultChannel = r.channel("arithmetic result");
        Renderer.Channel groupChannel = r.channel("arithmetic groups");
        Renderer.Channel candidateChannel = r.channel("arithmetic candidates");
        groups = new LatentGroups(groupChannel);
        result = new ResultGrid(resultChannel, groups, message::set);
        groups.onChange(result::render);
        candidates = new CandidateSamples(candidateChannel);
        attributeFill = new AttributeGroupFill(generator, tasks, groups, classifier, message::set);
        recipes = new RecipeFiles(tasks, groups, result, message::set);
        // the paper's "smiling woman − neutral woman + neutral man", long hair playing woman
        want(groups.add(1, "smiling, long hair"), true, true);
        want(groups.add(-1, "neutral, long hair"), false, true);
        want(groups.add(1, "neutral, short hair"), false, false);
        generator.weightsProperty().addListener((obs, old, now) -> onWeights(now));
        if (generator.weightsProperty().get() != null) {
            onWeights(generator.weightsProperty().get());
        }
    }

    private static void want(LatentGroup g, boolean smiling, boolean longHair) {
        g.wanted().get("smiling").set(smiling);
        g.wanted().get("long_hair").set(longHair);
    }

    private void onWeights(GeneratorWeights w) {
        if (w == null) {
            return;
        }
        groups.use(w.config().nz());
        candidates.use(w.config());
        groups.render();
        result.render();
    }

    /** Pulls finished renders into the properties; called by the view's frame timer. */
    public void refresh() {
        candidates.refresh();
        groups.refresh();
        result.refresh();
    }

    // ---- candidates and groups

    /** Adds candidate {@code index} to the selected group. */
    public void addCandidate(int index) {
        candidates.pick(index).ifPresent(groups::addToSelected);
    }

    /** New candidate samples. */
    public void newCandidates() {
        candidates.renew();
    }

    /** Adds a term at the end; its sign is +1 or −1. */
    public LatentGroup addGroup(int sign, String name) {
        return groups.add(sign, name);
    }

    /** Removes term {@code index} (at least one stays). */
    public void removeGroup(int index) {
        groups.remove(index);
    }

    /** Removes member {@code member} of group {@code group}. */
    public void removeMember(int group, int member) {
        groups.removeMember(group, member);
    }

    /** Adds samples the attribute classifier labels with group {@code index}'s wanted attributes. */
    public void fillByAttributes(int index) {
        attributeFill.fill(index);
    }

    /** True while a group is being filled by attributes. */
    public ReadOnlyBooleanProperty fillingProperty() {
        return attributeFill.fillingProperty();
    }

    public ObservableList<LatentGroup> groups() {
        return groups.list();
    }

    /** The group clicked samples join. */
    public IntegerProperty selectedGroupProperty() {
        return groups.selectedProperty();
    }

    public ReadOnlyObjectProperty<List<Pixels>> candidatesProperty() {
        return candidates.imagesProperty();
    }

    // ---- the result

    /** New noise for the eight neighbours. */
    public void newNoise() {
        result.newNoise();
    }

    /** The result's latent (row 0) and its neighbours' (rows 1–8), or empty while a group is empty. */
    public List<float[]> resultLatents() {
        return result.latents();
    }

    /** Nine images in 3×3 grid order, the result in the centre; empty while a group is empty. */
    public ReadOnlyObjectProperty<List<Pixels>> resultProperty() {
        return result.imagesProperty();
    }

    /** Neighbour noise: uniform in [−noise, noise] per dimension (the paper: 0.25). */
    public DoubleProperty noiseProperty() {
        return result.noiseProperty();
    }

    // ---- files

    /** Saves the recipe (names, signs, member latents, noise) as JSON. */
    public void saveRecipe(Path file) {
        recipes.save(file);
    }

    /** Loads a recipe saved for a generator with the same latent size. */
    public void loadRecipe(Path file) {
        recipes.load(file);
    }

    public StringProperty recipeNameProperty() {
        return recipes.nameProperty();
    }

    /** Writes a figure laid out like the paper's Figure 7: each group's members and average, then the result grid. */
    public void exportFigure(Path file, int scale) {
        if (!groups.complete() || result.imagesProperty().get().isEmpty()) {
            message.set("fill every group first");
            return;
        }
        ArithmeticFigure figure = ArithmeticFigure.of(groups.list(), result.imagesProperty().get());
        FileWrites.inBackground(tasks, file, f -> figure.write(f, scale), message::set, "exported");
    }

    // ---- status

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ActiveGenerator generator() {
        return generator;
    }
}
