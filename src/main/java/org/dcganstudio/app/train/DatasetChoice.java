package org.dcganstudio.app.train;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.core.data.DataContext;
import org.dcganstudio.core.data.DataSpec;
import org.dcganstudio.core.data.ImageDataset;
import org.dcganstudio.core.data.download.DatasetCache;
import org.dcganstudio.core.data.download.DownloadListener;
import org.dcganstudio.core.data.download.Downloader;
import org.dcganstudio.core.export.ImageGrid;
import org.dcganstudio.core.session.SampleGrid;

/**
 * The data-set chooser: which kind of data, where it is, and what it holds (count, size, a preview
 * of real samples as training will see them), inspected in the background whenever the choice
 * changes. Public sets missing from the machine can be downloaded with a progress value.
 */
public final class DatasetChoice {

    /** The kinds a user picks from. */
    public enum Kind {
        SYNTHETIC_FACES("Synthetic faces (built in)"),
        FASHION_MNIST("Fashion-MNIST"),
        MNIST("MNIST"),
        CIFAR10("CIFAR-10"),
        IDX_FILE("idx images file…"),
        IMAGE_FOLDER("Image folder…"),
        CIFAR10_FILES("CIFAR-10 folder or archive…");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Whether the user must name a file or folder. */
        public boolean needsPath() {
            return this == IDX_FILE || this == IMAGE_FOLDER || this == CIFAR10_FILES;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final int PREVIEW_COUNT = 16;

    /**
     * How long typing must pause before a path is opened: longer than the gap between a typist's
     * keys (about 100 to 300 ms), so the prefixes typed on the way ({@code /}, {@code /t},
     * {@code /tm}...) are never searched, each of which may be a whole file system; short enough
     * that the result seems to follow the last key.
     */
    static final Duration TYPING_PAUSE = Duration.ofMillis(400);

    private final BackgroundTasks tasks;
    private final DatasetCache cache;
    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(Kind.SYNTHETIC_FACES);
    private final StringProperty path = new SimpleStringProperty("");
    private final StringBinding spec;
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<GridPixels> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper downloadable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper downloadProgress = new ReadOnlyDoubleWrapper(0);
    /** Choices change faster than data sets open: only the newest is inspected and shown. */
    private final NewestOnly inspections;

    public DatasetChoice(BackgroundTasks tasks, DatasetCache cache) {
        this.tasks = tasks;
        this.cache = cache;
        this.inspections = new NewestOnly(tasks);
        this.spec = Bindings.createStringBinding(this::currentSpec, kind, path);
    }

    /** The kind chosen. */
    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    /** The file or folder, for kinds that need one. */
    public StringProperty pathProperty() {
        return path;
    }

    /** The {@code --data} spec of the choice (what config.json records). */
    public StringBinding specProperty() {
        return spec;
    }

    /** Images in the data set, 0 until inspected. */
    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** One line: count, native size, classes or attributes. */
    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    /** Why the choice cannot be used, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The first images as training will see them. */
    public ReadOnlyObjectProperty<GridPixels> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** True while inspecting or downloading. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True when the chosen public set is missing and can be downloaded. */
    public ReadOnlyBooleanProperty downloadableProperty() {
        return downloadable.getReadOnlyProperty();
    }

    /** Download progress in [0, 1]. */
    public ReadOnlyDoubleProperty downloadProgressProperty() {
        return downloadProgress.getReadOnlyProperty();
    }

    private String currentSpec() {
        Kind k = kind.get();
        String p = path.get() == null ? "" : path.get().strip();
        switch (k) {
            case SYNTHETIC_FACES:
                return DataSpec.DEFAULT;
            case FASHION_MNIST:
                return "fashion-mnist";
            case MNIST:
                return "mnist";
            case CIFAR10:
                return "cifar-10";
            case IDX_FILE:
                return p.isEmpty() ? "" : "idx:" + p;
            case IMAGE_FOLDER:
                return p.isEmpty() ? "" : "folder:" + p;
            default:
                return p.isEmpty() ? "" : "cifar-10:" + p;
        }
    }

    /**
     * Opens the chosen data set at the model's size in the background and fills count,
     * description and preview (or the error). A path is opened only once typing pauses for
     * {@link #TYPING_PAUSE}, and a newer choice cancels an inspection still running.
     */
    public void inspect(int imageSize, int channels) {
        String s = spec.get();
        count.set(0);
        preview.set(null);
        downloadable.set(false);
        if (s.isEmpty()) {
            inspections.cancel();
            busy.set(false);
            error.set(kind.get().needsPath() ? "choose a " + (kind.get() == Kind.IDX_FILE ? "file" : "folder") : "");
            description.set("");
            return;
        }
        error.set("");
        description.set("opening…");
        busy.set(true);
        Duration pause = kind.get().needsPath() ? TYPING_PAUSE : Duration.ZERO;
        inspections.submit(pause, task -> open(s, imageSize, channels, task::isCancelled), result -> {
            busy.set(false);
            count.set(result.count());
            description.set(result.description());
            preview.set(GridPixels.of(result.preview()));
        }, failure -> {
            busy.set(false);
            description.set("");
            error.set(String.valueOf(failure.getMessage()));
            downloadable.set(isPublic() && cache.locate(s.split(":")[0]).isEmpty());
        });
    }

    private boolean isPublic() {
        Kind k = kind.get();
        return k == Kind.FASHION_MNIST || k == Kind.MNIST || k == Kind.CIFAR10;
    }

    /** Downloads the chosen public set, then inspects it again. */
    public void download(int imageSize, int channels) {
        if (!isPublic()) {
            return;
        }
        String name = spec.get();
        busy.set(true);
        error.set("");
        downloadProgress.set(0);
        DownloadListener listener = (file, done, total) -> {
            double fraction = total > 0 ? (double) done / total : 0;
            tasks.onUi(() -> {
                downloadProgress.set(fraction);
                description.set(String.format(Locale.ROOT, "downloading %s: %.1f MB", file, done / 1e6));
            });
        };
        tasks.run(() -> new Downloader(cache).fetch(name, listener), folder -> {
            busy.set(false);
            downloadProgress.set(1);
            inspect(imageSize, channels);
        }, failure -> {
            busy.set(false);
            error.set(String.valueOf(failure.getMessage()));
        });
    }

    private record Inspection(int count, String description, SampleGrid preview) {}

    private Inspection open(String s, int imageSize, int channels, BooleanSupplier cancelled) {
        DataContext context = new DataContext(cache, false, DownloadListener.NONE, w -> { });
        ImageDataset data = DataSpec.parse(s).open(imageSize, channels, 1, context, cancelled);
        int n = Math.min(PREVIEW_COUNT, data.size());
        int length = data.channels() * data.imageSize() * data.imageSize();
        float[] images = new float[n * length];
        for (int i = 0; i < n; i++) {
            data.copyImage(i, images, i * length);
        }
        int columns = ImageGrid.COLUMNS;
        BufferedImage img = ImageGrid.render(images, n, data.channels(), data.imageSize(), columns, 1);
        int w = img.getWidth();
        int h = img.getHeight();
        SampleGrid grid = new SampleGrid(0, w, h, img.getRGB(0, 0, w, h, null, 0, w), columns, data.imageSize(),
                ImageGrid.PADDING);
        String labels = data.annotations().hasClasses()
                ? ", " + data.annotations().classNames().size() + " classes"
                : data.annotations().attributes().isEmpty() ? ""
                : ", attributes: " + String.join(", ", data.annotations().attributes().stream()
                        .map(a -> a.name()).toList());
        String text = String.format(Locale.ROOT, "%,d images, trained as %d×%d×%d%s", data.size(), data.imageSize(),
                data.imageSize(), data.channels(), labels);
        return new Inspection(data.size(), text, grid);
    }
}
