package dev.faultscope.ui;

import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * Short notices in the window's corner (ControlsFX notifications): a save, the end of long work, a lesson's answer.
 * They add to the status bar (which keeps the full text) and fade by themselves, so a room sees them without a click.
 */
final class Notices {
    private Notices() {
    }

    static void info(Window owner, String title, String text) {
        show(owner, title, text, false);
    }

    static void error(Window owner, String title, String text) {
        show(owner, title, text, true);
    }

    private static void show(Window owner, String title, String text, boolean error) {
        if (owner == null || !owner.isShowing()) {
            return;
        }
        Notifications n = Notifications.create().owner(owner).title(title).text(text).position(Pos.TOP_RIGHT)
            .hideAfter(Duration.seconds(error ? 8 : 4));
        if (owner.getScene() != null && owner.getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("dark.css"))) {
            n.darkStyle();
        }
        if (error) {
            n.showError();
        } else {
            n.showInformation();
        }
    }
}
