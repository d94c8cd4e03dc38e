package dev.faultscope.ui;

import dev.faultscope.agent.ExecutionTrace;
import dev.faultscope.agent.Fault;
import dev.faultscope.crypto.Hex;
import dev.faultscope.diff.BundleSide;
import dev.faultscope.diff.Divergence;
import dev.faultscope.diff.ExecutionTraceSide;
import dev.faultscope.diff.TraceDiff;
import dev.faultscope.io.TraceBundle;
import dev.faultscope.io.TraceFixture;
import dev.faultscope.ui.diff.DiffView;
import dev.faultscope.ui.model.diff.DiffModel;
import dev.faultscope.vm.Symbols;
import javafx.application.Platform;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diff document headless: a recorded run beside the same run with a fault at step k, shown at step k. */
class DiffViewTest {
    @TempDir
    static Path dir;
    static MainWindow window;
    static final FxRobot robot = new FxRobot();
    static long k;

    @BeforeAll
    static void openADiff() throws Exception {
        Path bundle = dir.resolve("honest.fstrace");
        TraceFixture.record(bundle);
        ExecutionTrace honest = ExecutionTrace.of(TraceFixture.program().state(), TraceFixture.hostSources());
        k = honest.length() / 3;
        Divergence d;
        try (TraceBundle b = TraceBundle.open(bundle)) {
            d = TraceDiff.compare(new BundleSide(b), new ExecutionTraceSide("faulty", honest.withFault(new Fault.FlipBit(k, 29, 4)), Symbols.NONE));
        }
        DiffModel m = new DiffModel(d, TraceFixture.program().symbols());
        window = AppFixture.show(w -> { });
        Platform.runLater(() -> window.traceActions().showDiff(m));
        AppFixture.waitUntil(() -> robot.lookup(".diff-view").tryQuery().isPresent());
    }

    @AfterAll
    static void close() throws Exception {
        AppFixture.close(window);
    }

    @Test
    void bothPanesShowTheDivergentStepWithTheDifferingRegisterMarked() {
        DiffView view = robot.lookup(".diff-view").queryAs(DiffView.class);
        Label summary = robot.lookup("#diff-summary").queryAs(Label.class);
        assertTrue(summary.getText().contains(String.format("instruction %,d", k)), summary.getText());
        // sp (r29) differs: marked once in each pane, with the two runs' values.
        var marked = view.markedLabels();
        assertEquals(2, marked.size(), marked.stream().map(Label::getText).toList().toString());
        assertNotEquals(marked.get(0).getText(), marked.get(1).getText());
        assertTrue(robot.lookup("#diff-a").query().lookupAll(".label").contains(marked.get(0)));
        assertTrue(robot.lookup("#diff-b").query().lookupAll(".label").contains(marked.get(1)));
        String hashA = robot.lookup("#diff-a-hash").queryAs(Label.class).getText();
        String hashB = robot.lookup("#diff-b-hash").queryAs(Label.class).getText();
        assertNotEquals(hashA, hashB);
        assertTrue(hashA.endsWith(Hex.encode(view.model().divergence().postHashA())));
        // The shared instruction is drawn, marked, at the pre-state's pc.
        assertTrue(robot.lookup("#diff-code").query().lookupAll(".label").stream()
            .map(n -> ((Label) n).getText()).anyMatch(t -> t.startsWith(String.format("0x%08x", view.model().divergence().pc()))));
        assertTrue(window.status().contains(String.format("instruction %,d", k)), window.status());
    }

    @Test
    void fitsA1280x720WindowWithTheHeadlineAndTheMarkedValuesOnScreen() throws Exception {
        javafx.stage.Stage stage = org.testfx.api.FxToolkit.toolkitContext().getRegisteredStage();
        org.testfx.api.FxToolkit.setupFixture(() -> {
            stage.setWidth(1280);
            stage.setHeight(720);
        });
        for (int i = 0; i < 3; i++) {
            org.testfx.api.FxToolkit.setupFixture(() -> window.scene().getRoot().layout());
        }
        java.util.List<String> problems = LayoutCheck.problems(window.scene().getRoot());
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        DiffView view = robot.lookup(".diff-view").queryAs(DiffView.class);
        javafx.geometry.Bounds shown = view.getParent().localToScene(view.getParent().getBoundsInLocal());
        java.util.List<javafx.scene.Node> onScreen = new java.util.ArrayList<>(view.markedLabels());
        onScreen.add(robot.lookup("#diff-summary").query());
        for (javafx.scene.Node n : onScreen) {
            javafx.geometry.Bounds b = n.localToScene(n.getBoundsInLocal());
            assertTrue(b.getMinY() >= shown.getMinY() - 1 && b.getMaxY() <= shown.getMaxY() + 1,
                n + " inside the shown part of the view " + shown + ": " + b);
        }
    }
}
