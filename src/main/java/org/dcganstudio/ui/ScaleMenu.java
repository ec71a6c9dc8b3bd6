package org.dcganstudio.ui;

import java.util.function.IntConsumer;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;

/** An export button whose menu picks the integer scale (1, 2, 4 or 8×) of the PNG it saves. */
final class ScaleMenu {

    static final int[] SCALES = {1, 2, 4, 8};

    private ScaleMenu() {}

    /** A menu button with one "PNG at S×" item per scale; choosing one calls {@code export} with it. */
    static MenuButton png(String text, String icon, String tooltip, IntConsumer export) {
        MenuButton button = Icons.decorate(new MenuButton(text), icon, tooltip);
        for (int scale : SCALES) {
            MenuItem item = new MenuItem("PNG at " + scale + "×");
            item.setId("png-" + scale + "x");
            item.setOnAction(e -> export.accept(scale));
            button.getItems().add(item);
        }
        return button;
    }
}
