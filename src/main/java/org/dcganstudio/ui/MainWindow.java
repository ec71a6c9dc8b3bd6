package org.dcganstudio.ui;

import java.io.File;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.dcganstudio.app.shell.StudioViewModel;
import org.dcganstudio.app.train.TrainViewModel;

/**
 * The main window: menus, the four sections as tabs, and the status bar. Its frame timer pulls
 * the ViewModels at most 30 times a second, so training speed never sets the UI's pace.
 */
final class MainWindow {

    /** Pulls at most this often: 30 per second. */
    static final long FRAME_NANOS = 33_000_000L;

    private final StudioViewModel vm;
    private final Stage stage;
    private final TrainView train;
    private final ExploreView explore;
    private final BorderPane root = new BorderPane();
    private final AnimationTimer timer;
    private boolean closing;
    private boolean quitWithoutSaving;

    MainWindow(StudioViewModel vm, Stage stage) {
        this.vm = vm;
        this.stage = stage;
        this.train = new TrainView(vm.train());
        this.explore = new ExploreView(vm.explore());
        TabPane tabs = new TabPane(
                tab("Train", train),
                tab("Explore", explore),
                tab("Arithmetic", new ArithmeticView(vm.arithmetic())),
                tab("Export", new ExportView(vm.export())));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("sections");
        // the ViewModel can change section (a sample clicked in Train opens Explore) and so can the user
        tabs.getSelectionModel().select(vm.sectionProperty().get().ordinal());
        vm.sectionProperty().addListener((obs, old, now) -> tabs.getSelectionModel().select(now.ordinal()));
        tabs.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) ->
                vm.sectionProperty().set(StudioViewModel.Section.values()[now.intValue()]));
        root.setTop(menus());
        root.setCenter(tabs);
        root.setBottom(statusBar());
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(MainWindow.class.getResource("studio.css").toExternalForm());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        applyTheme(vm.darkProperty().get());
        vm.darkProperty().addListener((obs, old, dark) -> applyTheme(dark));
        stage.setScene(scene);
        stage.setTitle("DCGAN Studio");
        restoreBounds();
        stage.setOnCloseRequest(e -> {
            if (!confirmClose()) {
                e.consume();
            }
        });
        timer = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (now - last < FRAME_NANOS) {
                    return;
                }
                last = now;
                vm.refresh();
                train.onFrame(now);
            }
        };
        timer.start();
    }

    private static Tab tab(String name, javafx.scene.Node content) {
        Tab tab = new Tab(name, content);
        tab.setId("tab-" + name.toLowerCase());
        return tab;
    }

    private MenuBar menus() {
        TrainViewModel t = vm.train();
        MenuItem newRun = Icons.item("New run", "mdi2p-plus");
        newRun.setAccelerator(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN));
        newRun.setOnAction(e -> t.form().resetToPaperDefaults());
        MenuItem open = Icons.item("Open run directory…", "mdi2f-folder-open");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> openRun());
        MenuItem openCheckpoint = Icons.item("Open checkpoint…", "mdi2f-file-upload");
        openCheckpoint.setOnAction(e -> {
            vm.sectionProperty().set(StudioViewModel.Section.EXPLORE);
            explore.openCheckpoint();
        });
        MenuItem importWeights = Icons.item("Import PyTorch weights (.safetensors, .pt, .pth)…", "mdi2f-file-upload");
        importWeights.setOnAction(e -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle("Import a PyTorch generator (pytorch/examples keys)");
            chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("PyTorch state dict",
                    "*.safetensors", "*.pt", "*.pth"));
            File f = chooser.showOpenDialog(stage);
            if (f != null) {
                vm.sectionProperty().set(StudioViewModel.Section.EXPLORE);
                vm.generator().importWeights(f.toPath());
            }
        });
        MenuItem save = Icons.item("Save checkpoint", "mdi2c-content-save");
        save.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
        save.setOnAction(e -> t.save());
        save.disableProperty().bind(t.activeProperty().not());
        MenuItem quit = Icons.item("Quit", "mdi2e-exit-to-app");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> {
            if (confirmClose()) {
                stage.close();
            }
        });
        Menu file = new Menu("File", null, newRun, open, openCheckpoint, importWeights, save, new javafx.scene.control.SeparatorMenuItem(), quit);

        MenuItem startPause = Icons.item("Start / Pause", "mdi2p-play-pause");
        startPause.setAccelerator(new KeyCodeCombination(KeyCode.SPACE));
        startPause.setOnAction(e -> t.togglePause());
        MenuItem step = Icons.item("Step", "mdi2s-step-forward");
        step.setOnAction(e -> t.step());
        MenuItem stop = Icons.item("Stop", "mdi2s-stop");
        stop.setOnAction(e -> t.stop());
        stop.disableProperty().bind(t.activeProperty().not());
        CheckMenuItem slow = new CheckMenuItem("Slow motion");
        slow.selectedProperty().bindBidirectional(t.slowMotionProperty());
        Menu training = new Menu("Training", null, startPause, step, stop, slow);

        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.selectedProperty().bindBidirectional(vm.darkProperty());
        Menu view = new Menu("View", null, dark, new javafx.scene.control.SeparatorMenuItem());
        // Ctrl+1 … Ctrl+4 (Cmd on macOS): the sections, in tab order
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4};
        for (StudioViewModel.Section s : StudioViewModel.Section.values()) {
            String name = s.name().charAt(0) + s.name().substring(1).toLowerCase(java.util.Locale.ROOT);
            MenuItem go = new MenuItem(name);
            go.setId("view-" + s.name().toLowerCase(java.util.Locale.ROOT));
            if (s.ordinal() < digits.length) {
                go.setAccelerator(new KeyCodeCombination(digits[s.ordinal()], KeyCombination.SHORTCUT_DOWN));
            }
            go.setOnAction(e -> vm.sectionProperty().set(s));
            view.getItems().add(go);
        }
        MenuBar bar = new MenuBar(file, training, view);
        bar.setId("menu-bar");
        return bar;
    }

    private StatusBar statusBar() {
        StatusBar status = new StatusBar();
        status.setId("status-bar");
        status.textProperty().bind(vm.statusProperty());
        Label device = new Label();
        device.setId("status-device");
        device.textProperty().bind(vm.deviceProperty());
        Label memory = new Label();
        memory.textProperty().bind(vm.memoryProperty());
        status.getRightItems().addAll(device, new Separator(javafx.geometry.Orientation.VERTICAL), memory);
        return status;
    }

    /** Space starts or pauses training, except while typing in a field. */
    private void onKey(KeyEvent e) {
        if (e.getCode() == KeyCode.SPACE && !spaceBelongsTo(stage.getScene().getFocusOwner())) {
            vm.train().togglePause();
            e.consume();
        }
    }

    /**
     * Space pauses training everywhere except where the focused control needs it itself: typing,
     * and pressing a focused button, check box or choice from the keyboard.
     */
    private static boolean spaceBelongsTo(javafx.scene.Node focused) {
        return focused instanceof TextInputControl || focused instanceof javafx.scene.control.ButtonBase
                || focused instanceof javafx.scene.control.ComboBoxBase
                || focused instanceof javafx.scene.control.ChoiceBox;
    }

    private void openRun() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open run directory");
        if (vm.lastRun() != null && vm.lastRun().getParent() != null && vm.lastRun().getParent().toFile().isDirectory()) {
            chooser.setInitialDirectory(vm.lastRun().getParent().toFile());
        }
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            vm.train().follow(dir.toPath());
        }
    }

    private void applyTheme(boolean dark) {
        root.getStyleClass().remove("dark");
        if (dark) {
            root.getStyleClass().add("dark");
        }
        train.setDark(dark);
    }

    private void restoreBounds() {
        String[] parts = vm.windowBounds().split(",");
        if (parts.length == 4) {
            try {
                stage.setX(Double.parseDouble(parts[0]));
                stage.setY(Double.parseDouble(parts[1]));
                stage.setWidth(Double.parseDouble(parts[2]));
                stage.setHeight(Double.parseDouble(parts[3]));
            } catch (NumberFormatException e) {
                // A damaged preference only loses the layout.
            }
        }
    }

    /**
     * Asks whether to save when a run is training, then ends the session; false when the user
     * cancelled. Called once per close.
     */
    boolean confirmClose() {
        if (closing) {
            return true;
        }
        boolean save = !quitWithoutSaving;
        if (vm.training() && !quitWithoutSaving) {
            ButtonType saveQuit = new ButtonType("Save and quit", ButtonBar.ButtonData.YES);
            ButtonType quitOnly = new ButtonType("Quit without saving", ButtonBar.ButtonData.NO);
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "A run is training. Save a checkpoint before quitting?",
                    saveQuit, quitOnly, ButtonType.CANCEL);
            ask.initOwner(stage);
            ask.setHeaderText("Quit while training?");
            ButtonType answer = ask.showAndWait().orElse(ButtonType.CANCEL);
            if (answer == ButtonType.CANCEL) {
                return false;
            }
            save = answer == saveQuit;
        }
        closing = true;
        timer.stop();
        vm.rememberWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        vm.close(save);
        return true;
    }

    /** Closing will not ask about saving and will not save (the frame benchmark). */
    void quitWithoutAsking() {
        quitWithoutSaving = true;
    }

    /** The Explore view (tests). */
    ExploreView exploreView() {
        return explore;
    }

    /** The Train view (tests). */
    TrainView trainView() {
        return train;
    }
}
