package dev.faultscope.fpp;

import dev.faultscope.crypto.Hex;
import dev.faultscope.crypto.Keccak256;
import dev.faultscope.oracle.PreimageKeys;
import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.oracle.PreimageStore;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.VmFault;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.elf.ElfLoader;
import dev.faultscope.vm.elf.LoadedProgram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the committed fault proof program (resources/fpp/fpp.elf, built from src/fpp) in the VM on chains
 * built byte by byte here from docs/fpp.md, independently of the C code: the roots it prints and the
 * verdict it exits with must match what this test computes natively.
 */
class FppProgramTest {
    private static final long CHAIN_ID = 901;
    private static final byte[] ZERO32 = new byte[32];

    private static byte[] elf;

    @BeforeAll
    static void loadElf() throws IOException {
        try (InputStream in = FppProgramTest.class.getResourceAsStream("/fpp/fpp.elf")) {
            elf = in.readAllBytes();
        }
    }

    // ---- byte layouts of docs/fpp.md, written out by hand ----

    static byte[] tx(int kind, int from, int to, long amount) {
        return ByteBuffer.allocate(17).put((byte) kind).putInt(from).putInt(to).putLong(amount).array();
    }

    static byte[] batch(byte[]... txs) {
        ByteBuffer b = ByteBuffer.allocate(4 + 17 * txs.length).putInt(txs.length);
        for (byte[] t : txs) {
            b.put(t);
        }
        return b.array();
    }

    static byte[] l1Header(byte[] parent, long number, long timestamp, byte[] batchHash) {
        return ByteBuffer.allocate(80).put(parent).putLong(number).putLong(timestamp).put(batchHash).array();
    }

    static byte[] l2Header(byte[] parent, long number, byte[] l1Origin, long l1OriginNumber, byte[] stateRoot) {
        return ByteBuffer.allocate(112).put(parent).putLong(number).put(l1Origin).putLong(l1OriginNumber)
            .put(stateRoot).array();
    }

