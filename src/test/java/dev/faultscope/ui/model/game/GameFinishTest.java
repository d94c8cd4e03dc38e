package dev.faultscope.ui.model.game;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.Claim;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameAction;
import dev.faultscope.io.SessionFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The explorer's padded execution region, status bytes, and steps made by the user (no JavaFX). */
class GameFinishTest {
    static final Path WORKSHOP = GameModelTest.WORKSHOP;

    @Test
    void statusBytesThatAreNoVmStatusSaySo() {
        byte[] b = new byte[32];
        b[0] = 0x13;
        String note = GameModel.statusNote(Bytes32.of(b));
        assertTrue(note.startsWith("status byte 0x13 — not a VM status"), note);
        assertFalse(note.contains("status 19"), note);
        b[0] = 1;
        assertEquals("status byte 0x01 = INVALID", GameModel.statusNote(Bytes32.of(b)));
        assertTrue(Narrator.status(0x13).contains("not a VM status"));
    }

    @Test
    void executionClaimsPastTheRunsExitArePadded() throws Exception {
        GameModel m = GameModelTest.open(WORKSHOP);
        m.toEnd();
        FaultDisputeGame g = m.game();
        int s = g.config().splitDepth();
        int first = -1;
        for (Claim c : g.claims()) {
            if (c.depth() == s + 1) {
                first = c.index();
                break;
            }
        }
        assertTrue(first > 0, "the workshop game reaches the execution part");
        // Unknown until the honest values of the subgame are computed.
        assertTrue(m.paddedFrom(first).isEmpty());
        m.computeHonest(() -> false);
        long n = m.paddedFrom(first).orElseThrow();
        assertTrue(n > 0);
        // Defend the last execution claim on the right of the run's exit until a claim lies past it.
        int at = first;
        boolean sawPadded = false;
        for (Claim c : g.claims()) {
            if (c.depth() > s) {
                long t = Narrator.subgameTraceIndex(g, c.position()).longValueExact();
                assertEquals(t >= n, m.isPadded(c.index()), "claim " + c.index());
                sawPadded |= t >= n;
            }
        }
        if (!sawPadded) {
            // A defend of the first execution claim, then defends again, move right until past the exit.
            while (!m.isPadded(at) && g.claim(at).depth() < g.config().maxGameDepth()) {
                assertNull(m.move(at, false, m.proposal(at, false), "challenger"));
                g = m.game();
                at = g.claimCount() - 1;
                m.paddedFrom(at);
                m.honest().runLength(g, at);
            }
        } else {
            for (Claim c : g.claims()) {
                if (m.isPadded(c.index()) && c.depth() > s) {
                    at = c.index();
                }
            }
        }
        assertTrue(m.isPadded(at), "claim " + at + " past step " + n);
        String line = m.details(at).stream().filter(r -> r[0].equals("Padded?")).findFirst().orElseThrow()[1];
        assertEquals(String.format("padded: the program exited at step %,d; this claim commits to the final state", n), line);
        assertTrue(m.paddedFlags()[at]);
        // A claim inside the run is not padded.
        assertFalse(m.isPadded(0));
        assertTrue(m.details(first).stream().anyMatch(r -> r[0].equals("Status") && r[1].startsWith("status byte 0x")));
    }

    @Test
    void theUserCanStepAtALeafAndRefusedStepsChangeNothing() throws Exception {
        SessionFile.Loaded loaded = SessionFile.read(WORKSHOP);
        GameModel m = GameModel.open(loaded.session(), WORKSHOP);
        List<GameAction> actions = loaded.session().actions();
        int k = -1;
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i) instanceof GameAction.Step) {
                k = i;
            }
        }
        assertTrue(k > 0, "the workshop session ends in a step");
        GameAction.Step recorded = (GameAction.Step) actions.get(k);
        // Before the recorded step and its pre-image loading.
        int before = k;
        while (before > 0 && !(actions.get(before - 1) instanceof GameAction.Move)) {
            before--;
        }
        m.seek(before);
        int leaf = recorded.claimIndex();
        assertNull(m.game().claim(leaf).counteredBy());
        int claims = m.game().claimCount();
        // The other direction: the VM does not counter the leaf that way.
        String wrong = m.step(leaf, !recorded.attack(), "challenger");
        assertNotNull(wrong);
        assertTrue(wrong.startsWith("ValidStep") || wrong.startsWith("InvalidPrestate"), wrong);
        assertEquals(before, m.position());
        assertNull(m.game().claim(leaf).counteredBy());
        // A step on a claim that is not a leaf is refused before the contract.
        assertTrue(m.step(0, true, "challenger").contains("not") || m.step(0, true, "challenger").contains("depth"));
        // The recorded direction, made by the user: accepted (pre-image loaded first when needed), the leaf countered.
        assertNull(m.step(leaf, recorded.attack(), "challenger"), m.lastError());
        assertEquals("challenger", m.game().claim(leaf).counteredBy());
        assertEquals(claims, m.game().claimCount());
        int after = m.position();
        // Again: DuplicateStep, nothing changes.
        String dup = m.step(leaf, recorded.attack(), "challenger");
        assertNotNull(dup);
        assertTrue(dup.startsWith("DuplicateStep"), dup);
        assertEquals(after, m.position());
    }
}
