package dev.faultscope.ui;

import dev.faultscope.ui.model.Frame;
import dev.faultscope.ui.model.Numbers;
import dev.faultscope.ui.workbench.WorkbenchView;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.VmState;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app headless (Monocle): opens the bundled sample, steps with the keyboard as a user would, and checks
 * what the window shows against the engine run on its own; then a corrupt file, after which the app still works.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AppSmokeTest {
    static MainWindow window;
    static final FxRobot robot = new FxRobot();

    @BeforeAll
    static void openTheSample() throws Exception {
        window = AppFixture.show(w -> w.openSample());
        waitUntil(() -> window.workbench() != null && !window.workbench().runningProperty().get()
            && window.workbench().currentFrame() != null && window.workbench().currentFrame().endStep() > 0);
    }

    @AfterAll
    static void close() throws Exception {
        AppFixture.close(window);
    }

    static void waitUntil(BooleanSupplier condition) throws Exception {
        AppFixture.waitUntil(condition);
    }

    static VmState engineAfter(long steps) {
        var run = window.workbench().loaded();
        // A fresh run of the same program and inputs, straight on the emulator.
        var fresh = dev.faultscope.ui.model.LoadedRun.faultProof(
            dev.faultscope.fpp.ChainModel.of(loadSample()), "classroom", 1, 2, "invalid-transfers");
        Mips32Emulator emu = new Mips32Emulator(fresh.initial(), fresh.store());
        emu.setOutput(null, null);
        emu.run(steps);
        assertTrue(run.title().contains("classroom"));
        return fresh.initial();
    }

    static dev.faultscope.fpp.Scenario loadSample() {
        try (var in = MainWindow.class.getResourceAsStream(MainWindow.SAMPLE_RESOURCE)) {
            return dev.faultscope.fpp.Scenario.parse(in.readAllBytes(), Path.of("classroom.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String shown(String id) {
        return ((Label) robot.lookup("#" + id).query()).getText();
    }

    @Test
    @Order(1)
    void stepsTenForwardThreeBackAndShowsTheEnginesState() throws Exception {
        WorkbenchView w = window.workbench();
        assertEquals(0, w.currentFrame().step());
        robot.interact(() -> FxToolkit.toolkitContext().getRegisteredStage().requestFocus());
        for (int i = 0; i < 10; i++) {
            robot.type(KeyCode.F7);
        }
        waitUntil(() -> w.currentFrame().step() == 10);
        for (int i = 0; i < 3; i++) {
            robot.type(KeyCode.F8);
        }
        waitUntil(() -> w.currentFrame().step() == 7);
        VmState expected = engineAfter(7);
        assertEquals(Numbers.hex32(expected.pc()), shown("reg-pc"));
        assertEquals(Numbers.hex32(expected.nextPC()), shown("reg-nextPC"));
        assertEquals("7", shown("reg-step"));
        for (int i = 0; i < 32; i++) {
            assertEquals(Numbers.hex32(expected.register(i)), shown("reg-" + i), "r" + i);
        }
        Frame f = w.currentFrame();
        assertTrue(f.disassembly().stream().anyMatch(l -> l.current() && l.address() == expected.pc()));
        assertTrue(shown("step-label").startsWith("step 7 / "));
    }

    @Test
    @Order(2)
    void aCorruptFileIsAnErrorAndTheAppKeepsWorking(@TempDir Path dir) throws Exception {
        Path corrupt = Files.writeString(dir.resolve("state.json"), "{\"memory\": [ {\"index\": 1, \"data\": \"!!\"} ], \"pc\": 4");
        robot.interact(() -> window.open(corrupt));
        waitUntil(() -> robot.lookup("#error-dialog").tryQuery().isPresent());
        var pane = (javafx.scene.control.DialogPane) robot.lookup("#error-dialog").query();
        assertTrue(pane.getHeaderText().contains("state.json"), pane.getHeaderText());
        assertTrue(pane.getContentText().contains("not valid JSON"), pane.getContentText());
        assertTrue(window.status().contains("state.json"));
        Window dialog = pane.getScene().getWindow();
        robot.interact(dialog::hide);

        // The sample is still open and still steps.
        WorkbenchView w = window.workbench();
        long before = w.currentFrame().step();
        robot.interact(() -> FxToolkit.toolkitContext().getRegisteredStage().requestFocus());
        robot.type(KeyCode.F7);
        waitUntil(() -> w.currentFrame().step() == before + 1);
        assertEquals(Numbers.hex32(engineAfter(before + 1).pc()), shown("reg-pc"));
    }

    @Test
    @Order(3)
    void aBadCannonStateNamesTheFieldAndALoadedOneOpens(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad-state.json"), "{\"memory\": [], \"pc\": \"x\"}");
        robot.interact(() -> window.open(bad));
        waitUntil(() -> robot.lookup("#error-dialog").tryQuery().isPresent());
        var pane = (javafx.scene.control.DialogPane) robot.lookup("#error-dialog").query();
        assertTrue(pane.getContentText().contains("bad-state.json") || pane.getHeaderText().contains("bad-state.json"));
        robot.interact(() -> pane.getScene().getWindow().hide());

        robot.interact(() -> window.open(Path.of("samples/programs/hello.elf")));
        waitUntil(() -> window.workbench() != null && window.workbench().loaded().title().equals("hello.elf")
            && window.workbench().currentFrame() != null && !window.workbench().runningProperty().get());
        WorkbenchView w = window.workbench();
        robot.interact(w::goToEnd);
        waitUntil(() -> !w.runningProperty().get() && w.currentFrame().exited());
        String expected = Files.readString(Path.of("samples/programs/hello.stdout"));
        assertEquals(expected, w.console().shownText());
    }
}
