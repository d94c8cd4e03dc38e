package dev.faultscope.agent;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.Claim;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameAction;

/** Helpers for strategies that make up their values: legal junk moves. */
final class Moves {
    private Moves() {
    }

    /**
     * A move against {@code parentIndex} with {@code value} (its status byte fixed to what the contract demands at
     * depth S+1), or null when the contract would reject it.
     */
    static GameAction.Move legal(FaultDisputeGame game, String actor, int parentIndex, boolean isAttack, Bytes32 value,
                                 long now) {
        if (parentIndex < 0 || parentIndex >= game.claimCount()) {
            return null;
        }
        int status = GameRules.requiredStatus(game, parentIndex, isAttack);
        Bytes32 v = status < 0 ? value : GameRules.withStatus(value, status);
        if (GameRules.checkMove(game, parentIndex, v, isAttack, now) != null) {
            return null;
        }
        Claim parent = game.claim(parentIndex);
        return new GameAction.Move(now, actor, parentIndex, parent.value(), v, isAttack,
            game.requiredBond(parent.position().move(isAttack)));
    }

    /** A value nobody's trace has: deterministic, so sessions replay the same. */
    static Bytes32 junk(String actor, String what) {
        return Bytes32.keccak((actor + " made this up: " + what).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
