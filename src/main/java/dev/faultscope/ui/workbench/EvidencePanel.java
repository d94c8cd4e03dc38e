package dev.faultscope.ui.workbench;

import dev.faultscope.ui.Fxml;
import dev.faultscope.ui.model.Numbers;
import dev.faultscope.ui.model.StepEvidence;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/**
 * One step's on-chain evidence: the verifier's verdict, the pre- and post-state hashes with their status
 * byte, the witness field by field, and both memory proofs as paths from the word to the root.
 */
public final class EvidencePanel extends VBox {
    @FXML
    private Label title;
    @FXML
    private Label verdict;
    @FXML
    private Label preHash;
    @FXML
    private Label postHash;
    @FXML
    private TableView<StepEvidence.Field> witness;
    @FXML
    private Label insnTitle;
    @FXML
    private TableView<StepEvidence.Level> insnPath;
    @FXML
    private Label dataTitle;
    @FXML
    private TableView<StepEvidence.Level> dataPath;

    public EvidencePanel() {
        Fxml.loadInto(this);
        witness.getColumns().add(column("field", f -> f.name(), 150));
        witness.getColumns().add(column("bytes", f -> f.offset() + "–" + (f.offset() + f.length() - 1), 70));
        witness.getColumns().add(column("value", f -> f.value(), 560));
        for (TableView<StepEvidence.Level> t : java.util.List.of(insnPath, dataPath)) {
            t.getColumns().add(column("level", l -> Integer.toString(l.level()), 50));
            t.getColumns().add(column("we are", l -> l.nodeIsRight() ? "right" : "left", 60));
            t.getColumns().add(column("sibling from the proof", l -> l.sibling(), 300));
            t.getColumns().add(column("node = keccak(left ‖ right)", l -> l.node(), 300));
        }
    }

    private static <S> TableColumn<S, String> column(String name, java.util.function.Function<S, String> value, double width) {
        TableColumn<S, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        c.getStyleClass().add("mono-column");
        return c;
    }

    public void show(String heading, StepEvidence e) {
        title.setText(heading);
        verdict.setText(e.verdict());
        verdict.getStyleClass().removeAll("verdict-ok", "verdict-bad");
        verdict.getStyleClass().add(e.agrees() ? "verdict-ok" : "verdict-bad");
        preHash.setText(e.preHash() + "   status " + e.preStatus());
        postHash.setText(e.postHash() == null ? "—" : e.postHash() + "   status " + e.postStatus());
        witness.getItems().setAll(e.witness());
        showPath(insnTitle, insnPath, e.instructionPath());
        showPath(dataTitle, dataPath, e.dataPath());
    }

    private static void showPath(Label title, TableView<StepEvidence.Level> table, StepEvidence.MemoryPath p) {
        if (p == null) {
            title.setText("No data word: this step reads and writes no memory beyond its instruction");
            table.getItems().clear();
            return;
        }
        title.setText("Memory proof of the " + p.title() + " " + Numbers.hex32(p.address()) + " = " + Numbers.hex32(p.word())
            + "; leaf " + Numbers.shortHex(dev.faultscope.crypto.Hex.decode(p.leaf())) + " → root " + Numbers.shortHex(dev.faultscope.crypto.Hex.decode(p.root()))
            + (p.matchesRoot() ? "  ✔ matches the witness's memRoot" : "  ✘ does not reach the witness's memRoot"));
        table.getItems().setAll(p.levels());
    }

    public String verdictText() {
        return verdict.getText();
    }
}
