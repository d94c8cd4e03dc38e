package dev.faultscope.game;

import dev.faultscope.crypto.Keccak256;
import dev.faultscope.fpp.Bytes32;
import dev.faultscope.fpp.FppInputs;
import dev.faultscope.oracle.PreimageKeys;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static dev.faultscope.game.GameFixtures.ANCHOR_ROOT;
import static dev.faultscope.game.GameFixtures.CHAIN_ID;
import static dev.faultscope.game.GameFixtures.L1_HEAD;
import static dev.faultscope.game.GameFixtures.assertRejected;
import static dev.faultscope.game.GameFixtures.config;
import static dev.faultscope.game.GameFixtures.move;
import static dev.faultscope.game.GameFixtures.v;
import static dev.faultscope.game.GameFixtures.withStatus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which outputs an execution subgame disputes, and its local inputs (dispute-game.md section 3); M = 6, S = 2. */
class ExecutionContextTest {
    private final GameConfig config = config(6, 2);
    private final Bytes32 x = v("x");
    private final Bytes32 y = v("y");
    private final Bytes32 z = v("z");

    /** Root (block 104), c1 = attack (gindex 2), c2 = attack c1 (gindex 4), c3 = defend c1 (gindex 6). */
    private FaultDisputeGame game(long rootBlock) {
        FaultDisputeGame g = new FaultDisputeGame(config, v("root"), rootBlock, "proposer", 0);
        move(g, 0, x, true, "challenger", 1);
        move(g, 1, y, true, "proposer", 2);
        move(g, 1, z, false, "proposer", 3);
        return g;
    }

    /** abi.encode of (value, position) pairs: 32-byte words, positions as uint128 left-padded. */
    private static Bytes32 contextHash(Object... parts) {
        byte[] buf = new byte[32 * parts.length];
        for (int i = 0; i < parts.length; i++) {
            byte[] w = parts[i] instanceof Bytes32 b ? b.bytes() : word(((Position) parts[i]).gindex());
            System.arraycopy(w, 0, buf, 32 * i, 32);
        }
        return Bytes32.of(Keccak256.hash(buf));
    }

    private static byte[] word(BigInteger v) {
        byte[] w = new byte[32];
        byte[] b = v.toByteArray();
        System.arraycopy(b, 0, w, 32 - b.length, b.length);
        return w;
    }

    @Test
    void attackOnTheFirstOutputStartsFromTheAnchor() {
        FaultDisputeGame g = game(104);
        ExecutionContext before = g.executionContextOfMove(2, true);
        int e = move(g, 2, withStatus(v("e"), 1), true, "challenger", 4);
        ExecutionContext ctx = g.executionContext(e);
        assertEquals(before, ctx);
        assertTrue(ctx.startsFromAnchor());
        assertTrue(ctx.execRootAttacked());
        assertEquals(2, ctx.outputClaimIndex());
        assertEquals(ANCHOR_ROOT, ctx.startingOutputRoot());
        assertNull(ctx.startingPosition());
        assertEquals(100, ctx.startingBlockNumber());
        assertEquals(y, ctx.disputedOutputRoot());
        assertEquals(Position.ofGindex(4), ctx.disputedPosition());
        assertEquals(101, ctx.disputedBlockNumber()); // anchor + traceIndex(gindex 4, S) + 1 = 100 + 0 + 1
        assertEquals(contextHash(y, Position.ofGindex(4)), ctx.localContext());
        assertEquals(new FppInputs(L1_HEAD, ANCHOR_ROOT, y, 101, CHAIN_ID), ctx.fppInputs());
        // Deeper claims of the same subgame share the context.
        int deeper = move(g, e, v("d"), true, "proposer", 5);
        assertEquals(ctx, g.executionContext(deeper));
        assertEquals(ctx.localContext(), g.localContext(deeper));
    }

    @Test
    void attackOnALaterOutputStartsFromItsLeftNeighbour() {
        FaultDisputeGame g = game(104);
        int e = move(g, 3, withStatus(v("e"), 1), true, "challenger", 4); // under gindex 6 (index 2 at depth 2)
        ExecutionContext ctx = g.executionContext(e);
        // Starting output: trace ancestor of gindex 5 = gindex 2 (claim c1).
        assertEquals(x, ctx.startingOutputRoot());
        assertEquals(Position.ofGindex(2), ctx.startingPosition());
        assertEquals(102, ctx.startingBlockNumber()); // 100 + traceIndex(gindex 2, S = 2) + 1 = 100 + 1 + 1
        assertEquals(z, ctx.disputedOutputRoot());
        assertEquals(103, ctx.disputedBlockNumber()); // 100 + 2 + 1
        assertEquals(contextHash(x, Position.ofGindex(2), z, Position.ofGindex(6)), ctx.localContext());
    }

