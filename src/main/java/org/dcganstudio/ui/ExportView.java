package org.dcganstudio.ui;

import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.dcganstudio.app.export.ExportViewModel;

/** The Export view: a run's training evolution as an animated GIF, with progress and cancel. */
final class ExportView extends VBox {

    ExportView(ExportViewModel vm) {
        super(10);
        setPadding(new Insets(12));
        getStyleClass().add("export-view");
        Label run = new Label();
        run.textProperty().bind(Bindings.createStringBinding(() -> vm.runDirProperty().get() == null
                ? "no run chosen: train one, or choose a run directory" : "run: " + vm.runDirProperty().get(),
                vm.runDirProperty()));
        run.setWrapText(true);
        run.setId("export-run");
        Button choose = Icons.decorate(new Button("Choose run…"), "mdi2f-folder-open", "Pick a run directory");
        choose.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            File dir = chooser.showDialog(getScene().getWindow());
            if (dir != null) {
                vm.runDirProperty().set(dir.toPath());
            }
        });

        Spinner<Integer> frames = spinner(2, 1000, vm.framesProperty(), "Frames at most");
        CheckBox log = new CheckBox("Log-spaced");
        log.selectedProperty().bindBidirectional(vm.logSpacedProperty());
        log.setTooltip(new Tooltip("Spread frames evenly in log(step), so early training, where most changes, is "
                + "not skipped"));
        Spinner<Integer> delay = spinner(10, 5000, vm.delayMsProperty(), "Milliseconds per frame (the last "
                + "holds a second)");
        Spinner<Integer> scale = spinner(1, 8, vm.scaleProperty(), "Integer scale, nearest neighbour");
        CheckBox caption = new CheckBox("Caption (step · epoch)");
        caption.selectedProperty().bindBidirectional(vm.captionProperty());
        CheckBox dither = new CheckBox("Dither");
        dither.selectedProperty().bindBidirectional(vm.ditherProperty());
        dither.setTooltip(new Tooltip("Floyd–Steinberg error diffusion: no banding on smooth gradients"));
        ChoiceBox<Integer> cells = new ChoiceBox<>(FXCollections.observableArrayList(ExportViewModel.CELL_CHOICES));
        cells.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer n) {
                return n == null ? "" : ExportViewModel.cellsLabel(n);
            }

            @Override
            public Integer fromString(String text) {
                throw new UnsupportedOperationException("the choices are fixed");
            }
        });
        cells.setValue(vm.cellsProperty().get());
        cells.valueProperty().addListener((obs, old, now) -> vm.cellsProperty().set(now));
        vm.cellsProperty().addListener((obs, old, now) -> cells.setValue(now.intValue()));
        cells.setId("export-cells");
        cells.setTooltip(new Tooltip("Keep only the top-left cells of each grid: 4×4 of an 8×8 grid makes a GIF "
                + "about a quarter the size"));
        Label cellsLabel = new Label("Cells");
        cellsLabel.setLabelFor(cells);
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("Frames"), frames, log);
        form.addRow(1, new Label("Delay (ms)"), delay);
        form.addRow(2, new Label("Scale"), scale);
        form.addRow(3, cellsLabel, cells);
        form.addRow(4, caption, dither);

        Button export = Icons.decorate(new Button("Export GIF…"), "mdi2f-file-gif-box",
                "Write the run's sample grids as an animated GIF");
        export.setId("export-gif");
        export.disableProperty().bind(vm.busyProperty().or(vm.runDirProperty().isNull()));
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Animated GIF", "*.gif"));
            chooser.setInitialFileName("evolution.gif");
            File f = chooser.showSaveDialog(getScene().getWindow());
            if (f != null) {
                vm.exportGif(f.toPath());
            }
        });
        Button cancel = Icons.decorate(new Button("Cancel"), "mdi2c-close", "Stop the export; nothing is written");
        cancel.disableProperty().bind(vm.busyProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(vm.progressProperty());
        progress.setPrefWidth(300);
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.setId("export-message");
        Label title = new Label("Training evolution as an animated GIF");
        title.getStyleClass().add("section-title");
        // The written GIF plays here (JavaFX animates GIFs itself), so it can be checked before posting.
        ImageView preview = new ImageView();
        preview.setId("export-preview");
        preview.setPreserveRatio(true);
        preview.setFitHeight(420);
        preview.setSmooth(false); // enlarged pixels stay sharp, as in the GIF at a higher scale
        vm.writtenProperty().addListener((obs, old, now) ->
                preview.setImage(now == null ? null : new Image(now.toUri().toString(), true)));
        getChildren().addAll(title, new HBox(8, run, choose), form, new HBox(8, export, cancel, progress), message,
                preview);
    }

    /** A spinner and an integer property that follow each other (the ViewModel may be set elsewhere). */
    private static Spinner<Integer> spinner(int min, int max, javafx.beans.property.IntegerProperty value, String tip) {
        Spinner<Integer> s = new Spinner<>(min, max, value.get());
        s.valueProperty().addListener((obs, old, now) -> value.set(now));
        value.addListener((obs, old, now) -> s.getValueFactory().setValue(now.intValue()));
        s.setEditable(true);
        s.setPrefWidth(100);
        s.setTooltip(new Tooltip(tip));
        return s;
    }
}
