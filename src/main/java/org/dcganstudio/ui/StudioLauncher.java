package org.dcganstudio.ui;

import javafx.application.Application;
import org.dcganstudio.app.shell.StudioServices;

/**
 * Starts the studio. A plain main class, not the {@link Application} itself, so the studio runs
 * from the class path (jar, jpackage) without JavaFX on the module path.
 */
public final class StudioLauncher {

    private StudioLauncher() {
    }

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--self-test")) {
            System.exit(StudioServices.selfTest(System.out));
        }
        StudioServices.applyEngineDefaults();
        Application.launch(StudioApp.class, args);
    }
}
