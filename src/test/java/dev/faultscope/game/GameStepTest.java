package dev.faultscope.game;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.oracle.PreimageKeys;
import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.oracle.PreimageStore;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static dev.faultscope.game.GameFixtures.ANCHOR;
import static dev.faultscope.game.GameFixtures.CHAIN_ID;
import static dev.faultscope.game.GameFixtures.L1_HEAD;
import static dev.faultscope.game.GameFixtures.assertRejected;
import static dev.faultscope.game.GameFixtures.move;
import static dev.faultscope.game.GameFixtures.resolveAllClaims;
import static dev.faultscope.game.GameFixtures.v;
import static dev.faultscope.game.TinyTrace.A0;
import static dev.faultscope.game.TinyTrace.A1;
import static dev.faultscope.game.TinyTrace.A2;
import static dev.faultscope.game.TinyTrace.T0;
import static dev.faultscope.game.TinyTrace.T1;
import static dev.faultscope.game.TinyTrace.V0;
import static dev.faultscope.game.TinyTrace.addiu;
import static dev.faultscope.game.TinyTrace.lui;
import static dev.faultscope.game.TinyTrace.syscall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Steps at max depth (dispute-game.md section 4) with real traces: M = 6, S = 2, so each execution subgame bisects
 * 8 trace indices and leaves sit at depth 6.
 */
class GameStepTest {
    /** Three additions, then exit_group(1): the final state has status INVALID, as an attacking subgame root needs. */
    private static TinyTrace arithmetic() {
        return new TinyTrace(PreimageOracle.NONE, s -> { },
            addiu(T0, T0, 1), addiu(T0, T0, 2), addiu(T1, T0, 3),
            addiu(V0, 0, 4246), addiu(A0, 0, 1), syscall());
    }

    private static GameConfig config(TinyTrace trace) {
        return GameConfig.custom(6, 2, trace.absolutePrestate(), ANCHOR, L1_HEAD, CHAIN_ID);
    }

    /**
     * Output level: root (block 104), challenger attacks (c1), proposer attacks c1 (c2, depth S, first output).
     * The challenger opens the execution subgame against c2 with the trace's final state (c3, gindex 8).
     */
    private static FaultDisputeGame openSubgame(GameConfig config, TinyTrace trace) {
        FaultDisputeGame g = new FaultDisputeGame(config, v("root"), 104, "proposer", 0);
        move(g, 0, v("x"), true, "challenger", 10);
        move(g, 1, v("y"), true, "proposer", 20);
        assertEquals(1, trace.claimAt(7).bytes()[0], "the trace ends INVALID");
        move(g, 2, trace.claimAt(7), true, "challenger", 30);
        return g;
    }

