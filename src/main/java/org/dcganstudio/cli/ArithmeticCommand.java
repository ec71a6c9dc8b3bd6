package org.dcganstudio.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dcganstudio.core.export.ImageGrid;
import org.dcganstudio.core.interop.LatentFiles;
import org.dcganstudio.core.latent.VectorArithmetic;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.Checkpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code arithmetic}: the paper's vector arithmetic on averaged groups of latents (its Figure 7). */
@Command(name = "arithmetic", mixinStandardHelpOptions = true,
        description = {"Add and subtract averaged groups of latent vectors, e.g. smiling woman − neutral woman "
                + "+ neutral man, and generate the result with eight noisy neighbours.",
            "Each --plus/--minus file is a .npy GROUP of latent vectors, (N, nz) or (N, nz, 1, 1), replaced by its "
                + "mean; the recipe is printed in command-line order (the sum does not depend on it).",
            "Outputs hold 9 rows: row 0 is the result, rows 1-8 the result plus uniform noise in "
                + "[-noise, noise]. The PNG is a 3×3 grid with the result in the CENTRE: its tiles in reading "
                + "order show rows 1, 2, 3, 4, 0 (the result), 5, 6, 7, 8."})
final class ArithmeticCommand implements Callable<Integer> {

    /** Stream id for {@link Rng#derive}: neighbourhood noise, apart from sampling's. */
    private static final long NEIGHBOURHOOD_STREAM = 37;

    /** Grid tile → image: the result (image 0) sits in tile 4, the middle of 3×3. */
    private static final int[] TILE_IMAGE = {1, 2, 3, 4, 0, 5, 6, 7, 8};

    @Spec
    CommandSpec spec;

    @Mixin
    InferenceOptions run;

    @Option(names = "--plus", paramLabel = "GROUP.npy", description = "a group to add; repeatable")
    List<Path> plus = new ArrayList<>();

    @Option(names = "--minus", paramLabel = "GROUP.npy", description = "a group to subtract; repeatable")
    List<Path> minus = new ArrayList<>();

    @Option(names = "--noise", defaultValue = "0.25", paramLabel = "X",
            description = "neighbours' uniform noise per dimension, as the paper (default ${DEFAULT-VALUE})")
    double noise;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "seed of the neighbours' noise (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--npy-out", paramLabel = "GRID.npy",
            description = "write the 9 images (9, C, S, S) float32 in [-1, 1], result first")
    Path npyOut;

    @Option(names = "--latents-out", paramLabel = "GRID-Z.npy",
            description = "write the 9 latents (9, nz, 1, 1), result first")
    Path latentsOut;

    @Option(names = "--png-out", paramLabel = "GRID.png", description = "write a 3×3 grid, result in the centre")
    Path pngOut;

    @Override
    public Integer call() throws Exception {
        Checkpoint ckpt = run.requireCheckpoint();
        if (npyOut == null && latentsOut == null && pngOut == null) {
            throw new IllegalArgumentException("nothing to write: give --npy-out, --latents-out and/or --png-out");
        }
        if (plus.isEmpty() && minus.isEmpty()) {
            throw new IllegalArgumentException("no terms: give groups of latents with --plus and --minus");
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("--noise must be a finite value >= 0, got " + noise);
        }
        ModelConfig config = ckpt.config().model();
        List<VectorArithmetic.Term> terms = new ArrayList<>();
        StringBuilder recipe = new StringBuilder();
        for (Signed file : inCommandLineOrder()) {
            List<float[]> group = LatentFiles.read(file.path(), config.nz());
            terms.add(new VectorArithmetic.Term(file.sign(), group));
            boolean first = recipe.length() == 0;
            recipe.append(file.sign() > 0 ? first ? "" : " + " : first ? "− " : " − ")
                    .append("mean(").append(file.path()).append(", ").append(group.size())
                    .append(group.size() == 1 ? " vector)" : " vectors)");
        }
        float[] result = VectorArithmetic.result(terms);
        List<float[]> grid = VectorArithmetic.neighbourhood(result, noise,
                Rng.derive(seed, NEIGHBOURHOOD_STREAM, 0));
        System.out.println("result = " + recipe + String.format(Locale.ROOT, "; neighbours ± %s, seed %d",
                noise, seed));

        float[] images = run.generate(ckpt, grid);
        int n = grid.size();
        int c = config.channels();
        int s = config.imageSize();
        InferenceOptions.writeLatentsAndImages(latentsOut, npyOut, grid, images, config, ", row 0 the result");
        if (pngOut != null) {
            int length = c * s * s;
            float[] tiles = new float[images.length];
            for (int t = 0; t < n; t++) {
                System.arraycopy(images, TILE_IMAGE[t] * length, tiles, t * length, length);
            }
            ImageGrid.writePng(pngOut, tiles, n, c, s, 3);
            System.out.println("wrote " + pngOut + " (3×3, the result in the centre)");
        }
        return 0;
    }

    private record Signed(int sign, Path path) {}

    /**
     * The --plus and --minus files interleaved as typed: picocli keeps each option's values in
     * order, and the parse result lists every occurrence of every option in order.
     */
    private List<Signed> inCommandLineOrder() {
        Iterator<Path> plusses = plus.iterator();
        Iterator<Path> minuses = minus.iterator();
        List<Signed> out = new ArrayList<>();
        for (ArgSpec arg : spec.commandLine().getParseResult().matchedArgs()) {
            if (arg instanceof OptionSpec option) {
                if (option.longestName().equals("--plus")) {
                    out.add(new Signed(1, plusses.next()));
                } else if (option.longestName().equals("--minus")) {
                    out.add(new Signed(-1, minuses.next()));
                }
            }
        }
        if (plusses.hasNext() || minuses.hasNext()) {
            throw new IllegalStateException("--plus/--minus values outnumber their occurrences on the command line");
        }
        return out;
    }
}
