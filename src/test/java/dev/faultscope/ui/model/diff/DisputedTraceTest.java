package dev.faultscope.ui.model.diff;

import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.io.SessionFile;
import dev.faultscope.ui.model.game.GameModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Compare with honest run" on a played game: a wrong proposer's forced exit lands on the exit syscall. */
class DisputedTraceTest {
    @Test
    void aWrongProposersExecutionClaimsDivergeAtTheExitSyscall() throws Exception {
        Path file = Path.of("samples/sessions/wrong-proposer-workshop.json.gz");
        GameModel gm = GameModel.open(SessionFile.read(file).session(), file);
        gm.toEnd();
        FaultDisputeGame g = gm.game();
        int deepest = -1;
        for (int i = 0; i < g.claimCount(); i++) {
            if (g.claim(i).depth() > g.config().splitDepth() && (deepest < 0 || g.claim(i).depth() > g.claim(deepest).depth())) {
                deepest = i;
            }
        }
        assertTrue(deepest > 0, "the session has execution claims");
        DisputedTrace.Result r = DisputedTrace.compare(g, deepest, gm.honest().runs());
        assertNull(r.problem(), r.problem());
        DiffModel d = r.diff();
        long n = gm.honest().runs().run(g.executionContext(deepest).fppInputs()).length();
        assertEquals(n - 1, d.divergence().preStep(), d.summary());
        assertTrue(d.summary().contains("syscall"), d.summary());
        assertNotNull(d.b().registers().stream().filter(c -> c.label().equals("a0") && c.differs()).findFirst().orElse(null));
    }

    @Test
    void anOutputClaimHasNoTraceToCompare() throws Exception {
        Path file = Path.of("samples/sessions/wrong-proposer-workshop.json.gz");
        GameModel gm = GameModel.open(SessionFile.read(file).session(), file);
        gm.toEnd();
        assertTrue(DisputedTrace.compare(gm.game(), 0, gm.honest().runs()).problem().contains("output claim"));
    }
}
