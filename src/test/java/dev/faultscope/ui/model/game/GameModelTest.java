package dev.faultscope.ui.model.game;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.ClaimTable;
import dev.faultscope.game.ContractError;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.io.SessionFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The game explorer's view models against the engine, on the sample sessions (no JavaFX). */
class GameModelTest {
    static final Path WORKSHOP = Path.of("samples/sessions/wrong-proposer-workshop.json.gz");
    static final Path MAINNET = Path.of("samples/sessions/wrong-proposer-mainnet.json.gz");

    static GameModel open(Path p) throws Exception {
        return GameModel.open(SessionFile.read(p).session(), p);
    }

    @Test
    void replayMatchesTheEngineAndStepsBothWays() throws Exception {
        SessionFile.Loaded loaded = SessionFile.read(WORKSHOP);
        GameModel m = GameModel.open(loaded.session(), WORKSHOP);
        assertNotNull(m.honest(), m.honestProblem());
        assertEquals(0, m.position());
        assertEquals(1, m.game().claimCount());
        m.toEnd();
        assertEquals(loaded.game().claimCount(), m.game().claimCount());
        assertEquals(loaded.game().status(), m.game().status());
        assertEquals(ClaimTable.of(loaded.game()).winner(), ClaimTable.of(m.game()).winner());
        m.back();
        assertEquals(m.size() - 1, m.position());
        m.seek(3);
        assertEquals(loaded.session().replay(3).claimCount(), m.game().claimCount());
        assertEquals(m.size(), m.timeline().size());
    }

    @Test
    void layoutPutsDepthOnRowsAndAttacksLeftDefendsRight() throws Exception {
        GameModel m = open(MAINNET);
        m.toEnd();
        FaultDisputeGame g = m.game();
        TreeLayout l = m.layout();
        assertEquals(g.claimCount(), l.nodes().size());
        for (TreeLayout.Node n : l.nodes()) {
            assertEquals(TreeLayout.rowY(g.claim(n.index()).depth()), n.y());
            if (n.parentIndex() >= 0) {
                TreeLayout.Node p = l.node(n.parentIndex());
                String kind = ClaimTable.moveKind(g, n.index());
                // Attack: smaller trace index, drawn left; defend: right (kind from the parent relation).
                assertEquals(kind.equals("Attack"), n.x() < p.x(), "claim " + n.index());
            }
        }
        assertTrue(l.splitY() > TreeLayout.rowY(30) && l.splitY() < TreeLayout.rowY(31));
        // Ranges narrow: a deeper node's bar is narrower.
        assertTrue(TreeLayout.barHalfWidth(73, 73) < TreeLayout.barHalfWidth(40, 73));
        // Collapsing the root hides everything below it.
        m.toggleCollapsed(0);
        TreeLayout c = m.layout();
        assertEquals(1, c.nodes().size());
        assertEquals(g.claimCount() - 1, c.node(0).hiddenBelow());
        assertEquals(0, c.hit(c.node(0).x() + 1, c.node(0).y(), 5));
    }

    @Test
    void narrationAndInspectorSayWhatHappened() throws Exception {
        GameModel m = open(WORKSHOP);
        assertTrue(m.narration().contains("proposes output root"), m.narration());
        m.forward();
        String first = m.narration();
        assertTrue(first.contains("disagrees with the proposal") && first.contains("attacks"), first);
        m.toEnd();
        assertTrue(m.narration().contains("challenger wins"), m.narration());
        var rows = m.details(1);
        assertEquals("#1 · attacks #0", rows.get(0)[1]);
        assertTrue(rows.stream().anyMatch(r -> r[0].equals("L2 block")));
        m.computeHonest(() -> false);
        assertEquals("agrees", m.honestText(1));
        assertTrue(m.honestText(0).startsWith("disagrees"));
        assertEquals(HonestView.Agreement.DISAGREES, m.agreementIfKnown(0));
        boolean[] countered = m.projectedCountered();
        assertTrue(countered[0]);
    }

    @Test
    void refusedMovesLeaveTheGameUnchangedAndHonestAnswersAreAccepted() throws Exception {
        GameModel m = open(WORKSHOP);
        m.seek(1);
        int before = m.game().claimCount();
        // Defending the root is refused by the contract.
        String err = m.move(0, false, Bytes32.ZERO, "challenger");
        assertNotNull(err);
        assertTrue(err.startsWith(ContractError.CannotDefendRootClaim.name()), err);
        assertEquals(before, m.game().claimCount());
        assertEquals(1, m.position());
        // The same attack as on record is a duplicate claim.
        String dup = m.move(0, true, m.game().claim(1).value(), "challenger");
        assertTrue(dup.startsWith("ClaimAlreadyExists"), dup);
        // A fresh honest attack by the defender on claim #1 is accepted on a new branch that leaves the recorded actions.
        Bytes32 v = m.proposal(1, true);
        assertNull(m.move(1, true, v, "defender"));
        assertEquals(2, m.position());
        assertEquals(2, m.size());
        assertEquals(before + 1, m.game().claimCount());
        assertNull(m.honestAnswer("challenger"));
        assertTrue(m.game().claimCount() > before + 1);
    }

    @Test
    void leafStepIsTheContractsCheck() throws Exception {
        GameModel m = open(WORKSHOP);
        m.toEnd();
        FaultDisputeGame g = m.game();
        int leaf = -1;
        for (var c : g.claims()) {
            if (c.depth() == g.config().maxGameDepth() && c.isCountered()) {
                leaf = c.index();
            }
        }
        assertTrue(leaf > 0, "the workshop sample ends in a step");
        LeafStep s = LeafStep.of(g, leaf, m.honest());
        assertTrue(s.verdict().startsWith("countered by"), s.verdict());
        assertEquals(g.stepContext(leaf, s.isAttack()).instructionIndex(), s.instructionIndex());
        assertTrue(s.preStateMatches());
        assertTrue(s.text().contains("Verdict"));
        assertTrue(Set.of(s.highlighted().length).contains(s.context().preStateIsAbsolute() ? 1 : 2));
        assertTrue(Narrator.explain(ContractError.InvalidPrestate).contains("pre-state"));
    }

    @Test
    void svgHasEveryClaim() throws Exception {
        GameModel m = open(WORKSHOP);
        m.toEnd();
        String svg = TreeSvg.svg(m, m.layout(), false);
        for (int i = 0; i < m.game().claimCount(); i++) {
            assertTrue(svg.contains("id=\"claim-" + i + "\""));
        }
        assertTrue(svg.startsWith("<svg") && svg.trim().endsWith("</svg>"));
    }
}
