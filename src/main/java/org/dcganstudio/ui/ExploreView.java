package org.dcganstudio.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.dcganstudio.app.ActiveGenerator;
import org.dcganstudio.app.Pixels;
import org.dcganstudio.app.explore.DirectionSlider;
import org.dcganstudio.app.explore.ExploreExports;
import org.dcganstudio.app.explore.ExploreViewModel;
import org.dcganstudio.app.explore.InterpolationPath;
import org.dcganstudio.app.explore.LatentCursor;

/**
 * The Explore view: the generator and its sliders on the left, the current image large in the
 * centre with a grid of samples beside it, and the interpolation path underneath.
 */
final class ExploreView extends BorderPane {

    static final String BATCH_STATS_HELP = "Eval mode (the default) normalises with BatchNorm's running statistics, "
            + "so an image depends only on its own latent. Batch statistics normalise with the statistics of the "
            + "batch drawn together (here: the image and the grid), as during training, so the same latent looks "
            + "different in different company.";

    private final ExploreViewModel vm;
    private final PixelsView image = new PixelsView(384);
    private final TilePane grid = new TilePane(4, 4);
    private final HBox strip = new HBox(4);
    private final HBox anchors = new HBox(4);
    private final VBox directionBox = new VBox(4);
    private final VBox dimensionBox = new VBox(2);
    // the Export menu's sweeps: the same actions as the rows' buttons, reachable from one menu
    private final javafx.scene.control.Menu directionSweeps = new javafx.scene.control.Menu("Direction sweep as GIF");
    private final javafx.scene.control.Menu dimensionSweeps = new javafx.scene.control.Menu("Dimension sweep as GIF");
    /** Held here: a bidirectional binding only keeps a weak reference to this adapter. */
    private final javafx.beans.property.ObjectProperty<Integer> exportScale;
    /** Asks where to save; tests put a chooser-free answer here. */
    private Function<FileChooser, File> saveDialog = chooser -> chooser.showSaveDialog(
            getScene() == null ? null : getScene().getWindow());

    ExploreView(ExploreViewModel vm) {
        this.vm = vm;
        this.exportScale = vm.exportScaleProperty().asObject();
        getStyleClass().add("explore-view");
        image.setId("explore-image");
        grid.setId("explore-grid");
        strip.setId("explore-strip");
        ScrollPane left = new ScrollPane(new VBox(8, generatorPane(), directionsPane(), dimensionsPane(),
                neighboursPane()));
        left.setFitToWidth(true);
        left.setPrefWidth(330);
        setLeft(left);
        setCenter(centre());
        setBottom(pathPane());
        vm.imageProperty().addListener((obs, old, now) -> image.show(now));
        vm.gridProperty().addListener((obs, old, now) -> showGrid(now));
        vm.stripProperty().addListener((obs, old, now) -> showStrip(now));
        vm.directions().addListener((javafx.collections.ListChangeListener<DirectionSlider>) c -> showDirections());
        vm.rawOffsets().addListener((javafx.collections.ListChangeListener<javafx.beans.property.DoubleProperty>) c ->
                showDimensions());
        vm.anchors().addListener((javafx.collections.ListChangeListener<InterpolationPath.Anchor>) c -> showAnchors());
        vm.anchorImagesProperty().addListener((obs, old, now) -> showAnchors());
        image.show(vm.imageProperty().get());
        showGrid(vm.gridProperty().get());
        showDirections();
        showDimensions();
    }

    private Node generatorPane() {
        ActiveGenerator g = vm.generator();
        Label description = new Label();
        description.textProperty().bind(g.descriptionProperty());
        description.setWrapText(true);
        description.setId("explore-model");
        Label error = new Label();
        error.textProperty().bind(g.errorProperty());
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        Button open = Icons.decorate(new Button("Open checkpoint…"), "mdi2f-folder-open",
                "Load the generator of a checkpoint file or of a run directory's latest checkpoint");
        open.setOnAction(e -> openCheckpoint());
        CheckBox follow = new CheckBox("Follow training");
        follow.selectedProperty().bindBidirectional(g.followTrainingProperty());
        follow.setTooltip(new Tooltip("Use a copy of the generator being trained, refreshed every "
                + ActiveGenerator.FOLLOW_EVERY + " steps (never the weights it is changing)"));
        Button refresh = Icons.decorate(new Button(), "mdi2r-refresh", "Take a copy of the training's generator now");
        refresh.setOnAction(e -> g.requestFromTraining());
        refresh.disableProperty().bind(follow.selectedProperty().not());
        VBox box = new VBox(6, description, new HBox(6, open), new HBox(6, follow, refresh), error);
        return titled("Generator", box, true);
    }

