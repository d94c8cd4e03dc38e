package dev.faultscope.fpp;

import dev.faultscope.crypto.Keccak256;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChainModelTest {
    /** Three accounts (100, 50, 0); block 1 holds one of each skip reason next to valid transactions. */
    static final String TINY = """
            {"name": "tiny", "chainId": 7, "genesisTime": 1000, "blockTime": 2,
             "accounts": [{"name": "a", "balance": 100}, {"balance": 50}, {"name": "c", "balance": 0}],
             "blocks": [
               {},
               {"txs": [
                 {"type": "transfer", "from": 0, "to": 1, "amount": 30},
                 {"type": "transfer", "from": 2, "to": 0, "amount": 5},
                 {"type": "transfer", "from": 5, "to": 0, "amount": 1},
                 {"type": "transfer", "from": 0, "to": 3, "amount": 1},
                 {"type": "deposit", "to": 2, "amount": 9},
                 {"type": "deposit", "to": 3, "amount": 9},
                 {"type": "transfer", "from": 2, "to": 1, "amount": 9}
               ]},
               {},
               {"txs": [{"type": "transfer", "from": 1, "to": 1, "amount": 89},
                        {"type": "transfer", "from": 1, "to": 0, "amount": 90}]}
             ]}
            """;

    static ChainModel tiny() {
        return ChainModel.of(Scenario.parse(TINY.getBytes(StandardCharsets.UTF_8), null));
    }

    @Test
    void derivationAppliesValidTransactionsAndSkipsEachInvalidKind() {
        ChainModel m = tiny();
        assertArrayEquals(new long[]{100, 50, 0}, m.l2Block(0).balances());
        L2Block b1 = m.l2Block(1);
        // 0→1 30 applies; 2→0 5 lacks funds (c has 0); from 5 and to 3 do not exist; deposit to c; deposit to 3
        // does not exist; c then pays 9 to account 1 out of the deposit.
        assertArrayEquals(new long[]{70, 89, 0}, b1.balances());
        List<TxResult> r = b1.results();
        assertEquals(7, r.size());
        boolean[] skipped = {false, true, true, true, false, true, false};
        for (int i = 0; i < 7; i++) {
            assertEquals(skipped[i], r.get(i).skipped(), "tx " + i);
        }
        assertTrue(r.get(1).reason().contains("insufficient balance"), r.get(1).reason());
        assertTrue(r.get(2).reason().contains("sender #5 does not exist"), r.get(2).reason());
        assertTrue(r.get(3).reason().contains("recipient #3 does not exist"), r.get(3).reason());
        assertTrue(r.get(5).reason().contains("recipient #3"), r.get(5).reason());
        assertNull(r.get(0).reason());

        assertArrayEquals(b1.balances(), m.l2Block(2).balances(), "a block without a batch changes nothing");
        // 1→1 89 with balance exactly 89 applies and changes nothing; 1→0 90 exceeds 89 and is skipped.
        L2Block b3 = m.l2Block(3);
        assertArrayEquals(new long[]{70, 89, 0}, b3.balances());
        assertFalse(b3.results().get(0).skipped());
        assertTrue(b3.results().get(1).skipped());
    }

    @Test
    void everyHashIsKeccakOfTheDocumentedLayout() {
        ChainModel m = tiny();
        byte[] parentL1 = new byte[32];
        byte[] parentL2 = new byte[32];
        long[][] expectedBalances = {{100, 50, 0}, {70, 89, 0}, {70, 89, 0}, {70, 89, 0}};
        for (int n = 0; n <= 3; n++) {
            L1Block l1 = m.l1Block(n);
            List<Tx> txs = m.scenario().blocks().get(n).txs();
            byte[] batchHash = new byte[32];
            if (!txs.isEmpty()) {
                ByteBuffer batch = ByteBuffer.allocate(4 + 17 * txs.size()).putInt(txs.size());
                for (Tx t : txs) {
                    batch.put((byte) t.kind()).putInt((int) t.from()).putInt((int) t.to()).putLong(t.amount());
                }
                assertArrayEquals(batch.array(), l1.batch());
                batchHash = Keccak256.hash(batch.array());
            } else {
                assertNull(l1.batch());
            }
            byte[] l1Header = ByteBuffer.allocate(80).put(parentL1).putLong(n).putLong(1000 + 2L * n).put(batchHash).array();
            assertArrayEquals(l1Header, l1.header());
            byte[] l1Hash = Keccak256.hash(l1Header);
            assertArrayEquals(l1Hash, l1.hash().bytes());

            ByteBuffer state = ByteBuffer.allocate(4 + 8 * 3).putInt(3);
            for (long b : expectedBalances[n]) {
                state.putLong(b);
            }
            byte[] stateRoot = Keccak256.hash(state.array());
            byte[] l2Header = ByteBuffer.allocate(112).put(parentL2).putLong(n).put(l1Hash).putLong(n).put(stateRoot).array();
            byte[] l2Hash = Keccak256.hash(l2Header);
            byte[] output = ByteBuffer.allocate(128).put(new byte[32]).put(stateRoot).put(new byte[32]).put(l2Hash).array();

            L2Block l2 = m.l2Block(n);
            assertArrayEquals(state.array(), l2.state());
            assertArrayEquals(stateRoot, m.stateRoot(n).bytes());
            assertArrayEquals(l2Header, l2.header());
            assertArrayEquals(output, l2.output());
            assertArrayEquals(Keccak256.hash(output), m.outputRoot(n).bytes(), "output root of block " + n);
            parentL1 = l1Hash;
            parentL2 = l2Hash;
        }
    }

    @Test
    void creditsThatWouldOverflowAreSkippedAndBalancesCompareUnsigned() {
        long max = -1L; // 2^64 − 1
        Scenario s = new Scenario("overflow", "", 1, 0, 12,
                List.of(new Scenario.Account(null, max), new Scenario.Account(null, 0)),
                List.of(new Scenario.Block(List.of()), new Scenario.Block(List.of(
                        Tx.transfer(0, 1, 5),     // the huge balance is not negative: applies
                        Tx.deposit(0, 7),         // (2^64−6) + 7 overflows: skipped
                        Tx.deposit(0, 5),         // exactly 2^64−1: applies
                        Tx.transfer(1, 0, 1),     // credit to 2^64−1 overflows: skipped
                        Tx.transfer(0, 0, max))))); // to oneself: the credit goes on the debited balance, no overflow
        ChainModel m = ChainModel.of(s);
        assertArrayEquals(new long[]{max, 5}, m.l2Block(1).balances());
        List<TxResult> r = m.l2Block(1).results();
        boolean[] skipped = {false, true, false, true, false};
        for (int i = 0; i < skipped.length; i++) {
            assertEquals(skipped[i], r.get(i).skipped(), "tx " + i);
        }
        assertTrue(r.get(1).reason().startsWith("credit overflows: #0 has 18446744073709551610, + 7"), r.get(1).reason());
    }

    @Test
    void safeHeadAndHonestOutputFollowTheL1Head() {
        ChainModel m = tiny();
        assertEquals(3, m.lastL1Block());
        assertEquals(2, m.safeHead(2));
        assertEquals(m.outputRoot(2), m.honestOutput(5, 2));
        assertEquals(m.outputRoot(1), m.honestOutput(1, 3));
        assertEquals(m.outputRoot(3), m.honestOutput(99, 3));
        assertThrows(IllegalArgumentException.class, () -> m.safeHead(4));
        assertThrows(IllegalArgumentException.class, () -> m.outputRoot(4));
        assertEquals(m.l1Block(2), m.l1BlockByHash(m.l1Block(2).hash()).orElseThrow());
        assertTrue(m.l1BlockByHash(Bytes32.ZERO).isEmpty());
    }

    @Test
    void renderShowsOriginsSkipsAndRoots() {
        ChainModel m = tiny();
        String text = m.render();
        for (int n = 0; n <= 3; n++) {
            assertTrue(text.contains("L2 block " + n + "  L1 origin " + n + " " + m.l1Block(n).hash().shortHex()), text);
            assertTrue(text.contains("output root " + m.outputRoot(n).hex()), text);
            assertTrue(text.contains("state root  " + m.stateRoot(n).hex()), text);
        }
        assertTrue(text.contains("transfer 5 c (2) -> a (0)   SKIPPED: insufficient balance: c (2) has 0, needs 5"), text);
        assertTrue(text.contains("balances: a (0) 100→70, #1 50→89"), text);
        assertTrue(text.contains("no batch"), text);
    }
}
