package org.dcganstudio.app.arithmetic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import java.util.Map;
import java.util.Optional;
import org.dcganstudio.app.ActiveGenerator;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.app.FileWrites;
import org.dcganstudio.app.Pixels;
import org.dcganstudio.core.latent.Vectors;
import org.dcganstudio.core.latent.VectorArithmetic;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.measure.AttributeClassifier;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.core.render.Renderer;
import org.dcganstudio.core.render.RenderedImages;
import org.dcganstudio.core.usecase.AttributeFill;

/**
 * The Arithmetic view's state and commands. Samples clicked in the candidate grid join the
 * selected group; each group shows its members and the image of their average; the result is the
 * signed sum of the averages, drawn at the centre of a 3×3 grid of noisy neighbours.
 */
public final class ArithmeticViewModel {

    /** Candidate samples on show. */
    public static final int CANDIDATES = 24;
    private static final long CANDIDATE_STREAM = 78;

    private final ActiveGenerator generator;
    private final BackgroundTasks tasks;
    private final Renderer.Channel candidateChannel;
    private final Renderer.Channel groupChannel;
    private final Renderer.Channel resultChannel;

    private final ObservableList<LatentGroup> groups = FXCollections.observableArrayList();
    private final IntegerProperty selectedGroup = new SimpleIntegerProperty(0);
    private final ReadOnlyObjectWrapper<List<Pixels>> candidates = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<Pixels>> result = new ReadOnlyObjectWrapper<>(List.of());
    private final DoubleProperty noise = new SimpleDoubleProperty(VectorArithmetic.PAPER_NOISE);
    private final StringProperty recipeName = new SimpleStringProperty("smiling − neutral + neutral (short hair)");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(false);

    private ModelConfig model;
    private List<float[]> candidateLatents = List.of();
    private long candidateSeed = 1;
    private long noiseSeed = 1;
    private long shownCandidates;
    private long wantedGroups = -1;
    private long wantedResult = -1;
    /** For the newest group render: how many images each group sent (members, then its average). */
    private int[] groupLayout = new int[0];
    private List<float[]> resultLatents = List.of();
    /** Set while rendered images are put into members, which changes nothing to draw. */
    private boolean filling;

    public ArithmeticViewModel(ActiveGenerator generator, BackgroundTasks tasks) {
        this.generator = generator;
        this.tasks = tasks;
        Renderer r = generator.renderer();
        resultChannel = r.channel("arithmetic result");
        groupChannel = r.channel("arithmetic groups");
        candidateChannel = r.channel("arithmetic candidates");
        // the paper's "smiling woman − neutral woman + neutral man", long hair playing woman
        want(addGroup(1, "smiling, long hair"), true, true);
        want(addGroup(-1, "neutral, long hair"), false, true);
        want(addGroup(1, "neutral, short hair"), false, false);
        noise.addListener((obs, was, now) -> renderResult());
        generator.weightsProperty().addListener((obs, old, now) -> onWeights(now));
        if (generator.weightsProperty().get() != null) {
            onWeights(generator.weightsProperty().get());
        }
    }

    private void onWeights(GeneratorWeights w) {
        if (w == null) {
            return;
        }
        boolean sameSpace = model != null && model.nz() == w.config().nz();
        model = w.config();
        ready.set(true);
        if (!sameSpace) {
            groups.forEach(g -> g.members().clear());
            candidateLatents = sample(candidateSeed, CANDIDATES);
        }
        renderCandidates();
        renderGroups();
        renderResult();
    }

    /** Attributes the classifier judges, for filling groups by attribute. */
    public static final List<String> ATTRIBUTES = AttributeClassifier.ATTRIBUTES;
    /** Latents drawn at most when filling a group by attributes. */
    static final int FILL_DRAWS = 4096;
    private final ReadOnlyBooleanWrapper fillingByAttributes = new ReadOnlyBooleanWrapper(false);
    private long fillSeed = 1;

    private static void want(LatentGroup g, boolean smiling, boolean longHair) {
        g.wanted().get("smiling").set(smiling);
        g.wanted().get("long_hair").set(longHair);
    }

    /**
     * Adds {@link LatentGroup#RECOMMENDED} samples the attribute classifier labels with the
     * group's wanted attributes (drawn in the background from the generator's prior).
     */
    public void fillByAttributes(int index) {
        GeneratorWeights w = generator.weightsProperty().get();
        if (w == null || index < 0 || index >= groups.size() || fillingByAttributes.get()) {
            return;
        }
        LatentGroup group = groups.get(index);
        Map<String, Boolean> wanted = group.wantedValues();
        if (wanted.isEmpty()) {
            message.set("choose at least one attribute for the group first");
            return;
        }
        Optional<Path> folder = AttributeFill.shippedClassifier();
        if (folder.isEmpty() || w.config().channels() != 3) {
            message.set(folder.isEmpty() ? "no attribute classifier found (assets/attribute-classifier)"
                    : "the attribute classifier judges RGB faces; this generator makes grey images");
            return;
        }
        fillingByAttributes.set(true);
        message.set("looking for samples with " + wanted + "…");
        long seed = fillSeed++;
        tasks.run(() -> AttributeFill.sample(w, folder.get(), wanted, LatentGroup.RECOMMENDED, FILL_DRAWS, seed), found -> {
            fillingByAttributes.set(false);
            if (!groups.contains(group) || generator.weightsProperty().get() != w) {
                return;
            }
            found.forEach(z -> group.members().add(new LatentGroup.Member(z, null)));
            message.set(found.size() < LatentGroup.RECOMMENDED
                    ? "only " + found.size() + " of " + FILL_DRAWS + " samples have " + wanted + "; the model rarely "
                            + "draws them"
                    : "added " + found.size() + " samples with " + wanted);
        }, e -> {
            fillingByAttributes.set(false);
            message.set("could not fill the group: " + e.getMessage());
        });
    }

