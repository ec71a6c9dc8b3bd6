package org.dcganstudio.core.usecase;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.dcganstudio.core.export.ImageGrid;
import org.dcganstudio.core.io.RunDirectory;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.core.training.DefaultModel;
import org.dcganstudio.core.training.EngineSettings;
import org.dcganstudio.core.training.OptimizerSettings;
import org.dcganstudio.core.training.TrainConfig;
import org.dcganstudio.core.training.TrainingRun;

/**
 * {@code --self-test} of an installed studio: loads the default model, generates an image, trains
 * two steps on the synthetic faces, and says what it did. Everything it writes goes to a temporary
 * folder that it deletes, so an installation can be checked without a display or a trace.
 */
public final class SelfTest {

    private SelfTest() {}

    /** @return 0 when every check passed, 1 otherwise (what failed is printed) */
    public static int run(PrintStream out) {
        EngineSettings.applyDefaults(); // offline, quiet logs: an installation is checked as it runs
        return run(out, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** As {@link #run(PrintStream)}, with its temporary folder made inside {@code tmpBase}. */
    static int run(PrintStream out, Path tmpBase) {
        long start = System.nanoTime();
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory(tmpBase, "dcgan-studio-self-test");
            Path model = GeneratorLoading.defaultModel().orElseThrow(() -> new IOException("the default model "
                    + DefaultModel.RELATIVE + " is missing (looked in " + org.dcganstudio.core.io.ShippedAssets
                    .candidates(DefaultModel.RELATIVE) + ")"));
            Checkpoint ckpt = Checkpoint.read(model);
            ModelConfig c = ckpt.config().model();
            out.printf(Locale.ROOT, "default model: %s (step %d, %d×%d, nz %d)%n", model, ckpt.step(), c.imageSize(),
                    c.imageSize(), c.nz());
            float[] image;
            try (LoadedGenerator g = LoadedGenerator.load(ckpt, "cpu")) {
                float[] z = new float[c.nz()];
                c.zPrior().fill(new Rng(1), z);
                image = g.generate(List.of(z), false);
            }
            for (float v : image) {
                if (!(v >= -1 && v <= 1)) {
                    throw new IllegalStateException("the generated image holds " + v + ", outside [-1, 1]");
                }
            }
            Path png = tmp.resolve("generated.png");
            ImageGrid.writePng(png, image, 1, c.channels(), c.imageSize(), 1);
            out.printf(Locale.ROOT, "generated one image (%d bytes of PNG, in the temporary folder)%n", Files.size(png));

            TrainConfig train = new TrainConfig(c, OptimizerSettings.PAPER, 8, "synthetic-faces", 1, 2, 0, 1000, 1000,
                    "cpu");
            Path run = tmp.resolve("run");
            TrainingRun.Result result = TrainingRun.start(train, run, new TrainingRun.Listener() {}).run(() -> false);
            String last = Files.readAllLines(new RunDirectory(run).metrics()).get(2);
            out.printf(Locale.ROOT, "trained %d steps on synthetic faces (batch 8): %s%n", result.steps(), last);
            if (result.steps() != 2) {
                throw new IllegalStateException("trained " + result.steps() + " steps, expected 2");
            }
            out.printf(Locale.ROOT, "self-test passed in %.1f s%n", (System.nanoTime() - start) / 1e9);
            return 0;
        } catch (IOException | RuntimeException e) {
            out.println("self-test FAILED: " + e.getMessage());
            return 1;
        } finally {
            if (tmp != null) {
                deleteTree(tmp, out);
            }
        }
    }

    private static void deleteTree(Path dir, PrintStream out) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            out.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
