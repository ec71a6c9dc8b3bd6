package org.dcganstudio.ui;

import javafx.application.Application;

/**
 * Starts the studio. A plain main class, not the {@link Application} itself, so the studio runs
 * from the class path (jar, jpackage) without JavaFX on the module path.
 */
public final class StudioLauncher {

    private StudioLauncher() {
    }

    public static void main(String[] args) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Application.launch(StudioApp.class, args);
    }
}
