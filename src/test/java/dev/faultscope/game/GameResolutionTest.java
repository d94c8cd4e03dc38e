package dev.faultscope.game;

import dev.faultscope.fpp.Bytes32;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static dev.faultscope.game.GameFixtures.assertRejected;
import static dev.faultscope.game.GameFixtures.config;
import static dev.faultscope.game.GameFixtures.move;
import static dev.faultscope.game.GameFixtures.resolveAllClaims;
import static dev.faultscope.game.GameFixtures.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resolution and bond payouts (dispute-game.md section 7) on hand-built trees; M = 10, S = 5, MAX = 3,600 s. */
class GameResolutionTest {
    private static final long MAX = GameConfig.WORKSHOP_MAX_CLOCK_DURATION;
    private final GameConfig config = config(10, 5);

    private FaultDisputeGame newGame(long createdAt) {
        return new FaultDisputeGame(config, v("root"), 120, "proposer", createdAt);
    }

    private BigInteger bond(int depth) {
        return config.requiredBond(depth);
    }

    @Test
    void bareRootReturnsItsBondAndTheDefenderWins() {
        FaultDisputeGame g = newGame(1_000);
        assertEquals(bond(0), g.claim(0).bond());
        assertFalse(g.isResolvable(0, 1_000 + MAX - 1));
        assertRejected(g, ContractError.ClockNotExpired, () -> g.resolveClaim(0, 0, 1_000 + MAX - 1));
        assertRejected(g, ContractError.OutOfOrderResolution, () -> g.resolve(1_000 + MAX - 1));
        assertTrue(g.isResolvable(0, 1_000 + MAX));
        g.resolveClaim(0, 0, 1_000 + MAX);
        assertRejected(g, ContractError.ClaimAlreadyResolved, () -> g.resolveClaim(0, 0, 1_000 + MAX));
        assertEquals(GameStatus.DEFENDER_WINS, g.resolve(1_000 + MAX));
        assertEquals(bond(0), g.credit("proposer"));
        assertEquals(1_000 + MAX, g.resolvedAt().orElseThrow());
        assertRejected(g, ContractError.GameNotInProgress, () -> g.resolve(1_000 + MAX));
        assertRejected(g, ContractError.GameNotInProgress, () -> g.resolveClaim(0, 0, 1_000 + MAX));
        assertRejected(g, ContractError.GameNotInProgress, () -> move(g, 0, v("late"), true, "challenger", 1_000 + MAX));
    }

    @Test
    void uncounteredAttackWinsTheRootsBond() {
        FaultDisputeGame g = newGame(0);
        int a = move(g, 0, v("challenger's output"), true, "challenger", 100);
        // The attack's would-be counter (the proposer's team) has used 0 s before it and runs from t=100.
        assertEquals(100 + MAX, g.clockExpiresAt(a));
        assertEquals(MAX, g.clockExpiresAt(0));
        assertEquals(100 + MAX, g.resolvableAt(0), "the root waits for its child's clock");
        assertRejected(g, ContractError.OutOfOrderResolution, () -> g.resolveClaim(0, 0, MAX));
        assertRejected(g, ContractError.ClockNotExpired, () -> g.resolveClaim(a, 0, 100 + MAX - 1));
        resolveAllClaims(g, 100 + MAX);
        assertEquals(GameStatus.CHALLENGER_WINS, g.resolve(100 + MAX));
        assertEquals("challenger", g.claim(0).counteredBy());
        assertEquals(bond(0).add(bond(1)), g.credit("challenger"));
        assertEquals(BigInteger.ZERO, g.credit("proposer"));
    }

    @Test
    void counteredAttackLosesItsBondToTheDefender() {
        FaultDisputeGame g = newGame(0);
        int a = move(g, 0, v("wrong output"), true, "challenger", 100);
        int d = move(g, a, v("right output"), true, "proposer", 200);
        long end = g.resolvableAt(0);
        resolveAllClaims(g, end);
        assertEquals("proposer", g.claim(a).counteredBy());
        assertNull(g.claim(0).counteredBy());
        assertNull(g.claim(d).counteredBy());
        assertEquals(GameStatus.DEFENDER_WINS, g.resolve(end));
        assertEquals(bond(0).add(bond(1)).add(bond(2)), g.credit("proposer"));
        assertEquals(BigInteger.ZERO, g.credit("challenger"));
    }