    static byte[] state(long[] balances) {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * balances.length).putInt(balances.length);
        for (long v : balances) {
            b.putLong(v);
        }
        return b.array();
    }

    static byte[] outputPreimage(byte[] stateRoot, byte[] blockHash) {
        return ByteBuffer.allocate(128).put(ZERO32).put(stateRoot).put(ZERO32).put(blockHash).array();
    }

    static byte[] keccak(byte[] b) {
        return Keccak256.hash(b);
    }

    /**
     * A toy chain: L1 #0 and L2 #0 (genesis), then one L1 block per batch (null = no batch) and the L2 block
     * derived from it, natively. Derivation stops at the first batch that is not well formed, since the
     * program must refuse it anyway. Every pre-image goes into {@link #store}.
     */
    static final class Chain {
        final PreimageStore store = new PreimageStore();
        final List<byte[]> l1 = new ArrayList<>();          // L1 block hashes by number
        final List<byte[]> outputs = new ArrayList<>();     // L2 output roots by number
        final List<String> lines = new ArrayList<>();       // the program's line for each derived block
        final List<String> hints = new ArrayList<>();
        byte[] genesisStateRoot;

        Chain(long[] genesis, byte[]... batches) {
            store.onHint((h, s) -> hints.add(h));
            byte[] l1Genesis = l1Header(ZERO32, 0, 1000, ZERO32);
            store.putKeccak(l1Genesis);
            byte[] l1Hash = keccak(l1Genesis);
            l1.add(l1Hash);
            long[] bal = genesis.clone();
            byte[] stateRoot = keccak(state(bal));
            genesisStateRoot = stateRoot;
            byte[] l2Hash = keccak(l2Header(ZERO32, 0, l1Hash, 0, stateRoot));
            putL2(bal, l2Hash, l2Header(ZERO32, 0, l1Hash, 0, stateRoot));
            boolean deriving = true;
            for (int i = 0; i < batches.length; i++) {
                long n = i + 1;
                byte[] batchHash = batches[i] == null ? ZERO32 : keccak(batches[i]);
                if (batches[i] != null) {
                    store.putKeccak(batches[i]);
                }
                byte[] header = l1Header(l1Hash, n, 1000 + 12 * n, batchHash);
                store.putKeccak(header);
                l1Hash = keccak(header);
                l1.add(l1Hash);
                int[] counts = deriving ? apply(bal, batches[i]) : null;
                if (counts == null) {
                    deriving = false;
                    continue;
                }
                stateRoot = keccak(state(bal));
                byte[] l2 = l2Header(l2Hash, n, l1Hash, n, stateRoot);
                l2Hash = keccak(l2);
                byte[] out = putL2(bal, l2Hash, l2);
                lines.add(String.format("block %d: origin L1 #%d, %d txs (%d skipped), state %s, output %s",
                    n, n, counts[0], counts[1], Hex.encode(stateRoot), Hex.encode(out)));
            }
        }

        private byte[] putL2(long[] bal, byte[] l2Hash, byte[] l2Header) {
            byte[] st = state(bal);
            store.putKeccak(st);
            store.putKeccak(l2Header);
            byte[] pre = outputPreimage(keccak(st), l2Hash);
            store.putKeccak(pre);
            byte[] out = keccak(pre);
            outputs.add(out);
            return out;
        }

        /** The toy rollup's rules; returns {txs, skipped}, or null for a malformed batch. */
        static int[] apply(long[] bal, byte[] batch) {
            if (batch == null) {
                return new int[] {0, 0};
            }
            ByteBuffer b = ByteBuffer.wrap(batch);
            int count = b.getInt();
            if (batch.length != 4 + 17L * count) {
                return null;
            }
            int skipped = 0;
            for (int i = 0; i < count; i++) {
                int kind = b.get();
                int from = b.getInt();
                int to = b.getInt();
                long amount = b.getLong();
                int n = bal.length;
                if (kind == 0) {
                    if (Integer.compareUnsigned(from, n) >= 0 || Integer.compareUnsigned(to, n) >= 0
                        || Long.compareUnsigned(bal[from], amount) < 0) {
                        skipped++;
                        continue;
                    }
                    long base = from == to ? bal[from] - amount : bal[to];
                    if (Long.compareUnsigned(base + amount, base) < 0) {
                        skipped++;
                        continue;
                    }
                    bal[from] -= amount;
                    bal[to] += amount;
                } else if (kind == 1) {
                    if (Integer.compareUnsigned(to, n) >= 0 || Long.compareUnsigned(bal[to] + amount, bal[to]) < 0) {
                        skipped++;
                        continue;
                    }
                    bal[to] += amount;
                } else {
                    return null;
                }
            }
            return new int[] {count, skipped};
        }

        /** Local inputs: the L1 head is the newest L1 block unless given. */
        void locals(int agreed, byte[] claim, long claimNumber) {
            locals(l1.get(l1.size() - 1), outputs.get(agreed), claim, claimNumber);
        }

        void locals(byte[] l1Head, byte[] agreedOutput, byte[] claim, long claimNumber) {
            store.putLocal(PreimageKeys.LOCAL_L1_HEAD, l1Head);
            store.putLocal(PreimageKeys.LOCAL_AGREED_OUTPUT_ROOT, agreedOutput);
            store.putLocal(PreimageKeys.LOCAL_DISPUTED_OUTPUT_ROOT, claim);
            store.putLocal(PreimageKeys.LOCAL_DISPUTED_BLOCK_NUMBER, ByteBuffer.allocate(8).putLong(claimNumber).array());
            store.putLocal(PreimageKeys.LOCAL_CHAIN_ID, ByteBuffer.allocate(8).putLong(CHAIN_ID).array());
        }
    }

    /** Genesis: account 0 has 100, account 1 has 50, account 2 nothing. */
    static final long[] GENESIS = {100, 50, 0};

    /** Three L1 blocks with batches and one without. */
    static Chain sampleChain() {
        return new Chain(GENESIS,
            batch(tx(0, 0, 1, 30),            // valid transfer
                tx(0, 2, 0, 10)),             // account 2 has nothing: skipped
            batch(tx(1, 0, 2, 25),            // deposit to account 2
                tx(0, 1, 5, 1)),              // no account 5: skipped
            batch(tx(0, 2, 0, 10),            // now valid
                tx(1, 99, 1, 7),              // deposit ignores from
                tx(0, 1, 1, 80)),             // to oneself, all of it: no change
            null);
    }

    record Run(int exitCode, List<String> stdout, String stderr, long steps) {
    }

    private static Run run(PreimageOracle oracle) {
        LoadedProgram p = ElfLoader.load(elf);
        VmState s = p.state();
        Mips32Emulator emu = new Mips32Emulator(s, oracle);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        emu.setOutput(out, err);
        emu.run(Long.MAX_VALUE);
        assertTrue(s.exited());
        String stdout = out.toString(StandardCharsets.UTF_8);
        return new Run(s.exitCode(), stdout.isEmpty() ? List.of() : List.of(stdout.split("\n")),
            err.toString(StandardCharsets.UTF_8), s.step());
    }

    // ---- honest and dishonest claims ----

    @Test
    void rightOutputRootExitsZeroAndPrintsEveryBlock() {
        Chain c = sampleChain();
        c.locals(0, c.outputs.get(4), 4);
        Run r = run(c.store);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", r.stderr());
        assertEquals("chain 901: agreed L2 #0 (L1 origin #0, 3 accounts), disputed L2 #4", r.stdout().get(0));
        assertEquals("L1 head " + Hex.encode(c.l1.get(4)) + ": 4 L1 blocks after the origin", r.stdout().get(1));
        assertEquals(c.lines, r.stdout().subList(2, 6));
        assertTrue(c.lines.get(0).startsWith("block 1: origin L1 #1, 2 txs (1 skipped), state 0x"));
        assertTrue(c.lines.get(3).startsWith("block 4: origin L1 #4, 0 txs (0 skipped)"));
        assertEquals("verdict: VALID, L2 #4 output " + Hex.encode(c.outputs.get(4)) + " matches the claim",
            r.stdout().get(6));
        assertEquals(7, r.stdout().size());
        System.out.println("fpp: honest run from L2 #0 to #4: " + r.steps() + " steps");
    }

    @Test
    void finalBalancesAreTheRulesOfTheDoc() {
        // 100/50/0 -> (0->1 30) 70/80/0 -> (deposit 2 +25) 70/80/25 -> (2->0 10, deposit 1 +7) 80/87/15
        long[] bal = GENESIS.clone();
        Chain.apply(bal, batch(tx(0, 0, 1, 30), tx(0, 2, 0, 10)));
        Chain.apply(bal, batch(tx(1, 0, 2, 25), tx(0, 1, 5, 1)));
        Chain.apply(bal, batch(tx(0, 2, 0, 10), tx(1, 99, 1, 7), tx(0, 1, 1, 80)));
        assertEquals(List.of(80L, 87L, 15L), Arrays.stream(bal).boxed().toList());
        Chain c = sampleChain();
        assertTrue(c.lines.get(2).contains("state " + Hex.encode(keccak(state(bal)))));
    }

    @Test
    void wrongOutputRootExitsOne() {
        Chain c = sampleChain();
        byte[] wrong = c.outputs.get(3).clone();
        wrong[31] ^= 1;
        c.locals(0, wrong, 3);
        Run r = run(c.store);
        assertEquals(1, r.exitCode(), r.stderr());
        assertEquals("verdict: INVALID, L2 #3 output " + Hex.encode(c.outputs.get(3)) + ", the claim is "
            + Hex.encode(wrong), r.stdout().get(r.stdout().size() - 1));
    }

    @Test
    void startsFromALaterAgreedBlock() {
        Chain c = sampleChain();
        c.locals(2, c.outputs.get(3), 3);
        Run r = run(c.store);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of(c.lines.get(2)), r.stdout().subList(2, 3));
        assertTrue(r.stdout().get(1).endsWith(": 2 L1 blocks after the origin"));
    }

    @Test
    void claimBeyondTheL1DataIsCheckedAtTheLastDerivableBlock() {
        Chain c = sampleChain();
        c.locals(0, c.outputs.get(4), 9);
        Run r = run(c.store);
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("L1 data ends at L2 #4: the claim for #9 is checked against its output"));
    }

    @Test
    void disputingTheAgreedBlockDerivesNothing() {
        Chain c = sampleChain();
        c.locals(1, c.outputs.get(1), 1);
        Run r = run(c.store);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(3, r.stdout().size());
    }

    @Test
    void hintsNameEveryKeccakPreimageBeforeItIsRead() {
        Chain c = sampleChain();
        c.locals(0, c.outputs.get(1), 1);
        run(c.store);
        assertEquals("l2-output " + Hex.encode(c.outputs.get(0)), c.hints.get(0));
        assertTrue(c.hints.get(1).startsWith("l2-header 0x"));
        assertEquals("l2-state " + Hex.encode(c.genesisStateRoot), c.hints.get(2));
        assertEquals("l1-header " + Hex.encode(c.l1.get(4)), c.hints.get(3));
        assertTrue(c.hints.contains("l1-header " + Hex.encode(c.l1.get(0))));
        assertTrue(c.hints.get(c.hints.size() - 1).startsWith("l1-batch 0x"));
    }

    // ---- malformed inputs: exit 2 with a reason ----

    private static void assertMalformed(Run r, String reason) {
        assertEquals(2, r.exitCode(), "stdout: " + r.stdout() + " stderr: " + r.stderr());
        assertTrue(r.stderr().startsWith("fpp: ") && r.stderr().contains(reason), r.stderr());
    }

    @Test
    void truncatedStateIsRefused() {
        Chain c = sampleChain();
        // A consistent chain whose genesis state lacks its last byte: hashes fine, wrong length.
        byte[] st = state(GENESIS);
        byte[] cut = Arrays.copyOf(st, st.length - 1);
        byte[] root = keccak(cut);
        c.store.putKeccak(cut);
        byte[] header = l2Header(ZERO32, 0, c.l1.get(0), 0, root);
        c.store.putKeccak(header);
        byte[] pre = outputPreimage(root, keccak(header));
        c.store.putKeccak(pre);
        c.locals(c.l1.get(4), keccak(pre), c.outputs.get(1), 1);
        assertMalformed(run(c.store), "agreed L2 state: 27 bytes, expected 28 for 3 accounts");
    }

    @Test
    void tooManyAccountsIsRefused() {
        Chain c = sampleChain();
        byte[] st = state(GENESIS);
        ByteBuffer.wrap(st).putInt(2000);
        byte[] root = keccak(st);
        c.store.putKeccak(st);
        byte[] header = l2Header(ZERO32, 0, c.l1.get(0), 0, root);
        c.store.putKeccak(header);
        byte[] pre = outputPreimage(root, keccak(header));
        c.store.putKeccak(pre);
        c.locals(c.l1.get(4), keccak(pre), c.outputs.get(1), 1);
        assertMalformed(run(c.store), "2000 accounts, at most 1024");
    }

    @Test
    void batchOfWrongLengthIsRefused() {
        byte[] bad = batch(tx(0, 0, 1, 1), tx(0, 0, 1, 1), tx(0, 0, 1, 1));
        ByteBuffer.wrap(bad).putInt(2);   // says 2 transactions, carries 3
        Chain c = new Chain(GENESIS, batch(tx(0, 0, 1, 30)), bad);
        c.locals(0, c.outputs.get(1), 2);
        Run r = run(c.store);
        assertMalformed(r, "of L1 #2: 55 bytes, expected 38 for 2 transactions");
        assertEquals(c.lines.get(0), r.stdout().get(2));   // block 1 was derived before the bad batch
    }

    @Test
    void unknownTransactionKindIsRefused() {
        Chain c = new Chain(GENESIS, batch(tx(0, 0, 1, 30), tx(7, 0, 1, 1)));
        c.locals(c.l1.get(1), c.outputs.get(0), c.outputs.get(0), 1);
        assertMalformed(run(c.store), "transaction 1 has kind 7");
    }

    @Test
    void outputWithNonZeroVersionIsRefused() {
        Chain c = sampleChain();
        byte[] pre = c.store.preimage(PreimageKeys.keccakKeyOfHash(c.outputs.get(0)));
        byte[] v1 = pre.clone();
        v1[31] = 1;
        c.store.putKeccak(v1);
        c.locals(c.l1.get(4), keccak(v1), c.outputs.get(1), 1);
        assertMalformed(run(c.store), "agreed output root: version word is not 0");
    }

    @Test
    void preimageThatDoesNotHashToItsKeyIsRefused() {
        Chain c = sampleChain();
        c.locals(0, c.outputs.get(1), 1);
        byte[] stateKey = PreimageKeys.keccakKeyOfHash(c.genesisStateRoot);
        byte[] forged = state(new long[] {1000, 50, 0});
        PreimageOracle lying = key -> Arrays.equals(key, stateKey) ? forged : c.store.preimage(key);
        assertMalformed(run(lying), "agreed L2 state: pre-image of " + Hex.encode(c.genesisStateRoot)
            + " hashes to something else");
    }

    @Test
    void l1NumbersMustBeConsecutive() {
        Chain c = sampleChain();
        byte[] head = l1Header(c.l1.get(4), 7, 2000, ZERO32);   // parent is #4, so it must be #5
        c.store.putKeccak(head);
        c.locals(keccak(head), c.outputs.get(0), c.outputs.get(1), 1);
        assertMalformed(run(c.store), "number 4, but its child is #7");
    }

    @Test
    void wrongLengthLocalInputIsRefused() {
        Chain c = sampleChain();
        c.locals(0, c.outputs.get(1), 1);
        c.store.putLocal(PreimageKeys.LOCAL_DISPUTED_BLOCK_NUMBER, new byte[4]);
        assertMalformed(run(c.store), "disputed L2 block number (local input 4): 4 bytes, expected 8");
    }

    @Test
    void claimBeforeTheAgreedBlockIsRefused() {
        Chain c = sampleChain();
        c.locals(2, c.outputs.get(1), 1);
        assertMalformed(run(c.store), "disputed L2 block #1 is before the agreed block #2");
    }

    // ---- a missing pre-image is the VM's fault to report, naming the key ----

    @Test
    void missingPreimageMakesTheVmFaultNamingTheKey() {
        Chain c = sampleChain();
        c.locals(0, c.outputs.get(4), 4);
        byte[] missing = PreimageKeys.keccakKeyOfHash(c.l1.get(2));
        PreimageOracle holey = key -> Arrays.equals(key, missing) ? null : c.store.preimage(key);
        VmFault f = assertThrows(VmFault.class, () -> run(holey));
        assertTrue(f.getMessage().contains(Hex.encode(missing)), f.getMessage());
    }

    // ---- how the steps are spent ----

    @Test
    void measureStepsInKeccak() {
        Chain c = sampleChain();
        c.locals(0, c.outputs.get(4), 4);
        LoadedProgram p = ElfLoader.load(elf);
        Symbols.Symbol kf = p.symbols().byName("keccak_f").orElseThrow();
        VmState s = p.state();
        Mips32Emulator emu = new Mips32Emulator(s, c.store);
        emu.setOutput(null, null);
        long inKeccak = 0;
        while (!s.exited()) {
            if (kf.contains(s.pc())) {
                inKeccak++;
            }
            emu.step();
        }
        assertEquals(0, s.exitCode());
        assertTrue(inKeccak > s.step() / 2, "keccak_f should dominate: " + inKeccak + " of " + s.step());
        System.out.printf("fpp: %d steps, %d in keccak_f (%.1f%%)%n", s.step(), inKeccak, 100.0 * inKeccak / s.step());
    }
}