    /** True while a group is being filled by attributes. */
    public ReadOnlyBooleanProperty fillingProperty() {
        return fillingByAttributes.getReadOnlyProperty();
    }

    /** Adds a term at the end; its sign is +1 or −1. */
    public LatentGroup addGroup(int sign, String name) {
        LatentGroup g = new LatentGroup(sign, name, ATTRIBUTES);
        g.members().addListener((ListChangeListener<LatentGroup.Member>) c -> {
            if (!filling) {
                renderGroups();
                renderResult();
            }
        });
        groups.add(g);
        renderResult();
        return g;
    }

    /** Removes term {@code index} (at least one stays). */
    public void removeGroup(int index) {
        if (groups.size() > 1 && index >= 0 && index < groups.size()) {
            groups.remove(index);
            selectedGroup.set(Math.min(selectedGroup.get(), groups.size() - 1));
            renderGroups();
            renderResult();
        }
    }

    /** Adds candidate {@code index} to the selected group. */
    public void addCandidate(int index) {
        if (index < 0 || index >= candidateLatents.size() || groups.isEmpty()) {
            return;
        }
        List<Pixels> shown = candidates.get();
        Pixels p = index < shown.size() ? shown.get(index) : null;
        groups.get(selectedGroup.get()).members().add(new LatentGroup.Member(candidateLatents.get(index).clone(), p));
    }

    /** Removes member {@code member} of group {@code group}. */
    public void removeMember(int group, int member) {
        if (group >= 0 && group < groups.size() && member >= 0 && member < groups.get(group).members().size()) {
            groups.get(group).members().remove(member);
        }
    }

    /** New candidate samples. */
    public void newCandidates() {
        if (model == null) {
            return;
        }
        candidateSeed++;
        candidateLatents = sample(candidateSeed, CANDIDATES);
        renderCandidates();
    }

    /** New noise for the eight neighbours. */
    public void newNoise() {
        noiseSeed++;
        renderResult();
    }

    /** Whether every group has members, so there is a result. */
    public boolean complete() {
        return !groups.isEmpty() && groups.stream().allMatch(g -> !g.members().isEmpty());
    }

    /** The result's latent (row 0) and its neighbours' (rows 1–8), or empty while a group is empty. */
    public List<float[]> resultLatents() {
        return resultLatents;
    }

    /** Pulls finished renders into the properties; called by the view's frame timer. */
    public void refresh() {
        RenderedImages c = candidateChannel.latest();
        if (c != null && c.stamp() != shownCandidates) {
            shownCandidates = c.stamp();
            candidates.set(c.ok() ? pixels(c.argb(), c.size()) : List.of());
        }
        RenderedImages g = groupChannel.latest();
        if (g != null && g.stamp() == wantedGroups && g.ok()) {
            wantedGroups = -1;
            filling = true;
            int at = 0;
            for (int i = 0; i < groupLayout.length && i < groups.size(); i++) {
                LatentGroup group = groups.get(i);
                int members = groupLayout[i] - 1;
                for (int m = 0; m < members && m < group.members().size(); m++) {
                    LatentGroup.Member old = group.members().get(m);
                    if (old.pixels() == null) {
                        group.members().set(m, new LatentGroup.Member(old.latent(),
                                Pixels.square(g.size(), g.argb().get(at + m))));
                    }
                }
                group.setAverage(members > 0 ? Pixels.square(g.size(), g.argb().get(at + members)) : null);
                at += groupLayout[i];
            }
            filling = false;
        }
        RenderedImages r = resultChannel.latest();
        if (r != null && r.stamp() == wantedResult && r.ok()) {
            wantedResult = -1;
            List<Pixels> ordered = pixels(r.argb(), r.size());
            result.set(centreFirst(ordered));
        }
    }

    /** Grid order for a 3×3 with image 0 (the result) in the centre and 1–8 around it. */
    static <T> List<T> centreFirst(List<T> images) {
        List<T> grid = new ArrayList<>(images.subList(1, images.size()));
        grid.add(Math.min(4, grid.size()), images.get(0));
        return List.copyOf(grid);
    }

