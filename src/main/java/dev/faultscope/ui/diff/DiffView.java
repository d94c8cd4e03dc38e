package dev.faultscope.ui.diff;

import dev.faultscope.ui.model.diff.DiffModel;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * The diff document: two runs side by side at their first divergence. Above, the headline and the shared
 * instruction; below, one pane per run with its post-state hash, its registers and the differing memory words,
 * the differences marked in both. Draws a {@link DiffModel}; holds no logic of its own.
 */
public final class DiffView extends BorderPane {
    /** Style of a value that differs between the runs (the same in both panes, so the eye pairs them). */
    static final String DIFFERS = "-fx-font-family: monospace; -fx-background-color: #ffd54f; -fx-text-fill: #3e2700; -fx-font-weight: bold;";

    private final DiffModel model;
    private final List<Label> marked = new ArrayList<>();

    public DiffView(DiffModel model) {
        this.model = model;
        getStyleClass().add("diff-view");
        setPadding(new Insets(8));
        Label summary = new Label(model.summary());
        summary.setId("diff-summary");
        summary.setWrapText(true);
        summary.setStyle("-fx-font-size: 1.15em; -fx-font-weight: bold;");
        VBox code = new VBox(1);
        code.setId("diff-code");
        for (DiffModel.Line l : model.code()) {
            Label line = mono(l.text());
            if (l.current()) {
                line.setStyle(DIFFERS);
            }
            code.getChildren().add(line);
        }
        VBox top = new VBox(6, summary, code);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);
        HBox panes = new HBox(12, pane(model.a(), "diff-a"), pane(model.b(), "diff-b"));
        panes.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));
        // In a small window (1280x720, large text) the panes scroll; the headline above them stays in view.
        ScrollPane scroll = new ScrollPane(panes);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        setCenter(scroll);
    }

    public DiffModel model() {
        return model;
    }

    /** The labels drawn as differing, in both panes (for tests). */
    public List<Label> markedLabels() {
        return List.copyOf(marked);
    }

    private VBox pane(DiffModel.Pane p, String id) {
        Label name = new Label(p.name());
        name.setStyle("-fx-font-weight: bold;");
        Label hash = mono("post-state hash " + p.postHash());
        hash.setId(id + "-hash");
        // Half a 1280-pixel window is narrower than a hash: it wraps rather than losing its last digits.
        hash.setWrapText(true);
        hash.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        GridPane regs = new GridPane();
        regs.setHgap(10);
        regs.setVgap(2);
        for (int i = 0; i < p.registers().size(); i++) {
            DiffModel.Cell c = p.registers().get(i);
            Label k = mono(c.label());
            Label v = mono(c.value());
            if (c.differs()) {
                k.setStyle(DIFFERS);
                v.setStyle(DIFFERS);
                marked.add(v);
            }
            regs.add(k, (i / 19) * 2, i % 19);
            regs.add(v, (i / 19) * 2 + 1, i % 19);
        }
        VBox mem = new VBox(2);
        mem.getChildren().add(new Label(p.memory().isEmpty() ? "Memory: no word differs" : "Memory words that differ:"));
        for (DiffModel.Cell c : p.memory()) {
            Label l = mono(c.label() + "  " + c.value());
            l.setStyle(DIFFERS);
            marked.add(l);
            mem.getChildren().add(l);
        }
        ScrollPane memScroll = new ScrollPane(mem);
        memScroll.setFitToWidth(true);
        // The differing memory words beside the registers, not under them: both in view without scrolling.
        HBox.setHgrow(memScroll, Priority.ALWAYS);
        HBox values = new HBox(12, regs, memScroll);
        VBox.setVgrow(values, Priority.ALWAYS);
        VBox box = new VBox(6, name, hash, new Label("Registers after the instruction:"), values);
        box.setId(id);
        box.setPadding(new Insets(6));
        box.setStyle("-fx-border-color: -fx-box-border; -fx-border-width: 1;");
        return box;
    }

    private static Label mono(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-family: monospace;");
        return l;
    }
}
