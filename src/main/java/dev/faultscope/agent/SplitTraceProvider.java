package dev.faultscope.agent;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.ExecutionContext;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.Position;

import java.math.BigInteger;
import java.util.Objects;

/** A whole view of the game: output roots down to the split depth, VM state hashes below it. */
public final class SplitTraceProvider implements TraceProvider {
    private final OutputTraceProvider outputs;
    private final ExecutionTraceProvider execution;

    public SplitTraceProvider(OutputTraceProvider outputs, ExecutionTraceProvider execution) {
        this.outputs = Objects.requireNonNull(outputs, "outputs");
        this.execution = Objects.requireNonNull(execution, "execution");
    }

    public OutputTraceProvider outputs() {
        return outputs;
    }

    public ExecutionTraceProvider execution() {
        return execution;
    }

    @Override
    public Bytes32 valueAt(FaultDisputeGame game, Position pos, ExecutionContext ctx) {
        return pos.depth() <= game.config().splitDepth() ? outputs.valueAt(game, pos) : execution.valueAt(game, pos, ctx);
    }

    @Override
    public StepData stepAt(FaultDisputeGame game, ExecutionContext ctx, BigInteger instructionIndex) {
        return execution.stepAt(game, ctx, instructionIndex);
    }
}
