package dev.faultscope.ui.game;

import dev.faultscope.ui.model.game.GameBranches;
import dev.faultscope.ui.model.game.GameModel;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * Above the timeline: which line of play is shown (the recorded game or a branch played here), and undo / redo of the
 * moves played. Choosing a branch shows it at the same action; the recorded game is always the first entry.
 */
final class BranchBar extends HBox {
    private final GameModel model;
    private final ComboBox<String> choice = new ComboBox<>();
    private final Button undo = new Button("↶ Undo");
    private final Button redo = new Button("↷ Redo");
    private boolean updating;

    BranchBar(GameModel model) {
        this.model = model;
        getStyleClass().add("panel-toolbar");
        setId("branch-bar");
        choice.setId("branch-choice");
        choice.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(choice, Priority.ALWAYS);
        choice.setTooltip(new Tooltip("The line of play shown: the recorded game, or a branch started by a move played here"));
        undo.getStyleClass().add("small-button");
        redo.getStyleClass().add("small-button");
        choice.valueProperty().addListener((o, a, b) -> {
            int i = choice.getSelectionModel().getSelectedIndex();
            if (!updating && i >= 0 && i != model.branches().currentIndex()) {
                model.switchBranch(i);
            }
        });
        undo.setOnAction(e -> model.undo());
        redo.setOnAction(e -> model.redo());
        Label line = new Label("Line");
        getChildren().addAll(line, choice, undo, redo);
        // At large font sizes the list gives up width, never the label's or the buttons' text.
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {line, undo, redo}) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        choice.setMinWidth(0);
        refresh();
    }

    void refresh() {
        updating = true;
        try {
            var names = model.branches().all().stream().map(GameBranches.Branch::name).toList();
            if (!choice.getItems().equals(names)) {
                choice.getItems().setAll(names);
            }
            choice.getSelectionModel().select(model.branches().currentIndex());
        } finally {
            updating = false;
        }
        undo.setDisable(!model.undoStack().canUndo());
        redo.setDisable(!model.undoStack().canRedo());
        undo.setTooltip(new Tooltip(model.undoStack().canUndo() ? "Undo " + model.undoStack().undoLabel() + " (Ctrl+Z)" : "Nothing to undo"));
        redo.setTooltip(new Tooltip(model.undoStack().canRedo() ? "Redo " + model.undoStack().redoLabel() + " (Ctrl+Shift+Z, Ctrl+Y)" : "Nothing to redo"));
    }
}
