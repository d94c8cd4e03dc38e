package dev.faultscope.agent;

import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.StepProof;
import dev.faultscope.vm.TraceCursor;
import dev.faultscope.vm.VmFault;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.disasm.Disassembler;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One run of the fault proof program for one execution subgame, as the claims below the split depth see it
 * (dispute-game.md sections 2 and 4): trace index i commits to S(i+1), the state after executing instruction i,
 * with S0 the absolute prestate; once the VM has exited after N steps, every index ≥ N−1 commits to the final
 * state (padding up to 2^(M−S−1) indices).
 *
 * <p>The run is computed lazily through a {@link TraceCursor} (checkpoints every 2^16 steps), so a query costs
 * at most one checkpoint restore and 2^16 replayed steps, however long the trace; hashes already asked for are
 * cached, since the game asks for the same indices again and again.
 *
 * <p>A trace with a {@link Fault} ({@link #withFault}) shares the honest trace's states up to the fault index k
 * and runs its own cursor from the faulty S(k+1) on. If the faulty run later hits an instruction that has no
 * valid post-state (a {@link VmFault}), or runs far longer than the honest one (a fault can cause an endless
 * loop), it stops there and pads with that last state, status UNFINISHED: a dishonest player has to claim
 * something at every index. An honest run's {@link VmFault} is thrown instead, since that would be a bug.
 *
 * <p>Not thread-safe: one thread drives a trace (and the honest trace its faulty ones were made from).
 */
public final class ExecutionTrace {
    /** Extra steps a faulty run may take beyond twice the honest length before it is cut off. */
    static final long FAULTY_EXTRA_STEPS = 1L << 20;
    private static final int HASH_CACHE_ENTRIES = 4096;

    private final PreimageOracle oracle;
    private final TraceCursor cursor;
    private final byte[] prestateHash;
    /** The honest trace this one departs from at {@link #fault}, or null for an honest trace. */
    private final ExecutionTrace honest;
    private final Fault fault;
    /** The step count at which this run is cut off (its final state), whether or not it has exited. */
    private final long stepLimit;
    private final Map<Long, byte[]> hashCache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > HASH_CACHE_ENTRIES;
        }
    };

    // Known once the run has reached its end.
    private long length = -1;
    private byte[] finalWitness;
    private byte[] finalHash;
    private VmFault haltedBy;

    private ExecutionTrace(VmState start, PreimageOracle oracle, byte[] prestateHash, ExecutionTrace honest,
                           Fault fault, long stepLimit, long interval) {
        this.oracle = oracle;
        this.prestateHash = prestateHash;
        this.honest = honest;
        this.fault = fault;
        this.stepLimit = stepLimit;
        this.cursor = new TraceCursor(start, oracle, interval);
    }

    /** The bundled fault proof program's run on the pre-images {@code oracle} serves (e.g. {@code FppHost.lazyStore}). */
    public static ExecutionTrace of(PreimageOracle oracle) {
        return of(FaultProofProgram.load().state(), oracle);
    }

    /** The run of any program from its initial state (step 0), which is this trace's absolute prestate. */
    public static ExecutionTrace of(VmState initial, PreimageOracle oracle) {
        return of(initial, oracle, TraceCursor.DEFAULT_INTERVAL);
    }

    /** As {@link #of(VmState, PreimageOracle)} with checkpoints every {@code interval} steps. */
    public static ExecutionTrace of(VmState initial, PreimageOracle oracle, long interval) {
        if (initial.step() != 0) {
            throw new IllegalArgumentException("an execution trace starts at step 0 (the absolute prestate), not " + initial.step());
        }
        if (initial.exited()) {
            throw new IllegalArgumentException("the initial state has already exited");
        }
        VmState start = initial.copy();
        return new ExecutionTrace(start, oracle, start.stateHash(), null, null, Long.MAX_VALUE, interval);
    }

    // ---- faults ----

    /**
     * The trace of the same run with {@code f} injected: equal to this one for indices below {@code f.index()},
     * different at it. This trace must be honest (one fault per trace).
     *
     * @throws IllegalArgumentException when the fault's instruction does not exist (at or after the exit), does not
     *                                  fit the instruction (a wrong load on a non-load), leaves the step with no valid
     *                                  post-state, or changes nothing
     */
    public ExecutionTrace withFault(Fault f) {
        if (fault != null) {
            throw new IllegalStateException("this trace already has a fault (" + fault.describe() + "); inject into the honest trace");
        }
        long k = f.index();
        long n = length();
        if (k >= n) {
            throw new IllegalArgumentException("the run exits after " + n + " instructions (indices 0.." + (n - 1)
                + "): there is no instruction " + k + " to fault, padding executes nothing");
        }
        VmState s = stateAtStep(k);
        // A faulty run may write hints the host cannot answer; a real host would just fail to fetch, and the
        // program then fails on the missing pre-image, which halts the faulty run as a VmFault.
        PreimageOracle tolerant = hintTolerant(oracle);
        Mips32Emulator emu = new Mips32Emulator(s, tolerant);
        emu.setOutput(null, null);
        try {
            apply(f, s, emu);
        } catch (VmFault e) {
            throw new IllegalArgumentException("with the fault (" + f.describe() + ") instruction " + k
                + " has no valid post-state: " + e.getMessage(), e);
        }
        if (Arrays.equals(s.stateHash(), stateHashAt(k))) {
            throw new IllegalArgumentException("the fault (" + f.describe() + ") leaves the same state as the honest step: "
                + "it would not make a different trace");
        }
        long limit = Math.max(k + 1, 2 * n + FAULTY_EXTRA_STEPS);
        return new ExecutionTrace(s, tolerant, prestateHash, this, f, limit, TraceCursor.DEFAULT_INTERVAL);
    }

    /** Applies {@code f} to the pre-state {@code s} of its instruction, executing that instruction with {@code emu}. */
    private static void apply(Fault f, VmState s, Mips32Emulator emu) {
        switch (f) {
            case Fault.FlipBit b -> {
                emu.step();
                s.setRegister(b.register(), s.register(b.register()) ^ (1 << b.bit()));
            }
            case Fault.Skip skip -> {
                s.setPc(s.nextPC());
                s.setNextPC(s.nextPC() + 4);
                s.setStep(s.step() + 1);
            }
            case Fault.WrongLoad w -> {
                int insn = s.memory().getWord(s.pc());
                int rt = loadTarget(insn);
                if (rt < 0) {
                    throw new IllegalArgumentException(String.format("instruction %d is not a load: pc 0x%08x, 0x%08x %s",
                        w.index(), s.pc(), insn, Disassembler.disassemble(insn, s.pc(), null)));
                }
                if (rt == 0) {
                    throw new IllegalArgumentException(String.format("instruction %d (0x%08x %s) loads into r0, which stays 0: "
                        + "a wrong word would change nothing", w.index(), insn, Disassembler.disassemble(insn, s.pc(), null)));
                }
                emu.step();
                s.setRegister(rt, s.register(rt) ^ w.mask());
            }
            case Fault.SetRegister r -> {
                s.setRegister(r.register(), r.value());
                emu.step();
            }
        }
    }

    /** The register a load instruction writes, or -1 when {@code insn} is not a load. */
    static int loadTarget(int insn) {
        int opcode = insn >>> 26;
        boolean load = (opcode >= 0x20 && opcode <= 0x26) || opcode == 0x30; // lb lh lwl lw lbu lhu lwr, ll
        return load ? (insn >>> 16) & 31 : -1;
    }

    private static PreimageOracle hintTolerant(PreimageOracle oracle) {
        return new PreimageOracle() {
            @Override
            public byte[] preimage(byte[] key) {
                return oracle.preimage(key);
            }

            @Override
            public void hint(byte[] hint) {
                try {
                    oracle.hint(hint);
                } catch (RuntimeException ignored) {
                    // The host could not fetch what the hint names: the pre-image stays missing (see withFault).
                }
            }
        };
    }

    public Optional<Fault> fault() {
        return Optional.ofNullable(fault);
    }

    /** The honest trace a faulty one was made from. */
    public Optional<ExecutionTrace> honestTrace() {
        return Optional.ofNullable(honest);
    }

    // ---- hashes ----

    /** The absolute prestate S0's hash (status byte 3, unfinished). */
    public byte[] prestateHash() {
        return prestateHash.clone();
    }

    /**
     * A trace index from the game (up to 125 bits in deep configurations) as a step number. Indices past
     * {@code Long.MAX_VALUE} become {@code Long.MAX_VALUE}: no run gets anywhere near 2^63 steps, so both lie past the
     * run's end and commit to its final state, and a step there is the exited state's no-op step.
     */
    public static long index(BigInteger traceIndex) {
        if (traceIndex.signum() < 0) {
            throw new IllegalArgumentException("negative trace index " + traceIndex);
        }
        return traceIndex.bitLength() < Long.SIZE ? traceIndex.longValue() : Long.MAX_VALUE;
    }

    /**
     * The state hash trace index {@code traceIndex} commits to: S(traceIndex+1), or the final state for every index
     * ≥ N−1 once the run has ended after N steps.
     */
    public byte[] stateHashAt(long traceIndex) {
        if (traceIndex < 0) {
            throw new IllegalArgumentException("negative trace index " + traceIndex);
        }
        if (honest != null && traceIndex < fault.index()) {
            return honest.stateHashAt(traceIndex);
        }
        if (length >= 0 && traceIndex >= length - 1) {
            return finalHash.clone();
        }
        byte[] h = hashCache.get(traceIndex);
        if (h == null) {
            long target = traceIndex == Long.MAX_VALUE ? Long.MAX_VALUE : traceIndex + 1;
            seekTo(target);
            h = cursor.state().stateHash();
            if (cursor.step() == target) {
                hashCache.put(traceIndex, h);
            }
        }
        return h.clone();
    }

    /** The number of instructions N the run executes before it exits (or is halted); runs it to the end once. */
    public long length() {
        if (length < 0) {
            seekTo(Long.MAX_VALUE);
        }
        return length;
    }

    /** The final state's VM status: VALID 0, INVALID 1, PANIC 2, or UNFINISHED 3 for a halted faulty run. */
    public int finalStatus() {
        length();
        return finalHash[0];
    }

    /** The program's exit code, or -1 when the (faulty) run was halted before it exited. */
    public int exitCode() {
        length();
        return finalWitness[89] == 1 ? finalWitness[88] & 0xFF : -1;
    }

    /** The hash of the final state, which every trace index ≥ N−1 commits to. */
    public byte[] finalHash() {
        length();
        return finalHash.clone();
    }

    /** Why a faulty run stopped before exiting, if it hit an instruction with no valid post-state. */
    public Optional<VmFault> haltedBy() {
        length();
        return Optional.ofNullable(haltedBy);
    }

    /** A copy of this trace's state after {@code step} instructions (capped at the final state). */
    public VmState stateAtStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("negative step " + step);
        }
        if (honest != null && step <= fault.index()) {
            return honest.stateAtStep(step);
        }
        seekTo(step);
        return cursor.state().copy();
    }

    // ---- steps ----

    /**
     * The step a player submits at trace index {@code traceIndex}: from this trace's S(traceIndex) to the true
     * S(traceIndex+1). At a faulty trace's fault index k the pre-state is the shared honest S(k) and the step is
     * the honest one (what the honest side submits); {@link StepData#claimedPostHash} is the faulty claim. At and
     * past the exit (index ≥ N) the pre-state is the exited final state and the step changes nothing.
     *
     * @throws IllegalStateException past the end of a halted faulty run, whose last state has no valid step
     */
    public StepData stepAt(long traceIndex) {
        if (traceIndex < 0) {
            throw new IllegalArgumentException("negative trace index " + traceIndex);
        }
        if (honest != null && traceIndex <= fault.index()) {
            StepData h = honest.stepAt(traceIndex);
            return new StepData(h.traceIndex(), h.preHash(), h.postHash(), stateHashAt(traceIndex), h.stateData(),
                h.proofData(), h.oracleKey(), h.oracleValue(), h.oracleOffset());
        }
        seekTo(traceIndex);
        VmState s = cursor.state();
        if (length >= 0 && traceIndex >= length) {
            if (!s.exited()) {
                throw new IllegalStateException("this faulty run was halted after " + cursor.step() + " steps"
                    + (haltedBy == null ? " (step limit)" : ": " + haltedBy.getMessage()) + "; it has no step at index " + traceIndex);
            }
            byte[] w = s.witness();
            byte[] h = s.stateHash();
            return new StepData(traceIndex, h, h.clone(), stateHashAt(traceIndex), w,
                new byte[StepProof.PROOF_BYTES], null, null, 0);
        }
        StepProof p = cursor.stepForwardWithProof();
        return new StepData(traceIndex, p.pre(), p.post(), stateHashAt(traceIndex), p.stateData(), p.proofData(),
            p.oracleKey(), p.oracleValue(), p.oracleOffset());
    }

    // ---- seeking ----

    /**
     * Moves the cursor to the state after {@code step} instructions, or to the run's end if that comes first,
     * recording the end (length, final state) when reached.
     */
    private void seekTo(long step) {
        long target = Math.min(step, stepLimit);
        if (length >= 0 && target > length) {
            target = length;
        }
        try {
            cursor.seek(target);
        } catch (VmFault e) {
            if (honest == null) {
                throw e;
            }
            haltedBy = e;
            end();
            return;
        }
        if (cursor.state().exited() || cursor.step() == stepLimit) {
            end();
        }
    }

    private void end() {
        if (length < 0) {
            VmState s = cursor.state();
            length = s.step();
            finalWitness = s.witness();
            finalHash = VmState.stateHashOf(finalWitness);
        }
    }
}
