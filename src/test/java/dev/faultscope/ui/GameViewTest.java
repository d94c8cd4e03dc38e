package dev.faultscope.ui;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.ClaimTable;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.io.SessionFile;
import dev.faultscope.ui.game.GameView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import static dev.faultscope.ui.AppFixture.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The game explorer headless: open a sample session, replay it, an illegal move, a leaf opened in the VM. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GameViewTest {
    static final Path SAMPLE = Path.of("samples/sessions/wrong-proposer-workshop.json.gz");
    static MainWindow window;

    @BeforeAll
    static void open() throws Exception {
        window = AppFixture.show(w -> w.open(SAMPLE));
        waitUntil(() -> window.gameView() != null);
    }

    @AfterAll
    static void close() throws Exception {
        AppFixture.close(window);
    }

    static void waitUntil(BooleanSupplier condition) throws Exception {
        AppFixture.waitUntil(condition);
    }


    @Test
    @Order(1)
    void replayToTheEndMatchesTheEngine() throws Exception {
        FaultDisputeGame engine = SessionFile.read(SAMPLE).game();
        GameView v = window.gameView();
        assertEquals(1, v.model().game().claimCount());
        for (int i = 0; i < 5; i++) {
            fx(v::forward);
        }
        assertEquals(5, v.model().position());
        assertTrue(v.narrationText().startsWith("Action 5 of"), v.narrationText());
        fx(v::toEnd);
        assertEquals(engine.claimCount(), v.model().game().claimCount());
        assertEquals(engine.claimCount(), v.canvas().layout().nodes().size());
        assertEquals(engine.status(), v.model().game().status());
        assertEquals(ClaimTable.of(engine).winner(), ClaimTable.of(v.model().game()).winner());
    }

    @Test
    @Order(2)
    void anIllegalMoveShowsTheContractError() throws Exception {
        GameView v = window.gameView();
        int claims = v.model().game().claimCount();
        String[] err = new String[1];
        fx(() -> err[0] = v.playNow(0, true, Bytes32.ZERO, "challenger"));
        assertNotNull(err[0]);
        assertTrue(v.playErrorText().contains("GameNotInProgress"), v.playErrorText());
        assertEquals(claims, v.model().game().claimCount());
    }

    @Test
    @Order(3)
    void aLeafOpensInTheVmAtItsStep() throws Exception {
        GameView v = window.gameView();
        FaultDisputeGame g = v.model().game();
        int leaf = -1;
        for (var c : g.claims()) {
            if (c.depth() == g.config().maxGameDepth()) {
                leaf = c.index();
            }
        }
        int l = leaf;
        long expected = g.claim(l).position().traceIndexInSubgame(g.config().splitDepth(), g.config().maxGameDepth()).longValueExact() + 1;
        fx(() -> {
            v.select(l);
            v.openInVm();
        });
        waitUntil(() -> window.workbench() != null && !window.workbench().runningProperty().get()
            && window.workbench().currentFrame() != null && window.workbench().currentFrame().step() > 0);
        assertEquals(expected, window.workbench().currentFrame().step());
        fx(window::backToGame);
        assertEquals(l, window.gameView().model().selected());
        assertTrue(window.content() == window.gameView());
    }
}