    private static List<Pixels> pixels(List<int[]> argb, int size) {
        List<Pixels> out = new ArrayList<>(argb.size());
        argb.forEach(a -> out.add(Pixels.square(size, a)));
        return List.copyOf(out);
    }

    private void renderCandidates() {
        if (model != null) {
            candidateChannel.submit(candidateLatents, false);
        }
    }

    private void renderGroups() {
        if (model == null) {
            return;
        }
        List<float[]> batch = new ArrayList<>();
        int[] layout = new int[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            List<float[]> latents = groups.get(i).members().stream().map(LatentGroup.Member::latent).toList();
            if (latents.isEmpty()) {
                groups.get(i).setAverage(null);
                layout[i] = 1;
                batch.add(new float[model.nz()]); // keeps the layout simple; its image is not shown
                continue;
            }
            batch.addAll(latents);
            batch.add(Vectors.mean(latents));
            layout[i] = latents.size() + 1;
        }
        if (batch.isEmpty()) {
            return;
        }
        groupLayout = layout;
        wantedGroups = groupChannel.submit(batch, false);
    }

    private void renderResult() {
        if (model == null || !complete()) {
            resultLatents = List.of();
            wantedResult = -1;
            result.set(List.of());
            return;
        }
        List<VectorArithmetic.Term> terms = new ArrayList<>();
        for (LatentGroup g : groups) {
            List<float[]> latents = g.members().stream().map(LatentGroup.Member::latent).toList();
            terms.add(new VectorArithmetic.Term(g.sign(), latents));
        }
        float[] sum = VectorArithmetic.result(terms);
        resultLatents = VectorArithmetic.neighbourhood(sum, noise.get(), Rng.derive(noiseSeed, 79, 0));
        wantedResult = resultChannel.submit(resultLatents, false);
        boolean few = groups.stream().anyMatch(g -> g.members().size() < LatentGroup.RECOMMENDED);
        message.set(few ? "tip: the paper averaged " + LatentGroup.RECOMMENDED + " samples per group; single samples are "
                + "unstable" : "");
    }

    private List<float[]> sample(long seed, int count) {
        List<float[]> out = new ArrayList<>(count);
        Rng rng = Rng.derive(seed, CANDIDATE_STREAM, 0);
        for (int i = 0; i < count; i++) {
            float[] z = new float[model.nz()];
            model.zPrior().fill(rng, z);
            out.add(z);
        }
        return out;
    }

    /** Saves the recipe (names, signs, member latents, noise) as JSON. */
    public void saveRecipe(Path file) {
        Recipe r = Recipe.of(recipeName.get(), groups, noise.get(), noiseSeed);
        FileWrites.inBackground(tasks, file, r::write, message::set, "saved");
    }

    /** Loads a recipe saved for a generator with the same latent size. */
    public void loadRecipe(Path file) {
        if (model == null) {
            return;
        }
        int nz = model.nz();
        tasks.run(() -> Recipe.read(file, nz), r -> {
            groups.clear();
            for (Recipe.Term t : r.terms()) {
                LatentGroup g = addGroup(t.sign(), t.name());
                t.members().forEach(z -> g.members().add(new LatentGroup.Member(z, null)));
            }
            recipeName.set(r.name());
            noiseSeed = r.noiseSeed();
            noise.set(r.noise());
            selectedGroup.set(0);
            renderGroups();
            renderResult();
            message.set("loaded " + r.name());
        }, e -> message.set(e.getMessage()));
    }

    /** Writes a figure laid out like the paper's Figure 7: each group's members and average, then the result grid. */
    public void exportFigure(Path file, int scale) {
        if (!complete() || result.get().isEmpty()) {
            message.set("fill every group first");
            return;
        }
        List<List<Pixels>> rows = new ArrayList<>();
        List<String> signs = new ArrayList<>();
        for (LatentGroup g : groups) {
            List<Pixels> row = new ArrayList<>();
            g.members().forEach(m -> {
                if (m.pixels() != null) {
                    row.add(m.pixels());
                }
            });
            row.add(g.averageProperty().get());
            rows.add(row);
            signs.add(g.sign() > 0 ? "+" : "−");
        }
        List<Pixels> grid = result.get();
        FileWrites.inBackground(tasks, file, f -> ArithmeticFigure.write(f, rows, signs, grid, scale), message::set,
                "exported");
    }

    // ---- properties

    public ObservableList<LatentGroup> groups() {
        return groups;
    }

    /** The group clicked samples join. */
    public IntegerProperty selectedGroupProperty() {
        return selectedGroup;
    }

    public ReadOnlyObjectProperty<List<Pixels>> candidatesProperty() {
        return candidates.getReadOnlyProperty();
    }

    /** Nine images in 3×3 grid order, the result in the centre; empty while a group is empty. */
    public ReadOnlyObjectProperty<List<Pixels>> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Neighbour noise: uniform in [−noise, noise] per dimension (the paper: 0.25). */
    public DoubleProperty noiseProperty() {
        return noise;
    }

    public StringProperty recipeNameProperty() {
        return recipeName;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    public ActiveGenerator generator() {
        return generator;
    }
}
