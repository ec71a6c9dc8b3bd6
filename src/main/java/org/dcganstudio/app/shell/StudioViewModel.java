package org.dcganstudio.app.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.dcganstudio.app.ActiveGenerator;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.app.arithmetic.ArithmeticViewModel;
import org.dcganstudio.app.explore.ExploreViewModel;
import org.dcganstudio.app.export.ExportViewModel;
import org.dcganstudio.app.PreferenceStore;
import org.dcganstudio.app.train.TrainViewModel;
import org.dcganstudio.core.render.Renderer;
import org.dcganstudio.core.usecase.GeneratorLoading;
import org.dcganstudio.core.data.download.DatasetCache;
import org.dcganstudio.core.session.SessionState;
import org.dcganstudio.core.session.TrainingService;
import org.dcganstudio.core.training.Devices;

/**
 * The main window's state: the ViewModels of its sections and the generator Explore and Arithmetic
 * share, the section on show, the status bar, and preferences (runs folder, last run, theme, window
 * bounds). Owns the training session for the window's lifetime ({@link #close()} ends it, so no
 * thread or native memory outlives the window).
 */
public final class StudioViewModel implements AutoCloseable {

    /** Preference keys. */
    public static final String RUNS_DIR = "runs.dir";
    public static final String LAST_RUN = "last.run";
    public static final String THEME = "theme";
    public static final String WINDOW = "window";

    private final TrainingService session;
    private final PreferenceStore prefs;
    private final TrainViewModel train;
    private final ActiveGenerator generator;
    private final ExploreViewModel explore;
    private final ArithmeticViewModel arithmetic;
    private final ExportViewModel export;
    private final ObjectProperty<Section> section = new SimpleObjectProperty<>(Section.TRAIN);
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper("loading engine…");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper("");
    private final BooleanProperty dark = new SimpleBooleanProperty();

    public StudioViewModel(TrainingService session, Renderer renderer, BackgroundTasks tasks, PreferenceStore prefs,
            DatasetCache cache) {
        this.session = session;
        this.prefs = prefs;
        this.train = new TrainViewModel(session, tasks, cache, this::newRunDir);
        this.generator = new ActiveGenerator(tasks, session, renderer);
        this.explore = new ExploreViewModel(generator, tasks);
        this.arithmetic = new ArithmeticViewModel(generator, tasks);
        this.export = new ExportViewModel(tasks);
        train.setEvolutionGifTarget(() -> {
            export.runDirProperty().set(train.runDirProperty().get());
            section.set(Section.EXPORT);
        });
        // Export works on the run Train shows, unless the user picks another
        train.runDirProperty().addListener((obs, old, now) -> {
            if (now != null) {
                export.runDirProperty().set(now);
            }
        });
        train.setSampleTarget(this::exploreSample);
        // the embedded default model, so Explore and Arithmetic work at first launch
        GeneratorLoading.defaultModel().ifPresent(generator::open);
        dark.set("dark".equals(prefs.get(THEME, "light")));
        dark.addListener((obs, was, now) -> {
            prefs.put(THEME, now ? "dark" : "light");
            prefs.flush();
        });
        train.runDirProperty().addListener((obs, old, now) -> {
            if (now != null) {
                prefs.put(LAST_RUN, now.toAbsolutePath().toString());
                prefs.flush();
            }
        });
        // Loading libtorch takes a second or two: never on the UI thread.
        tasks.run(() -> Devices.describe(Devices.resolve("auto")), device::set,
                e -> device.set("engine unavailable: " + e.getMessage()));
    }

    /** The studio's sections, in the order of their tabs. */
    public enum Section { TRAIN, EXPLORE, ARITHMETIC, EXPORT }

    /**
     * A sample clicked in Train: Explore shows it, drawn by the run's generator (the live training's
     * copies, or the run's latest checkpoint).
     */
    private void exploreSample(float[] latent, Path runDir, boolean live) {
        if (live) {
            generator.followTrainingProperty().set(true);
            generator.requestFromTraining();
        } else {
            generator.open(runDir);
        }
        explore.show(latent);
        section.set(Section.EXPLORE);
    }

    /** Where new runs go: the runs folder (preference, default ~/dcgan-studio/runs) and the time. */
    public Path newRunDir() {
        Path root = runsRoot();
        String name = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = root.resolve(name);
        for (int i = 2; Files.exists(dir); i++) {
            dir = root.resolve(name + "-" + i);
        }
        return dir;
    }

    /** The folder new runs are created in. */
    public Path runsRoot() {
        return Path.of(prefs.get(RUNS_DIR, Path.of(System.getProperty("user.home"), "dcgan-studio", "runs").toString()));
    }

    /** The last run directory opened or trained, if any. */
    public Path lastRun() {
        String last = prefs.get(LAST_RUN, "");
        return last.isEmpty() ? null : Path.of(last);
    }

    /** Saved window bounds as "x,y,width,height", or empty. */
    public String windowBounds() {
        return prefs.get(WINDOW, "");
    }

    /** Remembers the window bounds for the next launch. */
    public void rememberWindow(double x, double y, double width, double height) {
        prefs.put(WINDOW, String.format(Locale.ROOT, "%.0f,%.0f,%.0f,%.0f", x, y, width, height));
        prefs.flush();
    }

    /**
     * Pulls the training's and the generator's state into the sections' ViewModels and refreshes the
     * status bar; called by the view's frame timer.
     */
    public void refresh() {
        train.refresh();
        generator.refresh();
        explore.refresh();
        arithmetic.refresh();
        Runtime rt = Runtime.getRuntime();
        long usedMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        memory.set(String.format(Locale.ROOT, "heap %d / %d MB", usedMb, rt.maxMemory() >> 20));
        SessionState s = train.stateProperty().get();
        String text = switch (s) {
            case IDLE -> "ready";
            case STARTING -> "starting…";
            default -> String.format(Locale.ROOT, "%s · step %,d / %,d · %.1f img/s", s.name().toLowerCase(Locale.ROOT),
                    train.stepProperty().get(), train.totalProperty().get(), train.imagesPerSProperty().get());
        };
        status.set(text);
    }

    /** True while a run holds the models (closing asks whether to save). */
    public boolean training() {
        return train.activeProperty().get();
    }

    public TrainViewModel train() {
        return train;
    }

    public ExploreViewModel explore() {
        return explore;
    }

    public ExportViewModel export() {
        return export;
    }

    public ArithmeticViewModel arithmetic() {
        return arithmetic;
    }

    /** The generator Explore and Arithmetic draw with. */
    public ActiveGenerator generator() {
        return generator;
    }

    /** The section on show. */
    public ObjectProperty<Section> sectionProperty() {
        return section;
    }

    public ReadOnlyStringProperty deviceProperty() {
        return device.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty memoryProperty() {
        return memory.getReadOnlyProperty();
    }

    /** The dark theme, persisted. */
    public BooleanProperty darkProperty() {
        return dark;
    }

    /**
     * Ends the training session, any run followed and the generator's renderer: with {@code save},
     * a running run writes its final checkpoint; without, it ends at once and the last periodic
     * checkpoint stays the latest.
     */
    public void close(boolean save) {
        train.close();
        if (!save && training()) {
            session.send(new org.dcganstudio.core.session.SessionCommand.Abandon());
        }
        session.close();
        generator.close();
    }

    @Override
    public void close() {
        close(true);
    }
}
