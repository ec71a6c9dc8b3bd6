package org.dcganstudio.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.scene.control.MenuButton;
import javafx.stage.FileChooser;
import org.controlsfx.control.Notifications;
import org.dcganstudio.app.train.ChartData.Metric;
import org.dcganstudio.app.train.DatasetChoice;
import org.dcganstudio.app.train.GridPixels;
import org.dcganstudio.app.train.ErrorReport;
import org.dcganstudio.app.train.HyperParameters;
import org.dcganstudio.app.train.TrainViewModel;

/**
 * The Train view: data set and hyper-parameters on the left; the training controls, progress, live
 * charts, and the evolving sample grid with its timeline and the run's checkpoints (roll back,
 * branch) on the right.
 */
final class TrainView extends BorderPane {

    private final TrainViewModel vm;
    private final MetricsChart losses = new MetricsChart("Losses", List.of(Metric.LOSS_D, Metric.LOSS_G), 0.0, null);
    private final MetricsChart outputs = new MetricsChart("D outputs", List.of(Metric.D_X, Metric.D_G_Z), 0.0, 1.0);
    private final SampleGridView grid;
    private final Slider timeline = new Slider(0, 0, 0);
    private boolean updatingTimeline;

    TrainView(TrainViewModel vm) {
        this.vm = vm;
        getStyleClass().add("train-view");
        grid = new SampleGridView(vm.gridProperty(), vm::exploreSample);
        grid.setId("sample-grid");
        ScrollPane left = new ScrollPane(new VBox(8, datasetPane(), formPane()));
        left.setFitToWidth(true);
        left.setPrefWidth(370);
        left.setMinWidth(330);
        setLeft(left);
        setCenter(centre());
        vm.metricsProperty().addListener((obs, old, now) -> {
            losses.setData(now);
            outputs.setData(now);
        });
        vm.smoothingProperty().addListener((obs, old, on) -> {
            losses.setSmoothing(on);
            outputs.setSmoothing(on);
        });
        vm.failureProperty().addListener((obs, old, now) -> {
            if (now != null) {
                showFailure(now);
            }
        });
        vm.stateTextProperty().addListener((obs, old, now) -> {
            if (now.equals("finished") && !"following".equals(old) && getScene() != null) {
                Notifications.create().owner(getScene().getWindow()).title("Training finished")
                        .text(String.format(Locale.ROOT, "%,d steps · %s", vm.stepProperty().get(),
                                vm.runDirProperty().get()))
                        .showInformation();
            }
        });
        vm.inspectDataset();
    }

    /** Called every frame (≤ 30 Hz) by the window's timer. */
    void onFrame(long now) {
        losses.paintIfDirty(now);
        outputs.paintIfDirty(now);
    }

    void setDark(boolean dark) {
        losses.setDark(dark);
        outputs.setDark(dark);
    }

    private TitledPane datasetPane() {
        DatasetChoice d = vm.dataset();
        ComboBox<DatasetChoice.Kind> kind = new ComboBox<>();
        kind.getItems().setAll(DatasetChoice.Kind.values());
        kind.valueProperty().bindBidirectional(d.kindProperty());
        kind.setId("dataset-kind");
        kind.setTooltip(new Tooltip("The images to train on"));
        kind.setMaxWidth(Double.MAX_VALUE);
        TextField path = new TextField();
        path.setId("dataset-path");
        path.setPromptText("file or folder");
        path.textProperty().bindBidirectional(d.pathProperty());
        path.setTooltip(new Tooltip("An idx3-ubyte images file, an image folder, or a CIFAR-10 folder or archive"));
        Button browse = Icons.decorate(new Button(), "mdi2f-folder-open", "Choose the file or folder");
        browse.setOnAction(e -> browse());
        HBox pathRow = new HBox(4, path, browse);
        HBox.setHgrow(path, Priority.ALWAYS);
        pathRow.visibleProperty().bind(Bindings.createBooleanBinding(() -> d.kindProperty().get().needsPath(),
                d.kindProperty()));
        pathRow.managedProperty().bind(pathRow.visibleProperty());
        Label description = new Label();
        description.textProperty().bind(d.descriptionProperty());
        description.setWrapText(true);
        description.setId("dataset-description");
        Label error = new Label();
        error.getStyleClass().add("error-text");
        error.textProperty().bind(d.errorProperty());
        error.setWrapText(true);
        error.setId("dataset-error");
        Button download = Icons.decorate(new Button("Download"), "mdi2d-download", "Download this data set into the cache");
        download.visibleProperty().bind(d.downloadableProperty());
        download.managedProperty().bind(download.visibleProperty());
        download.setOnAction(e -> withSize((size, channels) -> d.download(size, channels)));
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(d.downloadProgressProperty());
        progress.visibleProperty().bind(d.busyProperty().and(d.downloadProgressProperty().greaterThan(0)));
        progress.managedProperty().bind(progress.visibleProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        SampleGridView preview = new SampleGridView(d.previewProperty(), i -> { });
        preview.setPrefHeight(90);
        preview.setId("dataset-preview");
        VBox box = new VBox(6, kind, pathRow, description, error, download, progress, preview);
        TitledPane pane = new TitledPane("Data set", box);
        pane.setCollapsible(false);
        return pane;
    }

    private void browse() {
        DatasetChoice d = vm.dataset();
        File chosen;
        if (d.kindProperty().get() == DatasetChoice.Kind.IMAGE_FOLDER) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Image folder");
            chosen = chooser.showDialog(getScene().getWindow());
        } else {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(d.kindProperty().get().toString());
            chosen = chooser.showOpenDialog(getScene().getWindow());
        }
        if (chosen != null) {
            d.pathProperty().set(chosen.getAbsolutePath());
        }
    }

