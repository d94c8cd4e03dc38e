package dev.faultscope.cli;

import dev.faultscope.io.SessionFile;
import dev.faultscope.ui.model.game.GameModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.faultscope.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
    void theSavedSessionCarriesItsScenarioAndATamperedCopyIsRefused() throws Exception {
        Path scenario = dir.resolve("chain.json");
        Files.copy(Path.of("samples/scenarios/classroom.json"), scenario);
        Path session = dir.resolve("mailed.json");
        CliTest.Result played = cli("play", "--scenario", scenario.toString(), "--config", "workshop",
            "--defender", "invalid-transfers", "--challenger", "honest", "--out", session.toString());
        assertEquals(0, played.code(), played.err());
        byte[] scenarioBytes = Files.readAllBytes(scenario);
        Files.delete(scenario);

        CliTest.Result replayed = cli("replay", "--session", session.toString());
        assertEquals(0, replayed.code(), replayed.err());
        assertTrue(replayed.out().contains("chain.json (embedded, " + scenarioBytes.length + " bytes)"), replayed.out());
        SessionFile.Loaded loaded = SessionFile.read(session);
        assertArrayEquals(scenarioBytes, loaded.session().scenarioFile());
        GameModel opened = GameModel.open(loaded.session(), session);
        assertNotNull(opened.honest(), opened.honestProblem());

        // One byte of the embedded scenario changed: the session is refused in one line naming the field.
        String text = Files.readString(session);
        int at = text.indexOf("\"scenarioFile\": \"0x") + 40;
        Path tampered = dir.resolve("tampered.json");
        Files.writeString(tampered, text.substring(0, at) + (text.charAt(at) == '0' ? '1' : '0') + text.substring(at + 1));
        CliTest.Result refused = cli("replay", "--session", tampered.toString());
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("tampered.json: scenarioFile: the embedded scenario hashes to"), refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
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
