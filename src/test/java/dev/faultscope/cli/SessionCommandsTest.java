package dev.faultscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.faultscope.game.ClaimTable;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.Session;
import dev.faultscope.io.SessionFile;
import dev.faultscope.io.SessionSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.faultscope.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionCommandsTest {
    @TempDir
    Path dir;

    private Path saved(String name) throws IOException {
        Path file = dir.resolve(name);
        SessionFile.write(SessionSamples.resolvedGame(), file);
        return file;
    }

    @Test
    void replayPrintsTheClaimsAndTheResolution() throws IOException {
        Session s = SessionSamples.resolvedGame();
        FaultDisputeGame game = s.replay();
        Path file = saved("game.json.gz");
        CliTest.Result r = cli("replay", "--session", file.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("Session: " + file + " • 12 actions replayed • scenario samples/scenarios/classroom.json\n"), r.out());
        assertTrue(r.out().contains("Players: challenger=dishonest defender=honest\n"), r.out());
        // The table and summary are exactly what ClaimTable renders for the replayed game.
        assertTrue(r.out().endsWith(ClaimTable.of(game).text()), r.out());
        assertTrue(r.out().contains("Winner: defender: the root claim by proposer stands"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s*2\\s+Defend\\s+1\\s+2\\s.*")), r.out());
    }

    @Test
    void listClaimsAsTextAndJson() throws IOException {
        FaultDisputeGame game = SessionSamples.resolvedGame().replay();
        Path file = saved("game.json");
        CliTest.Result text = cli("list-claims", "--session", file.toString());
        assertEquals(0, text.code(), text.err());
        assertEquals(ClaimTable.of(game).table(), text.out());
        assertEquals(1 + 1 + game.claimCount(), text.out().lines().count(), "status line, header, one line per claim");

        CliTest.Result json = cli("list-claims", "--session", file.toString(), "--format", "json");
        assertEquals(0, json.code(), json.err());
        JsonNode doc = new JsonMapper().readTree(json.out());
        assertEquals(game.claimCount(), doc.get("claims").size());
        assertEquals("DEFENDER_WINS", doc.get("status").textValue());
        assertEquals("defender", doc.get("resolution").get("winner").textValue());
        assertEquals(game.credit("challenger").toString(), doc.get("resolution").get("credits").get("challenger").textValue());

        CliTest.Result usage = cli("list-claims", "--session", file.toString(), "--format", "yaml");
        assertEquals(2, usage.code());
        assertTrue(usage.err().contains("yaml"), usage.err());
    }

    @Test
    void aCorruptSessionExitsOneWithTheOneLineReason() throws IOException {
        Path file = saved("game.json");
        String json = Files.readString(file);
        // A 31-byte value in the fourth move.
        String value = SessionSamples.withStatus(SessionSamples.v("c4"), 1).hex();
        assertTrue(json.contains(value));
        Files.writeString(file, json.replace(value, value.substring(0, value.length() - 2)));
        for (String command : new String[] {"replay", "list-claims"}) {
            CliTest.Result r = cli(command, "--session", file.toString());
            assertEquals(1, r.code(), command);
            assertEquals("", r.out());
            assertEquals(1, r.errLine().lines().count(), r.err());
            assertTrue(r.err().startsWith("faultscope " + command + ": " + file + ": actions[3].value: has 31 bytes, expected 32"), r.err());
        }
        CliTest.Result missing = cli("replay", "--session", dir.resolve("none.json").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("none.json"), missing.err());
    }
}
