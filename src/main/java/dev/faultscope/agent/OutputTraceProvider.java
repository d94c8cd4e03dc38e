package dev.faultscope.agent;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.fpp.ChainModel;
import dev.faultscope.fpp.Proposer;
import dev.faultscope.game.ExecutionContext;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.Position;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Values above the split: the output root a chain has at the block a position names ({@link FaultDisputeGame#blockOf},
 * already capped at the root claim's block). Execution positions are not its business ({@link SplitTraceProvider}).
 */
public final class OutputTraceProvider implements TraceProvider {
    /** An output root per L2 block, possibly depending on the game (the honest one caps at the game's L1 head). */
    @FunctionalInterface
    public interface Outputs {
        Bytes32 outputAt(FaultDisputeGame game, long block);
    }

    private final String description;
    private final Outputs outputs;

    public OutputTraceProvider(String description, Outputs outputs) {
        this.description = Objects.requireNonNull(description, "description");
        this.outputs = Objects.requireNonNull(outputs, "outputs");
    }

    /**
     * The honest chain as the program sees it from the game's L1 head: blocks past the safe head derivable from that
     * head have the safe head's output, exactly what the program computes when the L1 data runs out.
     */
    public static OutputTraceProvider honest(ChainModel model) {
        return new OutputTraceProvider("honest chain", (game, block) -> model.honestOutput(block, l1HeadNumber(model, game)));
    }

    /** A proposer's chain: every output it would claim (a wrong proposer's for teaching). */
    public static OutputTraceProvider of(Proposer proposer) {
        return new OutputTraceProvider(proposer.name() + " chain", (game, block) -> proposer.claim(block));
    }

    /** The L1 block number of the game's L1 head in the scenario (a game always derives from a real L1 block). */
    public static long l1HeadNumber(ChainModel model, FaultDisputeGame game) {
        return model.l1BlockByHash(game.config().l1Head())
            .orElseThrow(() -> new IllegalArgumentException("the game's L1 head " + game.config().l1Head().shortHex()
                + " is not a block of scenario \"" + model.scenario().name() + "\""))
            .number();
    }

    public Bytes32 outputAt(FaultDisputeGame game, long block) {
        return outputs.outputAt(game, block);
    }

    /** The output root at the block {@code pos} (depth ≤ S) commits to. */
    public Bytes32 valueAt(FaultDisputeGame game, Position pos) {
        return outputs.outputAt(game, game.blockOf(pos));
    }

    /** As {@link #valueAt(FaultDisputeGame, Position)}; positions below the split are rejected by {@code blockOf}. */
    @Override
    public Bytes32 valueAt(FaultDisputeGame game, Position pos, ExecutionContext ctx) {
        return valueAt(game, pos);
    }

    /** Output roots are never stepped: steps happen at MAX_GAME_DEPTH, below the split. */
    @Override
    public StepData stepAt(FaultDisputeGame game, ExecutionContext ctx, BigInteger instructionIndex) {
        throw new UnsupportedOperationException("an output trace has no VM steps");
    }

    public String description() {
        return description;
    }
}
