package org.dcganstudio.core.data.folder;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.dcganstudio.core.data.DataException;
import org.dcganstudio.core.data.ImageAnnotations;
import org.dcganstudio.core.data.Raster;
import org.dcganstudio.core.data.RasterSource;

/**
 * The images in a folder and its sub-folders, in the order of their relative paths, decoded on
 * each {@link #read}. Opening reads only each file's header. Class sub-folders and attribute
 * files become {@link #annotations()}; the package documentation gives the rules.
 */
public final class ImageFolder implements RasterSource {

    /** Extensions read, in any case. */
    public static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "gif");

    /** CelebA's attribute list, looked for in the folder and then its parent. */
    public static final String CELEBA_ATTRIBUTES = "list_attr_celeba.txt";

    /** The project's attribute table, looked for in the folder. */
    public static final String ATTRIBUTES_CSV = "attributes.csv";

    /**
     * Why a file named like an image is left unopened when it is a pipe, socket or device: opening
     * a pipe blocks until something writes to it, which would hang the scan forever.
     */
    static final String NOT_REGULAR = "not a regular file but a pipe, socket or device; never opened";

    private static final int NAMED_SKIPS = 5;
    private static final int MAX_CLASSES = 256;

    private final Path folder;
    private final String[] files;
    private final long maxPixels;
    private final ImageAnnotations annotations;
    private final ScanReport report;

    private ImageFolder(Path folder, String[] files, long maxPixels, ImageAnnotations annotations,
            ScanReport report) {
        this.folder = folder;
        this.files = files;
        this.maxPixels = maxPixels;
        this.annotations = annotations;
        this.report = report;
    }

    /** Scans {@code folder} with {@link ScanOptions#DEFAULT}. */
    public static ImageFolder open(Path folder) {
        return open(folder, ScanOptions.DEFAULT);
    }

    /**
     * Scans {@code folder}.
     *
     * @throws DataException naming the folder when it is missing, not a folder or holds no readable
     *     image, or naming an attribute file that is malformed
     * @throws CancellationException naming the folder once {@link ScanOptions#cancelled()} turns true
     */
    public static ImageFolder open(Path folder, ScanOptions options) {
        if (!Files.exists(folder)) {
            throw new DataException("image folder " + folder + " does not exist");
        }
        if (!Files.isDirectory(folder)) {
            throw new DataException(folder + " is a file, not a folder of images");
        }
        Walk walk = walk(folder, options.cancelled());
        String[] problems = checkHeaders(folder, walk.candidates, options);
        List<String> kept = new ArrayList<>();
        List<ScanReport.Skipped> skipped = new ArrayList<>(walk.unreadable);
        for (int i = 0; i < problems.length; i++) {
            if (problems[i] == null) {
                kept.add(walk.candidates.get(i));
            } else {
                skipped.add(new ScanReport.Skipped(walk.candidates.get(i), problems[i]));
            }
        }
        skipped.sort(Comparator.comparing(ScanReport.Skipped::file));
        int considered = walk.candidates.size() + walk.unreadable.size();
        if (kept.isEmpty()) {
            throw new DataException("no readable images in " + folder + ": looked for " + extensionList()
                    + " files (any case) in it and its sub-folders"
                    + (walk.others > 0 ? ", found only " + count(walk.others) + " other files" : "")
                    + (skipped.isEmpty() ? "" : "; " + skipSummary(folder, considered, skipped)));
        }
        List<String> warnings = new ArrayList<>();
        if (!skipped.isEmpty()) {
            warnings.add(skipSummary(folder, considered, skipped));
        }
        warnings.addAll(walk.loops);
        String[] files = kept.toArray(String[]::new);
        ImageAnnotations.Builder annotations = ImageAnnotations.builder(files.length);
        addClasses(folder, files, annotations, warnings);
        addAttributes(folder, files, annotations, warnings);
        ScanReport report = new ScanReport(folder, files.length, skipped, walk.others, warnings);
        return new ImageFolder(folder, files, options.maxPixels(), annotations.build(), report);
    }

    /** The folder's name. */
    @Override
    public String name() {
        Path name = folder.getFileName();
        return name == null ? folder.toString() : name.toString();
    }

    @Override
    public int size() {
        return files.length;
    }

    /**
     * Decodes image {@code index}; safe to call from several threads at once.
     *
     * @throws DataException naming the file when it no longer decodes
     */
    @Override
    public Raster read(int index) {
        Path file = file(index);
        // Checked again because the file may have been replaced since the scan; a pipe would block
        // the read forever.
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + " is " + NOT_REGULAR);
        }
        return ImageDecoding.toRaster(ImageDecoding.decode(file, maxPixels));
    }

    @Override
    public ImageAnnotations annotations() {
        return annotations;
    }

    /** The folder scanned. */
    public Path folder() {
        return folder;
    }

    /** The file of image {@code index}. */
    public Path file(int index) {
        return folder.resolve(relativePath(index));
    }

    /** The path of image {@code index} relative to the folder, with {@code /} between names. */
    public String relativePath(int index) {
        return files[Objects.checkIndex(index, files.length)];
    }

    /** What the scan skipped, ignored and turned off. */
    public ScanReport report() {
        return report;
    }

    /** Sentences for the user about the scan; empty when all went as expected. */
    public List<String> warnings() {
        return report.warnings();
    }

    /** Files found by walking the tree, before any is opened. */
    private static final class Walk {
        final List<String> candidates = new ArrayList<>();
        final List<ScanReport.Skipped> unreadable = new ArrayList<>();
        final List<String> loops = new ArrayList<>();
        int others;
    }

    private static Walk walk(Path folder, BooleanSupplier cancelled) {
        Walk walk = new Walk();
        boolean[] stopped = new boolean[1];
        try {
            // Links are followed because data sets are often assembled from linked folders; the
            // walker detects a link back to an ancestor and reports it instead of looping.
            Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            if (cancelled.getAsBoolean()) {
                                stopped[0] = true;
                                return FileVisitResult.TERMINATE;
                            }
                            // Hidden folders hold tool state (.ipynb_checkpoints, .git), never data,
                            // and would otherwise become classes.
                            return !dir.equals(folder) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE
                                    : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (cancelled.getAsBoolean()) {
                                stopped[0] = true;
                                return FileVisitResult.TERMINATE;
                            }
                            // Hidden files with an image extension are macOS resource forks (._x.jpg).
                            if (hidden(file) || !hasImageExtension(file)) {
                                walk.others++;
                                return FileVisitResult.CONTINUE;
                            }
                            String path = relative(folder, file);
                            if (!attrs.isRegularFile()) {
                                walk.unreadable.add(new ScanReport.Skipped(path, NOT_REGULAR));
                            } else if (!FileNames.roundTrips(folder, file, path)) {
                                walk.unreadable.add(new ScanReport.Skipped(path, FileNames.unreadableName()));
                            } else {
                                walk.candidates.add(path);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            String path = relative(folder, file);
                            if (e instanceof FileSystemLoopException) {
                                walk.loops.add("did not follow the link " + path + " in " + folder
                                        + ": it leads back into a folder above it");
                            } else {
                                walk.unreadable.add(new ScanReport.Skipped(path, "cannot be read: " + e.getClass().getSimpleName()));
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new DataException("image folder " + folder + " could not be searched: " + e.getMessage(), e);
        }
        if (stopped[0]) {
            throw cancelled(folder);
        }
        walk.candidates.sort(null);
        return walk;
    }

    private static CancellationException cancelled(Path folder) {
        return new CancellationException("scanning " + folder + " was cancelled");
    }

    /** Each candidate's reason for being skipped, or null when it is kept. */
    private static String[] checkHeaders(Path folder, List<String> candidates, ScanOptions options) {
        String[] problems = new String[candidates.size()];
        AtomicInteger next = new AtomicInteger();
        BooleanSupplier cancelled = options.cancelled();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < problems.length && !cancelled.getAsBoolean();
                    i = next.getAndIncrement()) {
                Path file = folder.resolve(candidates.get(i));
                // Checked again just before opening: the walk saw a regular file, but a pipe put in
                // its place since would block this thread for good.
                problems[i] = Files.isRegularFile(file)
                        ? ImageDecoding.check(file, options.maxPixels()).orElse(null)
                        : NOT_REGULAR;
            }
        };
        // A pool costs more than it saves on a few dozen files.
        int threads = Math.min(options.threads(), Math.max(1, candidates.size() / 64));
        if (threads == 1) {
            worker.run();
        } else {
            runOnPool(folder, worker, threads);
        }
        if (cancelled.getAsBoolean()) {
            throw cancelled(folder);
        }
        return problems;
    }

    private static void runOnPool(Path folder, Runnable worker, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "image-folder-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(worker));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("scanning " + folder + " was interrupted", e);
        } catch (ExecutionException e) {
            // check() turns every exception into a reason for skipping, so only an Error gets here.
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Classes come from the first folder below {@code folder} when every image lies in one of at
     * least two such folders. Images at the top level beside class folders turn classes off (with a
     * warning) rather than inventing a class for them, so no image is silently dropped.
     */
    private static void addClasses(Path folder, String[] files, ImageAnnotations.Builder annotations,
            List<String> warnings) {
        Set<String> classes = new TreeSet<>();
        int topLevel = 0;
        for (String file : files) {
            int slash = file.indexOf('/');
            if (slash < 0) {
                topLevel++;
            } else {
                classes.add(file.substring(0, slash));
            }
        }
        if (classes.size() < 2) {
            return;
        }
        if (topLevel > 0) {
            warnings.add(count(topLevel) + " images lie directly in " + folder + " beside " + count(classes.size())
                    + " sub-folders; classes are off, so every image is used without a class label");
            return;
        }
        if (classes.size() > MAX_CLASSES) {
            warnings.add(folder + " has " + count(classes.size()) + " sub-folders with images, more than the "
                    + MAX_CLASSES + " classes a data set may have; classes are off");
            return;
        }
        List<String> names = List.copyOf(classes);
        Map<String, Integer> index = new HashMap<>();
        for (String name : names) {
            index.put(name, index.size());
        }
        int[] labels = new int[files.length];
        for (int i = 0; i < files.length; i++) {
            labels[i] = index.get(files[i].substring(0, files[i].indexOf('/')));
        }
        annotations.classes(names, labels);
    }

    private static void addAttributes(Path folder, String[] files, ImageAnnotations.Builder annotations,
            List<String> warnings) {
        Optional<AttributeTable> found = attributeTable(folder);
        if (found.isEmpty()) {
            return;
        }
        AttributeTable table = found.get();
        int[] rows = new int[files.length];
        List<String> missing = new ArrayList<>();
        int missingCount = 0;
        for (int i = 0; i < files.length; i++) {
            rows[i] = table.row(files[i]);
            if (rows[i] < 0 && missingCount++ < NAMED_SKIPS) {
                missing.add(files[i]);
            }
        }
        if (missingCount > 0) {
            warnings.add(table.file() + " has no row for " + count(missingCount) + " of " + count(files.length)
                    + " images (" + String.join(", ", missing) + (missingCount > missing.size() ? ", ..." : "")
                    + "); attributes are off");
            return;
        }
        for (int a = 0; a < table.attributes().size(); a++) {
            int[] levels = new int[files.length];
            for (int i = 0; i < files.length; i++) {
                levels[i] = table.level(rows[i], a);
            }
            annotations.attribute(table.attributes().get(a), levels);
        }
    }

    /** CelebA keeps its list beside the image folder, hence the look at the parent. */
    private static Optional<AttributeTable> attributeTable(Path folder) {
        if (Files.isRegularFile(folder.resolve(ATTRIBUTES_CSV))) {
            return Optional.of(AttributeTable.readCsv(folder.resolve(ATTRIBUTES_CSV)));
        }
        for (Path dir : new Path[] {folder, folder.toAbsolutePath().getParent()}) {
            if (dir != null && Files.isRegularFile(dir.resolve(CELEBA_ATTRIBUTES))) {
                return Optional.of(AttributeTable.readCelebA(dir.resolve(CELEBA_ATTRIBUTES)));
            }
        }
        return Optional.empty();
    }

    private static String skipSummary(Path folder, int considered, List<ScanReport.Skipped> skipped) {
        StringBuilder text = new StringBuilder("skipped " + count(skipped.size()) + " of " + count(considered)
                + " files in " + folder + ": ");
        for (int i = 0; i < Math.min(NAMED_SKIPS, skipped.size()); i++) {
            ScanReport.Skipped s = skipped.get(i);
            text.append(i == 0 ? "" : ", ").append(s.file()).append(" (").append(s.reason()).append(')');
        }
        if (skipped.size() > NAMED_SKIPS) {
            text.append(", and ").append(count(skipped.size() - NAMED_SKIPS)).append(" more");
        }
        return text.toString();
    }

    private static String extensionList() {
        List<String> dotted = EXTENSIONS.stream().map(e -> "." + e).toList();
        return String.join(", ", dotted.subList(0, dotted.size() - 1)) + " and " + dotted.get(dotted.size() - 1);
    }

    private static boolean hidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static boolean hasImageExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String relative(Path folder, Path file) {
        Path rel = folder.relativize(file);
        List<String> names = new ArrayList<>();
        for (Path part : rel) {
            names.add(part.toString());
        }
        return String.join("/", names);
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
