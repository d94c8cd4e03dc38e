package dev.faultscope.ui.model.game;

import dev.faultscope.agent.GameRunner;
import dev.faultscope.game.Claim;
import dev.faultscope.game.FaultDisputeGame;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The game view's models on the deepest configuration the contract accepts (no JavaFX). */
class DeepGameModelTest {
    /** The game view's models (inspector, narration, padding, leaf step) work on 122-bit trace indices. */
    @Test
    void theGameViewReadsA125LevelGame() {
        GameRunner.Result r = GameRunner.play(new GameRunner.Match(Path.of("samples/scenarios/classroom.json"), "125,2",
            "invalid-transfers", "honest", -1, 0, 4), null);
        GameModel m = GameModel.open(r.session(), null);
        m.computeHonest(() -> false);
        FaultDisputeGame g = r.game();
        for (int k = 0; k < m.size(); k++) {
            m.seek(k);
            assertFalse(m.narration().isBlank(), "narration of action " + k);
        }
        m.toEnd();
        int s = g.config().splitDepth();
        boolean sawPadded = false;
        for (Claim c : g.claims()) {
            String text = m.details(c.index()).stream().map(row -> String.join(" ", row)).reduce("", String::concat);
            assertTrue(text.contains(c.value().hex()), text);
            if (c.depth() > s) {
                assertTrue(text.contains("VM step"), text);
                sawPadded |= m.isPadded(c.index());
            }
        }
        assertTrue(sawPadded, "a 122-bit subgame is mostly padding past the exit");
        Claim leaf = g.claims().stream().filter(c -> c.depth() == g.config().maxGameDepth()).findFirst().orElseThrow();
        LeafStep step = LeafStep.of(g, leaf.index(), m.honest());
        assertTrue(step.text().contains("step on leaf #" + leaf.index()), step.text());
    }

}
