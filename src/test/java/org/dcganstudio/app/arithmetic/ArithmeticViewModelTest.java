package org.dcganstudio.app.arithmetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.dcganstudio.app.ActiveGenerator;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.core.latent.Vectors;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.core.render.LatentRenderer;
import org.dcganstudio.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArithmeticViewModelTest {

    private static final ModelConfig TINY = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);

    @TempDir
    Path tmp;

    private ActiveGenerator generator;
    private ArithmeticViewModel vm;

    @BeforeEach
    void open() {
        generator = new ActiveGenerator(BackgroundTasks.SAME_THREAD, null, new LatentRenderer(Device.cpu()));
        vm = new ArithmeticViewModel(generator, BackgroundTasks.SAME_THREAD);
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); Generator g = new Generator(TINY, m, 11)) {
            generator.use(GeneratorWeights.of(g, 1, "tiny"));
        }
    }

    @AfterEach
    void close() {
        generator.close();
    }

    private void until(BooleanSupplier done, String what) throws InterruptedException {
        Eventually.until(vm::refresh, done, what);
    }

    /** Clicks candidates {@code first..first+count-1} into group {@code group}. */
    private void fill(int group, int first, int count) {
        vm.selectedGroupProperty().set(group);
        for (int i = first; i < first + count; i++) {
            vm.addCandidate(i);
        }
    }

    @Test
    void clickedSamplesFillGroupsAndTheResultIsTheSignedSumOfTheirAverages() throws Exception {
        until(() -> vm.candidatesProperty().get().size() == ArithmeticViewModel.CANDIDATES, "the candidates");
        fill(0, 0, 3);
        fill(1, 3, 3);
        assertTrue(vm.resultProperty().get().isEmpty(), "no result while a group is empty");
        fill(2, 6, 3);
        until(() -> vm.resultProperty().get().size() == 9, "the 3×3 result");

        List<float[]> a = vm.groups().get(0).members().stream().map(LatentGroup.Member::latent).toList();
        List<float[]> b = vm.groups().get(1).members().stream().map(LatentGroup.Member::latent).toList();
        List<float[]> c = vm.groups().get(2).members().stream().map(LatentGroup.Member::latent).toList();
        float[] expected = Vectors.addScaled(Vectors.addScaled(Vectors.mean(a), Vectors.mean(b), -1), Vectors.mean(c), 1);
        assertArrayEquals(expected, vm.resultLatents().get(0), 1e-5f);
        for (int i = 1; i < 9; i++) {
            for (int d = 0; d < 8; d++) {
                assertTrue(Math.abs(vm.resultLatents().get(i)[d] - expected[d]) <= 0.25 + 1e-6);
            }
        }
        until(() -> vm.groups().stream().allMatch(g -> g.averageProperty().get() != null
                && g.members().stream().allMatch(m -> m.pixels() != null)), "averages and member images");

        vm.removeMember(2, 0);
        vm.removeMember(2, 0);
        vm.removeMember(2, 0);
        until(() -> vm.resultProperty().get().isEmpty(), "no result once a group is emptied");
        assertTrue(vm.groups().get(2).averageProperty().get() == null);
    }

    @Test
    void groupsFilledByAttributesHoldSamplesTheClassifierLabelsSo() throws Exception {
        for (int g = 0; g < 2; g++) {
            vm.groups().get(g).wanted().values().forEach(p -> p.set(null));
            vm.groups().get(g).wanted().get("long_hair").set(g == 0);
            vm.groups().get(g).members().clear();
            vm.fillByAttributes(g);
        }
        int total = vm.groups().get(0).members().size() + vm.groups().get(1).members().size();
        assertTrue(total >= LatentGroup.RECOMMENDED, "every image has long hair or not: one group fills ("
                + vm.messageProperty().get() + ")");
        java.nio.file.Path folder = org.dcganstudio.core.io.ShippedAssets.find(Path.of("attribute-classifier")).get();
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); Generator g = new Generator(TINY, m, 0);
                org.dcganstudio.core.measure.AttributeClassifier c =
                        org.dcganstudio.core.measure.AttributeClassifier.load(folder, m)) {
            org.dcganstudio.core.nn.Autograd.disableOnThisThread();
            generator.weightsProperty().get().loadInto(g);
            for (int group = 0; group < 2; group++) {
                for (LatentGroup.Member member : vm.groups().get(group).members()) {
                    float[] img = g.forward(m.create(member.latent(), new ai.djl.ndarray.types.Shape(1, 8, 1, 1)),
                            false).toFloatArray();
                    boolean longHair = c.predict(img, 1, 32)[0][1];
                    assertEquals(group == 0, longHair, "group " + group);
                }
            }
        }
        vm.groups().get(2).wanted().values().forEach(p -> p.set(null));
        vm.fillByAttributes(2);
        assertTrue(vm.messageProperty().get().contains("attribute"), vm.messageProperty().get());
    }

    @Test
    void theResultSitsInTheCentreOfTheGrid() {
        assertEquals(List.of(1, 2, 3, 4, 0, 5, 6, 7, 8), ResultGrid.centreFirst(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8)));
    }

    @Test
    void recipesRoundTripAndTheFigureIsWritten() throws Exception {
        until(() -> vm.candidatesProperty().get().size() == ArithmeticViewModel.CANDIDATES, "the candidates");
        fill(0, 0, 3);
        fill(1, 3, 3);
        fill(2, 6, 2);
        vm.noiseProperty().set(0.1);
        vm.recipeNameProperty().set("glasses − none + none");
        until(() -> vm.resultProperty().get().size() == 9 && vm.groups().stream().allMatch(g ->
                g.averageProperty().get() != null && g.members().stream().allMatch(m -> m.pixels() != null)),
                "everything drawn");
        List<float[]> before = vm.resultLatents();
        assertTrue(vm.messageProperty().get().contains("three") || vm.messageProperty().get().contains("3"),
                "a group of 2 gets the paper's advice: " + vm.messageProperty().get());
        Path figure = tmp.resolve("figure.png");
        vm.exportFigure(figure, 2);
        BufferedImage img = ImageIO.read(figure.toFile());
        assertNotNull(img);
        assertTrue(img.getWidth() > 3 * 64 && img.getHeight() >= 3 * 64, img.getWidth() + "×" + img.getHeight());

        Path recipe = tmp.resolve("recipe.json");
        vm.saveRecipe(recipe);
        vm.removeGroup(2);
        vm.groups().get(0).members().clear();
        vm.recipeNameProperty().set("other");
        vm.loadRecipe(recipe);
        assertEquals("glasses − none + none", vm.recipeNameProperty().get());
        assertEquals(3, vm.groups().size());
        assertEquals(-1, vm.groups().get(1).sign());
        assertEquals(2, vm.groups().get(2).members().size());
        for (int i = 0; i < 9; i++) {
            assertArrayEquals(before.get(i), vm.resultLatents().get(i), 1e-6f, "same latents and noise seed");
        }

        Files.writeString(recipe, "{\"format\": \"dcgan-studio-arithmetic-recipe\", \"terms\": [{\"sign\": 1, "
                + "\"name\": \"x\", \"latents\": [[1, 2]]}]}");
        vm.loadRecipe(recipe);
        assertTrue(vm.messageProperty().get().contains("recipe.json") && vm.messageProperty().get().contains("8"),
                vm.messageProperty().get());
    }
}
