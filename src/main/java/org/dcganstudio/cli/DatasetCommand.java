package org.dcganstudio.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dcganstudio.core.data.DataContext;
import org.dcganstudio.core.data.DataSpec;
import org.dcganstudio.core.data.ImageExport;
import org.dcganstudio.core.data.RasterSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dataset}: work on the images of one data set (the {@code datasets} command manages sets). */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Work on the images of one data set.",
        subcommands = {DatasetCommand.ExportCommand.class})
final class DatasetCommand {

    /** Sizes of the sets that are only drawn at a model's size, when none is given. */
    private static final int DRAWN_SIZE = 64;
    private static final int DRAWN_CHANNELS = 3;

    /** {@code dataset export}: a seeded sample of any data set as PNGs with labels.csv. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write a seeded random sample of a data set (without replacement; all of it when --count "
                    + "is at least its size) as PNG files 000000.png onwards, in the set's order, with "
                    + ImageExport.LABELS_CSV + ": header 'file', then 'label' for class data, then one column per "
                    + "attribute, values as text.",
                "Images keep the size and channels they are decoded at (faces 64×64 RGB, MNIST 28×28 grey, "
                    + "a folder's files as they are), not a model's. synthetic-shapes and solid-colours exist only "
                    + "drawn at a size: --image-size and --channels choose it (default " + DRAWN_SIZE + "×"
                    + DRAWN_SIZE + "×" + DRAWN_CHANNELS + ")."})
    static final class ExportCommand implements Callable<Integer> {
        @Option(names = "--data", required = true, paramLabel = "SPEC",
                description = "a --data spec: synthetic-faces[:N], mnist, an idx file, an image folder, ...")
        String data;

        @Option(names = "--count", required = true, paramLabel = "N", description = "images to write, at least 1")
        int count;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
                description = "picks the sample, and the images of synthetic-shapes and solid-colours as a run's "
                        + "--seed does (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "new (or empty) folder to create")
        Path out;

        @Option(names = "--image-size", paramLabel = "S",
                description = "synthetic-shapes and solid-colours only: side to draw (default " + DRAWN_SIZE + ")")
        Integer imageSize;

        @Option(names = "--channels", paramLabel = "C",
                description = "synthetic-shapes and solid-colours only: 1 or 3 (default " + DRAWN_CHANNELS + ")")
        Integer channels;

        @Override
        public Integer call() throws Exception {
            if (count < 1) {
                throw new IllegalArgumentException("--count must be at least 1, got " + count);
            }
            DataSpec spec = DataSpec.parse(data);
            DataContext context = DataContext.offline().withWarnings(w -> System.out.println("warning: " + w));
            boolean drawn = spec.kind() == DataSpec.Kind.SYNTHETIC_SHAPES || spec.kind() == DataSpec.Kind.SOLID_COLOURS;
            if (!drawn && (imageSize != null || channels != null)) {
                throw new IllegalArgumentException("--image-size and --channels apply only to synthetic-shapes and "
                        + "solid-colours; " + spec + " is exported at its own size");
            }
            RasterSource source = drawn
                    ? ImageExport.rasters(spec.open(imageSize != null ? imageSize : DRAWN_SIZE,
                            channels != null ? channels : DRAWN_CHANNELS, seed, context))
                    : spec.source(context);
            int[] chosen = ImageExport.sample(source.size(), count, seed);
            ImageExport.write(source, chosen, out, ImageExport.LABELS_CSV,
                    new CountProgress(System.out, "export", chosen.length));
            System.out.println("wrote " + chosen.length + " of the " + source.size() + " images of " + source.name()
                    + " (seed " + seed + ") and " + ImageExport.LABELS_CSV + " ("
                    + String.join(",", ImageExport.header(source.annotations())) + ") to " + out);
            return 0;
        }
    }
}
