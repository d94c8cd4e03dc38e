package dev.faultscope.game;

import dev.faultscope.fpp.Bytes32;

import java.math.BigInteger;

/**
 * One transaction sent to the game, with who sent it and when: the unit a session records and a replay
 * re-applies. Applying one either changes the game as the contract would or throws {@link GameError} and
 * changes nothing.
 */
public sealed interface GameAction {
    /** Simulated time (seconds) at which the action is sent. */
    long time();

    /** Who sends it: a player's name, standing in for its address. */
    String actor();

    /** Sends the action to the game; returns the new claim's index for a move, else -1. */
    int applyTo(FaultDisputeGame game);

    record Move(long time, String actor, int parentIndex, Bytes32 disputed, Bytes32 value, boolean attack,
                BigInteger bond) implements GameAction {
        @Override
        public int applyTo(FaultDisputeGame game) {
            return game.move(disputed, parentIndex, value, attack, actor, bond, time);
        }
    }

    record Step(long time, String actor, int claimIndex, boolean attack, byte[] stateData, byte[] proof)
        implements GameAction {
        @Override
        public int applyTo(FaultDisputeGame game) {
            game.step(claimIndex, attack, stateData, proof, actor, time);
            return -1;
        }
    }

    /** Loads one of the five local inputs of a claim's execution subgame into the pre-image oracle. */
    record AddLocalData(long time, String actor, long ident, int claimIndex) implements GameAction {
        @Override
        public int applyTo(FaultDisputeGame game) {
            game.addLocalData(ident, claimIndex, actor);
            return -1;
        }
    }

    /** Loads a keccak pre-image (all its parts) into the pre-image oracle. */
    record LoadKeccakPreimage(long time, String actor, byte[] data) implements GameAction {
        @Override
        public int applyTo(FaultDisputeGame game) {
            game.loadKeccakPreimage(data);
            return -1;
        }
    }

    record ResolveClaim(long time, String actor, int claimIndex, int numToResolve) implements GameAction {
        @Override
        public int applyTo(FaultDisputeGame game) {
            game.resolveClaim(claimIndex, numToResolve, time);
            return -1;
        }
    }

    record Resolve(long time, String actor) implements GameAction {
        @Override
        public int applyTo(FaultDisputeGame game) {
            game.resolve(time);
            return -1;
        }
    }
}
