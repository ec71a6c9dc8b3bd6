package org.dcganstudio.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dcganstudio.core.data.Attribute;
import org.dcganstudio.core.data.DataContext;
import org.dcganstudio.core.data.DataSpec;
import org.dcganstudio.core.data.ImageExport;
import org.dcganstudio.core.data.ImageAnnotations;
import org.dcganstudio.core.data.ImageDataset;
import org.dcganstudio.core.data.download.DatasetCache;
import org.dcganstudio.core.data.download.DatasetStatus;
import org.dcganstudio.core.data.download.Downloader;
import org.dcganstudio.core.data.download.RemoteDataset;
import org.dcganstudio.core.data.faces.SyntheticFaces;
import org.dcganstudio.core.export.ImageGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datasets}: list, download, inspect and export data sets. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List, download, inspect and export data sets.",
        subcommands = {DatasetsCommand.ListCommand.class, DatasetsCommand.DownloadCommand.class,
            DatasetsCommand.InfoCommand.class, DatasetsCommand.ExportFacesCommand.class})
final class DatasetsCommand {

    /** {@code datasets list}: the downloadable sets and where each one is. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Show the downloadable data sets, where they are found, and the cache folder.")
    static final class ListCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            DatasetCache cache = DatasetCache.standard();
            System.out.println("cache: " + cache.root());
            System.out.println("synthetic-faces  built in (" + SyntheticFaces.DEFAULT_COUNT + " faces, 64×64, "
                    + "labelled)");
            for (RemoteDataset d : cache.catalog().datasets()) {
                DatasetStatus s = cache.status(d.name());
                String where = s.available() ? "found in " + s.location().get()
                        : String.format(Locale.ROOT, "not downloaded (%.1f MB to fetch)", s.remainingBytes() / 1e6);
                System.out.printf(Locale.ROOT, "%-16s %s: %s%n", d.name(), d.title(), where);
            }
            return 0;
        }
    }

    /** {@code datasets download NAME}: fetch a public set into the cache. */
    @Command(name = "download", mixinStandardHelpOptions = true,
            description = "Download mnist, fashion-mnist or cifar-10 into the cache (resumes partial files, "
                    + "checks SHA-256).")
    static final class DownloadCommand implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "mnist, fashion-mnist or cifar-10")
        String name;

        @Override
        public Integer call() {
            DatasetCache cache = DatasetCache.standard();
            if (cache.catalog().find(name).isEmpty()) {
                throw new IllegalArgumentException("unknown data set '" + name + "': expected one of "
                        + cache.catalog().datasets().stream().map(RemoteDataset::name).toList());
            }
            var found = cache.locate(name);
            if (found.isPresent()) {
                System.out.println(name + " is already here: " + found.get());
                return 0;
            }
            Path folder = new Downloader(cache).fetch(name, new ConsoleDownloadProgress(System.out));
            System.out.println(name + " downloaded to " + folder);
            return 0;
        }
    }

    /** {@code datasets info SPEC}: what a spec opens to, and optionally a preview grid. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Open a data set as training would and describe it: count, size, labels, warnings.")
    static final class InfoCommand implements Callable<Integer> {
        @Parameters(paramLabel = "SPEC", description = "a --data spec, e.g. fashion-mnist or ~/photos")
        String spec;

        @Option(names = "--image-size", defaultValue = "64", description = "model image size (default ${DEFAULT-VALUE})")
        int imageSize;

        @Option(names = "--channels", defaultValue = "3", description = "model channels (default ${DEFAULT-VALUE})")
        int channels;

        @Option(names = "--preview", paramLabel = "PNG", description = "write the first 64 images, as training sees them")
        Path preview;

        @Option(names = "--download", description = "download a missing public data set")
        boolean download;

        @Override
        public Integer call() throws Exception {
            DataContext context = download
                    ? DataContext.online(new ConsoleDownloadProgress(System.out), w -> System.out.println("warning: " + w))
                    : DataContext.offline().withWarnings(w -> System.out.println("warning: " + w));
            ImageDataset data = DataSpec.parse(spec).open(imageSize, channels, 1, context);
            System.out.println("data set: " + data.name());
            System.out.println("images: " + data.size() + ", as " + data.imageSize() + "×" + data.imageSize() + "×"
                    + data.channels());
            ImageAnnotations a = data.annotations();
            if (a.hasClasses()) {
                System.out.println("classes: " + String.join(", ", a.classNames()));
            }
            for (Attribute attribute : a.attributes()) {
                System.out.println("attribute " + attribute.name() + ": " + String.join(", ", attribute.levels()));
            }
            if (preview != null) {
                int count = Math.min(64, data.size());
                int length = data.channels() * data.imageSize() * data.imageSize();
                float[] images = new float[count * length];
                for (int i = 0; i < count; i++) {
                    data.copyImage(i, images, i * length);
                }
                ImageGrid.writePng(preview, images, count, data.channels(), data.imageSize(), ImageGrid.COLUMNS);
                System.out.println("preview: " + preview);
            }
            return 0;
        }
    }

    /** {@code datasets export-faces}: the synthetic faces as PNGs with attributes.csv. */
    @Command(name = "export-faces", mixinStandardHelpOptions = true,
            description = "Write synthetic faces as PNG files with their labels in attributes.csv.")
    static final class ExportFacesCommand implements Callable<Integer> {
        @Option(names = "--count", defaultValue = "1000", description = "faces to write (default ${DEFAULT-VALUE})")
        int count;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "new folder to create")
        Path out;

        @Option(names = "--seed", description = "faces seed (default: the built-in data set's, "
                + DataSpec.FACES_SEED + ")")
        Long seed;

        @Override
        public Integer call() throws Exception {
            SyntheticFaces faces = new SyntheticFaces(Math.max(count, 1), seed != null ? seed : DataSpec.FACES_SEED);
            ImageExport.writeFirst(faces, count, out, ImageExport.ATTRIBUTES_CSV,
                    new CountProgress(System.out, "export", count));
            System.out.println("wrote " + count + " faces and " + ImageExport.ATTRIBUTES_CSV + " to " + out);
            return 0;
        }
    }
}
