package dev.faultscope.game;

import java.util.List;
import java.util.Map;

/**
 * A played game as a record of what happened: its setup, where its chain came from, the program it was
 * played with, who played which side, and every action in order. Replaying the actions through the
 * engine rebuilds every claim.
 *
 * @param scenario     the chain scenario: a path as given when the game was played (relative paths are
 *                     taken from the session file's folder or the working folder)
 * @param scenarioHash keccak of the scenario file's bytes, to notice a changed scenario
 * @param programHash  keccak of the fault proof program's ELF the traces came from
 * @param players      role ("defender", "challenger", …) to strategy, for display and re-playing
 */
public record Session(GameSetup setup, String scenario, byte[] scenarioHash, byte[] programHash,
                      Map<String, String> players, List<GameAction> actions) {
    public Session {
        players = Map.copyOf(players);
        actions = List.copyOf(actions);
    }

    /** A fresh game with the first {@code count} actions applied. */
    public FaultDisputeGame replay(int count) {
        FaultDisputeGame game = setup.newGame();
        for (int i = 0; i < count; i++) {
            actions.get(i).applyTo(game);
        }
        return game;
    }

    public FaultDisputeGame replay() {
        return replay(actions.size());
    }
}
