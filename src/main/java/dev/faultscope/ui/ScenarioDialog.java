package dev.faultscope.ui;

import dev.faultscope.fpp.ChainModel;
import dev.faultscope.fpp.Proposers;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;

import java.util.Optional;

/** Asks which transition of a scenario's chain to run the fault proof program on, with ready defaults. */
public final class ScenarioDialog {
    public record Choice(long agreedBlock, long claimBlock, String proposer) {
    }

    private ScenarioDialog() {
    }

    /** Defaults: block 1 → 2 (or 0 → 1 on a one-block chain), claimed by a proposer who gets it wrong. */
    public static Choice defaults(ChainModel model) {
        long last = model.lastL2Block();
        long agreed = last >= 2 ? 1 : 0;
        return new Choice(agreed, Math.min(agreed + 1, last), Proposers.INVALID_TRANSFERS);
    }

    public static Optional<Choice> ask(javafx.stage.Window owner, String name, ChainModel model) {
        Choice d = defaults(model);
        int last = (int) Math.min(Integer.MAX_VALUE, model.lastL2Block());
        Dialog<Choice> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Run the fault proof program");
        dialog.setHeaderText("Scenario " + name + ": which transition? (L2 blocks 0–" + last + ")");
        Spinner<Integer> agreed = new Spinner<>(0, Math.max(0, last - 1), (int) d.agreedBlock());
        Spinner<Integer> claim = new Spinner<>(1, Math.max(1, last), (int) d.claimBlock());
        agreed.setEditable(true);
        claim.setEditable(true);
        ChoiceBox<String> proposer = new ChoiceBox<>();
        proposer.getItems().setAll(Proposers.NAMES);
        proposer.setValue(d.proposer());
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("agreed block"), agreed);
        grid.addRow(1, new Label("claimed block"), claim);
        grid.addRow(2, new Label("claim made by"), proposer);
        grid.addRow(3, new Label(""), new Label("honest: exits 0 (VALID); the others claim a wrong output: exits 1 (INVALID)"));
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK ? new Choice(agreed.getValue(), claim.getValue(), proposer.getValue()) : null);
        return dialog.showAndWait();
    }
}
