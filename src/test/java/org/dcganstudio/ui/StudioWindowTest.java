package org.dcganstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.dcganstudio.app.PreferenceStore;
import org.dcganstudio.app.shell.StudioServices;
import org.dcganstudio.app.shell.StudioViewModel;
import org.dcganstudio.app.train.DatasetChoice;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.OptimizerSettings;
import org.dcganstudio.core.training.TrainConfig;
import org.dcganstudio.core.training.TrainingRun;
import org.dcganstudio.testing.GifFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real main window, headless (Monocle), driven as a user would. */
@ExtendWith(ApplicationExtension.class)
class StudioWindowTest {

    @TempDir
    static Path tmp;

    private StudioViewModel vm;
    private MainWindow window;
    private FxBackgroundTasks tasks;

    @Start
    void start(Stage stage) {
        tasks = new FxBackgroundTasks();
        PreferenceStore prefs = PreferenceStore.inMemory();
        prefs.put(StudioViewModel.RUNS_DIR, tmp.resolve("runs").toString());
        vm = StudioServices.create(tasks, prefs);
        window = new MainWindow(vm, stage);
        stage.show();
    }

    @AfterEach
    void close() {
        vm.close(false);
        tasks.close();
    }

    @Test
    void trainsPausesStepsChangesLearningRatesAndStopsThroughTheWindow(FxRobot robot) throws Exception {
        assertTrue(robot.lookup("#tab-train").tryQuery().isPresent());
        assertTrue(robot.lookup("#tab-explore").tryQuery().isPresent());
        useTinyModel(robot);
        await(() -> robot.lookup("#start").queryAs(Button.class).isDisabled() == false, "the data set to be inspected");
        Label description = robot.lookup("#dataset-description").queryAs(Label.class);
        assertTrue(description.getText().contains("50,000 images, trained as 32×32×3"), description.getText());

        robot.clickOn("#start");
        await(() -> vm.train().stepProperty().get() >= 3 && window.trainView().gridView().grid() != null
                && window.trainView().lossChart().rows() >= 3, "steps, a grid and chart rows");
        snapshot(robot, "train.png");
        assertEquals("epoch 0", robot.lookup("#epoch-text").queryAs(Label.class).getText(),
                "counted from 0, as metrics.csv and the GIF captions");

        robot.clickOn("#pause");
        await(() -> vm.train().stateTextProperty().get().equals("paused"), "the pause");
        long at = vm.train().stepProperty().get();
        robot.clickOn("#step");
        await(() -> vm.train().stepProperty().get() == at + 1, "one step");

        replaceText(robot, "#lr-g", "1e-4");
        robot.clickOn("#apply-lr");
        await(() -> vm.train().messageProperty().get().contains("learning rates now 0.000100 (G)"),
                "the learning-rate change (message: " + vm.train().messageProperty().get() + ", lr field: "
                        + vm.train().lrGProperty().get() + ", error: " + vm.train().lrErrorProperty().get() + ")");

        robot.clickOn("#resume");
        await(() -> vm.train().stepProperty().get() > at + 2, "training to carry on");
        robot.clickOn("#stop");
        await(() -> vm.train().stateTextProperty().get().equals("stopped"), "the stop");
        ListView<?> checkpoints = robot.lookup("#checkpoints").queryAs(ListView.class);
        await(() -> !checkpoints.getItems().isEmpty(), "the final checkpoint in the list");
        assertTrue(Files.exists(vm.train().runDirProperty().get().resolve("config.json")));
        assertTrue(Files.readString(vm.train().runDirProperty().get().resolve("config.json")).contains("\"lr_g\": 1.0E-4"));
    }

