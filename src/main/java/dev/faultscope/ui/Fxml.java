package dev.faultscope.ui;

import javafx.fxml.FXMLLoader;

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
    }
}
