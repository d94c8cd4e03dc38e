package dev.faultscope.game;

import dev.faultscope.fpp.Bytes32;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static dev.faultscope.game.GameFixtures.assertRejected;
import static dev.faultscope.game.GameFixtures.config;
import static dev.faultscope.game.GameFixtures.move;
import static dev.faultscope.game.GameFixtures.v;
import static dev.faultscope.game.GameFixtures.withStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Moves and their checks in the contract's order (dispute-game.md section 3); M = 6, S = 2 unless stated. */
class GameMoveTest {
    private final GameConfig config = config(6, 2);

    private FaultDisputeGame newGame() {
        return new FaultDisputeGame(config, v("root"), 104, "proposer", 0);
    }

    @Test
    void aMoveAppendsAClaimWithTheContractsFields() {
        FaultDisputeGame g = newGame();
        int i = move(g, 0, v("x"), true, "challenger", 25);
        Claim c = g.claim(i);
        assertEquals(1, i);
        assertEquals(0, c.parentIndex());
        assertEquals(Claim.CONTRACT_NO_PARENT, g.claim(0).contractParentIndex());
        assertEquals(Position.ofGindex(2), c.position());
        assertTrue(c.position().isAttackOf(g.claim(0).position()));
        assertEquals("challenger", c.claimant());
        assertEquals(config.requiredBond(1), c.bond());
        assertEquals(new Clock(25, 25), c.clock()); // the root's team had used 25 s when it was attacked
        assertNull(c.counteredBy());
        assertEquals(java.util.List.of(1), g.children(0));
    }

    @Test
    void eachCheckRaisesTheContractsErrorAndChangesNothing() {
        FaultDisputeGame g = newGame();
        int c1 = move(g, 0, v("x"), true, "challenger", 10);
        BigInteger bond2 = config.requiredBond(2);

        assertRejected(g, ContractError.IndexOutOfBounds,
            () -> g.move(v("x"), 7, v("y"), true, "proposer", bond2, 20));
        assertRejected(g, ContractError.InvalidDisputedClaimIndex,
            () -> g.move(v("not x"), c1, v("y"), true, "proposer", bond2, 20));
        assertRejected(g, ContractError.CannotDefendRootClaim,
            () -> g.move(v("root"), 0, v("y"), false, "challenger", config.requiredBond(1), 20));
        assertRejected(g, ContractError.IncorrectBondAmount,
            () -> g.move(v("x"), c1, v("y"), true, "proposer", bond2.subtract(BigInteger.ONE), 20));
        assertRejected(g, ContractError.IncorrectBondAmount,
            () -> g.move(v("x"), c1, v("y"), true, "proposer", bond2.add(BigInteger.ONE), 20));
        assertRejected(g, ContractError.IncorrectBondAmount,
            () -> g.move(v("x"), c1, v("y"), true, "proposer", null, 20));
        int c2 = move(g, c1, v("y"), true, "proposer", 20);
        assertRejected(g, ContractError.ClaimAlreadyExists, () -> move(g, c1, v("y"), true, "someone else", 30));
        // The same value at the same position under a different parent is a different claim.
        int c1b = move(g, 0, v("x2"), true, "challenger", 30);
        move(g, c1b, v("y"), true, "proposer", 40);
        assertThrows(IllegalArgumentException.class, () -> move(g, c2, v("z"), true, "challenger", 39),
            "time does not run backwards");
        assertEquals(5, g.claimCount());
    }

    @Test
    void statusByteRuleForTheFirstExecutionClaim() {
        FaultDisputeGame g = newGame();
        int c1 = move(g, 0, v("x"), true, "challenger", 10);          // gindex 2, depth 1
        int out = move(g, c1, v("y"), true, "proposer", 20);         // gindex 4, depth 2 = S
        int outD = move(g, c1, v("y'"), false, "proposer", 30);      // gindex 6, depth 2 = S
        // An attack always disputes the parent output: status must be INVALID or PANIC.
        assertRejected(g, ContractError.UnexpectedRootClaim, () -> move(g, out, withStatus(v("e"), 0), true, "c", 40));
        assertRejected(g, ContractError.UnexpectedRootClaim, () -> move(g, out, withStatus(v("e"), 3), true, "c", 40));
        move(g, out, withStatus(v("e"), 1), true, "c", 40);
        move(g, out, withStatus(v("e"), 2), true, "c", 40);
        // Defending gindex 4 disputes the trace ancestor of gindex 5 = gindex 2 (claim c1, depth 1): depth parity
        // differs from S, so the mover defends its own team's output and must say VALID.
        assertRejected(g, ContractError.UnexpectedRootClaim, () -> move(g, out, withStatus(v("f"), 1), false, "c", 50));
        move(g, out, withStatus(v("f"), 0), false, "c", 50);
        // Defending gindex 6 disputes the trace ancestor of gindex 7 = the root (depth 0, same parity as S).
        assertRejected(g, ContractError.UnexpectedRootClaim, () -> move(g, outD, withStatus(v("g"), 0), false, "c", 60));
        move(g, outD, withStatus(v("g"), 2), false, "c", 60);
    }