    @Test
    void defenceDisputesTheRightNeighbourAndBlocksAreCappedAtTheRoot() {
        FaultDisputeGame g = game(102);
        int e = move(g, 2, withStatus(v("e"), 0), false, "challenger", 4); // defends gindex 4
        ExecutionContext ctx = g.executionContext(e);
        assertFalse(ctx.execRootAttacked());
        assertEquals(y, ctx.startingOutputRoot());
        assertEquals(Position.ofGindex(4), ctx.startingPosition());
        assertEquals(x, ctx.disputedOutputRoot()); // trace ancestor of gindex 5 = gindex 2
        assertEquals(Position.ofGindex(2), ctx.disputedPosition());
        assertEquals(101, ctx.startingBlockNumber());
        assertEquals(102, ctx.disputedBlockNumber());
        assertEquals(contextHash(y, Position.ofGindex(4), x, Position.ofGindex(2)), ctx.localContext());
        // gindex 7's block would be 104; the proposal is about 102, so everything past it repeats 102.
        assertEquals(102, g.blockOf(Position.ofGindex(7)));
        assertEquals(102, g.blockOf(Position.root()));
        assertEquals(101, g.blockOf(Position.ofGindex(4)));
    }

    @Test
    void localDataIsTheContractsWords() {
        FaultDisputeGame g = game(104);
        int e = move(g, 3, withStatus(v("e"), 1), true, "challenger", 4);
        ExecutionContext ctx = g.executionContext(e);
        assertArrayEquals(L1_HEAD.bytes(), ctx.localData(1));
        assertArrayEquals(x.bytes(), ctx.localData(2));
        assertArrayEquals(z.bytes(), ctx.localData(3));
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 103}, ctx.localData(4));
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 3, (byte) 0x85}, ctx.localData(5)); // 901
        assertNull(ctx.localData(6));

        Bytes32 key = g.addLocalData(4, e, "anyone");
        // keccak(localKey(4) ‖ uint256(game address) ‖ localContext) with byte 0 = 1, computed here by hand.
        byte[] buf = new byte[96];
        System.arraycopy(PreimageKeys.localKey(4), 0, buf, 0, 32);
        System.arraycopy(config.gameAddress().bytes(), 0, buf, 44, 20);
        System.arraycopy(ctx.localContext().bytes(), 0, buf, 64, 32);
        byte[] expected = Keccak256.hash(buf);
        expected[0] = 1;
        assertEquals(Bytes32.of(expected), key);
        assertArrayEquals(ctx.localData(4), g.preimageOracle().data(key));
        for (long off = 0; off < 16; off++) {
            assertTrue(g.preimageOracle().partOk(key, off), "offset " + off);
        }
        assertFalse(g.preimageOracle().partOk(key, 16), "8 bytes + 8-byte prefix end at 16");
    }

    @Test
    void localDataErrors() {
        FaultDisputeGame g = game(104);
        int e = move(g, 3, withStatus(v("e"), 1), true, "challenger", 4);
        assertRejected(g, ContractError.ClaimAboveSplit, () -> g.addLocalData(1, 3, "anyone"));
        assertRejected(g, ContractError.IndexOutOfBounds, () -> g.addLocalData(1, 99, "anyone"));
        assertRejected(g, ContractError.InvalidLocalIdent, () -> g.addLocalData(6, e, "anyone"));
        assertRejected(g, ContractError.InvalidLocalIdent, () -> g.addLocalData(0, e, "anyone"));
        assertRejected(g, ContractError.PartOffsetOOB, () -> g.addLocalData(3, e, 40, "anyone"));
        assertRejected(g, ContractError.PartOffsetOOB, () -> g.addLocalData(4, e, 16, "anyone"));
        Bytes32 key = g.addLocalData(4, e, 15, "anyone");
        assertTrue(g.preimageOracle().partOk(key, 15));
        assertFalse(g.preimageOracle().partOk(key, 0));
        assertRejected(g, ContractError.ClaimAboveSplit, () -> g.executionContextOfMove(1, true));
    }
}
