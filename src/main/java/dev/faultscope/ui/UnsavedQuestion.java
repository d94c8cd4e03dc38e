package dev.faultscope.ui;

import dev.faultscope.ui.model.Document;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

import java.util.List;

/** Asks what to do with a document's unsaved edits before they would be lost: Save, Discard or Cancel. */
@FunctionalInterface
public interface UnsavedQuestion {
    enum Answer { SAVE, DISCARD, CANCEL }

    Answer ask(Document document, String what);

    /** The question as a dialog over {@code owner}, styled like the window. */
    static UnsavedQuestion dialog(Window owner, List<String> stylesheets) {
        return (doc, what) -> {
            ButtonType save = new ButtonType("Save…", ButtonBar.ButtonData.YES);
            ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
            ButtonType cancel = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
            Alert a = new Alert(Alert.AlertType.CONFIRMATION, doc.unsavedSummary(), save, discard, cancel);
            a.initOwner(owner);
            a.setTitle("Unsaved changes");
            a.setHeaderText("Save the changes to " + doc.title().replace(" •", "") + " before " + what + "?");
            a.getDialogPane().setId("unsaved-dialog");
            a.getDialogPane().getStylesheets().setAll(stylesheets);
            ButtonType b = a.showAndWait().orElse(cancel);
            return b == save ? Answer.SAVE : b == discard ? Answer.DISCARD : Answer.CANCEL;
        };
    }
}
