package dev.faultscope.agent;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.fpp.ChainModel;
import dev.faultscope.fpp.FppHost;
import dev.faultscope.fpp.Proposers;
import dev.faultscope.oracle.PreimageStore;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.onchain.StepVerifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Execution traces of the fault proof program on a classroom transition, honest and with injected faults. */
class ExecutionTraceTest {
    /** The deepest trace index a mainnet game can ask for: 2^(M−S−1) − 1 with M 73, S 30. */
    static final long LAST_MAINNET_INDEX = (1L << 42) - 1;

    static ChainModel model;
    static FppHost host;
    /** Everything a straight emulator run, independent of the cursor, records about the honest run. */
    static Straight straight;

    /**
     * @param hashes         trace index → hash of S(index+1), at the sampled indices
     * @param steps          N
     * @param preimageReads  indices whose instruction is a read on fd 5
     * @param loads          indices whose instruction is a load into a register other than r0
     * @param stores         indices whose instruction is sw
     * @param returns        indices whose instruction is jr $ra
     * @param frames         indices whose instruction allocates a stack frame (addiu $sp, $sp, -n)
     */
    record Straight(Map<Long, byte[]> hashes, long steps, List<Long> preimageReads, List<Long> loads,
                    List<Long> stores, List<Long> returns, List<Long> frames) {
    }

    @BeforeAll
    static void load() throws IOException {
        model = ChainModel.load(Path.of("samples/scenarios/classroom.json"));
        host = new FppHost(model);
        straight = runStraight(store(model.outputRoot(2)), sampleSet(456_000));
    }

    static PreimageStore store(Bytes32 claim) {
        return host.lazyStore(host.inputs(1, 2, claim));
    }

    static ExecutionTrace honest() {
        return ExecutionTrace.of(store(model.outputRoot(2)));
    }

    /** Indices to sample: the ends, around checkpoint boundaries, and spread at random (fixed seed). */
    static TreeSet<Long> sampleSet(long approxSteps) {
        TreeSet<Long> s = new TreeSet<>(List.of(0L, 1L, 2L, 65_534L, 65_535L, 65_536L, 131_071L, 131_072L));
        Random rnd = new Random(42);
        for (int i = 0; i < 120; i++) {
            s.add((long) rnd.nextInt((int) approxSteps));
        }
        return s;
    }

    /** A plain emulator run from the program's initial state, no cursor, no checkpoints. */
    static Straight runStraight(PreimageStore store, TreeSet<Long> samples) {
        VmState s = FaultProofProgram.load().state();
        Mips32Emulator emu = new Mips32Emulator(s, store);
        emu.setOutput(null, null);
        Map<Long, byte[]> hashes = new TreeMap<>();
        List<Long> reads = new ArrayList<>();
        List<Long> loads = new ArrayList<>();
        List<Long> stores = new ArrayList<>();
        List<Long> returns = new ArrayList<>();
        List<Long> frames = new ArrayList<>();
        while (!s.exited()) {
            long i = s.step();
            int insn = s.memory().getWord(s.pc());
            if (insn == 0x0000000C && s.register(2) == 4003 && s.register(4) == 5) {
                reads.add(i);
            } else if (ExecutionTrace.loadTarget(insn) > 0) {
                loads.add(i);
            } else if (insn >>> 26 == 0x2B) {
                stores.add(i);
            } else if (insn == 0x03E00008) {
                returns.add(i);
            } else if (insn >>> 16 == 0x27BD && (short) insn < 0) {
                frames.add(i);
            }
            emu.step();
            if (samples.contains(i)) {
                hashes.put(i, s.stateHash());
            }
        }
        return new Straight(hashes, s.step(), reads, loads, stores, returns, frames);
    }