    @Test
    void stepsCounterWrongLeavesAndRejectEverythingElse() {
        TinyTrace t = arithmetic();
        assertEquals(6, t.steps());
        FaultDisputeGame g = openSubgame(config(t), t);
        int c4 = move(g, 3, v("wrong at 3"), true, "proposer", 40);           // gindex 16, trace 3
        int c5 = move(g, c4, t.claimAt(1), true, "challenger", 50);          // gindex 32, trace 1
        int wrong2 = move(g, c5, v("wrong at 2"), false, "proposer", 60);     // gindex 66, trace 2
        int right2 = move(g, c5, t.claimAt(2), false, "bystander", 70);      // gindex 66, trace 2
        int wrong0 = move(g, c5, v("wrong at 0"), true, "proposer", 80);      // gindex 64, trace 0
        assertEquals(Position.ofGindex(66), g.claim(wrong2).position());
        assertEquals(2, g.claim(wrong2).position().traceIndexInSubgame(2, 6).longValueExact());

        StepContext attack2 = g.stepContext(wrong2, true);
        assertEquals(c5, attack2.preStateClaimIndex()); // trace ancestor of gindex 65 = gindex 32
        assertEquals(wrong2, attack2.postStateClaimIndex());
        assertTrue(attack2.parentPostAgree());
        assertEquals(BigInteger.TWO, attack2.instructionIndex());
        assertEquals(g.localContext(wrong2), attack2.localContext());

        assertRejected(g, ContractError.InvalidParent, () -> g.step(c5, true, t.witness(1), t.proof(1), "c", 90));
        assertRejected(g, ContractError.InvalidPrestate, () -> g.step(wrong2, true, t.witness(1), t.proof(1), "c", 90));
        assertRejected(g, ContractError.ValidStep, () -> g.step(right2, true, t.witness(2), t.proof(2), "c", 90));
        byte[] badProof = t.proof(2);
        badProof[40] ^= 1; // a sibling of the instruction's memory proof
        assertRejected(g, ContractError.InvalidMemoryProof, () -> g.step(wrong2, true, t.witness(2), badProof, "c", 90));
        // Calldata semantics: a proof cut inside the instruction's memory proof cannot be read at all.
        byte[] shortProof = java.util.Arrays.copyOf(t.proof(2), 864);
        GameError cut = assertRejected(g, ContractError.NotEnoughCalldata,
            () -> g.step(wrong2, true, t.witness(2), shortProof, "c", 90));
        assertTrue(cut.getMessage().startsWith("\"check that there is enough calldata\""), cut.getMessage());
        assertRejected(g, ContractError.NotEnoughCalldata, () -> g.step(wrong2, true, t.witness(2), new byte[0], "c", 90));

        g.step(wrong2, true, t.witness(2), t.proof(2), "challenger", 90);
        assertEquals("challenger", g.claim(wrong2).counteredBy());
        assertEquals(5 + 4, g.claimCount(), "a step adds no claim");
        assertRejected(g, ContractError.DuplicateStep, () -> g.step(wrong2, true, t.witness(2), t.proof(2), "other", 91));

        // Defending a correct leaf whose own team's next claim (c4, trace 3) is wrong: pre = the leaf, post = c4.
        StepContext defend2 = g.stepContext(right2, false);
        assertEquals(right2, defend2.preStateClaimIndex());
        assertEquals(c4, defend2.postStateClaimIndex());
        assertTrue(defend2.parentPostAgree()); // depths 6 and 4
        assertEquals(BigInteger.valueOf(3), defend2.instructionIndex());
        g.step(right2, false, t.witness(3), t.proof(3), "challenger", 92);
        assertEquals("challenger", g.claim(right2).counteredBy());

        // The first leaf of the subgame steps from ABSOLUTE_PRESTATE.
        StepContext attack0 = g.stepContext(wrong0, true);
        assertTrue(attack0.preStateIsAbsolute());
        assertEquals(t.absolutePrestate(), attack0.preStateValue());
        g.step(wrong0, true, t.witness(0), t.proof(0), "challenger", 93);

        // Every leaf is countered; the challenger's execution claims stand, so the challenger takes every bond.
        long end = g.resolvableAt(0);
        resolveAllClaims(g, end);
        assertEquals(GameStatus.CHALLENGER_WINS, g.resolve(end));
        BigInteger all = BigInteger.ZERO;
        for (Claim c : g.claims()) {
            all = all.add(c.bond());
        }
        assertEquals(all, g.credit("challenger"));
        assertEquals(BigInteger.ZERO, g.credit("proposer"));
        assertEquals(BigInteger.ZERO, g.credit("bystander"));
        assertNull(g.claim(c5).counteredBy());
        assertRejected(g, ContractError.GameNotInProgress, () -> g.step(c5, true, t.witness(1), t.proof(1), "c", end));
    }

    @Test
    void defenceThatWouldConfirmTheOtherTeamIsNotAValidStep() {
        TinyTrace t = arithmetic();
        FaultDisputeGame g = openSubgame(config(t), t);
        int c4 = move(g, 3, t.claimAt(3), true, "proposer", 40);              // gindex 16, correct
        int c5 = move(g, c4, v("wrong at 5"), false, "challenger", 50);        // gindex 34, trace 5
        int leaf = move(g, c5, t.claimAt(4), true, "proposer", 60);           // gindex 68, trace 4, correct
        // Defending the leaf steps S(5) -> S(6) and compares with c5's wrong value: different, but the leaf and c5
        // are on opposite teams (depths 6 and 5), so the leaf is only countered if the VM agrees with c5.
        StepContext ctx = g.stepContext(leaf, false);
        assertEquals(c5, ctx.postStateClaimIndex());
        assertFalse(ctx.parentPostAgree());
        assertRejected(g, ContractError.ValidStep, () -> g.step(leaf, false, t.witness(5), t.proof(5), "c", 70));
    }

