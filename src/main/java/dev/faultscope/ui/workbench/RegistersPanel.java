package dev.faultscope.ui.workbench;

import dev.faultscope.ui.Fxml;
import dev.faultscope.ui.model.Frame;
import dev.faultscope.ui.model.Numbers;
import dev.faultscope.ui.model.Radix;
import dev.faultscope.ui.model.RegisterNames;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** r0–r31 with ABI names, then pc, nextPC, hi, lo, heap, step and exit status; last step's changes marked. */
public final class RegistersPanel extends VBox {
    private static final String[] SPECIAL = {"pc", "nextPC", "hi", "lo", "heap", "step", "status"};

    @FXML
    private GridPane grid;
    @FXML
    private GridPane specialGrid;
    @FXML
    private ToggleButton decimal;

    private final Label[] values = new Label[32];
    private final Label[] specials = new Label[SPECIAL.length];
    private Frame last;

    public RegistersPanel() {
        Fxml.loadInto(this);
        for (int i = 0; i < 32; i++) {
            Label name = new Label(String.format("r%-2d %s", i, RegisterNames.abi(i)));
            name.getStyleClass().addAll("mono", "reg-name");
            name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            values[i] = new Label();
            values[i].setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            values[i].setId("reg-" + i);
            values[i].getStyleClass().addAll("mono", "reg-value");
            values[i].setTooltip(new Tooltip());
            // Two columns of sixteen: r0–r15 left, r16–r31 right, as register dumps usually are.
            int col = (i / 16) * 2;
            grid.add(name, col, i % 16);
            grid.add(values[i], col + 1, i % 16);
        }
        for (int i = 0; i < SPECIAL.length; i++) {
            Label name = new Label(SPECIAL[i]);
            name.getStyleClass().addAll("mono", "reg-name");
            name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            specials[i] = new Label();
            specials[i].setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            specials[i].setId("reg-" + SPECIAL[i]);
            specials[i].getStyleClass().addAll("mono", "reg-value");
            specialGrid.add(name, (i % 2) * 2, i / 2);
            specialGrid.add(specials[i], (i % 2) * 2 + 1, i / 2);
        }
        decimal.selectedProperty().addListener((o, a, b) -> {
            if (last != null) {
                show(last);
            }
        });
    }

    /** Switches between hex and signed decimal (Ctrl+H). */
    public void toggleRadix() {
        decimal.setSelected(!decimal.isSelected());
    }

    public Radix radix() {
        return decimal.isSelected() ? Radix.DECIMAL : Radix.HEX;
    }

    public void show(Frame f) {
        last = f;
        Radix radix = radix();
        for (int i = 0; i < 32; i++) {
            set(values[i], radix.format(f.registers()[i]), f.registerChanged(i));
            values[i].getTooltip().setText(Numbers.describe(f.registers()[i]));
        }
        set(specials[0], Numbers.hex32(f.pc()), f.specialChanged(Frame.PC));
        set(specials[1], Numbers.hex32(f.nextPC()), f.specialChanged(Frame.NEXT_PC));
        set(specials[2], radix.format(f.hi()), f.specialChanged(Frame.HI));
        set(specials[3], radix.format(f.lo()), f.specialChanged(Frame.LO));
        set(specials[4], Numbers.hex32(f.heap()), f.specialChanged(Frame.HEAP));
        set(specials[5], String.format("%,d", f.step()), false);
        set(specials[6], f.exitStatus(), f.exited());
    }

    private static void set(Label l, String text, boolean changed) {
        l.setText(text);
        if (changed) {
            if (!l.getStyleClass().contains("changed")) {
                l.getStyleClass().add("changed");
            }
        } else {
            l.getStyleClass().remove("changed");
        }
    }
}
