package dev.faultscope.ui.workbench;

import dev.faultscope.ui.Fxml;
import dev.faultscope.ui.model.Frame;
import dev.faultscope.ui.model.MemoryRow;
import dev.faultscope.ui.model.Numbers;
import dev.faultscope.ui.model.Workbench;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A hex + ASCII window onto the 4 GiB address space. Only the visible rows are read, and pages the program
 * never touched are shown dimmed as zeros without being created. The word the last step read or wrote is
 * coloured (read or write).
 */
public final class MemoryPanel extends VBox {
    private static final int WORDS = MemoryRow.BYTES / 4;
    private static final double ROWS_IN_SPACE = 0x1_0000_0000L / MemoryRow.BYTES;

    @FXML
    private TextField address;
    @FXML
    private CheckBox follow;
    @FXML
    private GridPane grid;
    @FXML
    private ScrollBar scroll;
    @FXML
    private Label accessInfo;

    private final Label[] addresses = new Label[Workbench.MEMORY_ROWS];
    private final Label[][] words = new Label[Workbench.MEMORY_ROWS][WORDS];
    private final Label[] asciis = new Label[Workbench.MEMORY_ROWS];
    private Consumer<String> onGoTo = s -> { };
    private LongConsumer onScroll = r -> { };
    private Consumer<Boolean> onFollow = b -> { };
    private boolean updatingScroll;

    public MemoryPanel() {
        Fxml.loadInto(this);
        for (int r = 0; r < Workbench.MEMORY_ROWS; r++) {
            addresses[r] = cell("mem-address");
            grid.add(addresses[r], 0, r);
            for (int w = 0; w < WORDS; w++) {
                words[r][w] = cell("mem-word");
                grid.add(words[r][w], 1 + w, r);
            }
            asciis[r] = cell("mem-ascii");
            grid.add(asciis[r], 1 + WORDS, r);
        }
        scroll.setMin(0);
        scroll.setMax(ROWS_IN_SPACE - Workbench.MEMORY_ROWS);
        scroll.setUnitIncrement(1);
        scroll.setBlockIncrement(Workbench.MEMORY_ROWS);
        scroll.valueProperty().addListener((o, a, b) -> {
            if (!updatingScroll) {
                onScroll.accept(Math.round(b.doubleValue()) - Math.round(a.doubleValue()));
            }
        });
        grid.setOnScroll(e -> onScroll.accept(e.getDeltaY() > 0 ? -3 : 3));
        address.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                onGoTo.accept(address.getText());
            }
        });
        follow.selectedProperty().addListener((o, a, b) -> onFollow.accept(b));
    }

    private static Label cell(String style) {
        Label l = new Label();
        // A hex dump is useless truncated: cells keep their full width and the panel scrolls instead.
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.getStyleClass().addAll("mono", style);
        return l;
    }

    public void setOnGoTo(Consumer<String> handler) {
        onGoTo = handler;
    }

    public void setOnScrollRows(LongConsumer handler) {
        onScroll = handler;
    }

    public void setOnFollow(Consumer<Boolean> handler) {
        onFollow = handler;
    }

    /** Puts the cursor in the go-to box (Ctrl+L). */
    public void focusAddress() {
        address.requestFocus();
        address.selectAll();
    }

    public void goTo(String expression) {
        address.setText(expression);
        onGoTo.accept(expression);
    }

    @FXML
    private void goSp() {
        goTo("sp");
    }

    @FXML
    private void goHeap() {
        goTo("heap");
    }

    @FXML
    private void goPc() {
        goTo("pc");
    }

    @FXML
    private void goAddress() {
        onGoTo.accept(address.getText());
    }

    public void show(Frame f) {
        List<MemoryRow> rows = f.memory();
        for (int r = 0; r < rows.size(); r++) {
            MemoryRow row = rows.get(r);
            addresses[r].setText(String.format("%08x", row.address()));
            byte[] b = row.bytes();
            for (int w = 0; w < WORDS; w++) {
                Label l = words[r][w];
                l.setText(Numbers.hex8(b[4 * w]) + Numbers.hex8(b[4 * w + 1]) + " " + Numbers.hex8(b[4 * w + 2]) + Numbers.hex8(b[4 * w + 3]));
                boolean hit = (row.accessMask() >>> (4 * w) & 0xF) != 0;
                style(l, "accessed-write", hit && f.dataWritten());
                style(l, "accessed-read", hit && !f.dataWritten());
                style(l, "unmapped", !row.mapped());
            }
            asciis[r].setText(row.ascii());
            style(asciis[r], "unmapped", !row.mapped());
            style(addresses[r], "unmapped", !row.mapped());
        }
        accessInfo.setText(f.dataAddress() < 0 ? "last step touched no data word"
            : "last step " + (f.dataWritten() ? "wrote" : "read") + " the word at " + Numbers.hex32(f.dataAddress()));
        if (!rows.isEmpty()) {
            updatingScroll = true;
            scroll.setValue((rows.get(0).address() & 0xFFFFFFFFL) / (double) MemoryRow.BYTES);
            updatingScroll = false;
        }
    }

    /** Shows a go-to problem under the box rather than in a dialog: it is a typo, not a failure. */
    public void showProblem(String problem) {
        accessInfo.setText(problem);
        style(accessInfo, "problem", true);
    }

    public void clearProblem() {
        style(accessInfo, "problem", false);
    }

    private static void style(javafx.scene.Node n, String cls, boolean on) {
        if (on) {
            if (!n.getStyleClass().contains(cls)) {
                n.getStyleClass().add(cls);
            }
        } else {
            n.getStyleClass().remove(cls);
        }
    }
}
