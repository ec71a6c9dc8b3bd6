package org.dcganstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.dcganstudio.app.shell.StudioViewModel;
import org.dcganstudio.core.render.SameThreadRenderer;
import org.dcganstudio.core.data.download.DatasetCache;
import org.dcganstudio.core.data.download.DatasetCatalog;
import org.dcganstudio.core.session.SessionState;
import org.dcganstudio.testing.ScriptedTraining;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Theme, window layout and last run survive a relaunch: one studio saves them in the user's Java
 * preferences, and both a new studio in this JVM and a fresh JVM read them back. A node of its own,
 * removed afterwards, keeps the user's real preferences out of it.
 */
class PreferenceStoreTest {

    private static final long CHILD_TIMEOUT_S = 60;

    private final String node = "org/dcganstudio/test-" + UUID.randomUUID();

    @TempDir
    Path tmp;

    @AfterEach
    void removeNode() throws BackingStoreException {
        Preferences prefs = Preferences.userRoot().node(node);
        prefs.removeNode();
        Preferences.userRoot().flush();
    }

    private StudioViewModel studio(ScriptedTraining training) {
        return new StudioViewModel(training, new SameThreadRenderer(ai.djl.Device.cpu()), BackgroundTasks.SAME_THREAD, PreferenceStore.user(node),
                new DatasetCache(tmp.resolve("cache"), DatasetCatalog.standard()));
    }

    @Test
    void whatOneStudioSavesTheNextReadsBack() throws Exception {
        Path run = tmp.resolve("runs/20261204-120000");
        ScriptedTraining training = new ScriptedTraining();
        StudioViewModel first = studio(training);
        assertFalse(first.darkProperty().get(), "light by default");
        assertNull(first.lastRun());
        assertEquals("", first.windowBounds());
        first.darkProperty().set(true);
        first.rememberWindow(40, 30, 1280.4, 800);
        training.publish(d -> d.run(SessionState.RUNNING, run, null));
        first.refresh();
        first.close(false);

        StudioViewModel second = studio(new ScriptedTraining());
        try {
            assertTrue(second.darkProperty().get(), "theme");
            assertEquals("40,30,1280,800", second.windowBounds());
            assertEquals(run.toAbsolutePath(), second.lastRun());
        } finally {
            second.close(false);
        }

        assertEquals("dark|40,30,1280,800|" + run.toAbsolutePath(), readInAnotherJvm(),
                "flushed to the backing store, not only cached in this JVM");
    }

    private String readInAnotherJvm() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReadBack.class.getName(), node)
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS), "the reading JVM ended");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** A second launch: reads the keys with a store of its own. */
    public static final class ReadBack {
        public static void main(String[] args) {
            PreferenceStore prefs = PreferenceStore.user(args[0]);
            System.out.println(prefs.get(StudioViewModel.THEME, "?") + "|" + prefs.get(StudioViewModel.WINDOW, "?")
                    + "|" + prefs.get(StudioViewModel.LAST_RUN, "?"));
        }
    }
}