    @Test
    void aDataSetThatBreaksBeforeTheRunShowsTheErrorDialog(FxRobot robot) throws Exception {
        useTinyModel(robot);
        Path folder = Files.createDirectories(tmp.resolve("photos"));
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 9; i++) {
            ImageIO.write(img, "png", folder.resolve("p" + i + ".png").toFile());
        }
        robot.interact(() -> {
            vm.train().dataset().kindProperty().set(DatasetChoice.Kind.IMAGE_FOLDER);
        });
        robot.clickOn("#dataset-path").write(folder.toString());
        await(() -> !robot.lookup("#start").queryAs(Button.class).isDisabled(), "the folder to be inspected");
        for (int i = 0; i < 9; i++) {
            Files.delete(folder.resolve("p" + i + ".png"));
        }
        robot.clickOn("#start");
        await(() -> robot.lookup("#failure-dialog").tryQuery().isPresent(), "the error dialog");
        String text = robot.lookup("#failure-dialog").queryAs(javafx.scene.control.DialogPane.class).getContentText();
        assertTrue(text.contains(folder.toString()), text);
        assertEquals("failed", vm.train().stateTextProperty().get());
    }

    @Test
    void aRunDirectoryTheCliWroteShowsItsChartsGridAndCheckpoints(FxRobot robot) throws Exception {
        Path run = tinyRun("cli-run", 20);
        robot.interact(() -> vm.train().follow(run));
        await(() -> window.trainView().lossChart().rows() == 20 && window.trainView().gridView().grid() != null
                && window.trainView().gridView().grid().step() == 20, "the run's charts and last grid");
        assertTrue(robot.lookup("#continue-run").queryAs(Button.class).isVisible());
        ListView<?> checkpoints = robot.lookup("#checkpoints").queryAs(ListView.class);
        await(() -> checkpoints.getItems().size() == 2, "both checkpoints listed");
        // Scrub the timeline back to the first grid.
        Slider slider = robot.lookup("#grid-timeline").queryAs(Slider.class);
        robot.interact(() -> slider.setValue(0));

        await(() -> window.trainView().gridView().grid().step() == 0, "the first grid");
    }

    @Test
    void aSampleClickedInTrainOpensExploreWhereSlidersAndAnchorsChangeWhatIsDrawn(FxRobot robot) throws Exception {
        Path run = tinyRun("explore-run", 10);
        robot.interact(() -> vm.train().follow(run));
        await(() -> window.trainView().gridView().grid() != null, "the run's grid");
        // image 0 of the 8-column grid: 2 px of padding, then 32 px of image
        javafx.scene.image.ImageView gridImage = robot.lookup("#sample-grid").lookup(
                (javafx.scene.Node n) -> n instanceof javafx.scene.image.ImageView).queryAs(
                javafx.scene.image.ImageView.class);
        double scale = gridImage.getBoundsInLocal().getWidth() / window.trainView().gridView().grid().width();
        robot.clickOn(robot.point(gridImage).atPosition(javafx.geometry.Pos.TOP_LEFT)
                .atOffset(new javafx.geometry.Point2D(18 * scale, 18 * scale)));
        await(() -> vm.sectionProperty().get() == StudioViewModel.Section.EXPLORE
                && window.exploreView().imageView().shown() != null, "Explore to show the clicked sample");
        float[] fixed = org.dcganstudio.core.training.Checkpoint.read(run).fixedNoise();
        assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOf(fixed, 8)),
                java.util.Arrays.toString(vm.explore().currentLatent()), "sample 0's latent");

        expandWithoutAnimation(robot, "Latent dimensions"); // no moving target for the drag
        await(() -> robot.lookup("#dimension-0").tryQuery().map(javafx.scene.Node::isVisible).orElse(false),
                "the dimension sliders");
        org.dcganstudio.app.Pixels before = window.exploreView().imageView().shown();
        Slider dimension = robot.lookup("#dimension-0").queryAs(Slider.class);
        robot.drag(robot.point(dimension).atPosition(javafx.geometry.Pos.CENTER)).moveBy(25, 0).moveBy(25, 0).drop();
        await(() -> vm.explore().rawOffsets().get(0).get() > 0.5, "the slider to move");
        await(() -> window.exploreView().imageView().shown() != before
                && !java.util.Arrays.equals(before.argb(), window.exploreView().imageView().shown().argb()),
                "the image to change with the slider");

        await(() -> robot.lookup("#sample-3").tryQuery().isPresent(), "the sample grid");
        robot.clickOn("#sample-3");
        robot.clickOn("#add-anchor");
        robot.clickOn("#sample-4");
        robot.clickOn("#add-anchor");
        await(() -> robot.lookup("#explore-strip").queryAs(javafx.scene.layout.HBox.class).getChildren().size()
                == vm.explore().framesProperty().get(), "the interpolation strip");
        robot.interact(() -> vm.explore().framesProperty().set(7)); // as a loaded exploration sets it
        assertEquals(7, robot.lookup("#path-frames").queryAs(javafx.scene.control.Spinner.class).getValue());
        await(() -> robot.lookup("#explore-strip").queryAs(javafx.scene.layout.HBox.class).getChildren().size() == 7,
                "a strip of 7");
        snapshot(robot, "explore.png");
    }

    @Test
    void aDimensionSliderExportsASweepGifAtTheScaleChosenInExplore(FxRobot robot) throws Exception {
        Path run = tinyRun("sweep-run", 4);
        robot.interact(() -> {
            vm.generator().open(run);
            vm.sectionProperty().set(StudioViewModel.Section.EXPLORE);
        });
        await(() -> window.exploreView().imageView().shown() != null, "the Explore image");
        Path out = Files.createDirectories(tmp.resolve("sweeps"));
        String[] suggested = new String[1];
        robot.interact(() -> window.exploreView().saveDialog(chooser -> {
            suggested[0] = chooser.getInitialFileName();
            return out.resolve(suggested[0] == null ? "unnamed" : suggested[0]).toFile();
        }));

        robot.clickOn("#export-scale");
        robot.clickOn("2×");
        assertEquals(2, robot.lookup("#export-scale").queryAs(ChoiceBox.class).getValue());
        assertEquals(2, vm.explore().exportScaleProperty().get());

        expandWithoutAnimation(robot, "Latent dimensions");
        await(() -> robot.lookup("#sweep-dimension-0").tryQuery().map(javafx.scene.Node::isVisible).orElse(false),
                "the dimension rows");
        robot.clickOn("#sweep-dimension-0");
        Path gif = out.resolve("sweep-z0.gif");
        await(() -> vm.explore().messageProperty().get().startsWith("exported")
                || vm.explore().messageProperty().get().startsWith("could not"), "the sweep GIF");
        assertEquals("exported sweep-z0.gif: 48 frames", vm.explore().messageProperty().get());
        assertFalse(vm.explore().exportingProperty().get());
        assertEquals("sweep-z0.gif", suggested[0]);
        GifFiles.Decoded read = GifFiles.read(gif);
        assertEquals(2 * org.dcganstudio.app.explore.ExploreExports.SWEEP_STEPS, read.frames().size());
        assertEquals(64, read.width(), "32 px at 2×");
        try (java.util.stream.Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(gif), files.toList(), "the GIF and nothing else");
        }
        assertFalse(robot.lookup("#explore-export-busy").query().isVisible(),
                "progress and Cancel show only while exporting");

        // The keyboard's way through the menu: Enter opens the Export menu; down
        // past the three PNGs, the walk and the direction sweeps (none found yet) to the dimension
        // sweeps, right into them, down from z0 to z1, Enter.
        javafx.scene.control.MenuButton export = robot.lookup("#explore-export").queryAs(
                javafx.scene.control.MenuButton.class);
        javafx.scene.control.Menu dimensions = (javafx.scene.control.Menu) export.getItems().stream()
                .filter(item -> "dimension-sweeps".equals(item.getId())).findFirst().orElseThrow();
        robot.interact(export::requestFocus);
        robot.type(KeyCode.ENTER);
        await(export::isShowing, "the Export menu");
        robot.type(KeyCode.DOWN, 6);
        robot.type(KeyCode.RIGHT);
        await(dimensions::isShowing, "the dimension sweeps submenu");
        robot.type(KeyCode.DOWN);
        robot.type(KeyCode.ENTER);
        await(() -> vm.explore().messageProperty().get().startsWith("exported sweep-z1.gif"), "the z1 sweep");
        assertEquals(2 * org.dcganstudio.app.explore.ExploreExports.SWEEP_STEPS,
                GifFiles.read(out.resolve("sweep-z1.gif")).frames().size());

        // Space presses a focused button; it pauses training only when no button has the focus.
        String state = vm.train().stateTextProperty().get();
        javafx.scene.Node z2 = robot.lookup("#sweep-dimension-2").query();
        robot.interact(z2::requestFocus);
        robot.type(KeyCode.SPACE);
        await(() -> vm.explore().messageProperty().get().startsWith("exported sweep-z2.gif"), "the z2 sweep by Space");
        assertEquals(state, vm.train().stateTextProperty().get(), "training untouched");
    }

    @Test
    void exportShowsSettingsMadeElsewhereAndPlaysTheGifItWrote(FxRobot robot) throws Exception {
        Path run = tinyRun("export-run", 10);
        robot.interact(() -> {
            vm.export().runDirProperty().set(run);
            vm.export().cellsProperty().set(2);
            vm.export().framesProperty().set(5);
            vm.sectionProperty().set(StudioViewModel.Section.EXPORT);
        });
        assertEquals(2, robot.lookup("#export-cells").queryAs(ChoiceBox.class).getValue());
        Path out = tmp.resolve("evolution.gif");
        robot.interact(() -> vm.export().exportGif(out));
        await(() -> out.equals(vm.export().writtenProperty().get()), "the GIF (" + vm.export().messageProperty().get() + ")");
        robot.push(KeyCode.SHORTCUT, KeyCode.DIGIT2);
        await(() -> vm.sectionProperty().get() == StudioViewModel.Section.EXPLORE, "Ctrl+2: Explore");
        robot.push(KeyCode.SHORTCUT, KeyCode.DIGIT4);
        await(() -> vm.sectionProperty().get() == StudioViewModel.Section.EXPORT, "Ctrl+4: Export");
        javafx.scene.image.ImageView preview = robot.lookup("#export-preview").queryAs(javafx.scene.image.ImageView.class);
        await(() -> preview.getImage() != null && preview.getImage().getProgress() == 1, "the preview to load");
        assertFalse(preview.getImage().isError(), "the written GIF plays");
        assertEquals(2 * (32 + 2) + 2, (int) preview.getImage().getWidth(), "the 2×2 corner it wrote");
    }

    @Test
    void groupsFilledByClickingSamplesGiveTheArithmeticResultGrid(FxRobot robot) throws Exception {
        Path run = tinyRun("arithmetic-run", 4);
        robot.interact(() -> {
            vm.generator().open(run);
            vm.sectionProperty().set(StudioViewModel.Section.ARITHMETIC);
        });
        await(() -> robot.lookup("#candidate-8").tryQuery().isPresent(), "the candidate samples");
        for (int group = 0; group < 3; group++) {
            robot.clickOn("#group-select-" + group);
            for (int i = 0; i < 3; i++) {
                robot.clickOn("#candidate-" + (3 * group + i));
            }
        }
        javafx.scene.layout.TilePane result = robot.lookup("#arithmetic-result").queryAs(javafx.scene.layout.TilePane.class);
        await(() -> result.getChildren().size() == 9, "the 3×3 result grid");
        for (int group = 0; group < 3; group++) {
            assertEquals(3, vm.arithmetic().groups().get(group).members().size(), "group " + group);
        }
        await(() -> robot.lookup("#group-average-2").queryAs(PixelsView.class).shown() != null, "the averages");
        snapshot(robot, "arithmetic.png");
    }

    /**
     * The folder holds nothing but a pipe named like an image, which the old scan opened and so hung
     * on forever; a machine without {@code mkfifo} runs it with the folder empty.
     */
    @Test
    void anEmptyFolderIsRefusedBeforeStarting(FxRobot robot) throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        makePipe(empty.resolve("stuck.png"));
        robot.interact(() -> vm.train().dataset().kindProperty().set(DatasetChoice.Kind.IMAGE_FOLDER));
        robot.clickOn("#dataset-path").write(empty.toString());
        Label error = robot.lookup("#dataset-error").queryAs(Label.class);
        await(() -> error.getText().contains(empty.toString()), "the chooser's error");
        assertTrue(robot.lookup("#start").queryAs(Button.class).isDisabled());

        replaceText(robot, "#form-batch", "0");
        await(() -> Boolean.TRUE.equals(window.trainView().validation().isInvalid()), "the form's validation marker");
        String fieldError = vm.train().form().field("batch").errorProperty().get();
        assertFalse(fieldError.isEmpty());
        assertTrue(window.trainView().validation().getValidationResult().getErrors().stream()
                .anyMatch(m -> m.getText().equals(fieldError)), "the decoration shows the ViewModel's message");
        replaceText(robot, "#form-batch", "64");
        await(() -> !Boolean.TRUE.equals(window.trainView().validation().isInvalid()), "the marker to go");
    }

    private static void makePipe(Path file) throws InterruptedException {
        try {
            new ProcessBuilder("mkfifo", file.toString()).inheritIO().start().waitFor();
        } catch (IOException e) {
            // No mkfifo here: ImageFolderHazardsTest reports the pipe case as skipped.
        }
    }

    /** A run directory as the CLI writes it: the tiny model on solid colours, a grid every 5 steps. */
    private static Path tinyRun(String name, long steps) throws IOException {
        Path run = tmp.resolve(name);
        ModelConfig model = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);
        TrainConfig config = new TrainConfig(model, OptimizerSettings.PAPER, 8, "solid-colours:64", 1, steps, 0, 5, 10,
                "cpu");
        TrainingRun.start(config, run, new TrainingRun.Listener() {}).run(() -> false);
        return run;
    }

    /** 32×32 RGB, nz 8, ngf = ndf = 4, batch 8: a step takes milliseconds. */
    private void useTinyModel(FxRobot robot) {
        robot.interact(() -> robot.lookup("#form-image-size").queryAs(ComboBox.class).setValue("32"));
        for (String[] f : new String[][] {{"#form-nz", "8"}, {"#form-ngf", "4"}, {"#form-ndf", "4"}, {"#form-batch", "8"},
            {"#form-epochs", "1"}}) {
            replaceText(robot, f[0], f[1]);
        }
        assertEquals("8", vm.train().form().field("batch").textProperty().get());
    }

    /** Clicks a text field, selects all of it and types over it, as a user would. */
    private static void replaceText(FxRobot robot, String id, String text) {
        robot.clickOn(id);
        robot.interact(() -> robot.lookup(id).queryAs(javafx.scene.control.TextField.class).selectAll());
        robot.write(text);
    }

    private static void await(Callable<Boolean> condition, String what) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new TimeoutException("timed out waiting for " + what);
        }
    }

    /** Saves the window to target/screenshots (and docs/screenshots when asked for). */
    private void snapshot(FxRobot robot, String name) throws IOException {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = robot.window(0).getScene().snapshot(null));
        int w = (int) shot[0].getWidth();
        int h = (int) shot[0].getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            shot[0].getPixelReader().getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
            out.setRGB(0, 0 + y, w, 1, row, 0, w);
        }
        Path dir = Path.of(System.getProperty("dcgan.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        ImageIO.write(out, "png", dir.resolve(name).toFile());
        assertFalse(w == 0);
    }

    /**
     * Opens the titled pane {@code title} with its animation off: a click during the expand
     * animation would land where the control is about to leave, and a fixed wait only guesses.
     */
    private static void expandWithoutAnimation(FxRobot robot, String title) {
        javafx.scene.control.TitledPane pane = robot.lookup(".titled-pane").queryAllAs(javafx.scene.control.TitledPane.class)
                .stream().filter(p -> title.equals(p.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no titled pane '" + title + "'"));
        robot.interact(() -> {
            pane.setAnimated(false);
            pane.setExpanded(true);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
