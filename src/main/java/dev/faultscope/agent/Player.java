package dev.faultscope.agent;

import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameAction;

import java.util.List;

/**
 * One participant of a game: looks at the game at simulated time {@code now} and says what it sends. A player keeps
 * no state the game does not show except its own choices (a seed, a budget), so a game can be resumed from any point.
 */
public interface Player {
    /** The actor name its actions are sent as (a stand-in for its address). */
    String name();

    /** The strategy's name, e.g. {@code honest}, {@code invalid-transfers}, {@code freeloader}. */
    String strategy();

    /**
     * The actions to send now, in order. Each is computed on the game as it is when {@code act} is called; the caller
     * applies them in order, so a later one may rely on an earlier one (a pre-image loaded before a step).
     */
    List<GameAction> act(FaultDisputeGame game, long now);
}
