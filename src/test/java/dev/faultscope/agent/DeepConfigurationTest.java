package dev.faultscope.agent;

import dev.faultscope.game.Claim;
import dev.faultscope.game.ClaimTable;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameAction;
import dev.faultscope.game.GameStatus;
import dev.faultscope.io.SessionFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

import static dev.faultscope.agent.GameRunnerTest.CLASSROOM;
import static dev.faultscope.agent.GameRunnerTest.assertHonestInvariants;
import static dev.faultscope.agent.GameRunnerTest.describe;
import static dev.faultscope.agent.GameRunnerTest.honestSteps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole games at the extremes of what the contract accepts (M ≤ 125, 2 ≤ S, S + 1 < M): small, mainnet, execution
 * trace indices of 62 to 65 bits (where a {@code long} overflows) and M = 125 with splits from 2 to 100, whose
 * execution subgames name up to 2^122 trace indices. Nearly all of them are padding past the program's exit; the
 * honest side must still win every game, and the game and its session file must agree (the game view: DeepGameModelTest).
 *
 * <p>A split of 2 names only four output blocks, so those games propose block 4; every other game proposes the
 * scenario's last block.
 */
class DeepConfigurationTest {
    @BeforeAll
    static void load() throws IOException {
        GameRunnerTest.load(); // the honest invariants check against the scenario's model
    }

    static GameRunner.Result play(String config, String defender, String challenger, long faultAt, long rootBlock) {
        return GameRunner.play(new GameRunner.Match(CLASSROOM, config, defender, challenger, faultAt, 0, rootBlock), null);
    }

    @ParameterizedTest(name = "{0}: wrong proposer vs honest challenger")
    @CsvSource({
        "'23,2', 4", "mainnet, -1", "'93,30', -1", "'94,30', -1", "'95,30', -1", "'96,30', -1",
        "'125,2', 4", "'125,30', -1", "'125,62', -1", "'125,63', -1", "'125,64', -1", "'125,100', -1",
    })
    void theHonestChallengerBeatsAWrongProposer(String config, long rootBlock, @TempDir Path dir) throws Exception {
        GameRunner.Result r = play(config, "invalid-transfers", "honest", -1, rootBlock);
        assertEquals(GameStatus.CHALLENGER_WINS, r.status(), () -> describe(r));
        assertTrue(r.game().claims().stream().anyMatch(c -> c.depth() > r.game().config().splitDepth()),
            () -> "the dispute went down into the execution trace\n" + describe(r));
        assertHonestInvariants(r, GameRunner.CHALLENGER);
        assertTrue(r.shallowExecutionWarning().isEmpty());
        assertSessionRoundTrips(r, dir);
    }

    @ParameterizedTest(name = "{0}: honest proposer vs an attacker")
    @CsvSource({
        "'23,2', 4", "mainnet, -1", "'93,30', -1", "'94,30', -1", "'95,30', -1", "'96,30', -1",
        "'125,2', 4", "'125,30', -1", "'125,62', -1", "'125,63', -1", "'125,64', -1", "'125,100', -1",
    })
    void theHonestProposerBeatsAnAttacker(String config, long rootBlock) {
        GameRunner.Result r = play(config, "honest", "attack-correct-root", -1, rootBlock);
        assertEquals(GameStatus.DEFENDER_WINS, r.status(), () -> describe(r));
        assertTrue(r.game().claimCount() > 1, "the attacker made claims");
        assertHonestInvariants(r, GameRunner.DEFENDER);
    }

    /**
     * A lasting fault at instruction k, with M odd so the honest defender holds the step: bisection over indices of
     * 64 to 94 bits still ends on exactly instruction k.
     */
    @ParameterizedTest(name = "{0}: fault at instruction {1}")
    @CsvSource({"'95,30', 1000", "'125,30', 200000", "'125,62', 0"})
    void anInjectedFaultIsSteppedAtItsInstructionAtDepth(String config, long k) {
        GameRunner.Result r = play(config, "honest", "fault-at", k, -1);
        assertEquals(GameStatus.DEFENDER_WINS, r.status(), () -> describe(r));
        List<GameRunnerTest.Stepped> steps = honestSteps(r, GameRunner.DEFENDER);
        assertFalse(steps.isEmpty(), () -> describe(r));
        assertEquals(BigInteger.valueOf(k), steps.get(steps.size() - 1).context().instructionIndex());
        assertHonestInvariants(r, GameRunner.DEFENDER);
    }

    @Test
    void aRootBlockTheOutputBisectionCannotReachIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> play("4,2", "invalid-transfers", "honest", -1, -1));
        assertTrue(e.getMessage().contains("SPLIT_DEPTH 2 gives 4 output leaves"), e.getMessage());
    }

    /** Two execution levels cannot reach the program's exit: the result is flagged, not presented as a verdict. */
    @Test
    void anExecutionDepthTooShallowForTheRunIsFlagged() {
        GameRunner.Result r = play("64,62", "invalid-transfers", "honest", -1, -1);
        assertTrue(r.shallowExecutionWarning().orElseThrow().contains("2 trace indices"));
    }

    private static void assertSessionRoundTrips(GameRunner.Result r, Path dir) throws Exception {
        Path file = dir.resolve("deep.json.gz");
        SessionFile.write(r.session(), file);
        SessionFile.Loaded loaded = SessionFile.read(file);
        assertEquals(r.game().claims(), loaded.game().claims());
        assertEquals(r.game().status(), loaded.game().status());
        assertEquals(ClaimTable.of(r.game()).json(), ClaimTable.of(loaded.game()).json());
        assertTrue(loaded.session().actions().stream().anyMatch(a -> a instanceof GameAction.Move));
    }
}
