package dev.faultscope.agent;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.Claim;
import dev.faultscope.game.ExecutionContext;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.Position;

import java.math.BigInteger;

/**
 * A player's view of what the claim at any position should be: the correct value for the honest agent, its own
 * (wrong) value for a dishonest one (dispute-game.md section 8, "Honest values").
 *
 * <p>Above the split a position names an L2 block, so its value depends on the position alone. Below it the value is
 * a VM state hash in one execution subgame, and which program run that is depends on the output claims above the
 * subgame: the {@link ExecutionContext}. So the primitive is {@link #valueAt(FaultDisputeGame, Position,
 * ExecutionContext)}, and {@link #claimValue}/{@link #moveValue} find the context for an existing claim or a move.
 */
public interface TraceProvider {
    /** The value at {@code pos}; {@code ctx} is the execution subgame below the split and ignored (may be null) above. */
    Bytes32 valueAt(FaultDisputeGame game, Position pos, ExecutionContext ctx);

    /**
     * What this view submits to {@code step} to execute instruction {@code instructionIndex} (0-based, counted from
     * the absolute prestate) of the subgame {@code ctx}, and the pre-image that instruction reads.
     */
    StepData stepAt(FaultDisputeGame game, ExecutionContext ctx, BigInteger instructionIndex);

    /** This view's value at existing claim {@code claimIndex}'s position (in that claim's own subgame). */
    default Bytes32 claimValue(FaultDisputeGame game, int claimIndex) {
        Claim c = game.claim(claimIndex);
        ExecutionContext ctx = c.depth() > game.config().splitDepth() ? game.executionContext(claimIndex) : null;
        return valueAt(game, c.position(), ctx);
    }

    /** This view's value for a new claim that attacks or defends claim {@code parentIndex}. */
    default Bytes32 moveValue(FaultDisputeGame game, int parentIndex, boolean isAttack) {
        Claim p = game.claim(parentIndex);
        Position pos = p.position().move(isAttack);
        ExecutionContext ctx = pos.depth() > game.config().splitDepth()
            ? game.executionContextOfMove(parentIndex, isAttack) : null;
        return valueAt(game, pos, ctx);
    }
}
