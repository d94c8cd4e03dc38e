package dev.faultscope.ui.workbench;

import dev.faultscope.ui.Fxml;
import dev.faultscope.ui.model.Frame;
import dev.faultscope.ui.model.HintLog;
import dev.faultscope.ui.model.Numbers;
import dev.faultscope.ui.model.PreimageInfo;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

import java.util.List;

/** The pre-image oracle as the program sees it: selected key, type, offset, the next read, and hints sent. */
public final class PreimagePanel extends VBox {
    @FXML
    private Label key;
    @FXML
    private Label type;
    @FXML
    private Label offset;
    @FXML
    private Label length;
    @FXML
    private Label nextRead;
    @FXML
    private Label hintsTitle;
    @FXML
    private ListView<HintLog.Entry> hints;

    private List<HintLog.Entry> shownHints = List.of();

    public PreimagePanel() {
        Fxml.loadInto(this);
        key.setTooltip(new Tooltip());
        hints.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(HintLog.Entry e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : String.format("%,10d  %s", e.step(), e.hint()));
            }
        });
    }

    public void show(Frame f) {
        PreimageInfo p = f.preimage();
        key.setText(p.type().equals("none selected") ? "—" : Numbers.shortHex(p.key()));
        key.getTooltip().setText(Numbers.hex(p.key()));
        type.setText(p.type());
        offset.setText(p.selected() ? Integer.toUnsignedString(p.offset()) + "  (8-byte length prefix, then data)" : "—");
        length.setText(!p.selected() ? "—" : p.length() < 0 ? "not available from the host" : String.format("%,d bytes", p.length()));
        nextRead.setText(p.nextRead() == null ? "—" : p.nextRead().length == 0 ? "end of pre-image" : Numbers.hex(p.nextRead()));
        hintsTitle.setText("Hints sent up to this step: " + f.hintCount());
        if (!f.hints().equals(shownHints)) {
            shownHints = f.hints();
            hints.getItems().setAll(shownHints);
            if (!shownHints.isEmpty()) {
                hints.scrollTo(shownHints.size() - 1);
            }
        }
    }
}
