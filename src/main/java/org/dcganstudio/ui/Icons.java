package org.dcganstudio.ui;

import javafx.scene.control.ButtonBase;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;

/** Ikonli (Material Design) icons and tooltips for buttons and menu items. */
final class Icons {

    private Icons() {
    }

    /** An icon by its Material Design Icons literal, e.g. {@code mdi2p-play}. */
    static FontIcon icon(String literal) {
        FontIcon icon = new FontIcon(literal);
        icon.setIconSize(16);
        return icon;
    }

    /** Gives a button an icon and a tooltip. */
    static <T extends ButtonBase> T decorate(T button, String literal, String tooltip) {
        button.setGraphic(icon(literal));
        button.setTooltip(new Tooltip(tooltip));
        return button;
    }

    /** A menu item with an icon. */
    static MenuItem item(String text, String literal) {
        MenuItem item = new MenuItem(text);
        if (literal != null) {
            item.setGraphic(icon(literal));
        }
        return item;
    }
}
