package dev.faultscope.fpp;

import dev.faultscope.crypto.Hex;
import dev.faultscope.oracle.PreimageKeys;
import dev.faultscope.oracle.PreimageStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FppHostTest {
    /** A store's contents as hex key → hex data, comparable with equals. */
    private static Map<String, String> contents(PreimageStore store) {
        Map<String, String> out = new TreeMap<>();
        store.entries().forEach((k, v) -> out.put(Hex.encode(k), Hex.encode(v)));
        return out;
    }

    private static Set<String> hexKeys(List<byte[]> keys) {
        return keys.stream().map(Hex::encode).collect(Collectors.toSet());
    }

    /**
     * Runs the program stand-in against a lazy store and an eager one for the same inputs and checks the two
     * stores end identical and that the eager one holds exactly what the program read.
     */
    private static FppProgramSim.Run runBothWays(FppHost host, FppInputs in) {
        PreimageStore lazy = host.lazyStore(in);
        assertEquals(5, lazy.size(), "a lazy store starts with the local inputs only");
        FppProgramSim.Run lazyRun = FppProgramSim.run(lazy);
        PreimageStore eager = host.eagerStore(in);
        FppProgramSim.Run eagerRun = FppProgramSim.run(eager); // no hint handler: everything must already be there
        assertEquals(lazyRun.exit(), eagerRun.exit(), lazyRun.why());
        assertEquals(contents(lazy), contents(eager), "eager and lazy stores differ");
        assertEquals(contents(eager).keySet(), hexKeys(eagerRun.keysRead()), "the eager store holds more than the program reads");
        return lazyRun;
    }

    @Test
    void everyOneBlockTransitionOfTheClassroomReachesTheModelsOutput() throws IOException {
        ChainModel m = ChainModel.load(SamplesTest.CLASSROOM);
        FppHost host = new FppHost(m);
        List<Proposer> wrong = List.of(Proposers.invalidTransfers(m), Proposers.selfCredit(m));
        for (long a = 0; a < m.lastL2Block(); a++) {
            FppProgramSim.Run r = runBothWays(host, host.inputs(a, a + 1, m.outputRoot(a + 1)));
            assertEquals(0, r.exit(), "honest claim at " + (a + 1) + ": " + r.why());
            assertArrayEquals(m.outputRoot(a + 1).bytes(), r.computed());
            for (Proposer p : wrong) {
                Bytes32 claim = p.claim(a + 1);
                int expected = claim.equals(m.outputRoot(a + 1)) ? 0 : 1;
                assertEquals(expected, runBothWays(host, host.inputs(a, a + 1, claim)).exit(), p.name() + " at " + (a + 1));
            }
        }
    }

    @Test
    void largerTransitionsShortAndLong() throws IOException {
        ChainModel m = ChainModel.load(SamplesTest.LARGER);
        FppHost host = new FppHost(m);
        for (long a = 0; a < m.lastL2Block(); a++) {
            FppProgramSim.Run r = runBothWays(host, host.inputs(a, a + 1, m.outputRoot(a + 1)));
            assertEquals(0, r.exit(), "block " + (a + 1) + ": " + r.why());
        }
        FppProgramSim.Run whole = runBothWays(host, host.inputs(0, m.lastL2Block(), m.outputRoot(m.lastL2Block())));
        assertEquals(0, whole.exit(), whole.why());
        FppProgramSim.Run wrong = runBothWays(host, host.inputs(10, 40, Proposers.invalidTransfers(m).claim(40)));
        assertEquals(1, wrong.exit());
        assertArrayEquals(m.outputRoot(40).bytes(), wrong.computed());
    }

    @Test
    void hintsAndPreimagesFollowTheDocumentedReadOrder() throws IOException {
        // Agreed block 2, disputed 5, L1 head 7: the walk reads L1 headers 7..2 (2 is the origin); batches are
        // read for blocks 3..5 where present (classroom's block 3 has none); blocks 6 and 7 are not derived.
        ChainModel m = ChainModel.load(SamplesTest.CLASSROOM);
        FppHost host = new FppHost(m);
        FppInputs in = host.inputs(2, 5, m.outputRoot(5));
        L2Block agreed = m.l2Block(2);
        List<String> expected = new ArrayList<>(List.of("l2-output " + agreed.outputRoot().hex(),
                "l2-header " + agreed.hash().hex(), "l2-state " + agreed.stateRoot().hex()));
        for (long n = 7; n >= 2; n--) {
            expected.add("l1-header " + m.l1Block(n).hash().hex());
        }
        expected.add("l1-batch " + m.l1Block(4).batchHash().hex());
        expected.add("l1-batch " + m.l1Block(5).batchHash().hex());
        FppProgramSim.Run r = runBothWays(host, in);
        assertEquals(0, r.exit(), r.why());
        assertEquals(expected, r.hints());

        Set<String> keys = new java.util.HashSet<>();
        for (long i = 1; i <= 5; i++) {
            keys.add(Hex.encode(PreimageKeys.localKey(i)));
        }
        for (String h : expected) {
            keys.add(Hex.encode(PreimageKeys.keccakKeyOfHash(Bytes32.fromHex(h.substring(h.indexOf(' ') + 1)).bytes())));
        }
        assertEquals(keys, contents(host.eagerStore(in)).keySet());
    }

    @Test
    void localInputsHaveTheDocumentedBytes() {
        ChainModel m = ChainModelTest.tiny();
        FppInputs in = new FppHost(m).inputs(1, 3, Bytes32.ZERO, 2);
        assertEquals(m.l1Block(2).hash(), in.l1Head());
        assertEquals(m.outputRoot(1), in.agreedOutputRoot());
        PreimageStore s = new PreimageStore();
        in.putLocals(s);
        assertArrayEquals(m.l1Block(2).hash().bytes(), s.preimage(PreimageKeys.localKey(1)));
        assertArrayEquals(m.outputRoot(1).bytes(), s.preimage(PreimageKeys.localKey(2)));
        assertArrayEquals(new byte[32], s.preimage(PreimageKeys.localKey(3)));
        assertArrayEquals(new byte[]{0, 0, 0, 0, 0, 0, 0, 3}, s.preimage(PreimageKeys.localKey(4)));
        assertArrayEquals(new byte[]{0, 0, 0, 0, 0, 0, 0, 7}, s.preimage(PreimageKeys.localKey(5)));
        assertThrows(IllegalArgumentException.class, () -> in.local(6));
    }

    @Test
    void anOlderL1HeadCapsTheResultAtItsSafeHead() throws IOException {
        ChainModel m = ChainModel.load(SamplesTest.CLASSROOM);
        FppHost host = new FppHost(m);
        FppProgramSim.Run r = runBothWays(host, host.inputs(2, 6, m.outputRoot(6), 4));
        assertEquals(1, r.exit());
        assertEquals(4, r.computedBlock());
        assertEquals(0, runBothWays(host, host.inputs(2, 6, m.honestOutput(6, 4), 4)).exit());
    }

    @Test
    void beyondL1ClaimLosesAgainstTheCappedOutput() throws IOException {
        ChainModel m = ChainModel.load(SamplesTest.CLASSROOM);
        FppHost host = new FppHost(m);
        Proposer p = Proposers.beyondL1(m);
        FppProgramSim.Run r = runBothWays(host, host.inputs(7, 9, p.claim(9)));
        assertEquals(1, r.exit());
        assertArrayEquals(m.outputRoot(7).bytes(), r.computed());
        // The L1 head is the agreed block's origin: it is the only L1 header read.
        assertEquals(4, r.hints().size(), r.hints().toString());
        assertEquals("l1-header " + m.l1Head().hash().hex(), r.hints().get(3));
    }

    @Test
    void malformedRunsStopReadingWhereTheProgramStops() throws IOException {
        ChainModel m = ChainModel.load(SamplesTest.CLASSROOM);
        FppHost host = new FppHost(m);
        // Disputed block below the agreed one: the run stops after the agreed data, before walking L1.
        FppProgramSim.Run below = runBothWays(host, host.inputs(5, 3, m.outputRoot(3)));
        assertEquals(2, below.exit());
        assertEquals(3, below.hints().size(), below.hints().toString());
        // L1 head older than the agreed block's origin: the first header read is already below the origin.
        FppProgramSim.Run old = runBothWays(host, host.inputs(5, 6, m.outputRoot(6), 3));
        assertEquals(2, old.exit());
        assertTrue(old.why().contains("does not descend"), old.why());
        assertEquals(4, old.hints().size(), old.hints().toString());
    }

    @Test
    void aWrongAgreedOutputIsServedOnlyWhenItsChainIs() throws IOException {
        ChainModel m = ChainModel.load(SamplesTest.CLASSROOM);
        Proposer p = Proposers.selfCredit(m, 1, 300, 4);
        FppInputs in = new FppHost(m).inputs(p.claim(5), 6, p.claim(6), m.l1Head().hash());
        String key = Hex.encode(PreimageKeys.keccakKeyOfHash(p.claim(5).bytes()));
        String hint = "l2-output " + p.claim(5).hex();

        FppHostException lazy = assertThrows(FppHostException.class, () -> FppProgramSim.run(new FppHost(m).lazyStore(in)));
        assertEquals(hint, lazy.hint());
        assertEquals(key, lazy.key());
        assertTrue(lazy.getMessage().contains(key) && lazy.getMessage().contains(hint), lazy.getMessage());
        FppHostException eager = assertThrows(FppHostException.class, () -> new FppHost(m).eagerStore(in));
        assertEquals(key, eager.key());

        // Served, the wrong chain's own transition 5→6 is consistent: the lie happened at block 4.
        FppHost serving = new FppHost(m).serve(p);
        assertEquals(0, runBothWays(serving, in).exit());
        assertEquals(1, runBothWays(serving, serving.inputs(p.claim(3), 4, p.claim(4), m.l1Head().hash())).exit());
    }

    @Test
    void hintsNamingMissingDataOrUnknownTypesAreHostErrors() {
        ChainModel m = ChainModelTest.tiny();
        FppHost host = new FppHost(m);
        PreimageStore store = new PreimageStore();
        Bytes32 nowhere = Bytes32.keccak(new byte[]{1});
        FppHostException e = assertThrows(FppHostException.class, () -> host.answer("l1-header " + nowhere.hex(), store));
        assertTrue(e.getMessage().contains("no L1 block with hash " + nowhere.hex()), e.getMessage());
        assertEquals(Hex.encode(PreimageKeys.keccakKeyOfHash(nowhere.bytes())), e.key());
        // An L2 block hash is not an L1 header: hint types are separate namespaces.
        assertThrows(FppHostException.class, () -> host.answer("l1-header " + m.l2Block(1).hash().hex(), store));
        // Block 2 carries no batch: a zero batch hash names nothing the program may read.
        assertThrows(FppHostException.class, () -> host.answer("l1-batch " + Bytes32.ZERO.hex(), store));

        FppHostException unknown = assertThrows(FppHostException.class, () -> host.answer("l2-block " + nowhere.hex(), store));
        assertNull(unknown.key());
        assertTrue(unknown.getMessage().contains("unknown hint type \"l2-block\""), unknown.getMessage());
        assertThrows(FppHostException.class, () -> host.answer("l1-header " + nowhere.hex().substring(2), store));
        assertThrows(FppHostException.class, () -> host.answer("l1-header  " + nowhere.hex(), store));
        assertEquals(0, store.size());

        host.answer("l1-header " + m.l1Block(2).hash().hex(), store);
        assertArrayEquals(m.l1Block(2).header(), store.preimage(PreimageKeys.keccakKeyOfHash(m.l1Block(2).hash().bytes())));
    }
}
