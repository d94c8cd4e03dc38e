package dev.faultscope.ui;

import dev.faultscope.ui.model.StepEvidence;
import dev.faultscope.ui.workbench.EvidencePanel;
import dev.faultscope.vm.StepProof;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import java.nio.file.Path;

/**
 * A Cannon proof file: one step without memory, so no stepping; what the proof holds (witness, the two
 * memory proofs) and whether the stateless verifier reaches the proof's post-state.
 */
public final class ProofView extends VBox {
    @FXML
    private Label heading;
    @FXML
    private EvidencePanel evidence;

    public ProofView(Path file, StepProof proof) {
        Fxml.loadInto(this);
        heading.setText("Cannon proof " + file.getFileName() + ": a single step. The proof carries the pre-state's witness "
            + "and two memory proofs, not the memory, so this view cannot step; it re-checks the step as the contract would.");
        evidence.show(String.format("Step %,d → %,d", proof.step(), proof.step() + 1), StepEvidence.of(proof, null));
    }

    public EvidencePanel evidence() {
        return evidence;
    }
}
