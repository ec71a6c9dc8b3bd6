package org.dcganstudio.core.data;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.dcganstudio.core.data.download.DatasetCache;
import org.dcganstudio.core.data.download.Downloader;
import org.dcganstudio.core.data.download.RemoteDataset;
import org.dcganstudio.core.data.download.RemoteFile;
import org.dcganstudio.core.data.faces.SyntheticFaces;
import org.dcganstudio.core.data.folder.ImageFolder;
import org.dcganstudio.core.data.folder.RunSamples;
import org.dcganstudio.core.data.folder.ScanOptions;
import org.dcganstudio.core.data.formats.Cifar10Binary;
import org.dcganstudio.core.data.formats.IdxImages;
import org.dcganstudio.core.io.RunDirectory;

/**
 * A data set named the way {@code train --data} and a run's {@code config.json} name it:
 *
 * <pre>
 * synthetic-faces[:N]          the embedded default: N procedural faces (50,000), fixed seed
 * synthetic-shapes[:N]         discs, squares and triangles (60,000)
 * solid-colours[:N]            a few flat colours (10,000), for learning tests
 * mnist | fashion-mnist | cifar-10 [:train|:test]
 *                              found in Debian's /usr/share/datasets or the download cache,
 *                              downloaded there when allowed
 * PATH                         an idx3-ubyte images file (labels found beside it), a folder of
 *                              idx files, a CIFAR-10 folder, .bin or .tar.gz, a training run's
 *                              directory (its generated samples), or any other folder of images
 * idx:PATH | cifar-10:PATH | folder:PATH | run:PATH
 *                              a path read as that kind, whatever it looks like
 * </pre>
 *
 * {@link #parse} checks the spec's form and that a named path exists; {@link #open} reads it.
 */
public final class DataSpec {

    /** The data set used when none is named. */
    public static final String DEFAULT = "synthetic-faces";

    /** Faces do not follow the run's seed: every run trains on the same labelled set. */
    public static final long FACES_SEED = 2015;

    private static final int SHAPES_SIZE = 60_000;
    private static final int COLOURS_SIZE = 10_000;
    private static final List<String> PUBLIC = List.of("mnist", "fashion-mnist", "cifar-10");

    /** What a spec names. */
    public enum Kind {
        SYNTHETIC_FACES, SYNTHETIC_SHAPES, SOLID_COLOURS, PUBLIC, IDX, CIFAR10, IMAGE_FOLDER, RUN_SAMPLES
    }

    private final String text;
    private final Kind kind;
    private final int count;
    private final String publicName;
    private final boolean train;
    private final Path path;

    private DataSpec(String text, Kind kind, int count, String publicName, boolean train, Path path) {
        this.text = text;
        this.kind = kind;
        this.count = count;
        this.publicName = publicName;
        this.train = train;
        this.path = path;
    }

