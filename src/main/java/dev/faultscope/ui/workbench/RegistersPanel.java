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

/**
 * r0–r31 with ABI names, then pc, nextPC, hi, lo, heap, step and exit status; last step's changes marked. Two
 * columns of sixteen when the panel is wide enough, else one of thirty-two: every value is always shown whole, and
 * the panel never gets narrower than one column (it scrolls vertically instead).
 */
public final class RegistersPanel extends VBox {
    private static final String[] SPECIAL = {"pc", "nextPC", "hi", "lo", "heap", "step", "status"};

    @FXML
    private GridPane grid;
    @FXML
    private GridPane specialGrid;
    @FXML
    private ToggleButton decimal;
    @FXML
    private VBox body;

    private final Label[] names = new Label[32];
    private final Label[] values = new Label[32];
    private final Label[] specialNames = new Label[SPECIAL.length];
    private final Label[] specials = new Label[SPECIAL.length];
    private Frame last;
    private boolean faultProof = true;
    private int columns;

    public RegistersPanel() {
        Fxml.loadInto(this);
        for (int i = 0; i < 32; i++) {
            names[i] = new Label(String.format("r%-2d %s", i, RegisterNames.abi(i)));
            names[i].getStyleClass().addAll("mono", "reg-name");
            names[i].setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            values[i] = new Label();
            values[i].setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            values[i].setId("reg-" + i);
            values[i].getStyleClass().addAll("mono", "reg-value");
            values[i].setTooltip(new Tooltip());
        }
        for (int i = 0; i < SPECIAL.length; i++) {
            specialNames[i] = new Label(SPECIAL[i]);
            specialNames[i].getStyleClass().addAll("mono", "reg-name");
            specialNames[i].setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            specials[i] = new Label();
            specials[i].setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            specials[i].setId("reg-" + SPECIAL[i]);
            specials[i].getStyleClass().addAll("mono", "reg-value");
        }
        place(2);
        decimal.selectedProperty().addListener((o, a, b) -> {
            if (last != null) {
                show(last);
            }
        });
    }

    /**
     * Two columns of sixteen (r0–r15 left, r16–r31 right, as register dumps usually are) or one of thirty-two; the
     * exit status gets a row of its own across the columns, since "exited 1 (INVALID)" is wider than a value.
     */
    private void place(int cols) {
        columns = cols;
        grid.getChildren().clear();
        specialGrid.getChildren().clear();
        int rows = 32 / cols;
        for (int i = 0; i < 32; i++) {
            int col = (i / rows) * 2;
            grid.add(names[i], col, i % rows);
            grid.add(values[i], col + 1, i % rows);
        }
        int last = SPECIAL.length - 1;
        for (int i = 0; i < last; i++) {
            specialGrid.add(specialNames[i], (i % cols) * 2, i / cols);
            specialGrid.add(specials[i], (i % cols) * 2 + 1, i / cols);
        }
        int row = (last + cols - 1) / cols;
        specialGrid.add(specialNames[last], 0, row);
        specialGrid.add(specials[last], 1, row, 2 * cols - 1, 1);
    }

    /** One name and value column pair, at the current font. */
    private double pairWidth() {
        double name = 0, value = 0;
        for (int i = 0; i < 32; i++) {
            name = Math.max(name, Math.max(names[i].minWidth(-1), names[i].prefWidth(-1)));
            value = Math.max(value, Math.max(values[i].minWidth(-1), values[i].prefWidth(-1)));
        }
        for (int i = 0; i < SPECIAL.length - 1; i++) {
            name = Math.max(name, specialNames[i].prefWidth(-1));
            value = Math.max(value, Math.max(specials[i].minWidth(-1), specials[i].prefWidth(-1)));
        }
        return name + grid.getHgap() + value;
    }

    /** Width needed besides the grid: the body's padding and the vertical scroll bar. */
    private double chrome() {
        return 2 * grid.getHgap() + body.getInsets().getLeft() + body.getInsets().getRight() + 20;
    }

    /** The width one column needs: the panel is never narrower, so no value is ever cut. */
    public double oneColumnWidth() {
        double status = specialNames[SPECIAL.length - 1].prefWidth(-1) + grid.getHgap() + specials[SPECIAL.length - 1].prefWidth(-1);
        return Math.max(pairWidth(), status) + chrome();
    }

    /** The width two columns of sixteen need. */
    public double twoColumnWidth() {
        return 2 * pairWidth() + grid.getHgap() + chrome();
    }

    @Override
    protected void layoutChildren() {
        double one = oneColumnWidth();
        if (getMinWidth() != one) {
            setMinWidth(one);
        }
        int want = getWidth() >= twoColumnWidth() ? 2 : 1;
        if (want != columns) {
            place(want);
        }
        super.layoutChildren();
    }

    public int columns() {
        return columns;
    }

    /** Whether the exit code is a verdict (the fault proof program's) or just a number. */
    public void setFaultProof(boolean faultProof) {
        this.faultProof = faultProof;
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
        set(specials[6], f.exitStatus(faultProof), f.exited());
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
