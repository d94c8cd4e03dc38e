package dev.faultscope.ui;

import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.layout.Region;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;

/** Loads a panel's FXML, named after its class and kept next to it under resources, into the panel itself. */
public final class Fxml {
    private Fxml() {
    }

    /** For {@code <fx:root>} panels: the panel is both the root and the controller. */
    public static void loadInto(Object panel) {
        Class<?> type = panel.getClass();
        URL url = type.getResource(type.getSimpleName() + ".fxml");
        if (url == null) {
            throw new IllegalStateException("no FXML for " + type.getName() + " next to it in resources");
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setRoot(panel);
        loader.setController(panel);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + url + ": " + e.getMessage(), e);
        }
        if (panel instanceof Parent p) {
            keepWhole(p);
        }
    }

    /**
     * Buttons, check boxes, titles and keys never shorten their text to "…": when room runs out, their tool bar
     * wraps or their panel scrolls instead. (Labels that wrap are left alone; a min width in CSS cannot say this.)
     */
    public static void keepWhole(Parent root) {
        for (Node n : root.getChildrenUnmodifiable()) {
            if (n instanceof Labeled l && !l.isWrapText() && WHOLE.stream().anyMatch(l.getStyleClass()::contains)) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
            if (n instanceof Parent p) {
                keepWhole(p);
            }
        }
    }

    private static final java.util.List<String> WHOLE = java.util.List.of("button", "toggle-button", "check-box",
        "panel-title", "panel-subtitle", "kv-key", "inspector-key", "step-label");
}