    private void savePng(int scale) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the grid as PNG");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        GridPixels shown = vm.gridProperty().get();
        if (shown != null) {
            chooser.setInitialFileName("grid-step-" + shown.step() + ".png");
        }
        File f = chooser.showSaveDialog(getScene().getWindow());
        if (f != null) {
            vm.exportGridPng(f.toPath(), scale);
        }
    }

    private interface SizeAction {
        void run(int size, int channels);
    }

    private void withSize(SizeAction action) {
        try {
            action.run(Integer.parseInt(vm.form().field("image size").textProperty().get()),
                    Integer.parseInt(vm.form().field("channels").textProperty().get()));
        } catch (NumberFormatException e) {
            // The form marks the field; nothing to do until it is fixed.
        }
    }

    private TitledPane formPane() {
        HyperParameters form = vm.form();
        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(4);
        int row = 0;
        for (HyperParameters.Field f : form.fields()) {
            Label label = new Label(f.name());
            javafx.scene.control.Control input;
            if (f.name().equals("image size") || f.name().equals("channels") || f.name().equals("device")) {
                ComboBox<String> box = new ComboBox<>();
                box.setEditable(f.name().equals("device"));
                box.getItems().setAll(f.name().equals("image size") ? HyperParameters.IMAGE_SIZES
                        : f.name().equals("channels") ? List.of("1", "3") : HyperParameters.DEVICES);
                box.valueProperty().bindBidirectional(f.textProperty());
                input = box;
            } else {
                TextField text = new TextField();
                text.textProperty().bindBidirectional(f.textProperty());
                text.setPrefColumnCount(8);
                input = text;
            }
            input.setId("form-" + f.name().replace(' ', '-'));
            Tooltip tip = new Tooltip();
            tip.textProperty().bind(Bindings.when(f.errorProperty().isEmpty()).then(hint(f))
                    .otherwise(f.errorProperty()));
            input.setTooltip(tip);
            // ControlsFX draws the error marker; the ViewModel decides what is an error
            validation.registerValidator(input, false, (javafx.scene.control.Control c, Object value) ->
                    org.controlsfx.validation.ValidationResult.fromErrorIf(c, f.errorProperty().get(),
                            !f.errorProperty().get().isEmpty()));
            f.errorProperty().addListener((obs, old, now) -> {
                input.pseudoClassStateChanged(ERROR, !now.isEmpty());
                validation.revalidate(input);
            });
            input.pseudoClassStateChanged(ERROR, !f.errorProperty().get().isEmpty());
            g.addRow(row++, label, input);
        }
        Button reset = Icons.decorate(new Button("Paper defaults"), "mdi2r-restore",
                "Reset every field to the DCGAN paper's (pytorch/examples) values");
        reset.setOnAction(e -> form.resetToPaperDefaults());
        reset.setId("reset-defaults");
        VBox box = new VBox(6, g, reset);
        box.disableProperty().bind(vm.activeProperty());
        TitledPane pane = new TitledPane("Hyper-parameters", box);
        pane.setCollapsible(false);
        return pane;
    }

    private static final javafx.css.PseudoClass ERROR = javafx.css.PseudoClass.getPseudoClass("error");
    private final org.controlsfx.validation.ValidationSupport validation = new org.controlsfx.validation.ValidationSupport();

    private static String hint(HyperParameters.Field field) {
        String paper = " (paper: " + field.paperValue() + ")";
        switch (field.name()) {
            case "image size": return "Side of the square images: 28, or a power of two from 32 to 256";
            case "channels": return "1 for grey, 3 for colour";
            case "nz": return "Size of the latent vector z" + paper;
            case "ngf": return "Generator feature maps" + paper;
            case "ndf": return "Discriminator feature maps" + paper;
            case "batch": return "Images per step" + paper;
            case "lr": return "Adam learning rate of G and D" + paper;
            case "beta1": return "Adam beta1" + paper;
            case "epochs": return "Passes over the data set";
            case "seed": return "Seeds initialisation, noise and shuffling: same seed, same run";
            case "sample every": return "Steps between sample grids of the fixed noise";
            case "checkpoint every": return "Steps between checkpoints";
            default: return "auto uses the GPU when DJL sees one";
        }
    }

    /** The training controls: a bar above the charts, always in view; it wraps rather than hide controls. */
    private FlowPane controlsBar() {
        Button start = Icons.decorate(new Button("Start"), "mdi2p-play", "Start a new run (Space)");
        start.setId("start");
        start.disableProperty().bind(vm.canStartProperty().not());
        start.setOnAction(e -> vm.start());
        Button pause = Icons.decorate(new Button("Pause"), "mdi2p-pause", "Hold between two steps (Space)");
        pause.setId("pause");
        pause.disableProperty().bind(vm.canPauseProperty().not());
        pause.setOnAction(e -> vm.pause());
        Button resume = Icons.decorate(new Button("Resume"), "mdi2p-play-pause", "Carry on after a pause (Space)");
        resume.setId("resume");
        resume.disableProperty().bind(vm.canResumeProperty().not());
        resume.setOnAction(e -> vm.resume());
        Button step = Icons.decorate(new Button("Step"), "mdi2s-step-forward", "Run one step, then hold");
        step.setId("step");
        step.disableProperty().bind(vm.activeProperty().not());
        step.setOnAction(e -> vm.step());
        Button stop = Icons.decorate(new Button("Stop"), "mdi2s-stop", "End the run; a final checkpoint is written");
        stop.setId("stop");
        stop.disableProperty().bind(vm.activeProperty().not());
        stop.setOnAction(e -> vm.stop());
        Button save = Icons.decorate(new Button("Save"), "mdi2c-content-save", "Write a checkpoint now (Ctrl+S)");
        save.setId("save");
        save.disableProperty().bind(vm.activeProperty().not());
        save.setOnAction(e -> vm.save());
        CheckBox slow = new CheckBox("Slow motion");
        slow.setId("slow-motion");
        slow.setTooltip(new Tooltip("Wait " + TrainViewModel.SLOW_MOTION_MILLIS
                + " ms between steps, to watch early training"));
        slow.selectedProperty().bindBidirectional(vm.slowMotionProperty());
        TextField lrG = new TextField();
        lrG.setId("lr-g");
        lrG.setPrefColumnCount(6);
        lrG.textProperty().bindBidirectional(vm.lrGProperty());
        lrG.setTooltip(new Tooltip("Generator learning rate, applied from the next step"));
        TextField lrD = new TextField();
        lrD.setId("lr-d");
        lrD.setPrefColumnCount(6);
        lrD.textProperty().bindBidirectional(vm.lrDProperty());
        lrD.setTooltip(new Tooltip("Discriminator learning rate, applied from the next step"));
        Button apply = Icons.decorate(new Button("Apply"), "mdi2c-check", "Change the learning rates of the running run");
        apply.setId("apply-lr");
        apply.disableProperty().bind(vm.activeProperty().not());
        apply.setOnAction(e -> vm.applyLearningRates());
        Label lrError = new Label();
        lrError.getStyleClass().add("error-text");
        lrError.textProperty().bind(vm.lrErrorProperty());
        Button carryOn = Icons.decorate(new Button("Continue training"), "mdi2p-play-box-outline",
                "Train the opened run here, from its latest checkpoint");
        carryOn.setId("continue-run");
        carryOn.visibleProperty().bind(vm.followingProperty());
        carryOn.managedProperty().bind(carryOn.visibleProperty());
        carryOn.setOnAction(e -> vm.continueFollowedRun());
        HBox lr = new HBox(4, new Label("lr G"), lrG, new Label("D"), lrD, apply, lrError);
        lr.setAlignment(Pos.CENTER_LEFT);
        HBox buttons = new HBox(4, start, pause, resume, step, stop, save, carryOn, slow);
        buttons.setAlignment(Pos.CENTER_LEFT);
        FlowPane bar = new FlowPane(16, 6, buttons, lr);
        bar.setId("training-bar");
        return bar;
    }

    private VBox centre() {
        ProgressBar run = new ProgressBar();
        run.setId("run-progress");
        run.progressProperty().bind(vm.runProgressProperty());
        run.setMaxWidth(Double.MAX_VALUE);
        run.setTooltip(new Tooltip("Steps done of the run's total"));
        ProgressBar epoch = new ProgressBar();
        epoch.setId("epoch-progress");
        epoch.progressProperty().bind(vm.epochProgressProperty());
        epoch.setMaxWidth(Double.MAX_VALUE);
        epoch.setTooltip(new Tooltip("Progress through the current epoch"));
        Label runText = new Label();
        runText.setId("run-text");
        runText.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT,
                "%s · step %,d / %,d · %.1f img/s%s", vm.stateTextProperty().get(), vm.stepProperty().get(),
                vm.totalProperty().get(), vm.imagesPerSProperty().get(),
                vm.etaProperty().get().isEmpty() ? "" : " · ETA " + vm.etaProperty().get()),
                vm.stateTextProperty(), vm.stepProperty(), vm.totalProperty(), vm.imagesPerSProperty(), vm.etaProperty()));
        Label epochText = new Label();
        // Counted from 0, as metrics.csv, the CLI's progress line and the GIF captions count them.
        epochText.textProperty().bind(Bindings.format("epoch %d", vm.epochProperty()));
        epochText.setId("epoch-text");
        epochText.setTooltip(new Tooltip("Epochs are counted from 0, as in metrics.csv and the GIF captions"));
        GridPane progress = new GridPane();
        progress.setHgap(8);
        progress.addRow(0, runText, run);
        progress.addRow(1, epochText, epoch);
        GridPane.setHgrow(run, Priority.ALWAYS);
        GridPane.setHgrow(epoch, Priority.ALWAYS);

        CheckBox smooth = new CheckBox("Smooth");
        smooth.setTooltip(new Tooltip("Draw a moving average over the raw values"));
        smooth.selectedProperty().bindBidirectional(vm.smoothingProperty());
        VBox charts = new VBox(4, losses, outputs, smooth);
        VBox.setVgrow(losses, Priority.ALWAYS);
        VBox.setVgrow(outputs, Priority.ALWAYS);

        timeline.setId("grid-timeline");
        timeline.setTooltip(new Tooltip("Scrub through every sample grid recorded so far"));
        timeline.setDisable(true);
        Label gridLabel = new Label();
        gridLabel.setId("grid-label");
        gridLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.gridProperty().get() == null ? "no samples yet"
                : "fixed noise at step " + vm.gridProperty().get().step()
                + (vm.shownGridStepProperty().get() == null ? " (live)" : ""), vm.gridProperty(),
                vm.shownGridStepProperty()));
        Button live = Icons.decorate(new Button("Live"), "mdi2p-play-circle-outline", "Follow the newest grid");
        live.setOnAction(e -> vm.followLiveGrid());
        live.disableProperty().bind(vm.shownGridStepProperty().isNull());
        vm.gridSteps().addListener((javafx.collections.ListChangeListener<Long>) c -> syncTimeline());
        vm.shownGridStepProperty().addListener((obs, old, now) -> syncTimeline());
        timeline.valueProperty().addListener((obs, old, now) -> {
            if (updatingTimeline) {
                return;
            }
            int i = (int) Math.round(now.doubleValue());
            List<Long> steps = vm.gridSteps();
            if (i >= 0 && i < steps.size()) {
                if (i == steps.size() - 1) {
                    vm.followLiveGrid();
                } else {
                    vm.showGrid(steps.get(i));
                }
            }
        });
        Button gif = Icons.decorate(new Button(), "mdi2f-file-gif-box", "Export the grids as an animated GIF (Export)");
        gif.setOnAction(e -> vm.requestEvolutionGif());
        gif.disableProperty().bind(vm.runDirProperty().isNull());
        MenuButton png = ScaleMenu.png(null, "mdi2f-file-image",
                "Save the grid on show as a PNG, enlarged (pixels stay sharp)", this::savePng);
        png.setId("grid-png");
        png.disableProperty().bind(vm.gridProperty().isNull());
        // the label and buttons keep their text; the timeline takes what width is left
        gridLabel.setMinWidth(Region.USE_PREF_SIZE);
        live.setMinWidth(Region.USE_PREF_SIZE);
        timeline.setMinWidth(40);
        timeline.setPrefWidth(80);
        HBox gridBar = new HBox(6, gridLabel, timeline, live, gif, png);
        gridBar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(timeline, Priority.ALWAYS);
        ListView<Path> checkpoints = new ListView<>(vm.checkpoints());
        checkpoints.setId("checkpoints");
        checkpoints.setPrefHeight(80);
        checkpoints.setTooltip(new Tooltip("Every checkpoint of this run"));
        checkpoints.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Path item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.getFileName().toString());
            }
        });
        checkpoints.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                vm.showCheckpoint(now);
            }
        });
        Button rollBack = Icons.decorate(new Button("Roll back"), "mdi2h-history",
                "Continue this run from the selected checkpoint; later files are kept in rolled-back/");
        rollBack.setId("roll-back");
        rollBack.setOnAction(e -> vm.rollBackTo(checkpoints.getSelectionModel().getSelectedItem()));
        Button branch = Icons.decorate(new Button("Branch"), "mdi2s-source-branch",
                "Start a new run from the selected checkpoint; this run stays as it is");
        branch.setId("branch");
        branch.setOnAction(e -> vm.branchFrom(checkpoints.getSelectionModel().getSelectedItem()));
        for (Button b : List.of(rollBack, branch)) {
            b.disableProperty().bind(checkpoints.getSelectionModel().selectedItemProperty().isNull()
                    .or(vm.activeProperty()));
        }
        HBox history = new HBox(6, new Label("Checkpoints"), rollBack, branch);
        history.setAlignment(Pos.CENTER_LEFT);
        VBox gridBox = new VBox(4, grid, gridBar, history, checkpoints);
        VBox.setVgrow(grid, Priority.ALWAYS);
        SplitPane split = new SplitPane(charts, gridBox);
        split.setDividerPositions(0.5);
        Label message = new Label();
        message.setId("train-message");
        message.textProperty().bind(vm.messageProperty());
        VBox centre = new VBox(8, controlsBar(), progress, split, message);
        centre.setPadding(new Insets(8));
        VBox.setVgrow(split, Priority.ALWAYS);
        return centre;
    }

    private void syncTimeline() {
        updatingTimeline = true;
        try {
            List<Long> steps = vm.gridSteps();
            timeline.setDisable(steps.size() < 2);
            timeline.setMax(Math.max(0, steps.size() - 1));
            timeline.setMajorTickUnit(1);
            timeline.setSnapToTicks(true);
            Long shown = vm.shownGridStepProperty().get();
            int index = shown == null ? steps.size() - 1 : steps.indexOf(shown);
            timeline.setValue(Math.max(0, index));
        } finally {
            updatingTimeline = false;
        }
    }

    private void showFailure(ErrorReport report) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(getScene() == null ? null : getScene().getWindow());
        alert.setTitle("Training stopped");
        alert.setHeaderText(report.title());
        alert.setContentText(report.detail() + "\n\n" + report.advice());
        alert.getDialogPane().setId("failure-dialog");
        alert.setOnHidden(e -> vm.acknowledgeFailure());
        alert.show();
    }

    /** The form's validation decorations (tests). */
    org.controlsfx.validation.ValidationSupport validation() {
        return validation;
    }

    /** The grid view (tests). */
    SampleGridView gridView() {
        return grid;
    }

    /** The loss chart (tests). */
    MetricsChart lossChart() {
        return losses;
    }
}