    @Test
    void executionSubgameRootsCannotBeDefendedAndLeavesCannotBeMovedAgainst() {
        FaultDisputeGame g = newGame();
        int c1 = move(g, 0, v("x"), true, "challenger", 10);
        int c2 = move(g, c1, v("y"), true, "proposer", 20);
        int exec = move(g, c2, withStatus(v("e"), 1), true, "challenger", 30); // depth 3 = S + 1
        assertRejected(g, ContractError.CannotDefendRootClaim, () -> move(g, exec, v("d"), false, "proposer", 40));
        int c4 = move(g, exec, v("d4"), true, "proposer", 40);
        int c5 = move(g, c4, v("d5"), false, "challenger", 50); // defending below the subgame root is fine
        int leaf = move(g, c5, v("d6"), true, "proposer", 60);
        assertEquals(6, g.claim(leaf).depth());
        assertRejected(g, ContractError.GameDepthExceeded, () -> g.move(v("d6"), leaf, v("d7"), true, "challenger",
            BigInteger.ZERO, 70));
    }

    @Test
    void theRootMustBeAfterTheAnchor() {
        GameError e = assertThrows(GameError.class, () -> new FaultDisputeGame(config, v("r"), 100, "p", 0));
        assertEquals(ContractError.UnexpectedRootClaim, e.error());
        new FaultDisputeGame(config, v("r"), 101, "p", 0);
    }

    /**
     * A chain of attacks with long pauses, M = 8, S = 3, MAX 3,600 s, extension 300 s, challenge period 600 s.
     * Each new claim's duration is recomputed here from the spec's rule: the mover's used time (its grandparent's
     * duration plus the time since the parent), lowered to MAX − ext with ext by the new claim's depth.
     */
    @Test
    void clockExtensionAppliesPerDepth() {
        GameConfig c = GameConfig.custom(8, 3, 3_600, 300, 600, GameFixtures.SOME_PRESTATE, GameFixtures.ANCHOR,
            GameFixtures.L1_HEAD, GameFixtures.CHAIN_ID);
        FaultDisputeGame g = new FaultDisputeGame(c, v("root"), 200, "proposer", 0);
        long[] pauses = {3_500, 3_550, 100, 50, 299, 10, 250, 539};
        long[] durations = new long[9];
        long now = 0;
        for (int d = 1; d <= 8; d++) {
            now += pauses[d - 1];
            long grandparentDuration = d >= 2 ? durations[d - 2] : 0;
            long used = Math.min(3_600, grandparentDuration + pauses[d - 1]);
            long ext = d == 7 ? 300 + 600 : d == 2 ? 2 * 300 : 300;
            durations[d] = Math.min(used, 3_600 - ext);
            Bytes32 value = withStatus(v("claim " + d), 1);
            int i = move(g, d - 1, value, true, d % 2 == 1 ? "challenger" : "proposer", now);
            assertEquals(new Clock(durations[d], now), g.claim(i).clock(), "clock of the claim at depth " + d);
        }
        // Hand-worked from the rule: depth 1 clamps to 3,300, depth 2 (S − 1) to 3,000, depth 7 (M − 1) to 2,700.
        assertEquals(3_300, durations[1]);
        assertEquals(3_000, durations[2]);
        assertEquals(2_700, durations[7]);
        assertEquals(3_060, durations[6]); // no clamp: 3,050 + 10
    }

    @Test
    void theExtensionLeavesTheNextTeamExactlyItsTime() {
        FaultDisputeGame g = new FaultDisputeGame(config(10, 5), v("root"), 200, "proposer", 0);
        int c1 = move(g, 0, v("a"), true, "challenger", 3_500);      // challenger used 3,500 -> clamped to 3,300
        assertEquals(3_300, g.claim(c1).clock().duration());
        int c2 = move(g, c1, v("b"), true, "proposer", 3_500 + 3_599); // proposer's team: 0 + 3,599 < MAX
        assertEquals(3_300, g.claim(c2).clock().duration());
        // The challenger's team answers c2 with 3,300 s used: 300 s are left, the last second included.
        assertEquals(300, g.timeLeft(c2, 7_099));
        assertRejected(g, ContractError.ClockTimeExceeded, () -> move(g, c2, v("c"), true, "challenger", 7_099 + 300));
        // A different claim against c1 by the proposer's team is also out of time now (0 + 3,600 s since c1).
        assertRejected(g, ContractError.ClockTimeExceeded, () -> move(g, c1, v("b2"), true, "proposer", 7_100));
    }

    @Test
    void challengerTimeCountsOnlyTheTeamsOwnTurns() {
        FaultDisputeGame g = new FaultDisputeGame(config(10, 5), v("root"), 200, "proposer", 1_000);
        int c1 = move(g, 0, v("a"), true, "challenger", 1_100);  // challenger used 100 s
        int c2 = move(g, c1, v("b"), true, "proposer", 1_400);   // proposer used 300 s
        assertEquals(100, g.claim(c1).clock().duration());
        assertEquals(300, g.claim(c2).clock().duration());
        // Countering c2 is the challenger's turn: 100 s used before, plus the time since c2.
        assertEquals(100 + 50, g.challengerDuration(c2, 1_450));
        // Countering c1 again is the proposer's turn: the root's stored 0 s plus the time since c1 (the proposer's
        // earlier answer c2 does not change c1's subgame clock).
        assertEquals(0 + 350, g.challengerDuration(c1, 1_450));
        assertEquals(450, g.challengerDuration(0, 1_450));
        assertEquals(1_400 + 3_600 - 100, g.clockExpiresAt(c2));
    }
}
