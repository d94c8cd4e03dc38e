package dev.faultscope.game;

import dev.faultscope.fpp.Bytes32;
import org.junit.jupiter.api.function.Executable;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Shared inputs and assertions for game tests. */
final class GameFixtures {
    static final Bytes32 ANCHOR_ROOT = v("anchor output root");
    static final Anchor ANCHOR = new Anchor(100, ANCHOR_ROOT);
    static final Bytes32 L1_HEAD = v("l1 head");
    static final long CHAIN_ID = 901;
    static final Bytes32 SOME_PRESTATE = withStatus(v("absolute prestate"), 3);

    private GameFixtures() {
    }

    /** A distinct 32-byte value named by {@code label}. */
    static Bytes32 v(String label) {
        return Bytes32.keccak(label.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code value} with its first byte (the VM status in an execution claim) replaced. */
    static Bytes32 withStatus(Bytes32 value, int status) {
        byte[] b = value.bytes();
        b[0] = (byte) status;
        return Bytes32.of(b);
    }

    static GameConfig config(int m, int s) {
        return GameConfig.custom(m, s, SOME_PRESTATE, ANCHOR, L1_HEAD, CHAIN_ID);
    }

    /** Moves against {@code parent} naming its current value and paying exactly the required bond. */
    static int move(FaultDisputeGame g, int parent, Bytes32 value, boolean attack, String actor, long now) {
        Claim p = g.claim(parent);
        return g.move(p.value(), parent, value, attack, actor, g.requiredBond(p.position().move(attack)), now);
    }

    /** Resolves every subgame, deepest indices first (children always come after their parent). */
    static void resolveAllClaims(FaultDisputeGame g, long now) {
        for (int i = g.claimCount() - 1; i >= 0; i--) {
            g.resolveClaim(i, 0, now);
        }
    }

    /** Every observable part of a game's state. */
    record Snapshot(List<Claim> claims, GameStatus status, Map<String, BigInteger> credits, List<Boolean> resolved,
                    List<Integer> numToResolve, Map<Bytes32, List<Long>> oracleParts, long latestTime) {
    }

    static Snapshot snapshot(FaultDisputeGame g) {
        List<Boolean> resolved = new ArrayList<>();
        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < g.claimCount(); i++) {
            resolved.add(g.isSubgameResolved(i));
            remaining.add(g.numToResolve(i));
        }
        Map<Bytes32, List<Long>> parts = new LinkedHashMap<>();
        for (Bytes32 key : g.preimageOracle().keys()) {
            List<Long> ok = new ArrayList<>();
            for (long off = 0; off < 48; off++) {
                if (g.preimageOracle().partOk(key, off)) {
                    ok.add(off);
                }
            }
            parts.put(key, ok);
        }
        return new Snapshot(List.copyOf(g.claims()), g.status(), Map.copyOf(g.credits()), resolved, remaining, parts,
            g.latestTime());
    }

    /** Asserts {@code action} reverts with {@code expected} and leaves every part of the game as it was. */
    static GameError assertRejected(FaultDisputeGame g, ContractError expected, Executable action) {
        Snapshot before = snapshot(g);
        GameError e = assertThrows(GameError.class, action);
        assertEquals(expected, e.error(), e.getMessage());
        assertEquals(before, snapshot(g), "a failed action changed the game");
        return e;
    }
}