    /**
     * Reads a spec.
     *
     * @throws IllegalArgumentException naming the spec and what was expected, if it names nothing
     *     known, has a bad count or split, or names a path that does not exist
     */
    public static DataSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no data set given: expected " + expected());
        }
        String spec = text.strip();
        int colon = spec.indexOf(':');
        String head = (colon < 0 ? spec : spec.substring(0, colon)).toLowerCase(Locale.ROOT);
        String tail = colon < 0 ? null : spec.substring(colon + 1);
        switch (head) {
            case "synthetic-faces":
                return new DataSpec(spec, Kind.SYNTHETIC_FACES, count(spec, tail, SyntheticFaces.DEFAULT_COUNT), null,
                        true, null);
            case "synthetic-shapes":
                return new DataSpec(spec, Kind.SYNTHETIC_SHAPES, count(spec, tail, SHAPES_SIZE), null, true, null);
            case "solid-colours":
            case "solid-colors":
                return new DataSpec(spec, Kind.SOLID_COLOURS, count(spec, tail, COLOURS_SIZE), null, true, null);
            case "mnist":
            case "fashion-mnist":
            case "cifar-10":
            case "cifar10":
                if (tail != null && !tail.equals("train") && !tail.equals("test")) {
                    if (head.startsWith("cifar")) {
                        return located("cifar-10:", Kind.CIFAR10, existing(spec, tail));
                    }
                    throw new IllegalArgumentException("bad split '" + tail + "' in data set '" + spec
                            + "': expected " + head + ", " + head + ":train or " + head + ":test");
                }
                return new DataSpec(spec, Kind.PUBLIC, 0, head.equals("cifar10") ? "cifar-10" : head, !"test".equals(tail),
                        null);
            case "idx":
                return located("idx:", Kind.IDX, existing(spec, tail));
            case "folder":
                return located("folder:", Kind.IMAGE_FOLDER, existing(spec, tail));
            case "run":
                return located("run:", Kind.RUN_SAMPLES, existing(spec, tail));
            default:
                Path p = existing(spec, spec);
                return located("", detect(p), p);
        }
    }

    /** A path spec with the path made absolute, so a run resumed from another folder finds its data. */
    private static DataSpec located(String prefix, Kind kind, Path p) {
        Path absolute = p.toAbsolutePath().normalize();
        return new DataSpec(prefix + absolute, kind, 0, null, true, absolute);
    }

    /** The spec as given, with any path made absolute; what config.json records. */
    public String text() {
        return text;
    }

    /** What the spec names. */
    public Kind kind() {
        return kind;
    }

    /** The path a file-based spec names. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /**
     * Opens the data set at the model's image size and channels.
     *
     * @param imageSize side of the square images the model takes
     * @param channels 1 or 3
     * @param seed the run's seed (picks the images of the procedural shapes and colours)
     * @param context cache, downloads and warnings
     * @throws DataException if files are missing, unreadable or malformed (the message names them)
     */
    public ImageDataset open(int imageSize, int channels, long seed, DataContext context) {
        return open(imageSize, channels, seed, context, ScanOptions.NEVER);
    }

    /**
     * {@link #open(int, int, long, DataContext)} for a preview the user may abandon: an image
     * folder's scan stops between files once {@code cancelled} turns true, throwing a
     * {@link java.util.concurrent.CancellationException}.
     */
    public ImageDataset open(int imageSize, int channels, long seed, DataContext context, BooleanSupplier cancelled) {
        switch (kind) {
            case SYNTHETIC_SHAPES:
                return new SyntheticShapes(imageSize, channels, count, seed);
            case SOLID_COLOURS:
                return new SolidColours(imageSize, channels, count, seed, SolidColours.DEFAULT_PALETTE);
            case SYNTHETIC_FACES:
                return new PreparedImages(new SyntheticFaces(count, FACES_SEED), imageSize, channels);
            default:
                return new PreparedImages(source(context, cancelled), imageSize, channels);
        }
    }

    /**
     * The decoded images of a file-based or public spec, before preprocessing (the studio previews
     * and counts them).
     */
    public RasterSource source(DataContext context) {
        return source(context, ScanOptions.NEVER);
    }

    private RasterSource source(DataContext context, BooleanSupplier cancelled) {
        switch (kind) {
            case SYNTHETIC_FACES:
                return new SyntheticFaces(count, FACES_SEED);
            case PUBLIC: {
                Path folder = locate(context);
                if (publicName.equals("cifar-10")) {
                    return Cifar10Binary.open(folder, train ? Cifar10Binary.Split.TRAIN : Cifar10Binary.Split.TEST);
                }
                return IdxImages.openFolder(folder, train);
            }
            case IDX:
                return Files.isDirectory(path) ? IdxImages.openFolder(path, true) : IdxImages.open(path);
            case CIFAR10:
                return Cifar10Binary.open(path, Cifar10Binary.Split.TRAIN);
            case IMAGE_FOLDER: {
                ImageFolder folder = ImageFolder.open(path, ScanOptions.DEFAULT.cancelledWhen(cancelled));
                folder.warnings().forEach(context.warnings());
                return folder;
            }
            case RUN_SAMPLES:
                return RunSamples.open(path);
            default:
                throw new IllegalStateException(text + " is drawn at the model's size and has no decoded source");
        }
    }

    /** Opens a spec with {@link DataContext#offline()}. */
    public static ImageDataset open(String spec, int imageSize, int channels, long seed) {
        return parse(spec).open(imageSize, channels, seed, DataContext.offline());
    }

    private Path locate(DataContext context) {
        DatasetCache cache = context.cache();
        RemoteDataset dataset = cache.catalog().get(publicName);
        Optional<Path> found = cache.locate(publicName);
        Path folder;
        if (found.isPresent()) {
            folder = found.get();
        } else if (context.download()) {
            folder = new Downloader(cache).fetch(publicName, context.progress());
        } else {
            throw new DataException(publicName + " is not on this machine: run `dcgan-studio datasets download "
                    + publicName + "`, or put " + dataset.files().stream().map(RemoteFile::name).toList() + " in "
                    + cache.folder(publicName));
        }
        // A one-file set (CIFAR-10's archive) is read from the file itself.
        return dataset.files().size() == 1 ? folder.resolve(dataset.files().get(0).name()) : folder;
    }

    private static Kind detect(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(p)) {
            RunDirectory run = new RunDirectory(p);
            if (Files.isRegularFile(run.config()) && Files.isDirectory(run.samples())) {
                return Kind.RUN_SAMPLES;
            }
            if (Files.exists(p.resolve("data_batch_1.bin")) || Files.exists(p.resolve("test_batch.bin"))
                    || Files.isDirectory(p.resolve("cifar-10-batches-bin"))) {
                return Kind.CIFAR10;
            }
            if (Files.exists(p.resolve("train-images-idx3-ubyte")) || Files.exists(p.resolve("train-images-idx3-ubyte.gz"))) {
                return Kind.IDX;
            }
            return Kind.IMAGE_FOLDER;
        }
        if (name.contains("idx3-ubyte") || name.contains("idx3")) {
            return Kind.IDX;
        }
        if (name.endsWith(".bin") || name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".tar")) {
            return Kind.CIFAR10;
        }
        throw new IllegalArgumentException("data file " + p + " is neither an idx3-ubyte images file nor a CIFAR-10 "
                + ".bin or .tar.gz; give a folder for images, or one of " + expected());
    }

    private static Path existing(String spec, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("data set '" + spec + "' names no path");
        }
        Path p;
        try {
            p = Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("unknown data set '" + spec + "': expected " + expected());
        }
        if (!Files.exists(p)) {
            String hint = text.contains("/") || text.contains("\\") || text.contains(".")
                    ? "no such file or folder: " + p
                    : "unknown data set '" + spec + "'";
            throw new IllegalArgumentException(hint + "; expected " + expected());
        }
        return p;
    }

    private static int count(String spec, String digits, int fallback) {
        if (digits == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) {
            throw new IllegalArgumentException("bad image count '" + digits + "' in data set '" + spec
                    + "': expected a positive whole number, as in synthetic-faces:20000");
        }
        return n;
    }

    /** The forms a spec may take, for error messages. */
    public static String expected() {
        return "synthetic-faces[:N], synthetic-shapes[:N], solid-colours[:N], " + String.join(", ", PUBLIC)
                + " (with :train or :test), or the path of an idx3-ubyte file, a CIFAR-10 folder or archive, "
                + "a run directory or an image folder";
    }

    @Override
    public String toString() {
        return text;
    }
}
