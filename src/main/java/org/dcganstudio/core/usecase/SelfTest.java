package org.dcganstudio.core.usecase;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * folder that it deletes, so an installation can be checked without a display or a trace. A run
 * killed before it could delete its folder leaves it behind; the next run removes it.
 */
public final class SelfTest {

    /** Start of the temporary folders' names; the creating process's id follows. */
    static final String PREFIX = "dcgan-studio-self-test";
    // A self-test takes seconds: a folder this old is left over even if a process of its id runs
    // (ids are reused), and one from before ids were in the name goes by its age alone.
    static final Duration STALE_AFTER = Duration.ofDays(1);
    private static final Pattern CREATOR = Pattern.compile(Pattern.quote(PREFIX) + "-(\\d{1,18})-.*");

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
            removeStale(tmpBase, out);
            tmp = Files.createTempDirectory(tmpBase, PREFIX + "-" + ProcessHandle.current().pid() + "-");
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

    /** Deletes the self-test folders in {@code tmpBase} whose creator is gone or that are a day old. */
    static void removeStale(Path tmpBase, PrintStream out) {
        Instant dayAgo = Instant.now().minus(STALE_AFTER);
        try (Stream<Path> entries = Files.list(tmpBase)) {
            for (Path dir : entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
                BasicFileAttributes a = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!a.isDirectory()) {
                    continue;
                }
                Matcher m = CREATOR.matcher(dir.getFileName().toString());
                boolean creatorGone = m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty();
                if (creatorGone || a.lastModifiedTime().toInstant().isBefore(dayAgo)) {
                    deleteTree(dir, out);
                    out.println("removed " + dir + ", left by an earlier self-test");
                }
            }
        } catch (IOException e) {
            // Leftovers only cost space; the check itself can still run.
            out.println("could not look for leftovers in " + tmpBase + ": " + e.getMessage());
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