    /** Indices in the order a bisection over [0, 2^depth) towards {@code leaf} asks for them. */
    static List<Long> bisectionOrder(long leaf, int depth) {
        List<Long> out = new ArrayList<>();
        long lo = 0;
        long hi = 1L << depth;
        while (hi - lo > 1) {
            long mid = (lo + hi) >>> 1;
            out.add(mid - 1);
            if (leaf <= mid - 1) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return out;
    }

    static byte[] witnessHash(byte[] stateData) {
        return VmState.stateHashOf(stateData);
    }

    // ---- honest ----

    @Test
    void stateHashesAgreeWithAStraightRunInAnyQueryOrder() {
        ExecutionTrace t = honest();
        assertArrayEquals(FaultProofProgram.absolutePrestate(), t.prestateHash());
        List<Long> order = new ArrayList<>(straight.hashes().keySet());
        Collections.shuffle(order, new Random(7)); // backwards and forwards across checkpoints
        for (long i : order) {
            if (i < straight.steps()) {
                assertArrayEquals(straight.hashes().get(i), t.stateHashAt(i), "trace index " + i);
            }
        }
        assertEquals(straight.steps(), t.length());
    }

    @Test
    void bisectionQueriesOverAMainnetSizedRangeAgreeWithTheStraightRun() {
        ExecutionTrace t = honest();
        long leaf = straight.hashes().keySet().stream().filter(i -> i > straight.steps() / 2).findFirst().orElseThrow();
        List<Long> order = bisectionOrder(leaf, 42);
        for (long i : order) {
            byte[] expected = i >= straight.steps() - 1 ? t.finalHash() : straight.hashes().get(i);
            if (expected != null) {
                assertArrayEquals(expected, t.stateHashAt(i), "trace index " + i);
            }
        }
        assertArrayEquals(straight.hashes().get(leaf), t.stateHashAt(leaf));
    }

    @Test
    void theTraceIsPaddedWithTheFinalStateAfterTheExit() {
        ExecutionTrace t = honest();
        // Asked before anything else, a padded index must find the end by itself.
        byte[] padded = t.stateHashAt(LAST_MAINNET_INDEX);
        long n = t.length();
        assertEquals(straight.steps(), n);
        assertEquals(VmState.STATUS_VALID, t.finalStatus());
        assertEquals(0, t.exitCode());
        assertEquals(VmState.STATUS_VALID, padded[0]);
        for (long i : new long[] {n - 1, n, n + 1, n + 65_537, 1L << 41}) {
            assertArrayEquals(padded, t.stateHashAt(i), "trace index " + i);
        }
        byte[] beforeExit = t.stateHashAt(n - 2);
        assertEquals(VmState.STATUS_UNFINISHED, beforeExit[0]);
        assertFalse(Arrays.equals(padded, beforeExit));
    }

    @Test
    void everySampledStepVerifiesStatelesslyToTheNextClaim() {
        ExecutionTrace t = honest();
        long n = straight.steps();
        List<Long> reads = straight.preimageReads();
        assertTrue(reads.size() > 10, "only " + reads.size() + " pre-image reads");
        TreeSet<Long> indices = new TreeSet<>(List.of(0L, 65_535L, 65_536L, n - 2, n - 1, n, n + 1000, LAST_MAINNET_INDEX));
        indices.addAll(List.of(reads.get(0), reads.get(reads.size() / 2), reads.get(reads.size() - 1)));
        indices.addAll(straight.hashes().keySet().stream().limit(40).toList());
        int preimageSteps = 0;
        for (long i : indices) {
            StepData d = t.stepAt(i);
            assertEquals(i, d.traceIndex());
            // The pre-state is what the trace claims one index earlier (S0 at index 0), status byte aside.
            byte[] pre = i == 0 ? t.prestateHash() : t.stateHashAt(i - 1);
            assertArrayEquals(Arrays.copyOfRange(pre, 1, 32), Arrays.copyOfRange(witnessHash(d.stateData()), 1, 32), "pre " + i);
            assertArrayEquals(pre, d.preHash(), "pre " + i);
            assertEquals(StepVerifier.STEP_PROOF_BYTES, d.proofData().length);
            // Only the one pre-image part the step reads is served, as the on-chain oracle would have it.
            byte[] post = StepVerifier.step(d.stateData(), d.proofData(), d.oracle()).postHash();
            assertArrayEquals(t.stateHashAt(i), post, "step " + i);
            assertArrayEquals(post, d.postHash());
            assertTrue(d.claimIsTrue());
            assertEquals(i >= n, d.padded(), "step " + i);
            if (reads.contains(i)) {
                assertTrue(d.readsPreimage(), "step " + i + " reads a pre-image");
                preimageSteps++;
            }
        }
        assertEquals(3, preimageSteps);
        assertTrue(t.stepAt(n - 1).postHash()[0] == VmState.STATUS_VALID && t.stepAt(n - 2).postHash()[0] == VmState.STATUS_UNFINISHED);
        assertArrayEquals(new byte[StepVerifier.STEP_PROOF_BYTES], t.stepAt(n).proofData());
        assertTrue(t.stepAt(n).padded());
    }

    // ---- faults ----

    /** Asserts the faulty trace equals the honest one below k, differs at k (and at sampled indices after, if asked). */
    static void departsAt(ExecutionTrace honest, ExecutionTrace faulty, long k, boolean differsAfter) {
        for (long i : straight.hashes().keySet()) {
            if (i < k) {
                assertArrayEquals(honest.stateHashAt(i), faulty.stateHashAt(i), "before the fault, index " + i);
            } else if (differsAfter) {
                assertFalse(Arrays.equals(honest.stateHashAt(i), faulty.stateHashAt(i)), "after the fault, index " + i);
            }
        }
        for (long i : new long[] {0, k - 2, k - 1}) {
            if (i >= 0) {
                assertArrayEquals(honest.stateHashAt(i), faulty.stateHashAt(i), "before the fault, index " + i);
            }
        }
        assertFalse(Arrays.equals(honest.stateHashAt(k), faulty.stateHashAt(k)), "at the fault " + k);
        if (differsAfter) {
            for (long i : new long[] {k + 1, k + 1000, honest.length() - 1, honest.length() + 5, LAST_MAINNET_INDEX}) {
                assertFalse(Arrays.equals(honest.stateHashAt(i), faulty.stateHashAt(i)), "after the fault, index " + i);
            }
        }
        assertArrayEquals(honest.prestateHash(), faulty.prestateHash());
        // The leaf step: from the shared S(k), the true instruction goes to the honest post-state, not the claim.
        StepData d = faulty.stepAt(k);
        assertFalse(d.claimIsTrue());
        assertArrayEquals(faulty.stateHashAt(k), d.claimedPostHash());
        assertArrayEquals(k == 0 ? honest.prestateHash() : honest.stateHashAt(k - 1), d.preHash());
        byte[] post = StepVerifier.step(d.stateData(), d.proofData(), d.oracle()).postHash();
        assertArrayEquals(honest.stateHashAt(k), post);
        assertFalse(Arrays.equals(d.claimedPostHash(), post));
        // Before the fault both sides agree, and the step shows it.
        assertTrue(faulty.stepAt(k - 1).claimIsTrue());
    }

    @Test
    void aFlippedRegisterBitMakesATraceThatDepartsAtItsStep() {
        ExecutionTrace h = honest();
        // The stack pointer: C code only ever moves it by constants, so the flip stays until the exit (a register
        // the program overwrites before reading would let the faulty trace rejoin the honest one).
        long k = straight.stores().get(straight.stores().size() / 3);
        ExecutionTrace f = h.withFault(new Fault.FlipBit(k, 29, 3));
        departsAt(h, f, k, true);
        assertEquals(h.stateAtStep(k + 1).register(29) ^ 8, f.stateAtStep(k + 1).register(29));
    }

    @Test
    void aSkippedInstructionMakesATraceThatDepartsAtItsStep() {
        ExecutionTrace h = honest();
        // Skipping a function's frame allocation leaves the stack pointer off by the frame size once the
        // function returns and frees it: for good, like the flip above.
        long k = straight.frames().get(straight.frames().size() / 2);
        ExecutionTrace f = h.withFault(new Fault.Skip(k));
        departsAt(h, f, k, true);
        // Only pc, nextPC and the step counter move: the skipped store did not write.
        VmState pre = h.stateAtStep(k);
        VmState post = f.stateAtStep(k + 1);
        assertEquals(pre.nextPC(), post.pc());
        assertEquals(pre.nextPC() + 4, post.nextPC());
        assertEquals(k + 1, post.step());
        assertArrayEquals(pre.registers(), post.registers());
        assertArrayEquals(pre.memory().merkleRoot(), post.memory().merkleRoot());
        assertNotEquals(h.stateAtStep(k + 1).register(29), post.register(29));
    }

    @Test
    void aWrongLoadedWordMakesATraceThatDepartsAtItsStep() {
        ExecutionTrace h = honest();
        long k = straight.loads().get(straight.loads().size() / 2);
        ExecutionTrace f = h.withFault(new Fault.WrongLoad(k, 0x100));
        departsAt(h, f, k, false);
        VmState pre = h.stateAtStep(k);
        int rt = ExecutionTrace.loadTarget(pre.memory().getWord(pre.pc()));
        assertEquals(h.stateAtStep(k + 1).register(rt) ^ 0x100, f.stateAtStep(k + 1).register(rt));
    }

    @Test
    void aWrongLoadOnAnInstructionThatIsNotALoadIsRefused() {
        ExecutionTrace h = honest();
        long k = straight.stores().get(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.withFault(new Fault.WrongLoad(k, 1)));
        assertTrue(e.getMessage().contains("instruction " + k + " is not a load") && e.getMessage().contains("sw"), e.getMessage());
    }

    @Test
    void faultsThatChangeNothingOrHitNoInstructionAreRefused() {
        ExecutionTrace h = honest();
        long k = straight.stores().get(0);
        int sp = h.stateAtStep(k).register(29);
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class, () -> h.withFault(new Fault.SetRegister(k, 29, sp)));
        assertTrue(same.getMessage().contains("same state"), same.getMessage());
        long n = h.length();
        IllegalArgumentException past = assertThrows(IllegalArgumentException.class, () -> h.withFault(new Fault.Skip(n)));
        assertTrue(past.getMessage().contains("exits after " + n), past.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Fault.FlipBit(k, 0, 1));
        assertThrows(IllegalStateException.class, () -> h.withFault(new Fault.FlipBit(k, 29, 3)).withFault(new Fault.Skip(k + 1)));
    }

