package dev.faultscope.ui.workbench;

import dev.faultscope.ui.Fxml;
import dev.faultscope.ui.model.Frame;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.scene.layout.VBox;

import java.util.List;

/** What the program printed up to the current step: stdout, and stderr in its own colour. */
public final class ConsolePanel extends VBox {
    @FXML
    private TextFlow text;
    @FXML
    private ScrollPane scroller;
    @FXML
    private Label info;

    private List<Frame.ConsoleChunk> shown = List.of();

    public ConsolePanel() {
        Fxml.loadInto(this);
    }

    public void show(Frame f) {
        // Rebuilt only when the output differs: most steps print nothing.
        if (f.console().equals(shown)) {
            return;
        }
        shown = f.console();
        text.getChildren().clear();
        for (Frame.ConsoleChunk c : shown) {
            Text t = new Text(c.text());
            t.getStyleClass().addAll("mono", c.fd() == 2 ? "stderr" : "stdout");
            text.getChildren().add(t);
        }
        info.setText(f.consoleTruncated() ? "output beyond 4 MiB was dropped" : "");
        scroller.layout();
        scroller.setVvalue(1.0);
    }

    /** The text shown, for tests and copying. */
    public String shownText() {
        StringBuilder sb = new StringBuilder();
        shown.forEach(c -> sb.append(c.text()));
        return sb.toString();
    }
}
