package org.dcganstudio.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.dcganstudio.app.shell.StudioViewModel;

/**
 * {@code studio --screenshots DIR}: drives the window through Explore and Arithmetic with the
 * default model, as a user would, and saves each section as a PNG for the README, with the walk
 * (GIF and strip) and the arithmetic figure it made, then quits.
 * Each step acts once, then waits (polled on the FX thread, never blocking it) for what it shows.
 */
final class ScreenshotTour {

    private record Step(String what, Runnable action, BooleanSupplier done) {}

    private final StudioViewModel vm;
    private final Stage stage;
    private final Path dir;
    private final Deque<Step> steps = new ArrayDeque<>();
    private Timeline poll;
    private Step current;
    private long deadline;

    /** @param run a run directory to show in Train first (train.png), or null */
    ScreenshotTour(StudioViewModel vm, MainWindow window, Stage stage, Path dir, Path run) {
        this.vm = vm;
        this.stage = stage;
        this.dir = dir;
        var explore = vm.explore();
        var arithmetic = vm.arithmetic();
        if (run != null) {
            step("the run", () -> vm.train().follow(run), () -> vm.train().gridProperty().get() != null
                    && vm.train().metricsProperty().get().size() > 0);
            step("train.png", () -> shoot("train.png"), () -> true);
        }
        step("the default model", () -> { }, () -> vm.generator().weightsProperty().get() != null);
        step("directions", () -> {
            vm.sectionProperty().set(StudioViewModel.Section.EXPLORE);
            explore.findDirections();
        }, () -> !explore.directions().isEmpty());
        step("anchors", () -> {
            explore.select(2);
            explore.addAnchor();
            explore.select(9);
            explore.addAnchor();
            explore.select(13);
            explore.addAnchor();
            explore.framesProperty().set(12);
            explore.pathPositionProperty().set(0.3);
            explore.directions().get(0).valueProperty().set(1.5);
        }, () -> explore.stripProperty().get().size() == 12);
        step("explore.png", () -> {
            shoot("explore.png");
            explore.exportWalkGif(dir.resolve("walk.gif"), 2, 100);
            explore.exportStripPng(dir.resolve("walk-strip.png"), 2);
        }, () -> true);
        // One GIF export at a time: the sweep starts once the walk is written.
        step("the walk GIF", () -> { }, () -> java.nio.file.Files.exists(dir.resolve("walk.gif"))
                && !explore.exportingProperty().get());
        step("the sweep GIF", () -> explore.exportDirectionSweepGif(0, dir.resolve("sweep-PC1.gif"), 2,
                org.dcganstudio.app.explore.ExploreExports.SWEEP_DELAY_MS),
                () -> java.nio.file.Files.exists(dir.resolve("sweep-PC1.gif")) && !explore.exportingProperty().get());
        for (int g = 0; g < 3; g++) {
            int group = g;
            step("group " + g, () -> {
                vm.sectionProperty().set(StudioViewModel.Section.ARITHMETIC);
                arithmetic.fillByAttributes(group);
            }, () -> !arithmetic.fillingProperty().get() && arithmetic.groups().get(group).members().size() > 0);
        }
        step("result", () -> { }, () -> arithmetic.resultProperty().get().size() == 9
                && arithmetic.groups().stream().allMatch(x -> x.averageProperty().get() != null));
        step("arithmetic.png", () -> {
            shoot("arithmetic.png");
            arithmetic.exportFigure(dir.resolve("arithmetic-figure.png"), 2);
        }, () -> true);
        if (run != null) {
            // Export, set up as the README's samples were made: a postable 4×4 corner, captioned.
            step("export.png", () -> {
                vm.export().runDirProperty().set(run);
                vm.export().cellsProperty().set(4);
                vm.export().captionProperty().set(true);
                vm.sectionProperty().set(StudioViewModel.Section.EXPORT);
                vm.export().exportGif(dir.resolve("evolution.gif"));
            }, () -> vm.export().writtenProperty().get() != null);
            long[] written = new long[1];
            // the view loads the GIF it plays in the background
            step("the preview", () -> written[0] = System.nanoTime(),
                    () -> System.nanoTime() - written[0] > 2_000_000_000L);
            step("export.png shot", () -> shoot("export.png"), () -> true);
        }
        step("the exports", () -> { }, () -> java.nio.file.Files.exists(dir.resolve("walk.gif"))
                && java.nio.file.Files.exists(dir.resolve("arithmetic-figure.png")));
        step("quit", () -> {
            window.quitWithoutAsking();
            stage.close();
            Platform.exit();
        }, () -> true);
    }

    private void step(String what, Runnable action, BooleanSupplier done) {
        steps.add(new Step(what, action, done));
    }

    void start() {
        poll = new Timeline(new KeyFrame(Duration.millis(250), e -> tick()));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    private void tick() {
        if (current != null && !current.done().getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                System.err.println("screenshots: gave up waiting for " + current.what());
                poll.stop();
                Platform.exit();
            }
            return;
        }
        current = steps.poll();
        if (current == null) {
            poll.stop();
            return;
        }
        deadline = System.nanoTime() + 180_000_000_000L;
        current.action().run();
    }

    private void shoot(String name) {
        WritableImage shot = stage.getScene().snapshot(null);
        int w = (int) shot.getWidth();
        int h = (int) shot.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            shot.getPixelReader().getPixels(0, y, w, 1, PixelFormat.getIntArgbInstance(), row, 0, w);
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        try {
            Files.createDirectories(dir);
            ImageIO.write(out, "png", dir.resolve(name).toFile());
            System.out.println("wrote " + dir.resolve(name));
        } catch (IOException e) {
            System.err.println("screenshots: could not write " + name + ": " + e.getMessage());
        }
    }
}