    @Test
    void aFaultyRunThatReachesAnInvalidInstructionStopsThereAndPadsWithThatState() {
        ExecutionTrace h = honest();
        long jr = straight.returns().get(straight.returns().size() / 2);
        // $ra made unaligned just before jr $ra: after the delay slot the fetch at the unaligned pc has no post-state.
        ExecutionTrace f = h.withFault(new Fault.FlipBit(jr - 1, 31, 1));
        assertTrue(f.haltedBy().isPresent());
        assertTrue(f.haltedBy().get().reason().contains("unaligned"), f.haltedBy().get().getMessage());
        assertEquals(jr + 2, f.length());
        assertEquals(VmState.STATUS_UNFINISHED, f.finalStatus());
        assertEquals(-1, f.exitCode());
        assertArrayEquals(f.finalHash(), f.stateHashAt(jr + 1));
        assertArrayEquals(f.finalHash(), f.stateHashAt(LAST_MAINNET_INDEX));
        assertFalse(Arrays.equals(f.finalHash(), f.stateHashAt(jr)));
        assertThrows(IllegalStateException.class, () -> f.stepAt(jr + 2));
        assertArrayEquals(f.finalHash(), f.stepAt(jr + 1).postHash());
    }

    @Test
    void aForcedExitCodeLetsAWrongClaimEndValid() {
        Bytes32 wrong = Proposers.invalidTransfers(model).claim(2);
        assertNotEquals(model.outputRoot(2), wrong);
        ExecutionTrace h = ExecutionTrace.of(store(wrong));
        assertEquals(VmState.STATUS_INVALID, h.finalStatus());
        assertEquals(1, h.exitCode());
        long n = h.length();
        assertEquals(n - 1, Fault.exitGroupIndex(h));
        Fault force = Fault.forceExitCode(h, 0);
        assertEquals(n - 1, force.index());
        ExecutionTrace f = h.withFault(force);
        assertEquals(VmState.STATUS_VALID, f.finalStatus());
        assertEquals(0, f.exitCode());
        assertEquals(n, f.length());
        assertArrayEquals(h.stateHashAt(n - 2), f.stateHashAt(n - 2));
        for (long i : new long[] {n - 1, n, LAST_MAINNET_INDEX}) {
            assertEquals(VmState.STATUS_VALID, f.stateHashAt(i)[0]);
            assertEquals(VmState.STATUS_INVALID, h.stateHashAt(i)[0]);
        }
        // The exit step shows the truth: from the shared pre-state the syscall exits 1.
        StepData d = f.stepAt(n - 1);
        assertArrayEquals(h.stateHashAt(n - 1), StepVerifier.step(d.stateData(), d.proofData(), d.oracle()).postHash());
        assertEquals(VmState.STATUS_VALID, d.claimedPostHash()[0]);
        // Forcing the code the run already exits with is no fault.
        assertThrows(IllegalArgumentException.class, () -> Fault.forceExitCode(h, 1));
    }

    /**
     * Deep configurations ask for trace indices far past a long; on a run not yet started, the first question is such
     * an index (the execution subgame root's, 2^(M−S−1) − 1): it commits to the final state, and a step there is the
     * exited state's no-op step.
     */
    @Test
    void indicesPastALongCommitToTheFinalState() {
        assertEquals(5, ExecutionTrace.index(BigInteger.valueOf(5)));
        assertEquals(Long.MAX_VALUE, ExecutionTrace.index(BigInteger.ONE.shiftLeft(63)));
        assertEquals(Long.MAX_VALUE, ExecutionTrace.index(BigInteger.ONE.shiftLeft(122).subtract(BigInteger.ONE)));
        assertThrows(IllegalArgumentException.class, () -> ExecutionTrace.index(BigInteger.valueOf(-1)));
        ExecutionTrace fresh = honest();
        byte[] top = fresh.stateHashAt(Long.MAX_VALUE);
        assertArrayEquals(honest().finalHash(), top);
        assertEquals(VmState.STATUS_VALID, top[0]);
        StepData past = fresh.stepAt(Long.MAX_VALUE);
        assertTrue(past.padded());
        assertArrayEquals(top, past.postHash());
    }
}
