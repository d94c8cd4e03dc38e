package dev.faultscope.ui.game;

import dev.faultscope.agent.GameRunner;
import dev.faultscope.agent.Strategies;
import dev.faultscope.ui.Fxml;
import javafx.fxml.FXML;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Game > New game: scenario, configuration, who plays which side; the answer is a {@link GameRunner.Match}. */
public final class NewGameDialog extends GridPane {
    public static final String DEFAULT_SCENARIO = "samples/scenarios/classroom.json";

    @FXML private TextField scenarioField;
    @FXML private ChoiceBox<String> configChoice;
    @FXML private TextField mField;
    @FXML private TextField sField;
    @FXML private ChoiceBox<String> defenderChoice;
    @FXML private ChoiceBox<String> challengerChoice;
    @FXML private TextField faultField;
    @FXML private TextField seedField;
    @FXML private Label problem;

    public NewGameDialog() {
        Fxml.loadInto(this);
        scenarioField.setText(DEFAULT_SCENARIO);
        configChoice.getItems().setAll("workshop (30/4)", "mainnet (73/30)", "custom M,S");
        configChoice.setValue("workshop (30/4)");
        mField.setText("30");
        sField.setText("4");
        mField.disableProperty().bind(configChoice.valueProperty().isNotEqualTo("custom M,S"));
        sField.disableProperty().bind(mField.disableProperty());
        defenderChoice.getItems().setAll(Strategies.DEFENDERS);
        defenderChoice.setValue("invalid-transfers");
        challengerChoice.getItems().setAll(Strategies.CHALLENGERS);
        challengerChoice.setValue(Strategies.HONEST);
        faultField.disableProperty().bind(challengerChoice.valueProperty().isNotEqualTo(Strategies.FAULT_AT));
    }

    /** The match described, or an IllegalArgumentException saying what is wrong. */
    public GameRunner.Match match() {
        Path scenario = Path.of(scenarioField.getText().trim());
        if (!Files.isRegularFile(scenario)) {
            throw new IllegalArgumentException("no scenario file at " + scenario.toAbsolutePath());
        }
        String config = switch (configChoice.getValue()) {
            case "mainnet (73/30)" -> "mainnet";
            case "custom M,S" -> {
                int m = Integer.parseInt(mField.getText().trim());
                int s = Integer.parseInt(sField.getText().trim());
                if (m > 125 || s < 2 || s + 1 >= m) {
                    throw new IllegalArgumentException("need M ≤ 125, 2 ≤ S and S + 1 < M");
                }
                yield m + "," + s;
            }
            default -> "workshop";
        };
        long fault = -1;
        if (Strategies.FAULT_AT.equals(challengerChoice.getValue())) {
            fault = Long.parseLong(faultField.getText().trim().replace(",", "").replace("_", ""));
        }
        long seed = Long.parseLong(seedField.getText().trim());
        return new GameRunner.Match(scenario, config, defenderChoice.getValue(), challengerChoice.getValue(), fault, seed);
    }

    public static Optional<GameRunner.Match> ask(Window owner, List<String> stylesheets) {
        NewGameDialog content = new NewGameDialog();
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("New game");
        d.setHeaderText("Play a dispute game: the game runner plays both sides in simulated time");
        d.getDialogPane().setContent(content);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        d.getDialogPane().getStylesheets().setAll(stylesheets);
        d.getDialogPane().setId("new-game-dialog");
        var ok = d.getDialogPane().lookupButton(ButtonType.OK);
        ok.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            try {
                content.match();
            } catch (RuntimeException ex) {
                content.problem.setText(ex instanceof NumberFormatException ? "not a number: " + ex.getMessage() : ex.getMessage());
                e.consume();
            }
        });
        return d.showAndWait().filter(b -> b == ButtonType.OK).map(b -> content.match());
    }
}
