package org.dcganstudio.ui;

import javafx.application.Application;
import javafx.stage.Stage;
import org.dcganstudio.app.PreferenceStore;
import org.dcganstudio.app.shell.StudioServices;
import org.dcganstudio.app.shell.StudioViewModel;

/** The JavaFX application: builds the services and the main window, and ends them on exit. */
public final class StudioApp extends Application {

    /** Preferences node; tests point it elsewhere so they never touch a user's settings. */
    public static final String PREFS_NODE_PROPERTY = "dcgan.prefs.node";

    /** Prints the start-up time once the window shows ("quit": then quits); the cold-start benchmark. */
    public static final String STARTUP_PROPERTY = "dcgan.startup.report";

    private FxBackgroundTasks tasks;
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        tasks = new FxBackgroundTasks();
        StudioViewModel vm = StudioServices.create(tasks,
                PreferenceStore.user(System.getProperty(PREFS_NODE_PROPERTY, "org/dcganstudio")));
        window = new MainWindow(vm, stage);
        stage.show();
        String measure = getParameters().getNamed().get("measure-frames");
        if (measure != null) {
            window.quitWithoutAsking();
            new FrameGapProbe(vm.train(), Double.parseDouble(measure)).start();
        }
        String startup = System.getProperty(STARTUP_PROPERTY);
        if (startup != null) {
            // after the first pulse has drawn the window: what a user waits from launch
            javafx.application.Platform.runLater(() -> {
                System.out.println("window visible " + java.lang.management.ManagementFactory.getRuntimeMXBean()
                        .getUptime() + " ms after the JVM started");
                if ("quit".equals(startup)) {
                    window.quitWithoutAsking();
                    stage.close();
                    javafx.application.Platform.exit();
                }
            });
        }
        String screenshots = getParameters().getNamed().get("screenshots");
        if (screenshots != null) {
            stage.setWidth(1400);
            stage.setHeight(900);
            String run = getParameters().getNamed().get("screenshots-run");
            new ScreenshotTour(vm, window, stage, java.nio.file.Path.of(screenshots),
                    run == null ? null : java.nio.file.Path.of(run)).start();
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            // Closing by other means than the window's close button (e.g. Platform.exit).
            window.confirmClose();
        }
        if (tasks != null) {
            tasks.close();
        }
    }

    /** The window (tests). */
    MainWindow window() {
        return window;
    }
}
