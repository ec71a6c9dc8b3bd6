package org.dcganstudio.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.dcganstudio.app.Pixels;
import org.dcganstudio.app.arithmetic.ArithmeticViewModel;
import org.dcganstudio.app.arithmetic.LatentGroup;

/**
 * The Arithmetic view: candidate samples on the left (a click adds one to the selected group),
 * the groups with their averages in the middle, and the result with its noisy neighbours on the
 * right, as the paper's Figure 7.
 */
final class ArithmeticView extends BorderPane {

    private final ArithmeticViewModel vm;
    private final TilePane candidates = new TilePane(4, 4);
    private final VBox groups = new VBox(8);
    private final TilePane result = new TilePane(4, 4);
    private final ToggleGroup target = new ToggleGroup();

    ArithmeticView(ArithmeticViewModel vm) {
        this.vm = vm;
        getStyleClass().add("arithmetic-view");
        candidates.setId("arithmetic-candidates");
        groups.setId("arithmetic-groups");
        result.setId("arithmetic-result");
        setLeft(candidatePane());
        setCenter(groupPane());
        setRight(resultPane());
        vm.candidatesProperty().addListener((obs, old, now) -> showCandidates(now));
        vm.resultProperty().addListener((obs, old, now) -> showResult(now));
        vm.groups().addListener((ListChangeListener<LatentGroup>) c -> showGroups());
        showGroups();
        showCandidates(vm.candidatesProperty().get());
    }

