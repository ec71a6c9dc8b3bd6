package org.dcganstudio.ui;

import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.dcganstudio.app.Pixels;

/**
 * One generated image at a fixed display size, scaled nearest-neighbour so pixels stay sharp. The
 * backing image is reused while the size stays, so a slider drag writes pixels and allocates
 * nothing.
 */
final class PixelsView extends ImageView {

    private WritableImage image;
    private Pixels shown;

    PixelsView(double side) {
        setSmooth(false);
        setPreserveRatio(true);
        setFitWidth(side);
        setFitHeight(side);
    }

    void show(Pixels p) {
        shown = p;
        if (p == null) {
            setImage(null);
            return;
        }
        setImage(toImage(p, image));
        image = (WritableImage) getImage();
    }

    /** What is on show (tests). */
    Pixels shown() {
        return shown;
    }

    /** Writes {@code p} into {@code reuse} when it has the size, else into a new image. */
    static WritableImage toImage(Pixels p, WritableImage reuse) {
        WritableImage img = reuse != null && (int) reuse.getWidth() == p.width() && (int) reuse.getHeight() == p.height()
                ? reuse : new WritableImage(p.width(), p.height());
        img.getPixelWriter().setPixels(0, 0, p.width(), p.height(), PixelFormat.getIntArgbInstance(), p.argb(), 0,
                p.width());
        return img;
    }
}