    @Test
    void aStepReadingLocalDataNeedsItLoadedForItsSubgame() {
        Bytes32 disputed = v("y"); // the value openSubgame gives the first output claim
        PreimageStore offline = new PreimageStore();
        offline.putLocal(PreimageKeys.LOCAL_DISPUTED_OUTPUT_ROOT, disputed.bytes());
        // read(5, 0x10000000, 4) with the key of local input 3 already set and the offset past the length prefix,
        // so instruction 4 copies bytes 0..3 of the disputed output root into memory; then exit_group(1).
        TinyTrace t = new TinyTrace(offline, s -> {
            s.setPreimageKey(PreimageKeys.localKey(PreimageKeys.LOCAL_DISPUTED_OUTPUT_ROOT));
            s.setPreimageOffset(8);
        }, addiu(V0, 0, 4003), addiu(A0, 0, 5), lui(A1, 0x1000), addiu(A2, 0, 4), syscall(),
            addiu(V0, 0, 4246), addiu(A0, 0, 1), syscall());
        assertEquals(8, t.steps());

        GameConfig config = config(t);
        FaultDisputeGame g = new FaultDisputeGame(config, v("root"), 104, "proposer", 0);
        move(g, 0, v("x"), true, "challenger", 10);
        move(g, 1, disputed, true, "proposer", 20);
        ExecutionContext ctx = g.executionContextOfMove(2, true);
        assertEquals(disputed, ctx.disputedOutputRoot());
        int root = move(g, 2, t.claimAt(7), true, "challenger", 30);
        int c4 = move(g, root, t.claimAt(3), true, "proposer", 40);            // gindex 16, trace 3
        int c5 = move(g, c4, t.claimAt(5), false, "challenger", 50);           // gindex 34, trace 5
        int wrong = move(g, c5, v("wrong at 4"), true, "proposer", 60);        // gindex 68, trace 4
        int right = move(g, c5, t.claimAt(4), true, "bystander", 70);         // gindex 68, trace 4
        assertEquals(c4, g.stepContext(wrong, true).preStateClaimIndex());   // trace ancestor of gindex 67

        assertRejected(g, ContractError.PreimageMustExist, () -> g.step(wrong, true, t.witness(4), t.proof(4), "c", 80));
        // Only the part at offset 0 (the length prefix): the read at offset 8 still finds nothing.
        Bytes32 key = g.addLocalData(ExecutionContext.IDENT_DISPUTED_OUTPUT_ROOT, wrong, 0, "challenger");
        assertEquals(OnchainPreimageOracle.localizeIdent(3, config.gameAddress(), ctx.localContext()), key);
        assertRejected(g, ContractError.PreimageMustExist, () -> g.step(wrong, true, t.witness(4), t.proof(4), "c", 80));
        // Local data of another game (another address) is stored under another key and does not help either.
        Bytes32 otherGamesKey = OnchainPreimageOracle.localizeIdent(3, Address.fromHex("0x" + "11".repeat(20)), ctx.localContext());
        assertFalse(key.equals(otherGamesKey));

        g.addLocalData(ExecutionContext.IDENT_DISPUTED_OUTPUT_ROOT, wrong, 8, "challenger");
        // The verifier reproduces exactly the offline post-state (it read the same bytes), so the right leaf stands...
        assertRejected(g, ContractError.ValidStep, () -> g.step(right, true, t.witness(4), t.proof(4), "c", 80));
        // ...and the wrong one falls.
        g.step(wrong, true, t.witness(4), t.proof(4), "challenger", 80);
        assertEquals("challenger", g.claim(wrong).counteredBy());
    }

    @Test
    void keccakPreimagesAreServedByTheirKey() {
        byte[] data = "a small keccak pre-image".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        PreimageStore offline = new PreimageStore();
        byte[] key = offline.putKeccak(data);
        TinyTrace t = new TinyTrace(offline, s -> {
            s.setPreimageKey(key);
            s.setPreimageOffset(8);
        }, addiu(V0, 0, 4003), addiu(A0, 0, 5), lui(A1, 0x1000), addiu(A2, 0, 4), syscall(),
            addiu(V0, 0, 4246), addiu(A0, 0, 1), syscall());
        FaultDisputeGame g = openSubgame(config(t), t);
        int c4 = move(g, 3, t.claimAt(3), true, "proposer", 40);
        int c5 = move(g, c4, t.claimAt(5), false, "challenger", 50);
        int wrong = move(g, c5, v("wrong at 4"), true, "proposer", 60);
        assertRejected(g, ContractError.PreimageMustExist, () -> g.step(wrong, true, t.witness(4), t.proof(4), "c", 70));
        assertRejected(g, ContractError.PartOffsetOOB, () -> g.loadKeccakPreimagePart(data.length + 8, data));
        assertEquals(Bytes32.of(key), g.loadKeccakPreimagePart(8, data));
        g.step(wrong, true, t.witness(4), t.proof(4), "challenger", 70);
        assertTrue(g.claim(wrong).isCountered());
    }
}
