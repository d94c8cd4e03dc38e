package dev.faultscope.ui;

import dev.faultscope.ui.model.FontScale;
import dev.faultscope.ui.workbench.RegistersPanel;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;

import static dev.faultscope.ui.AppFixture.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app on a 1280x720 projector, at the normal text size and at the largest one the window offers: in the VM
 * workbench and in the game view nothing labelled is cut or shortened, and all of r0–r31 show whole, side by side
 * with no horizontal scrolling.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectorLayoutTest {
    static MainWindow window;
    static final FxRobot robot = new FxRobot();

    @BeforeAll
    static void openTheSample() throws Exception {
        window = AppFixture.show(MainWindow::openSample);
        AppFixture.waitUntil(() -> window.workbench() != null && !window.workbench().runningProperty().get()
            && window.workbench().currentFrame() != null && window.workbench().currentFrame().endStep() > 0);
    }

    @AfterAll
    static void close() throws Exception {
        AppFixture.close(window);
    }


    /** Sets the window size and a font size (normal, or as large as the window takes), and lets the layout settle. */
    static void projector(int width, int height, boolean largest) throws Exception {
        Stage stage = FxToolkit.toolkitContext().getRegisteredStage();
        fx(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
        fx(window::fontReset);
        if (largest) {
            for (int i = 0; i < FontScale.SIZES.length; i++) {
                fx(window::fontLarger);
            }
        }
        // Fitting runs after layout, and a layout after the fit: a few pulses.
        for (int i = 0; i < 5; i++) {
            fx(() -> window.scene().getRoot().layout());
            Thread.sleep(50);
        }
    }

    static void assertNothingCut(String where) {
        List<String> problems = LayoutCheck.problems(window.scene().getRoot());
        assertTrue(problems.isEmpty(), where + ":\n  " + String.join("\n  ", problems));
    }

    static void assertRegistersWhole() {
        RegistersPanel regs = window.workbench().registersPanel();
        ScrollPane scroll = (ScrollPane) regs.lookup(".scroll-pane");
        Bounds view = scroll.localToScene(scroll.getBoundsInLocal());
        for (int i = 0; i < 32; i++) {
            Label l = (Label) robot.lookup("#reg-" + i).query();
            Bounds b = l.localToScene(l.getBoundsInLocal());
            assertEquals(l.getText(), LayoutCheck.shownText(l), "r" + i + " shown whole");
            assertTrue(b.getMinX() >= view.getMinX() - 1 && b.getMaxX() <= view.getMaxX() + 1,
                "r" + i + " inside the registers panel's width, no horizontal scrolling: " + b + " in " + view);
        }
        assertEquals(0, scroll.getHvalue());
        Label status = (Label) robot.lookup("#reg-status").query();
        assertEquals(status.getText(), LayoutCheck.shownText(status));
    }

    @Test
    @Order(1)
    void workbenchAt1280x720() throws Exception {
        projector(1280, 720, false);
        assertEquals(FontScale.DEFAULT, window.fonts().size());
        assertNothingCut("workbench, 1280x720, normal text");
        assertRegistersWhole();
        assertEquals(2, window.workbench().registersPanel().columns(), "at normal size, two columns of sixteen");

        projector(1280, 720, true);
        assertEquals(FontScale.LARGE, window.fonts().size(), "the presentation preset is the largest 1280x720 takes");
        assertNothingCut("workbench, 1280x720, largest text");
        assertRegistersWhole();
    }

    @Test
    @Order(2)
    void gameViewAt1280x720() throws Exception {
        fx(() -> window.open(Path.of("samples/sessions/wrong-proposer-workshop.json.gz")));
        AppFixture.waitUntil(() -> window.gameView() != null && window.content() == window.gameView());
        fx(window.gameView()::toEnd);
        projector(1280, 720, false);
        assertNothingCut("game view, 1280x720, normal text");
        assertMovePanelInView();
        projector(1280, 720, true);
        assertNothingCut("game view, 1280x720, largest text");
        assertMovePanelInView();
        assertTimelineRows(2);
    }

    /** The timeline (below its branch bar) shows at least {@code rows} whole actions. */
    static void assertTimelineRows(int rows) {
        javafx.scene.control.ListView<?> list = robot.lookup("#timeline").query();
        javafx.scene.control.ListCell<?> cell = robot.lookup("#timeline .list-cell").query();
        double bar = robot.lookup("#timeline .scroll-bar").match(n -> n instanceof javafx.scene.control.ScrollBar b
            && b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && b.isVisible()).tryQuery()
            .map(n -> ((javafx.scene.layout.Region) n).getHeight()).orElse(0.0);
        double shown = (list.getHeight() - bar) / cell.getHeight();
        assertTrue(shown >= rows, "the timeline shows " + String.format("%.1f", shown) + " rows, wants " + rows);
    }

    /** The move panel is not scrolled away under the claim's details: its buttons are on screen. */
    static void assertMovePanelInView() {
        for (String text : List.of("Attack step", "Defend step", "Honest agent answers", "Fit", "Expand all")) {
            javafx.scene.control.Button b = robot.lookup(".button").match(n -> n instanceof javafx.scene.control.Button x
                && text.equals(x.getText())).query();
            Bounds at = b.localToScene(b.getBoundsInLocal());
            assertTrue(b.isVisible() && at.getMinY() >= 0 && at.getMaxY() <= window.scene().getHeight()
                && at.getMaxX() <= window.scene().getWidth(), text + " on screen: " + at);
        }
    }
}
