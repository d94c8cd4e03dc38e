package dev.faultscope.fpp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProposerTest {
    /** Asserts claims equal honest's exactly for blocks below {@code firstWrong} and differ from there to {@code last}. */
    private static void differsFrom(Proposer p, Proposer honest, long firstWrong, long last) {
        for (long n = 0; n <= last; n++) {
            if (n < firstWrong) {
                assertEquals(honest.claim(n), p.claim(n), p.name() + " at block " + n);
            } else {
                assertNotEquals(honest.claim(n), p.claim(n), p.name() + " at block " + n);
            }
        }
    }

    @Test
    void honestClaimsTheModelsOutputsCappedAtTheL1Head() {
        ChainModel m = ChainModelTest.tiny();
        Proposer h = Proposers.named("honest", m);
        for (long n = 0; n <= 3; n++) {
            assertEquals(m.outputRoot(n), h.claim(n));
        }
        assertEquals(m.outputRoot(3), h.claim(10));
        assertEquals(m.outputRoot(1), Proposers.honest(m, 1).claim(3));
    }

    @Test
    void invalidTransfersAppliesOverBalanceTransfersOnly() {
        ChainModel m = ChainModelTest.tiny();
        Proposer p = Proposers.named("invalid-transfers", m);
        // Block 1: c (0) pays a 5 it does not have → c stays 0, a gains 5; the rest as honest: a 75, #1 89.
        // Then c receives the 9 deposit and pays 9 to #1: c 0. Nonexistent accounts stay skipped.
        L2Block b1 = p.chain().block(1);
        assertArrayEquals(new long[]{75, 89, 0}, b1.balances());
        TxResult forced = b1.results().get(1);
        assertTrue(!forced.skipped() && forced.reason().startsWith("applied anyway (insufficient balance"), forced.toString());
        assertTrue(b1.results().get(2).skipped() && b1.results().get(3).skipped() && b1.results().get(5).skipped());
        // Block 3: #1 pays 90 with 89 → #1 to 0, a gains 90.
        assertArrayEquals(new long[]{165, 0, 0}, p.chain().block(3).balances());
        differsFrom(p, Proposers.honest(m), 1, 3);
    }

    @Test
    void invalidTransfersEqualsHonestWithoutOverBalanceTransfers() {
        // Only nonexistent accounts are invalid here: they stay skipped, so nothing differs.
        Scenario s = new Scenario("x", "", 1, 0, 12, List.of(new Scenario.Account(null, 10), new Scenario.Account(null, 0)),
                List.of(new Scenario.Block(List.of()), new Scenario.Block(List.of(Tx.transfer(2, 0, 1), Tx.transfer(0, 9, 1), Tx.deposit(5, 1)))));
        ChainModel m = ChainModel.of(s);
        differsFrom(Proposers.invalidTransfers(m), Proposers.honest(m), Long.MAX_VALUE, 1);
    }

    @Test
    void invalidTransfersDiffersFromTheFirstOverBalanceTransferInTheClassroom() throws IOException {
        ChainModel m = ChainModel.load(SamplesTest.CLASSROOM);
        long first = -1;
        for (long n = 1; n <= m.lastL2Block() && first < 0; n++) {
            if (m.l2Block(n).results().stream().anyMatch(r -> r.skipped() && r.reason().startsWith("insufficient"))) {
                first = n;
            }
        }
        assertEquals(2, first, "classroom's first over-balance transfer is carol's 25 in block 2");
        differsFrom(Proposers.invalidTransfers(m), Proposers.honest(m), first, m.lastL2Block());
    }

    @Test
    void selfCreditAddsTheAmountAtItsBlockAndBuildsOnIt() throws IOException {
        ChainModel m = ChainModel.load(SamplesTest.CLASSROOM);
        Proposer p = Proposers.selfCredit(m, 2, 500, 5);
        long[] honest5 = m.l2Block(5).balances();
        honest5[2] += 500;
        assertArrayEquals(honest5, p.chain().block(5).balances());
        assertTrue(p.chain().block(5).note().contains("carol (2) +500"));
        // The credited state is what the later blocks derive from.
        long[] honest7 = m.l2Block(7).balances();
        long[] credited7 = p.chain().block(7).balances();
        assertEquals(honest7[2] + 500, credited7[2]);
        differsFrom(p, Proposers.honest(m), 5, 7);

        Proposer byName = Proposers.named("self-credit", m);
        differsFrom(byName, Proposers.honest(m), 3, 7); // default: account 0, block max(1, 7 / 2)
        assertEquals(m.l2Block(3).balance(0) + Proposers.DEFAULT_CREDIT_AMOUNT, byName.chain().block(3).balance(0));
        assertThrows(IllegalArgumentException.class, () -> Proposers.selfCredit(m, 4, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> Proposers.selfCredit(m, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Proposers.selfCredit(m, 0, 1, 8));
    }

    @Test
    void beyondL1InventsEmptyL1BlocksPastTheHead() {
        ChainModel m = ChainModelTest.tiny();
        Proposer p = Proposers.named("beyond-l1", m);
        differsFrom(p, Proposers.honest(m), 4, 9);
        L2Block b5 = p.chain().block(5);
        L1Block origin5 = b5.l1Origin();
        assertEquals(5, origin5.number());
        assertEquals(m.scenario().timestamp(5), origin5.timestamp());
        assertTrue(origin5.batchHash().isZero());
        assertEquals(p.chain().block(4).l1Origin().hash(), origin5.parentHash());
        assertEquals(m.l1Head().hash(), p.chain().block(4).l1Origin().parentHash());
        assertTrue(m.l1BlockByHash(origin5.hash()).isEmpty(), "invented blocks are not the scenario's");
        assertArrayEquals(m.l2Block(3).balances(), b5.balances());
        assertThrows(IllegalArgumentException.class, () -> p.claim(-1));
        assertThrows(IllegalArgumentException.class, () -> p.claim(L2Chain.MAX_INVENTED_BLOCKS + 10));
    }

    @Test
    void unknownProposerNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Proposers.named("liar", ChainModelTest.tiny()));
        assertTrue(e.getMessage().contains("honest, invalid-transfers, self-credit, beyond-l1"), e.getMessage());
        for (String name : Proposers.NAMES) {
            assertEquals(name, Proposers.named(name, ChainModelTest.tiny()).name());
        }
    }
}
