package org.dcganstudio.core.data.download;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The folder downloads go to, and where a data set's files can be found. A data set lives in
 * {@code <root>/datasets/<name>/}; a file being downloaded is {@code <file>.part} beside it and only
 * gets its own name once complete and verified. A file under its own name in the cache is checked
 * again (size and SHA-256) before it counts; one that fails counts as missing.
 */
public final class DatasetCache {

    /** System property naming the cache root; wins over everything else. */
    public static final String ROOT_PROPERTY = "dcgan.cache.dir";
    /** Environment variable naming the cache root, used when the property is not set. */
    public static final String ROOT_VARIABLE = "DCGAN_STUDIO_CACHE";
    /** Suffix of a download in progress. */
    public static final String PARTIAL_SUFFIX = ".part";

    private final Path root;
    private final DatasetCatalog catalog;

    /**
     * A cache at {@code root} for the data sets of {@code catalog}. Nothing is created until a
     * download needs it.
     */
    public DatasetCache(Path root, DatasetCatalog catalog) {
        this.root = root.toAbsolutePath();
        this.catalog = catalog;
    }

    /** The user's cache (see {@link #defaultRoot()}) for the standard catalog. */
    public static DatasetCache standard() {
        return new DatasetCache(defaultRoot(), DatasetCatalog.standard());
    }

    /**
     * The cache root: the {@value #ROOT_PROPERTY} system property, else the {@value #ROOT_VARIABLE}
     * environment variable, else {@code $XDG_CACHE_HOME/dcgan-studio}, else
     * {@code ~/.cache/dcgan-studio}.
     */
    public static Path defaultRoot() {
        return defaultRoot(System::getProperty, System::getenv);
    }

    static Path defaultRoot(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String explicit = firstSet(properties.apply(ROOT_PROPERTY), environment.apply(ROOT_VARIABLE));
        if (explicit != null) {
            return Path.of(explicit).toAbsolutePath();
        }
        String xdg = environment.apply("XDG_CACHE_HOME");
        // The XDG spec says a relative value is invalid and must be ignored.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "dcgan-studio");
        }
        return Path.of(properties.apply("user.home"), ".cache", "dcgan-studio");
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** The cache root. */
    public Path root() {
        return root;
    }

    /** The data sets this cache knows. */
    public DatasetCatalog catalog() {
        return catalog;
    }

    /**
     * The cache folder of a data set, whether or not it exists yet.
     *
     * @throws IllegalArgumentException if the catalog has no such data set
     */
    public Path folder(String name) {
        return root.resolve("datasets").resolve(catalog.get(name).name());
    }

    /**
     * The folder holding all of a data set's files: a system folder if one has them all, else the
     * cache folder if it has them all (partial downloads do not count).
     *
     * @throws IllegalArgumentException if the catalog has no such data set
     */
    public Optional<Path> locate(String name) {
        RemoteDataset dataset = catalog.get(name);
        for (Path system : dataset.systemFolders()) {
            // A system folder belongs to a package manager, which checks its own files.
            if (dataset.files().stream().allMatch(f -> Files.isRegularFile(system.resolve(f.name())))) {
                return Optional.of(system);
            }
        }
        Path folder = folder(name);
        return dataset.files().stream().allMatch(f -> CachedFiles.intact(f, folder.resolve(f.name())))
                ? Optional.of(folder) : Optional.empty();
    }

    /**
     * Where a data set stands: its location if it has one, else the state of each file in the
     * cache folder.
     *
     * @throws IllegalArgumentException if the catalog has no such data set
     */
    public DatasetStatus status(String name) {
        RemoteDataset dataset = catalog.get(name);
        Optional<Path> location = locate(name);
        Path cacheFolder = folder(name);
        Path folder = location.orElse(cacheFolder);
        DatasetStatus.State present = folder.equals(cacheFolder) ? DatasetStatus.State.CACHED
                : DatasetStatus.State.SYSTEM;
        List<DatasetStatus.FileStatus> files = new ArrayList<>();
        for (RemoteFile file : dataset.files()) {
            Path path = folder.resolve(file.name());
            Path part = partial(path);
            if (present == DatasetStatus.State.SYSTEM ? Files.isRegularFile(path) : CachedFiles.intact(file, path)) {
                files.add(new DatasetStatus.FileStatus(file, present, path, sizeOf(path)));
            } else if (Files.isRegularFile(part)) {
                files.add(new DatasetStatus.FileStatus(file, DatasetStatus.State.PARTIAL, part, sizeOf(part)));
            } else {
                files.add(new DatasetStatus.FileStatus(file, DatasetStatus.State.MISSING, path, 0));
            }
        }
        return new DatasetStatus(dataset, location, files);
    }

    /** The partial download of {@code file}. */
    public static Path partial(Path file) {
        return file.resolveSibling(file.getFileName() + PARTIAL_SUFFIX);
    }

    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            // Absent or unreadable: nothing to count, nothing to resume from.
            return 0;
        }
    }
}