    private Node candidatePane() {
        Button more = Icons.decorate(new Button("New samples"), "mdi2d-dice-multiple", "Draw new candidate samples");
        more.setOnAction(e -> vm.newCandidates());
        Label hint = new Label("Click samples to add them to the selected group.");
        hint.setWrapText(true);
        Label model = new Label();
        model.textProperty().bind(vm.generator().descriptionProperty());
        model.setWrapText(true);
        candidates.setPrefColumns(4);
        candidates.setPrefTileWidth(64);
        candidates.setPrefTileHeight(64);
        VBox box = new VBox(6, model, hint, more, candidates);
        box.setPadding(new Insets(8));
        box.setPrefWidth(300);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private Node groupPane() {
        Button plus = Icons.decorate(new Button("Add + term"), "mdi2p-plus", "Add a group to add");
        plus.setOnAction(e -> vm.addGroup(1, "group " + (vm.groups().size() + 1)));
        Button minus = Icons.decorate(new Button("Add − term"), "mdi2m-minus", "Add a group to subtract");
        minus.setOnAction(e -> vm.addGroup(-1, "group " + (vm.groups().size() + 1)));
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        VBox box = new VBox(8, groups, new HBox(6, plus, minus), message);
        box.setPadding(new Insets(8));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private Node resultPane() {
        result.setPrefColumns(3);
        result.setPrefTileWidth(96);
        result.setPrefTileHeight(96);
        Slider noise = new Slider(0, 1, vm.noiseProperty().get());
        noise.valueProperty().bindBidirectional(vm.noiseProperty());
        noise.setTooltip(new Tooltip("The neighbours add uniform noise in [−x, x] to the result (the paper: 0.25)"));
        Label noiseValue = new Label();
        noiseValue.textProperty().bind(vm.noiseProperty().asString(Locale.ROOT, "noise ±%.2f"));
        Button reroll = Icons.decorate(new Button(), "mdi2d-dice-multiple", "New noise for the neighbours");
        reroll.setOnAction(e -> vm.newNoise());
        TextField name = new TextField();
        name.textProperty().bindBidirectional(vm.recipeNameProperty());
        name.setTooltip(new Tooltip("The recipe's name, saved with it"));
        Button save = Icons.decorate(new Button("Save"), "mdi2c-content-save", "Save the recipe (JSON)");
        save.setOnAction(e -> choose(true, "Recipe", "*.json", vm::saveRecipe));
        Button load = Icons.decorate(new Button("Open"), "mdi2f-folder-open", "Open a saved recipe");
        load.setOnAction(e -> choose(false, "Recipe", "*.json", vm::loadRecipe));
        MenuButton figure = ScaleMenu.png("Export figure", "mdi2f-file-image",
                "A PNG laid out like the paper's Figure 7, enlarged",
                scale -> choose(true, "PNG image", "*.png", p -> vm.exportFigure(p, scale)));
        figure.setId("export-figure");
        Label title = new Label("Result (centre) and neighbours");
        VBox box = new VBox(8, title, result, new HBox(6, noiseValue, noise, reroll), new Label("Recipe"), name,
                new FlowPane(6, 6, save, load, figure));
        box.setPadding(new Insets(8));
        box.setPrefWidth(340);
        return box;
    }

    private void showCandidates(List<Pixels> images) {
        candidates.getChildren().clear();
        for (int i = 0; i < images.size(); i++) {
            PixelsView v = new PixelsView(64);
            v.show(images.get(i));
            int index = i;
            v.setId("candidate-" + i);
            v.setOnMouseClicked(e -> vm.addCandidate(index));
            candidates.getChildren().add(v);
        }
    }

    private void showResult(List<Pixels> images) {
        result.getChildren().clear();
        for (int i = 0; i < images.size(); i++) {
            PixelsView v = new PixelsView(96);
            v.show(images.get(i));
            if (i == 4) {
                v.getStyleClass().add("result-centre");
                Tooltip.install(v, new Tooltip("The result"));
            }
            result.getChildren().add(v);
        }
    }

    private void showGroups() {
        groups.getChildren().clear();
        target.getToggles().clear();
        List<LatentGroup> list = vm.groups();
        for (int i = 0; i < list.size(); i++) {
            groups.getChildren().add(groupRow(list.get(i), i));
        }
    }

    private Node groupRow(LatentGroup g, int index) {
        RadioButton select = new RadioButton(g.sign() > 0 ? "+" : "−");
        select.setToggleGroup(target);
        select.setSelected(vm.selectedGroupProperty().get() == index);
        select.selectedProperty().addListener((obs, was, now) -> {
            if (now) {
                vm.selectedGroupProperty().set(index);
            }
        });
        select.setTooltip(new Tooltip("Clicked samples join this group"));
        select.setId("group-select-" + index);
        TextField name = new TextField();
        name.textProperty().bindBidirectional(g.nameProperty());
        name.setPrefColumnCount(14);
        HBox members = new HBox(4);
        members.setId("group-" + index);
        Runnable fill = () -> {
            members.getChildren().clear();
            for (int m = 0; m < g.members().size(); m++) {
                PixelsView v = new PixelsView(48);
                v.show(g.members().get(m).pixels());
                int member = m;
                v.setOnMouseClicked(e -> vm.removeMember(index, member));
                Tooltip.install(v, new Tooltip("Click to remove"));
                members.getChildren().add(v);
            }
        };
        g.members().addListener((ListChangeListener<LatentGroup.Member>) c -> fill.run());
        fill.run();
        PixelsView average = new PixelsView(64);
        average.show(g.averageProperty().get());
        g.averageProperty().addListener((obs, old, now) -> average.show(now));
        average.setId("group-average-" + index);
        Tooltip.install(average, new Tooltip("The image of the group's average latent"));
        Button remove = Icons.decorate(new Button(), "mdi2d-delete", "Remove this group");
        remove.setOnAction(e -> vm.removeGroup(index));
        HBox row = new HBox(8, select, name, members, new Label("avg"), average, remove);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox attributes = new HBox(6);
        attributes.setAlignment(Pos.CENTER_LEFT);
        for (String attribute : ArithmeticViewModel.ATTRIBUTES) {
            javafx.scene.control.ComboBox<String> choice = new javafx.scene.control.ComboBox<>();
            String label = attribute.replace('_', ' ');
            choice.getItems().setAll("any " + label, label, "no " + label);
            javafx.beans.property.ObjectProperty<Boolean> want = g.wanted().get(attribute);
            choice.setValue(want.get() == null ? choice.getItems().get(0) : want.get() ? label : "no " + label);
            choice.valueProperty().addListener((obs, old, now) -> want.set(now.startsWith("any ") ? null
                    : !now.startsWith("no ")));
            attributes.getChildren().add(choice);
        }
        Button fillByAttributes = Icons.decorate(new Button("Fill"), "mdi2m-magnify",
                "Add " + LatentGroup.RECOMMENDED + " samples the attribute classifier labels with these attributes");
        fillByAttributes.setOnAction(e -> vm.fillByAttributes(index));
        fillByAttributes.disableProperty().bind(vm.fillingProperty());
        fillByAttributes.setId("group-fill-" + index);
        attributes.getChildren().add(fillByAttributes);
        VBox box = new VBox(4, row, attributes);
        return box;
    }

    private void choose(boolean save, String kind, String pattern, Consumer<Path> action) {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        File f = save ? chooser.showSaveDialog(getScene().getWindow()) : chooser.showOpenDialog(getScene().getWindow());
        if (f != null) {
            action.accept(f.toPath());
        }
    }
}
