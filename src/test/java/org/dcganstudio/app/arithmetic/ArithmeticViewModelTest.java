package org.dcganstudio.app.arithmetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.dcganstudio.app.ActiveGenerator;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.app.Pixels;
import org.dcganstudio.core.latent.Vectors;
import org.dcganstudio.core.measure.AttributeClassifier;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.nn.Autograd;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.core.render.SameThreadRenderer;
import org.dcganstudio.core.usecase.AttributeFill;
import org.dcganstudio.testing.DeferredTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Arithmetic view's behaviour through its ViewModel. Everything runs on the test's thread: the
 * renderer draws each request as it is submitted and {@link ArithmeticViewModel#refresh()} shows
 * it, as the view's frame timer would.
 */
class ArithmeticViewModelTest {

    private static final ModelConfig TINY = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);

    @TempDir
    Path tmp;

    private ActiveGenerator generator;
    private ArithmeticViewModel vm;

    private static GeneratorWeights weights(ModelConfig config, long seed) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); Generator g = new Generator(config, m, seed)) {
            return GeneratorWeights.of(g, 1, "tiny " + seed);
        }
    }

    @BeforeEach
    void open() {
        generator = new ActiveGenerator(BackgroundTasks.SAME_THREAD, null, new SameThreadRenderer(Device.cpu()));
        vm = new ArithmeticViewModel(generator, BackgroundTasks.SAME_THREAD);
        use(TINY, 11);
    }

    @AfterEach
    void close() {
        generator.close();
    }

    /** Loads weights and shows what they drew. */
    private void use(ModelConfig config, long seed) {
        generator.use(weights(config, seed));
        vm.refresh();
    }

    /** Clicks candidates {@code first..first+count-1} into group {@code group}. */
    private void fill(int group, int first, int count) {
        vm.selectedGroupProperty().set(group);
        for (int i = first; i < first + count; i++) {
            vm.addCandidate(i);
        }
    }

    private static List<float[]> latents(LatentGroup g) {
        return g.members().stream().map(LatentGroup.Member::latent).toList();
    }

    /** The image of {@code z} drawn alone by a renderer of its own with the same weights. */
    private int[] drawnAlone(float[] z) {
        try (SameThreadRenderer r = new SameThreadRenderer(Device.cpu())) {
            r.setWeights(generator.weightsProperty().get());
            return r.channel("check").render(List.of(z), false).join().argb().get(0);
        }
    }

    /** Makes group {@code group} want long hair (or not), and nothing else. */
    private void wantLongHair(int group, boolean longHair) {
        vm.groups().get(group).wanted().values().forEach(p -> p.set(null));
        vm.groups().get(group).wanted().get("long_hair").set(longHair);
    }

    @Test
    void clickedSamplesFillGroupsAndTheResultIsTheSignedSumOfTheirAverages() {
        assertEquals(ArithmeticViewModel.CANDIDATES, vm.candidatesProperty().get().size());
        fill(0, 0, 3);
        fill(1, 3, 3);
        assertTrue(vm.resultProperty().get().isEmpty(), "no result while a group is empty");
        assertTrue(vm.resultLatents().isEmpty());
        fill(2, 6, 3);
        vm.refresh();
        assertEquals(9, vm.resultProperty().get().size(), "the 3×3 result");
        assertEquals("", vm.messageProperty().get(), "groups of the paper's size need no advice");
        assertArrayEquals(vm.candidatesProperty().get().get(4).argb(),
                vm.groups().get(1).members().get(1).pixels().argb(), "a clicked sample keeps its image");

        float[] expected = Vectors.addScaled(Vectors.addScaled(Vectors.mean(latents(vm.groups().get(0))),
                Vectors.mean(latents(vm.groups().get(1))), -1), Vectors.mean(latents(vm.groups().get(2))), 1);
        assertArrayEquals(expected, vm.resultLatents().get(0), 1e-5f);
        for (int i = 1; i < 9; i++) {
            for (int d = 0; d < 8; d++) {
                assertTrue(Math.abs(vm.resultLatents().get(i)[d] - expected[d]) <= 0.25 + 1e-6);
            }
        }
        for (LatentGroup g : vm.groups()) {
            assertArrayEquals(drawnAlone(Vectors.mean(latents(g))), g.averageProperty().get().argb(),
                    "each group shows the image of its average latent");
        }
        assertArrayEquals(drawnAlone(vm.resultLatents().get(0)), vm.resultProperty().get().get(4).argb(),
                "the result in the centre");

        vm.removeMember(2, 0);
        vm.removeMember(2, 0);
        vm.refresh();
        assertArrayEquals(vm.groups().get(2).members().get(0).pixels().argb(),
                vm.groups().get(2).averageProperty().get().argb(), "the average of one sample is that sample");
        vm.removeMember(2, 0);
        assertTrue(vm.resultProperty().get().isEmpty(), "no result once a group is emptied");
        assertNull(vm.groups().get(2).averageProperty().get());
    }

    @Test
    void theResultSitsInTheCentreOfTheGridAmidItsNoisyNeighbours() {
        assertEquals(List.of(1, 2, 3, 4, 0, 5, 6, 7, 8), ResultGrid.centreFirst(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8)));
        fill(0, 0, 1);
        fill(1, 1, 1);
        fill(2, 2, 1);
        vm.refresh();
        List<float[]> before = vm.resultLatents();
        List<Pixels> grid = vm.resultProperty().get();
        vm.newNoise();
        vm.refresh();
        assertArrayEquals(before.get(0), vm.resultLatents().get(0), 0f, "new noise keeps the result");
        assertFalse(Arrays.equals(before.get(1), vm.resultLatents().get(1)), "and moves its neighbours");
        assertArrayEquals(grid.get(4).argb(), vm.resultProperty().get().get(4).argb(), "the centre is the result");

        vm.noiseProperty().set(0);
        vm.refresh();
        for (int i = 1; i < 9; i++) {
            assertArrayEquals(before.get(0), vm.resultLatents().get(i), 0f, "no noise, no difference");
            assertArrayEquals(grid.get(4).argb(), vm.resultProperty().get().get(i).argb());
        }
    }

    @Test
    void candidatesAreRedrawnOnRequestAndStayWhileTheLatentSizeDoes() {
        List<Pixels> first = vm.candidatesProperty().get();
        fill(0, 0, 1);
        float[] picked = latents(vm.groups().get(0)).get(0);
        vm.newCandidates();
        vm.refresh();
        assertFalse(Arrays.equals(first.get(0).argb(), vm.candidatesProperty().get().get(0).argb()), "new samples");
        vm.addCandidate(0);
        assertFalse(Arrays.equals(picked, latents(vm.groups().get(0)).get(1)));

        use(new ModelConfig(32, 3, 8, 4, 4, LatentPrior.UNIFORM), 12);
        assertEquals(2, vm.groups().get(0).members().size(), "a generator of the same latent size keeps the groups");
        vm.addCandidate(0);
        assertArrayEquals(latents(vm.groups().get(0)).get(1), latents(vm.groups().get(0)).get(2), 0f,
                "and the candidates, drawn anew by it");
        vm.newCandidates();
        fill(1, 0, ArithmeticViewModel.CANDIDATES);
        for (float[] z : latents(vm.groups().get(1))) {
            for (float v : z) {
                assertTrue(v >= -1 && v <= 1, "new candidates come from the new generator's uniform prior: " + v);
            }
        }
        vm.selectedGroupProperty().set(0);
        use(new ModelConfig(32, 3, 6, 4, 4, LatentPrior.NORMAL), 13);
        assertTrue(vm.groups().stream().allMatch(g -> g.members().isEmpty()), "latents of another size go");
        assertEquals(ArithmeticViewModel.CANDIDATES, vm.candidatesProperty().get().size());
        vm.addCandidate(0);
        vm.addCandidate(ArithmeticViewModel.CANDIDATES);
        assertEquals(6, latents(vm.groups().get(0)).get(0).length);
        assertEquals(1, vm.groups().get(0).members().size(), "a candidate that is not there adds nothing");
        assertArrayEquals(drawnAlone(latents(vm.groups().get(0)).get(0)),
                vm.groups().get(0).members().get(0).pixels().argb(), "a candidate joins with its image");
    }

    @Test
    void groupsComeAndGoButOneStays() {
        LatentGroup added = vm.addGroup(-1, "glasses");
        assertEquals(4, vm.groups().size());
        assertEquals(-1, added.sign());
        vm.selectedGroupProperty().set(3);
        vm.removeGroup(3);
        assertEquals(2, vm.selectedGroupProperty().get(), "the selection moves to a group that is there");
        vm.removeGroup(0);
        vm.removeGroup(0);
        vm.removeGroup(0);
        assertEquals(1, vm.groups().size());
        assertEquals("neutral, short hair", vm.groups().get(0).nameProperty().get());
        fill(0, 0, 1);
        vm.refresh();
        assertEquals(9, vm.resultProperty().get().size(), "one group is a recipe too");
        assertTrue(vm.messageProperty().get().contains(String.valueOf(LatentGroup.RECOMMENDED)),
                vm.messageProperty().get());
    }

    @Test
    void groupsFilledByAttributesHoldSamplesTheClassifierLabelsSo() throws Exception {
        for (int g = 0; g < 2; g++) {
            wantLongHair(g, g == 0);
            vm.fillByAttributes(g);
        }
        assertFalse(vm.fillingProperty().get());
        int total = vm.groups().get(0).members().size() + vm.groups().get(1).members().size();
        assertTrue(total >= LatentGroup.RECOMMENDED, "every image has long hair or not: one group fills ("
                + vm.messageProperty().get() + ")");
        Path folder = AttributeFill.shippedClassifier().orElseThrow();
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); Generator g = new Generator(TINY, m, 0);
                AttributeClassifier c = AttributeClassifier.load(folder, m)) {
            Autograd.disableOnThisThread();
            generator.weightsProperty().get().loadInto(g);
            for (int group = 0; group < 2; group++) {
                for (LatentGroup.Member member : vm.groups().get(group).members()) {
                    float[] img = g.forward(m.create(member.latent(), new Shape(1, 8, 1, 1)), false).toFloatArray();
                    boolean longHair = c.predict(img, 1, 32)[0][1];
                    assertEquals(group == 0, longHair, "group " + group);
                }
            }
        }
        vm.refresh();
        for (int group = 0; group < 2; group++) {
            for (LatentGroup.Member member : vm.groups().get(group).members()) {
                assertArrayEquals(drawnAlone(member.latent()), member.pixels().argb(), "found samples are drawn");
            }
        }

        vm.groups().get(2).wanted().values().forEach(p -> p.set(null));
        vm.fillByAttributes(2);
        assertEquals("choose at least one attribute for the group first", vm.messageProperty().get());
    }

    @Test
    void fillingByAttributesSaysWhyItCannot() {
        vm = new ArithmeticViewModel(generator, BackgroundTasks.SAME_THREAD, Optional::empty);
        vm.fillByAttributes(0);
        assertEquals("no attribute classifier found (assets/attribute-classifier)", vm.messageProperty().get());

        vm = new ArithmeticViewModel(generator, BackgroundTasks.SAME_THREAD, () -> Optional.of(tmp.resolve("none")));
        vm.fillByAttributes(0);
        assertTrue(vm.messageProperty().get().startsWith("could not fill the group: "), vm.messageProperty().get());
        assertFalse(vm.fillingProperty().get(), "a failed fill lets the next one start");

        use(new ModelConfig(32, 1, 8, 4, 4, LatentPrior.NORMAL), 3);
        vm.fillByAttributes(0);
        assertEquals("the attribute classifier judges RGB faces; this generator makes grey images",
                vm.messageProperty().get());
        assertTrue(vm.groups().get(0).members().isEmpty());
    }

    @Test
    void aFillThatFinishesAfterItsGroupOrGeneratorChangedAddsNothing() {
        DeferredTasks tasks = new DeferredTasks();
        vm = new ArithmeticViewModel(generator, tasks);
        for (int g = 0; g < 3; g++) {
            wantLongHair(g, true);
        }
        vm.fillByAttributes(0);
        assertTrue(vm.fillingProperty().get());
        vm.fillByAttributes(1);
        assertEquals(1, tasks.waiting(), "one fill at a time");
        tasks.runAll();
        assertFalse(vm.fillingProperty().get());
        assertFalse(vm.groups().get(0).members().isEmpty(), "this model draws long hair: a fill finds some");
        assertTrue(vm.groups().get(1).members().isEmpty());

        vm.fillByAttributes(1);
        LatentGroup removed = vm.groups().get(1);
        vm.removeGroup(1);
        tasks.runAll();
        assertTrue(removed.members().isEmpty(), "a removed group");

        vm.fillByAttributes(1);
        use(new ModelConfig(32, 3, 6, 4, 4, LatentPrior.NORMAL), 3);
        tasks.runAll();
        assertFalse(vm.fillingProperty().get());
        assertTrue(vm.groups().stream().allMatch(g -> g.members().isEmpty()), "latents for the generator before");
    }

    @Test
    void recipesRoundTripAndTheFigureIsWritten() throws Exception {
        Path figure = tmp.resolve("figure.png");
        vm.exportFigure(figure, 2);
        assertEquals("fill every group first", vm.messageProperty().get());
        assertFalse(Files.exists(figure));

        fill(0, 0, 3);
        fill(1, 3, 3);
        fill(2, 6, 2);
        vm.noiseProperty().set(0.1);
        vm.recipeNameProperty().set("glasses − none + none");
        vm.refresh();
        List<float[]> before = vm.resultLatents();
        assertTrue(vm.messageProperty().get().contains(String.valueOf(LatentGroup.RECOMMENDED)),
                "a group of 2 gets the paper's advice: " + vm.messageProperty().get());
        vm.exportFigure(figure, 2);
        assertEquals("exported figure.png", vm.messageProperty().get());
        BufferedImage img = ImageIO.read(figure.toFile());
        assertNotNull(img);
        // 64-pixel tiles 4 apart: a sign column, 3 members and the average, "=", a sign column, 3 results
        assertEquals(28 + 4 * 68 + 8 + 28 + 3 * 68 + 4, img.getWidth());
        assertEquals(3 * 68 + 4, img.getHeight());
        int centreX = 28 + 4 * 68 + 8 + 28 + 4 + 68;
        assertEquals(vm.resultProperty().get().get(4).argb()[0] & 0xFFFFFF, img.getRGB(centreX, 4 + 68) & 0xFFFFFF,
                "the result sits in the centre of the figure's grid");

        Path recipe = tmp.resolve("recipe.json");
        vm.saveRecipe(recipe);
        assertEquals("saved recipe.json", vm.messageProperty().get());
        vm.removeGroup(2);
        vm.groups().get(0).members().clear();
        vm.recipeNameProperty().set("other");
        vm.noiseProperty().set(0.5);
        vm.newNoise();
        vm.loadRecipe(recipe);
        assertEquals("loaded glasses − none + none", vm.messageProperty().get());
        assertEquals("glasses − none + none", vm.recipeNameProperty().get());
        assertEquals(0.1, vm.noiseProperty().get(), 1e-9);
        assertEquals(3, vm.groups().size());
        assertEquals(-1, vm.groups().get(1).sign());
        assertEquals(2, vm.groups().get(2).members().size());
        assertEquals(0, vm.selectedGroupProperty().get());
        for (int i = 0; i < 9; i++) {
            assertArrayEquals(before.get(i), vm.resultLatents().get(i), 1e-6f, "same latents and noise seed");
        }
        assertNull(vm.groups().get(0).members().get(0).pixels(), "a recipe holds latents, not images");
        vm.refresh();
        for (LatentGroup g : vm.groups()) {
            for (LatentGroup.Member member : g.members()) {
                assertArrayEquals(drawnAlone(member.latent()), member.pixels().argb(), "loaded members are drawn");
            }
        }

        Files.writeString(recipe, "{\"format\": \"dcgan-studio-arithmetic-recipe\", \"terms\": [{\"sign\": 1, "
                + "\"name\": \"x\", \"latents\": [[1, 2]]}]}");
        vm.loadRecipe(recipe);
        assertTrue(vm.messageProperty().get().contains("recipe.json") && vm.messageProperty().get().contains("8"),
                vm.messageProperty().get());
        assertEquals(3, vm.groups().size(), "a recipe that does not fit changes nothing");
    }
}