    /** The "Open checkpoint" action, also on the File menu. */
    void openCheckpoint() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open checkpoint");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Checkpoints",
                org.dcganstudio.app.ActiveGenerator.CHECKPOINT_FILES));
        File f = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            vm.generator().open(f.toPath());
        }
    }

    private Node directionsPane() {
        Label hint = new Label("Directions found in the generator's first layer (principal components, "
                + "in standard deviations).");
        hint.setWrapText(true);
        directionBox.setId("explore-directions");
        Button find = Icons.decorate(new Button("Find directions"), "mdi2c-compass",
                "Principal components of the generator's first layer over a few thousand random latents, mapped "
                        + "back to latent space (as GANSpace); takes a few seconds");
        find.setOnAction(e -> vm.findDirections());
        find.disableProperty().bind(vm.findingDirectionsProperty().or(vm.readyProperty().not()));
        find.setId("find-directions");
        javafx.scene.control.ProgressIndicator busy = new javafx.scene.control.ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.findingDirectionsProperty());
        Button reset = Icons.decorate(new Button("Reset all"), "mdi2r-restore", "Put every slider back to 0");
        reset.setOnAction(e -> vm.resetSliders());
        return titled("Directions", new VBox(6, hint, new HBox(6, find, busy), directionBox, reset), true);
    }

    private Node neighboursPane() {
        Label help = new Label(org.dcganstudio.app.explore.TrainingNeighbours.HELP);
        help.setWrapText(true);
        Button find = Icons.decorate(new Button("Nearest training images"), "mdi2m-magnify",
                "Find the current image's nearest images among the first "
                        + org.dcganstudio.app.explore.TrainingNeighbours.LIMIT
                        + " of the model's training data, by pixels and by the discriminator's features");
        find.setOnAction(e -> vm.findNeighbours());
        find.disableProperty().bind(vm.searchingNeighboursProperty());
        find.setId("find-neighbours");
        VBox results = new VBox(4);
        results.setId("neighbours");
        vm.neighboursProperty().addListener((obs, old, now) -> {
            results.getChildren().clear();
            if (now == null) {
                return;
            }
            results.getChildren().addAll(new Label("By pixels (L2):"), matchRow(now.pixel()),
                    new Label("By D's features (L2):"), matchRow(now.feature()));
        });
        return titled("Memorisation check", new VBox(6, find, results, help), false);
    }

    private static Node matchRow(List<org.dcganstudio.app.explore.TrainingNeighbours.Match> matches) {
        HBox row = new HBox(4);
        for (org.dcganstudio.app.explore.TrainingNeighbours.Match m : matches) {
            PixelsView v = new PixelsView(48);
            v.show(m.image());
            Label d = new Label(String.format(Locale.ROOT, "%.1f", m.distance()));
            d.setTooltip(new Tooltip("training image " + m.index() + ", distance " + m.distance()));
            row.getChildren().add(new VBox(2, v, d));
        }
        return row;
    }

    private Node dimensionsPane() {
        return titled("Latent dimensions", dimensionBox, false);
    }

    private Node centre() {
        Button newSamples = Icons.decorate(new Button("New samples"), "mdi2d-dice-multiple", "Draw a new grid of samples");
        newSamples.setOnAction(e -> vm.newSamples());
        newSamples.setId("new-samples");
        ToggleButton batchStats = new ToggleButton("Batch statistics");
        batchStats.selectedProperty().bindBidirectional(vm.batchStatsProperty());
        batchStats.setTooltip(new Tooltip(BATCH_STATS_HELP));
        Button addAnchor = Icons.decorate(new Button("Add anchor"), "mdi2a-anchor",
                "Add the current image to the interpolation path");
        addAnchor.setOnAction(e -> vm.addAnchor());
        addAnchor.setId("add-anchor");
        Button copy = Icons.decorate(new Button(), "mdi2c-content-copy", "Copy the image to the clipboard");
        copy.setOnAction(e -> copyImage());
        MenuButton export = new MenuButton("Export");
        export.setGraphic(Icons.icon("mdi2e-export"));
        export.setId("explore-export");
        MenuItem png = new MenuItem("Image as PNG…");
        png.setOnAction(e -> save("PNG image", "*.png", "image.png", p -> vm.exportPng(p, scale())));
        MenuItem gridPng = new MenuItem("Sample grid as PNG…");
        gridPng.setOnAction(e -> save("PNG image", "*.png", "samples.png", p -> vm.exportGridPng(p, scale())));
        MenuItem strip1 = new MenuItem("Interpolation strip as PNG…");
        strip1.setOnAction(e -> save("PNG image", "*.png", "strip.png", p -> vm.exportStripPng(p, scale())));
        MenuItem walkGif = new MenuItem("Interpolation walk as GIF…");
        walkGif.setOnAction(e -> save("Animated GIF", "*.gif", "walk.gif", p -> vm.exportWalkGif(p, scale(), 100)));
        walkGif.disableProperty().bind(vm.exportingProperty());
        directionSweeps.setId("direction-sweeps");
        dimensionSweeps.setId("dimension-sweeps");
        export.getItems().addAll(png, gridPng, strip1, walkGif, directionSweeps, dimensionSweeps);
        MenuItem saveZ = new MenuItem("Latent vector (.npy)…");
        saveZ.setOnAction(e -> save("NumPy array", "*.npy", vm::saveLatent));
        MenuItem loadZ = new MenuItem("Open latent vector (.npy)…");
        loadZ.setOnAction(e -> open("NumPy array", "*.npy", vm::loadLatent));
        MenuItem saveX = new MenuItem("Exploration (.json)…");
        saveX.setOnAction(e -> save("Exploration", "*.json", vm::saveExploration));
        MenuItem loadX = new MenuItem("Open exploration (.json)…");
        loadX.setOnAction(e -> open("Exploration", "*.json", vm::loadExploration));
        export.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), saveZ, loadZ, saveX, loadX);
        ChoiceBox<Integer> scale = new ChoiceBox<>();
        scale.getItems().setAll(ExploreExports.SCALES);
        scale.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer s) {
                return s == null ? "" : s + "×";
            }

            @Override
            public Integer fromString(String text) {
                return Integer.valueOf(text.replace("×", ""));
            }
        });
        scale.valueProperty().bindBidirectional(exportScale);
        scale.setId("export-scale");
        scale.setTooltip(new Tooltip("Scale of exported PNGs and GIFs (nearest neighbour: pixels stay sharp)"));
        Label timing = new Label();
        timing.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "render %.1f ms",
                vm.renderMillisProperty().get()), vm.renderMillisProperty()));
        timing.setTooltip(new Tooltip("Time from the newest slider position to its image"));
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        FlowPane bar = new FlowPane(6, 6, newSamples, batchStats, addAnchor, copy, export, scale, exportProgress(),
                timing, message);
        bar.setPadding(new Insets(4, 0, 4, 0));
        grid.setPrefColumns(LatentCursor.GRID_COLUMNS);
        grid.setPrefTileWidth(72);
        grid.setPrefTileHeight(72);
        Label empty = new Label("Load a generator: open a checkpoint, follow a training run, or click a sample in "
                + "Train.");
        empty.setWrapText(true);
        empty.visibleProperty().bind(vm.readyProperty().not());
        empty.managedProperty().bind(empty.visibleProperty());
        HBox images = new HBox(16, image, grid);
        images.setAlignment(Pos.TOP_LEFT);
        VBox box = new VBox(6, empty, bar, images);
        box.setPadding(new Insets(8));
        return box;
    }

    /** The GIF export's progress and its Cancel, shown while one runs. */
    private Node exportProgress() {
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(vm.exportProgressProperty());
        bar.setPrefWidth(120);
        bar.setId("explore-export-progress");
        bar.setTooltip(new Tooltip("Drawing the frames, then writing the GIF"));
        Button cancel = Icons.decorate(new Button("Cancel"), "mdi2c-close", "Stop the export; nothing is written");
        cancel.setOnAction(e -> vm.cancelExport());
        cancel.setId("explore-export-cancel");
        HBox box = new HBox(4, bar, cancel);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setId("explore-export-busy");
        box.visibleProperty().bind(vm.exportingProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private int scale() {
        return vm.exportScaleProperty().get();
    }

    private Node pathPane() {
        ComboBox<String> mode = new ComboBox<>();
        mode.getItems().setAll("slerp", "lerp");
        mode.setValue(vm.sphericalProperty().get() ? "slerp" : "lerp");
        mode.valueProperty().addListener((obs, old, now) -> vm.sphericalProperty().set("slerp".equals(now)));
        vm.sphericalProperty().addListener((obs, old, now) -> mode.setValue(now ? "slerp" : "lerp"));
        mode.setId("path-mode");
        mode.setTooltip(new Tooltip("lerp: a straight line; slerp: along the sphere, keeping latents' typical length "
                + "(better under a normal prior)"));
        Spinner<Integer> frames = new Spinner<>(2, 64, vm.framesProperty().get());
        frames.setPrefWidth(80);
        frames.valueProperty().addListener((obs, old, now) -> vm.framesProperty().set(now));
        // both ways: a loaded exploration sets the frame count too
        vm.framesProperty().addListener((obs, old, now) -> frames.getValueFactory().setValue(now.intValue()));
        frames.setId("path-frames");
        frames.setTooltip(new Tooltip("Frames in the strip"));
        Slider position = new Slider(0, 1, 0);
        position.setId("path-position");
        position.valueProperty().bindBidirectional(vm.pathPositionProperty());
        position.setTooltip(new Tooltip("Move the current image along the path through the anchors"));
        HBox.setHgrow(position, Priority.ALWAYS);
        Button clear = Icons.decorate(new Button(), "mdi2d-delete", "Remove every anchor");
        clear.setOnAction(e -> vm.clearAnchors());
        Label anchorsLabel = new Label("Anchors:");
        HBox controls = new HBox(8, anchorsLabel, anchors, clear, new Label("Path:"), mode, frames, position);
        controls.setAlignment(Pos.CENTER_LEFT);
        ScrollPane stripScroll = new ScrollPane(strip);
        stripScroll.setPrefViewportHeight(74);
        stripScroll.setFitToHeight(true);
        VBox box = new VBox(6, controls, stripScroll);
        box.setPadding(new Insets(8));
        return box;
    }

    private void showGrid(List<Pixels> samples) {
        grid.getChildren().clear();
        for (int i = 0; i < samples.size(); i++) {
            PixelsView v = new PixelsView(72);
            v.show(samples.get(i));
            int index = i;
            v.setOnMouseClicked(e -> vm.select(index));
            v.setId("sample-" + i);
            Tooltip.install(v, new Tooltip("Make this the current image"));
            grid.getChildren().add(v);
        }
    }

    private void showStrip(List<Pixels> frames) {
        strip.getChildren().clear();
        for (Pixels p : frames) {
            PixelsView v = new PixelsView(64);
            v.show(p);
            strip.getChildren().add(v);
        }
    }

    private void showAnchors() {
        anchors.getChildren().clear();
        List<InterpolationPath.Anchor> list = vm.anchors();
        for (int i = 0; i < list.size(); i++) {
            PixelsView v = new PixelsView(32);
            List<org.dcganstudio.app.Pixels> drawn = vm.anchorImagesProperty().get();
            v.show(drawn.size() == list.size() ? drawn.get(i) : null);
            int index = i;
            v.setOnMouseClicked(e -> vm.removeAnchor(index));
            Tooltip.install(v, new Tooltip("Anchor " + (i + 1) + ": click to remove"));
            anchors.getChildren().add(v);
        }
    }

    private void showDirections() {
        directionBox.getChildren().clear();
        directionSweeps.getItems().clear();
        directionSweeps.setDisable(vm.directions().isEmpty());
        List<DirectionSlider> list = vm.directions();
        for (int i = 0; i < list.size(); i++) {
            DirectionSlider d = list.get(i);
            Slider s = slider(d.valueProperty(), DirectionSlider.RANGE, "direction-" + i);
            Label name = new Label(String.format(Locale.ROOT, "%s (%.0f%%)", d.name(), 100 * d.varianceShare()));
            name.setMinWidth(80);
            Button reset = Icons.decorate(new Button(), "mdi2r-restore", "Back to 0");
            reset.setOnAction(e -> d.reset());
            int index = i;
            Runnable sweep = () -> save("Animated GIF", "*.gif", "sweep-" + d.name().replace(" ", "") + ".gif",
                    p -> vm.exportDirectionSweepGif(index, p, scale(), ExploreExports.SWEEP_DELAY_MS));
            directionBox.getChildren().add(new HBox(4, name, s, reset, sweepButton(s, sweep, d.name(), "σ along it",
                    "sweep-direction-" + i)));
            directionSweeps.getItems().add(sweepItem(d.name() + "…", sweep));
        }
    }

    private void showDimensions() {
        dimensionBox.getChildren().clear();
        dimensionSweeps.getItems().clear();
        dimensionSweeps.setDisable(vm.rawOffsets().isEmpty());
        List<javafx.beans.property.DoubleProperty> raw = vm.rawOffsets();
        for (int i = 0; i < raw.size(); i++) {
            javafx.beans.property.DoubleProperty p = raw.get(i);
            Slider s = slider(p, LatentCursor.RAW_RANGE, "dimension-" + i);
            Label name = new Label("z" + i);
            name.setMinWidth(36);
            Button reset = Icons.decorate(new Button(), "mdi2r-restore", "Back to 0");
            reset.setOnAction(e -> p.set(0));
            int dimension = i;
            Runnable sweep = () -> save("Animated GIF", "*.gif", "sweep-z" + dimension + ".gif",
                    f -> vm.exportDimensionSweepGif(dimension, f, scale(), ExploreExports.SWEEP_DELAY_MS));
            dimensionBox.getChildren().add(new HBox(4, name, s, reset, sweepButton(s, sweep, "z" + i,
                    "σ of the prior", "sweep-dimension-" + i)));
            dimensionSweeps.getItems().add(sweepItem("z" + i + "…", sweep));
        }
    }

    /**
     * The row's "Export sweep GIF…" as a button and on the slider's context menu; the Export
     * menu's sweep submenus hold the same actions.
     */
    private Button sweepButton(Slider slider, Runnable sweep, String name, String unit, String id) {
        String what = String.format(Locale.ROOT, "Export sweep GIF…: the current image moved ±%.1f %s on %s and "
                + "back", ExploreExports.SWEEP_RANGE, unit, name);
        Button button = Icons.decorate(new Button(), "mdi2f-file-gif-box", what);
        button.setOnAction(e -> sweep.run());
        button.disableProperty().bind(vm.exportingProperty());
        button.setId(id);
        slider.setContextMenu(new ContextMenu(sweepItem("Export sweep GIF…", sweep)));
        return button;
    }

    private MenuItem sweepItem(String text, Runnable sweep) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> sweep.run());
        item.disableProperty().bind(vm.exportingProperty());
        return item;
    }

    private static Slider slider(javafx.beans.property.DoubleProperty value, double range, String id) {
        Slider s = new Slider(-range, range, value.get());
        s.valueProperty().bindBidirectional(value);
        s.setId(id);
        HBox.setHgrow(s, Priority.ALWAYS);
        s.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                value.set(0);
            }
        });
        s.setTooltip(new Tooltip("Drag to move the image; double-click to reset; right-click to export a sweep GIF"));
        return s;
    }

    private static TitledPane titled(String title, Node content, boolean expanded) {
        TitledPane pane = new TitledPane(title, content);
        pane.setExpanded(expanded);
        return pane;
    }

    private void copyImage() {
        Pixels p = vm.imageProperty().get();
        if (p != null) {
            ClipboardContent c = new ClipboardContent();
            c.putImage(PixelsView.toImage(p, null));
            Clipboard.getSystemClipboard().setContent(c);
        }
    }

    private void save(String kind, String pattern, Consumer<Path> action) {
        save(kind, pattern, null, action);
    }

    private void save(String kind, String pattern, String initialName, Consumer<Path> action) {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        if (initialName != null) {
            chooser.setInitialFileName(initialName);
        }
        File f = saveDialog.apply(chooser);
        if (f != null) {
            action.accept(f.toPath());
        }
    }

    private void open(String kind, String pattern, Consumer<Path> action) {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        File f = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            action.accept(f.toPath());
        }
    }

    /** Replaces the save dialog (tests answer without a native window). */
    void saveDialog(Function<FileChooser, File> dialog) {
        saveDialog = dialog;
    }

    /** The current image's view (tests). */
    PixelsView imageView() {
        return image;
    }
}
