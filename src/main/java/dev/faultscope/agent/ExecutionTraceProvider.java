package dev.faultscope.agent;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.fpp.FppHost;
import dev.faultscope.fpp.FppHostException;
import dev.faultscope.fpp.FppInputs;
import dev.faultscope.game.ExecutionContext;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.Position;
import dev.faultscope.oracle.PreimageStore;
import dev.faultscope.vm.VmState;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Values below the split: the state hash at a position's trace index in its execution subgame's run of the fault
 * proof program, padded after the exit (dispute-game.md sections 2-4).
 *
 * <p>Each subgame's inputs come from its {@link ExecutionContext}; the run is served by an {@link FppHost} (which also
 * serves wrong proposers' chains, so a subgame starting from a wrong output still finds its pre-images). Runs are
 * cached per subgame (by local context) because a game asks the same subgame again and again; the real runs are
 * shared through {@link Runs} by every player of a game, since two players running the same inputs get the same trace.
 *
 * <p>The honest view is the real run. A dishonest view ({@link #believing}) holds an opinion about the disputed
 * output; where the real run disagrees with it, it claims a real run with one fault: at the exit (a forced exit code,
 * so bisection ends on the exit syscall) or at a chosen instruction k (so bisection ends on instruction k). The status
 * byte at depth S+1 then follows from the final state, as the contract demands; when a fault in the middle leaves
 * the program exiting with the wrong verdict the padded claims carry the believed status byte instead (such a claim
 * is no real state, which only makes it more wrong).
 */
public final class ExecutionTraceProvider implements TraceProvider {
    /** A dishonest player's opinion of a subgame's disputed output. */
    @FunctionalInterface
    public interface Belief {
        /** True if this player holds the disputed output of {@code ctx} to be correct (the program should exit 0). */
        boolean disputedIsValid(FaultDisputeGame game, ExecutionContext ctx);
    }

    /** The real program runs of one host, by their inputs; one per game is enough, shared by every player. */
    public static final class Runs {
        private final FppHost host;
        private final Map<FppInputs, ExecutionTrace> runs = new java.util.LinkedHashMap<>();

        public Runs(FppHost host) {
            this.host = Objects.requireNonNull(host, "host");
        }

        /** The real run for {@code inputs}, started on first use and continued lazily as indices are asked for. */
        public ExecutionTrace run(FppInputs inputs) {
            return runs.computeIfAbsent(inputs, in -> ExecutionTrace.of(store(in)));
        }

        /** The length of each run started so far, in the order they were started (each is run to its end). */
        public List<Long> lengths() {
            List<Long> out = new ArrayList<>();
            for (ExecutionTrace t : runs.values()) {
                out.add(t.length());
            }
            return out;
        }

        /** How many distinct program runs were started. */
        public int count() {
            return runs.size();
        }

        public FppHost host() {
            return host;
        }

        private PreimageStore store(FppInputs inputs) {
            PreimageStore store = new PreimageStore();
            inputs.putLocals(store);
            return store.onHint((hint, s) -> {
                try {
                    host.answer(hint, s);
                } catch (FppHostException e) {
                    // Like op-program's host failing to fetch: the pre-image stays missing and the program's read of
                    // it fails; an output claim nobody can open has no honest trace (see ExecutionTrace).
                }
            });
        }
    }

    /** One subgame as this view claims it. */
    private record Own(ExecutionTrace trace, int paddedStatus) {
    }

    private final Runs runs;
    private final Belief belief;
    private final long faultAt;
    private final Map<Bytes32, Own> bySubgame = new HashMap<>();

    private ExecutionTraceProvider(Runs runs, Belief belief, long faultAt) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.belief = belief;
        this.faultAt = faultAt;
    }

    /** The honest view: every subgame's real run. */
    public static ExecutionTraceProvider honest(Runs runs) {
        return new ExecutionTraceProvider(runs, null, -1);
    }

    /**
     * A view that believes {@code belief} about each disputed output. With {@code faultAt < 0} it claims the real run
     * where that agrees with its belief, and otherwise the real run with its exit code forced
     * ({@link Fault#forceExitCode}); with {@code faultAt ≥ 0} it claims, wherever it disagrees with the real verdict,
     * the real run with a fault at instruction {@code faultAt} ({@link #faultAt(ExecutionTrace, long)}).
     */
    public static ExecutionTraceProvider believing(Runs runs, Belief belief, long faultAt) {
        return new ExecutionTraceProvider(runs, Objects.requireNonNull(belief, "belief"), faultAt);
    }

    /** The trace this view claims for subgame {@code ctx}. */
    public ExecutionTrace traceFor(FaultDisputeGame game, ExecutionContext ctx) {
        return own(game, ctx).trace();
    }

    @Override
    public Bytes32 valueAt(FaultDisputeGame game, Position pos, ExecutionContext ctx) {
        int s = game.config().splitDepth();
        int m = game.config().maxGameDepth();
        Own own = own(game, Objects.requireNonNull(ctx, "an execution position needs its subgame"));
        long index = ExecutionTrace.index(pos.traceIndexInSubgame(s, m));
        byte[] h = own.trace().stateHashAt(index);
        if (own.paddedStatus() >= 0 && index >= own.trace().length() - 1) {
            h[0] = (byte) own.paddedStatus();
        }
        return Bytes32.of(h);
    }

    @Override
    public StepData stepAt(FaultDisputeGame game, ExecutionContext ctx, BigInteger instructionIndex) {
        return own(game, ctx).trace().stepAt(ExecutionTrace.index(instructionIndex));
    }

    private Own own(FaultDisputeGame game, ExecutionContext ctx) {
        Own own = bySubgame.get(ctx.localContext());
        if (own == null) {
            own = build(game, ctx);
            bySubgame.put(ctx.localContext(), own);
        }
        return own;
    }

    private Own build(FaultDisputeGame game, ExecutionContext ctx) {
        ExecutionTrace real = runs.run(ctx.fppInputs());
        if (belief == null) {
            return new Own(real, -1);
        }
        boolean wantValid = belief.disputedIsValid(game, ctx);
        boolean realValid = real.finalStatus() == 0;
        if (wantValid == realValid) {
            return new Own(real, -1);
        }
        ExecutionTrace own = faultAt >= 0 ? real.withFault(faultAt(real, faultAt))
            : real.withFault(Fault.forceExitCode(real, wantValid ? 0 : 1));
        int status = own.finalStatus();
        boolean ownValid = status == 0;
        boolean statusFits = wantValid ? ownValid : status == 1 || status == 2;
        return new Own(own, statusFits ? -1 : wantValid ? 0 : 1);
    }

    /**
     * A fault at instruction {@code k} of {@code honest} whose effect lasts to the end of the run, so that every
     * trace index from k on differs from the honest trace and bisection narrows to exactly k. A run is deterministic,
     * so once a faulty state equals the honest one they stay equal: a fault whose final state differs never healed.
     * Tries a wrong loaded word (when k is a load), a flipped stack-pointer bit, then skipping the instruction.
     *
     * @throws IllegalArgumentException when k is past the run's last instruction or no candidate fault lasts
     */
    public static Fault faultAt(ExecutionTrace honest, long k) {
        if (k < 0 || k >= honest.length()) {
            throw new IllegalArgumentException("fault index " + k + " is outside the run's instructions 0.." + (honest.length() - 1));
        }
        VmState s = honest.stateAtStep(k);
        int insn = s.memory().getWord(s.pc());
        List<Fault> candidates = new ArrayList<>();
        if (ExecutionTrace.loadTarget(insn) > 0) {
            candidates.add(new Fault.WrongLoad(k, 1));
        }
        candidates.add(new Fault.FlipBit(k, 29, 4));
        candidates.add(new Fault.Skip(k));
        candidates.add(new Fault.FlipBit(k, 31, 8));
        List<String> tried = new ArrayList<>();
        for (Fault f : candidates) {
            try {
                ExecutionTrace t = honest.withFault(f);
                if (!java.util.Arrays.equals(t.finalHash(), honest.finalHash())) {
                    return f;
                }
                tried.add(f.describe() + ": the run heals and ends in the honest state");
            } catch (IllegalArgumentException e) {
                tried.add(f.describe() + ": " + e.getMessage());
            }
        }
        throw new IllegalArgumentException("no lasting fault at instruction " + k + ": " + String.join("; ", tried));
    }
}
