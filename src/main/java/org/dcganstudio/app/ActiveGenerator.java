package org.dcganstudio.app;

import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.io.RunDirectory;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.core.render.Renderer;
import org.dcganstudio.core.session.SessionCommand;
import org.dcganstudio.core.session.TrainingService;
import org.dcganstudio.core.usecase.GeneratorLoading;

/**
 * The generator Explore and Arithmetic draw with: opened from a checkpoint, or a copy shared by the
 * running training (refreshed every {@link #FOLLOW_EVERY} steps while "follow training" is on).
 * Owns the renderer both views submit to (the studio's draws on a thread of its own; tests' on
 * theirs); closing the studio closes it.
 */
public final class ActiveGenerator implements AutoCloseable {

    /** Steps between the copies a followed training shares. */
    public static final int FOLLOW_EVERY = 50;

    private final BackgroundTasks tasks;
    private final TrainingService session;
    private final Renderer renderer;
    private final ReadOnlyObjectWrapper<GeneratorWeights> weights = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper("no generator loaded");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty followTraining = new SimpleBooleanProperty(false);
    /** Counts {@link #open} calls on the UI thread, so only the newest one's result is used. */
    private long opens;

    /**
     * @param tasks runs checkpoint reading off the UI thread
     * @param session the training whose generator can be followed (null: none)
     * @param renderer draws for Explore and Arithmetic (owned from now on)
     */
    public ActiveGenerator(BackgroundTasks tasks, TrainingService session, Renderer renderer) {
        this.tasks = tasks;
        this.session = session;
        this.renderer = renderer;
        followTraining.addListener((obs, was, on) -> {
            if (session == null) {
                return;
            }
            session.send(new SessionCommand.ShareGeneratorEvery(on ? FOLLOW_EVERY : 0));
            if (on) {
                session.send(new SessionCommand.ShareGenerator());
            }
        });
    }

    /** The open dialog's filter for checkpoint files, e.g. {@code *.ckpt}. */
    public static final String CHECKPOINT_FILES = "*" + RunDirectory.CHECKPOINT_EXTENSION;

    /** Reads a checkpoint file or a run directory's latest checkpoint in the background, then uses it. */
    public void open(Path checkpointOrRunDir) {
        load(() -> GeneratorLoading.open(checkpointOrRunDir), "Could not open " + checkpointOrRunDir);
    }

    /**
     * Imports a PyTorch generator's state dict (pytorch/examples keys, as {@code .safetensors} or
     * as {@code torch.save}'s {@code .pt}/{@code .pth}, whose pickle is read without running any of
     * it): the architecture is read from the shapes, the weights are checked by loading them, then
     * used.
     */
    public void importWeights(Path file) {
        load(() -> GeneratorLoading.importPyTorch(file), "Could not import " + file);
    }

    private void load(java.util.concurrent.Callable<GeneratorWeights> read, String failure) {
        long serial = ++opens;
        loading.set(true);
        error.set("");
        tasks.run(read, w -> {
            if (serial != opens) {
                return; // a later open (or use) wins, whichever file finished reading first
            }
            loading.set(false);
            followTraining.set(false);
            use(w);
        }, e -> {
            if (serial == opens) {
                loading.set(false);
                error.set(failure + ": " + e.getMessage());
            }
        });
    }

    /** Draws with {@code w} from now on. */
    public void use(GeneratorWeights w) {
        renderer.setWeights(w);
        if (loading.get() && w.from().fromTraining()) {
            opens++; // a copy from the training replaces any checkpoint still being read
            loading.set(false);
        }
        weights.set(w);
        ModelConfig c = w.config();
        description.set(String.format(Locale.ROOT, "%s · step %,d · %d×%d %s · nz %d", w.origin(), w.step(),
                c.imageSize(), c.imageSize(), c.channels() == 3 ? "RGB" : "grey", c.nz()));
    }

    /** Takes a newer copy shared by the training when following it; called at the UI's frame rate. */
    public void refresh() {
        if (followTraining.get() && session != null) {
            GeneratorWeights shared = session.sharedGenerator();
            if (shared != null && shared != weights.get()) {
                use(shared);
            }
        }
    }

    /** Asks the training for a copy now (the "refresh" button while following). */
    public void requestFromTraining() {
        if (session != null) {
            session.send(new SessionCommand.ShareGenerator());
        }
    }

    public Renderer renderer() {
        return renderer;
    }

    public ReadOnlyObjectProperty<GeneratorWeights> weightsProperty() {
        return weights.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Whether the generator follows the running training's copies. */
    public BooleanProperty followTrainingProperty() {
        return followTraining;
    }

    @Override
    public void close() {
        if (session != null && followTraining.get()) {
            session.send(new SessionCommand.ShareGeneratorEvery(0));
        }
        renderer.close();
    }
}
