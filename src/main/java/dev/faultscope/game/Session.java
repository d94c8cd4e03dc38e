package dev.faultscope.game;

import dev.faultscope.crypto.Keccak256;

import java.util.Arrays;
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
 * @param scenarioFile the scenario file's exact bytes (keccak = {@code scenarioHash}) carried inside the session, so
 *                     it opens with its chain wherever it is moved; null when only the path names it
 */
public record Session(GameSetup setup, String scenario, byte[] scenarioHash, byte[] programHash,
                      Map<String, String> players, List<GameAction> actions, byte[] scenarioFile) {
    public Session {
        players = Map.copyOf(players);
        actions = List.copyOf(actions);
        if (scenarioFile != null && (scenarioHash == null || !Arrays.equals(Keccak256.hash(scenarioFile), scenarioHash))) {
            throw new IllegalArgumentException("the embedded scenario's bytes do not hash to the scenario's keccak");
        }
    }

    /** A session that names its scenario by path and hash only. */
    public Session(GameSetup setup, String scenario, byte[] scenarioHash, byte[] programHash,
                   Map<String, String> players, List<GameAction> actions) {
        this(setup, scenario, scenarioHash, programHash, players, actions, null);
    }

    /** The same game and origin with other actions (a branch or an extension of this one). */
    public Session withActions(List<GameAction> other) {
        return new Session(setup, scenario, scenarioHash, programHash, players, other, scenarioFile);
    }

    /** The same session carrying the scenario file's bytes; they must hash to {@code scenarioHash}. */
    public Session withScenarioFile(byte[] bytes) {
        return new Session(setup, scenario, scenarioHash, programHash, players, actions, bytes);
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
