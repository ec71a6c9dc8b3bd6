package org.dcganstudio.ui;

import java.util.function.IntConsumer;
import javafx.beans.value.ObservableValue;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import org.dcganstudio.app.train.GridPixels;

/**
 * Shows a sample grid scaled to fit (nearest-neighbour, so pixels stay sharp) and reports which
 * image was clicked.
 */
final class SampleGridView extends StackPane {

    private final ImageView view = new ImageView();
    private GridPixels grid;
    private WritableImage image;

    SampleGridView(ObservableValue<GridPixels> source, IntConsumer onImageClicked) {
        getStyleClass().add("sample-grid");
        view.setPreserveRatio(true);
        view.setSmooth(false);
        getChildren().add(view);
        setMinSize(100, 100);
        view.fitWidthProperty().bind(widthProperty().subtract(8));
        view.fitHeightProperty().bind(heightProperty().subtract(8));
        source.addListener((obs, old, now) -> show(now));
        show(source.getValue());
        view.setOnMouseClicked(e -> {
            if (grid == null) {
                return;
            }
            double scale = grid.width() / view.getBoundsInLocal().getWidth();
            int index = grid.imageAt(e.getX() * scale, e.getY() * scale);
            if (index >= 0) {
                onImageClicked.accept(index);
            }
        });
    }

    private void show(GridPixels g) {
        grid = g;
        if (g == null) {
            view.setImage(null);
            return;
        }
        if (image == null || (int) image.getWidth() != g.width() || (int) image.getHeight() != g.height()) {
            image = new WritableImage(g.width(), g.height());
        }
        image.getPixelWriter().setPixels(0, 0, g.width(), g.height(), PixelFormat.getIntArgbInstance(), g.argb(), 0,
                g.width());
        view.setImage(image);
    }

    /** The grid on show (tests). */
    GridPixels grid() {
        return grid;
    }
}
