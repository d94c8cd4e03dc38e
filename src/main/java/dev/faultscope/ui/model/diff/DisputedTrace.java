package dev.faultscope.ui.model.diff;

import dev.faultscope.agent.ExecutionTrace;
import dev.faultscope.agent.ExecutionTraceProvider;
import dev.faultscope.agent.Fault;
import dev.faultscope.agent.FaultProofProgram;
import dev.faultscope.diff.ExecutionTraceSide;
import dev.faultscope.diff.TraceDiff;
import dev.faultscope.game.Claim;
import dev.faultscope.game.ExecutionContext;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.vm.Symbols;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * "Compare with honest run" for an execution subgame: the trace the disputing side's claims commit to, rebuilt as the
 * honest run with one fault, beside the honest run at their first divergence. A session records claims, not the
 * player's trace, so the trace is found by trying the faults the project's dishonest players make (a forced exit
 * code, or a lasting fault at the first trace index where a claim disagrees) and keeping the one that reproduces
 * every claim of the subgame.
 */
public final class DisputedTrace {
    /** The comparison, or why there is none. */
    public record Result(DiffModel diff, String problem) {
    }

    private DisputedTrace() {
    }

    public static Result compare(FaultDisputeGame game, int claimIndex, ExecutionTraceProvider.Runs runs) {
        int split = game.config().splitDepth();
        int max = game.config().maxGameDepth();
        if (game.claim(claimIndex).depth() <= split) {
            return new Result(null, "claim #" + claimIndex + " is an output claim; compare runs in an execution subgame (below the split depth)");
        }
        ExecutionContext ctx = game.executionContext(claimIndex);
        ExecutionTrace honest = runs.run(ctx.fppInputs());
        // Every claim of this subgame: trace index → value.
        Map<Long, byte[]> claimed = new TreeMap<>();
        for (Claim c : game.claims()) {
            if (c.depth() > split && game.executionContext(c.index()).equals(ctx)) {
                claimed.put(ExecutionTrace.index(c.position().traceIndexInSubgame(split, max)), c.value().bytes());
            }
        }
        long firstDisagreeing = -1;
        for (Map.Entry<Long, byte[]> e : claimed.entrySet()) {
            if (!Arrays.equals(e.getValue(), honest.stateHashAt(e.getKey()))) {
                firstDisagreeing = e.getKey();
                break;
            }
        }
        if (firstDisagreeing < 0) {
            return new Result(null, "every claim of this subgame agrees with the honest run: there is no disputed trace to compare");
        }
        List<Fault> candidates = new ArrayList<>();
        for (int code : new int[] {0, 1}) {
            try {
                candidates.add(Fault.forceExitCode(honest, code));
            } catch (IllegalArgumentException | IllegalStateException e) {
                // the honest run already exits so, or does not end in exit_group: not this candidate
            }
        }
        try {
            candidates.add(ExecutionTraceProvider.faultAt(honest, Math.min(firstDisagreeing, honest.length() - 1)));
        } catch (IllegalArgumentException e) {
            // no lasting fault there: the other candidates remain
        }
        for (Fault f : candidates) {
            ExecutionTrace faulty = honest.withFault(f);
            if (claimed.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), faulty.stateHashAt(e.getKey()))
                || Arrays.equals(e.getValue(), honest.stateHashAt(e.getKey())))) {
                Symbols symbols = FaultProofProgram.load().symbols();
                var d = TraceDiff.compare(new ExecutionTraceSide("honest run", honest, symbols),
                    new ExecutionTraceSide("claim #" + claimIndex + "'s trace (" + f.describe() + ")", faulty, symbols));
                return new Result(new DiffModel(d, symbols), null);
            }
        }
        return new Result(null, "the disputing claims are not reproduced by a forced exit code or one fault at trace index "
            + firstDisagreeing + " (the first claim that disagrees with the honest run)");
    }
}
