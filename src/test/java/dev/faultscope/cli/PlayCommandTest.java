package dev.faultscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.faultscope.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlayCommandTest {
    @TempDir
    Path dir;

    @Test
    void aWrongProposerLosesAndTheSavedSessionReplaysToTheSameTable() {
        Path session = dir.resolve("game.json");
        CliTest.Result played = cli("play", "--scenario", "samples/scenarios/classroom.json", "--config", "workshop",
            "--defender", "invalid-transfers", "--challenger", "honest", "--out", session.toString());
        assertEquals(0, played.code(), played.err());
        assertTrue(played.out().contains("Winner: challenger"), played.out());
        assertTrue(played.out().contains("steps against claim"), "the game ends with a step at max depth: " + played.out());
        CliTest.Result replayed = cli("replay", "--session", session.toString());
        assertEquals(0, replayed.code(), replayed.err());
        // The replayed table is the one printed after play: same claims, same resolution.
        String table = played.out().substring(played.out().indexOf("Status: "), played.out().indexOf("Credits:"));
        assertTrue(replayed.out().contains(table), replayed.out());
    }

    @Test
    void unknownStrategiesAndAMissingFaultStepAreUsageErrors() {
        assertEquals(2, cli("play", "--scenario", "samples/scenarios/classroom.json", "--defender", "nobody").code());
        assertEquals(2, cli("play", "--scenario", "samples/scenarios/classroom.json", "--challenger", "fault-at").code());
        CliTest.Result missing = cli("play", "--scenario", dir.resolve("none.json").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("none.json"), missing.err());
    }
}
