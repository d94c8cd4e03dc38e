package dev.faultscope.agent;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.Claim;
import dev.faultscope.game.ContractError;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameStatus;
import dev.faultscope.game.Position;

import java.math.BigInteger;

/**
 * The contract's move checks, asked before acting rather than learnt from a revert: players that make up values (the
 * random and freeloading strategies) use them to send only moves the game accepts.
 */
public final class GameRules {
    public static final int STATUS_VALID = 0;
    public static final int STATUS_INVALID = 1;

    private GameRules() {
    }

    /**
     * The status byte a claim at depth S+1 must carry when moving against {@code parentIndex} (dispute-game.md
     * section 3): INVALID when attacking or when the disputed output is the other team's, VALID when defending its own
     * team's output; -1 when the move does not land at depth S+1.
     */
    public static int requiredStatus(FaultDisputeGame game, int parentIndex, boolean isAttack) {
        Claim parent = game.claim(parentIndex);
        int s = game.config().splitDepth();
        if (parent.depth() + 1 != s + 1) {
            return -1;
        }
        Position disputed = Position.ofGindex(parent.position().gindex().add(BigInteger.ONE)).traceAncestor();
        return isAttack || disputed.depth() % 2 == s % 2 ? STATUS_INVALID : STATUS_VALID;
    }

    /** {@code value} with byte 0 replaced by {@code status} (a VM status byte). */
    public static Bytes32 withStatus(Bytes32 value, int status) {
        byte[] b = value.bytes();
        b[0] = (byte) status;
        return Bytes32.of(b);
    }

    /**
     * The error {@code move(claims[parentIndex].value, parentIndex, value, isAttack)} paying the required bond at
     * {@code now} would revert with, or null if the contract would accept it. Same checks, same order.
     */
    public static ContractError checkMove(FaultDisputeGame game, int parentIndex, Bytes32 value, boolean isAttack, long now) {
        if (game.status() != GameStatus.IN_PROGRESS) {
            return ContractError.GameNotInProgress;
        }
        if (parentIndex < 0 || parentIndex >= game.claimCount()) {
            return ContractError.IndexOutOfBounds;
        }
        Claim parent = game.claim(parentIndex);
        int s = game.config().splitDepth();
        Position next = parent.position().move(isAttack);
        if (!isAttack && (parentIndex == 0 || next.depth() == s + 2)) {
            return ContractError.CannotDefendRootClaim;
        }
        if (next.depth() > game.config().maxGameDepth()) {
            return ContractError.GameDepthExceeded;
        }
        int status = requiredStatus(game, parentIndex, isAttack);
        int byte0 = value.bytes()[0] & 0xFF;
        if (status == STATUS_INVALID && byte0 != 1 && byte0 != 2 || status == STATUS_VALID && byte0 != 0) {
            return ContractError.UnexpectedRootClaim;
        }
        if (now < game.latestTime() || game.timeLeft(parentIndex, now) <= 0) {
            return ContractError.ClockTimeExceeded;
        }
        if (exists(game, parentIndex, next, value)) {
            return ContractError.ClaimAlreadyExists;
        }
        return null;
    }

    /** True if a claim with this value and position already moved against {@code parentIndex}. */
    public static boolean exists(FaultDisputeGame game, int parentIndex, Position pos, Bytes32 value) {
        for (int child : game.children(parentIndex)) {
            Claim c = game.claim(child);
            if (c.position().equals(pos) && c.value().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