    @Test
    void freeloaderLeftOfTheHonestCounterGetsNothing() {
        FaultDisputeGame g = newGame(0);
        int bad = move(g, 0, v("bad output"), true, "challenger", 10);
        // The freeloader answers first, at the same (left-most) position but with a wrong value.
        int freeloader = move(g, bad, v("freeloader's wrong output"), true, "freeloader", 20);
        int honest = move(g, bad, v("honest output"), true, "proposer", 30);
        // The honest side counters the freeloader too, because it sits at or left of the honest response.
        int counter = move(g, freeloader, v("honest deeper output"), true, "proposer", 40);
        resolveAllClaims(g, g.resolvableAt(0));
        assertEquals("proposer", g.claim(freeloader).counteredBy());
        assertNull(g.claim(honest).counteredBy());
        assertEquals("proposer", g.claim(bad).counteredBy(), "the left-most uncountered child is the honest one");
        assertEquals(GameStatus.DEFENDER_WINS, g.resolve(g.latestTime()));
        assertEquals(BigInteger.ZERO, g.credit("freeloader"));
        assertEquals(BigInteger.ZERO, g.credit("challenger"));
        assertEquals(bond(0).add(bond(1)).add(bond(2).multiply(BigInteger.TWO)).add(bond(3)), g.credit("proposer"));
        assertEquals(List.of(freeloader, honest), g.children(bad));
        assertEquals(List.of(), g.children(counter));
    }

    @Test
    void leftMostUncounteredChildWinsAndTiesGoToTheFirst() {
        FaultDisputeGame g = newGame(0);
        int a = move(g, 0, v("a"), true, "challenger", 10);
        int b = move(g, a, v("b"), true, "proposer", 20);
        // A defence sits right of the attack position; inserted first, it still loses to the attack.
        int defence = move(g, b, v("defence"), false, "early", 30);
        int attack1 = move(g, b, v("attack 1"), true, "first", 40);
        int attack2 = move(g, b, v("attack 2"), true, "second", 50);
        assertTrue(g.claim(defence).position().compareTo(g.claim(attack1).position()) > 0);
        assertEquals(g.claim(attack1).position(), g.claim(attack2).position());
        resolveAllClaims(g, g.resolvableAt(0));
        assertEquals("first", g.claim(b).counteredBy());
        assertEquals(bond(2).add(bond(3)), g.credit("first"));
        assertEquals(bond(3), g.credit("second"));
        assertEquals(bond(3), g.credit("early"));
        // b countered -> a uncountered -> the root is countered by a's claimant.
        assertEquals(GameStatus.CHALLENGER_WINS, g.resolve(g.latestTime()));
        assertEquals(bond(0).add(bond(1)), g.credit("challenger"));
    }

    @Test
    void chunkedResolutionKeepsACheckpoint() {
        FaultDisputeGame g = newGame(0);
        int c1 = move(g, 0, v("one"), true, "alice", 10);
        int c2 = move(g, 0, v("two"), true, "bob", 20);
        int c3 = move(g, 0, v("three"), true, "carol", 30);
        long t = g.resolvableAt(0);
        g.resolveClaim(c1, 0, t);
        g.resolveClaim(c2, 0, t);
        assertEquals(3, g.numToResolve(0));
        g.resolveClaim(0, 1, t);
        assertEquals(2, g.numToResolve(0));
        assertFalse(g.isSubgameResolved(0));
        g.resolveClaim(0, 1, t);
        assertEquals(1, g.numToResolve(0));
        // The third child is not resolved yet: the chunk fails and the checkpoint stays where it was.
        assertRejected(g, ContractError.OutOfOrderResolution, () -> g.resolveClaim(0, 1, t));
        g.resolveClaim(c3, 0, t);
        // After the first call, 0 means "look at no more children", not "all of them".
        g.resolveClaim(0, 0, t);
        assertEquals(1, g.numToResolve(0));
        assertFalse(g.isSubgameResolved(0));
        g.resolveClaim(0, 5, t);
        assertTrue(g.isSubgameResolved(0));
        assertEquals(0, g.numToResolve(0));
        assertEquals("alice", g.claim(0).counteredBy());
        assertEquals(bond(0).add(bond(1)), g.credit("alice"));
        assertEquals(GameStatus.CHALLENGER_WINS, g.resolve(t));
    }

    @Test
    void expiredClaimWaitsForADescendantsClock() {
        FaultDisputeGame g = newGame(0);
        int a = move(g, 0, v("a"), true, "challenger", 3_000);
        assertEquals(MAX, g.clockExpiresAt(0));
        assertEquals(3_000 + MAX, g.resolvableAt(0));
        assertEquals(0, g.timeLeft(0, 4_000));
        assertEquals(MAX - 1_000, g.timeLeft(a, 4_000));
        assertFalse(g.isResolvable(0, 4_000));
        assertRejected(g, ContractError.OutOfOrderResolution, () -> g.resolveClaim(0, 0, 4_000));
        assertRejected(g, ContractError.ClockNotExpired, () -> g.resolveClaim(a, 0, 4_000));
        assertTrue(g.isResolvable(a, 3_000 + MAX));
    }

    @Test
    void rootBondIsWhatTheCreatorPaid() {
        FaultDisputeGame g = new FaultDisputeGame(config, v("root"), 120, "proposer", BigInteger.valueOf(7), 0);
        g.resolveClaim(0, 0, MAX);
        assertEquals(BigInteger.valueOf(7), g.credit("proposer"));
        Bytes32 root = g.claim(0).value();
        assertEquals(v("root"), root);
    }
}
