package dev.faultscope.ui.workbench;

import dev.faultscope.ui.Fxml;
import dev.faultscope.ui.model.DisasmLine;
import dev.faultscope.ui.model.Numbers;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.IntConsumer;

/** Disassembly around pc: a breakpoint gutter, address, word, instruction, branch target; pc's line marked. */
public final class DisassemblyPanel extends VBox {
    @FXML
    private ListView<DisasmLine> lines;
    @FXML
    private Label where;

    private IntConsumer onToggleBreakpoint = a -> { };
    private IntConsumer onGoToTarget = a -> { };

    public DisassemblyPanel() {
        Fxml.loadInto(this);
        lines.setCellFactory(v -> new LineCell());
        lines.setFixedCellSize(-1);
    }

    public void setOnToggleBreakpoint(IntConsumer handler) {
        onToggleBreakpoint = handler;
    }

    /** Double-clicking a branch shows its target in the memory view. */
    public void setOnGoToTarget(IntConsumer handler) {
        onGoToTarget = handler;
    }

    /** The selected line's address, else -1 (F9 toggles a breakpoint there, or at pc). */
    public int selectedAddress() {
        DisasmLine l = lines.getSelectionModel().getSelectedItem();
        return l == null ? -1 : l.address();
    }

    public void show(List<DisasmLine> items, String where) {
        int selected = selectedAddress();
        lines.getItems().setAll(items);
        this.where.setText(where);
        int current = -1;
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).current()) {
                current = i;
            }
            if (items.get(i).address() == selected) {
                lines.getSelectionModel().select(i);
            }
        }
        if (current >= 0) {
            keepVisible(current);
        }
    }

    /** Scrolls only when pc's line left the visible part, so the highlight moves and the text stays still. */
    private void keepVisible(int index) {
        if (lines.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            var first = flow.getFirstVisibleCell();
            var last = flow.getLastVisibleCell();
            if (first != null && last != null && index > first.getIndex() + 1 && index < last.getIndex() - 1) {
                return;
            }
        }
        lines.scrollTo(Math.max(0, index - 6));
    }

    private final class LineCell extends ListCell<DisasmLine> {
        private final Region dot = new Region();
        private final StackPane gutter = new StackPane(dot);
        private final Label marker = new Label();
        private final Label address = new Label();
        private final Label word = new Label();
        private final Label text = new Label();
        private final Label target = new Label();
        private final Label label = new Label();
        private final VBox box;

        LineCell() {
            gutter.getStyleClass().add("gutter");
            dot.getStyleClass().add("breakpoint-dot");
            marker.getStyleClass().add("pc-marker");
            address.getStyleClass().addAll("mono", "address");
            word.getStyleClass().addAll("mono", "word");
            text.getStyleClass().addAll("mono", "insn");
            target.getStyleClass().addAll("mono", "target");
            label.getStyleClass().addAll("mono", "symbol-label");
            for (Label l : new Label[] {marker, address, word, text}) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
            HBox.setHgrow(target, Priority.ALWAYS);
            target.setMaxWidth(Double.MAX_VALUE);
            HBox row = new HBox(gutter, marker, address, word, text, target);
            row.getStyleClass().add("disasm-row");
            box = new VBox(label, row);
            gutter.setOnMouseClicked(e -> {
                if (getItem() != null) {
                    onToggleBreakpoint.accept(getItem().address());
                    e.consume();
                }
            });
            setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && getItem() != null && getItem().branchTarget() != null) {
                    onGoToTarget.accept(getItem().branchTarget());
                }
            });
            Tooltip.install(gutter, new Tooltip("Click to set or clear a breakpoint (F9 at the selected line)"));
        }

        @Override
        protected void updateItem(DisasmLine l, boolean empty) {
            super.updateItem(l, empty);
            getStyleClass().removeAll("current", "delay-slot", "next-after-slot", "has-breakpoint");
            if (empty || l == null) {
                setGraphic(null);
                return;
            }
            label.setText(l.label() == null ? "" : "<" + l.label() + ">:");
            label.setManaged(l.label() != null);
            label.setVisible(l.label() != null);
            address.setText(String.format("%08x", l.address()));
            word.setText(String.format("%08x", l.word()));
            text.setText(l.text());
            marker.setText(l.current() ? "▶" : l.nextAfterSlot() ? "↪" : l.delaySlot() ? "·" : "");
            String t = "";
            if (l.branchTarget() != null) {
                t = "→ " + Numbers.hex32(l.branchTarget()) + (l.targetLabel() == null ? "" : " <" + l.targetLabel() + ">");
            }
            if (l.delaySlot()) {
                t = t.isEmpty() ? "delay slot" : t + "  · delay slot";
            }
            target.setText(t);
            if (l.current()) {
                getStyleClass().add("current");
            }
            if (l.delaySlot()) {
                getStyleClass().add("delay-slot");
            }
            if (l.nextAfterSlot()) {
                getStyleClass().add("next-after-slot");
            }
            if (l.breakpoint()) {
                getStyleClass().add("has-breakpoint");
            }
            setGraphic(box);
        }
    }
}
