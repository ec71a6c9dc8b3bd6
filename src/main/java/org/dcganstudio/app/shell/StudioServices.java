package org.dcganstudio.app.shell;

import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.app.PreferenceStore;
import org.dcganstudio.core.data.DataContext;
import org.dcganstudio.core.data.download.DatasetCache;
import org.dcganstudio.core.data.download.DownloadListener;
import org.dcganstudio.core.render.LatentRenderer;
import org.dcganstudio.core.session.TrainingSession;
import org.dcganstudio.core.training.EngineSettings;

/** The composition root: builds the core services the studio's ViewModels run on. */
public final class StudioServices {

    private StudioServices() {
    }

    /** Offline engine, quiet logs: call before anything loads DJL. */
    public static void applyEngineDefaults() {
        EngineSettings.applyDefaults();
    }

    /**
     * Fixes the calling long-lived thread's libtorch thread count before any training can lower it
     * (see {@code EngineSettings.initialiseThisThread}).
     */
    public static void initialiseEngineThread() {
        EngineSettings.initialiseThisThread();
    }

    /** The installed studio's {@code --self-test}; returns the exit code. */
    public static int selfTest(java.io.PrintStream out) {
        return org.dcganstudio.core.usecase.SelfTest.run(out);
    }

    /** The studio with the standard data cache and a fresh training session. */
    public static StudioViewModel create(BackgroundTasks tasks, PreferenceStore prefs) {
        DatasetCache cache = DatasetCache.standard();
        // Data sets are downloaded from the chooser (with its progress bar), never silently at start.
        DataContext data = new DataContext(cache, false, DownloadListener.NONE, w -> { });
        return new StudioViewModel(new TrainingSession(data), LatentRenderer.onCpu(), tasks, prefs, cache);
    }
}
