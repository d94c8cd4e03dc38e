package dev.faultscope.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultscope.crypto.Hex;
import dev.faultscope.crypto.Keccak256;
import dev.faultscope.game.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optional embedded scenario of a session file: old files unchanged, embedded bytes checked against the keccak. */
class SessionScenarioFileTest {
    static final Path CLASSROOM = Path.of("samples/scenarios/classroom.json");

    @TempDir
    Path dir;

    static List<Path> samples() throws IOException {
        try (var files = Files.list(Path.of("samples/sessions"))) {
            return files.sorted().toList();
        }
    }

    static byte[] gunzip(Path p) throws IOException {
        try (var in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readAllBytes();
        }
    }

    @Test
    void everySampleLoadsAsWrittenAndReSavesWithItsScenarioToTheSameGame() throws IOException {
        byte[] scenario = Files.readAllBytes(CLASSROOM);
        List<Path> samples = samples();
        assertFalse(samples.isEmpty());
        for (Path p : samples) {
            SessionFile.Loaded old = SessionFile.read(p);
            assertNull(old.session().scenarioFile(), p + " predates embedding");
            // Without the field, a session writes exactly the bytes it was read from.
            assertArrayEquals(gunzip(p), SessionFile.toJson(old.session()), p.toString());

            Session embedded = old.session().withScenarioFile(scenario);
            byte[] json = SessionFile.toJson(embedded);
            String text = new String(json, StandardCharsets.UTF_8);
            assertTrue(text.contains("\"scenarioKeccak\": \"" + Hex.encode(old.session().scenarioHash()) + "\",\n  \"scenarioFile\": \"0x"),
                "written right after the keccak: " + p);
            SessionFile.Loaded again = SessionFile.fromJson(json, p);
            assertArrayEquals(scenario, again.session().scenarioFile(), p.toString());
            assertEquals(SessionFileTest.Observed.of(old.game()), SessionFileTest.Observed.of(again.game()), p.toString());
            assertArrayEquals(json, SessionFile.toJson(again.session()), "deterministic: " + p);
        }
    }

    @Test
    void aTamperedOrInvalidEmbeddedScenarioIsRefusedNamingTheField() throws IOException {
        Session s = SessionFile.read(samples().get(0)).session().withScenarioFile(Files.readAllBytes(CLASSROOM));
        ObjectNode base = IoTestSupport.tree(SessionFile.toJson(s));
        String hex = base.get("scenarioFile").textValue();
        // One changed character of the scenario (a digit of some amount or hash): caught before the checksum.
        int at = hex.length() / 2;
        char swapped = hex.charAt(at) == '3' ? '4' : '3';
        expect(base, n -> n.put("scenarioFile", hex.substring(0, at) + swapped + hex.substring(at + 1)),
            "scenarioFile: the embedded scenario hashes to 0x");
        expect(base, n -> n.put("scenarioFile", hex.substring(0, hex.length() - 2)), "not the recorded scenarioKeccak");
        expect(base, n -> n.put("scenarioFile", "not hex"), "scenarioFile:");
        expect(base, n -> n.putNull("scenarioFile"), "scenarioFile:");
        // Bytes that hash right but are no scenario (the keccak edited to match).
        byte[] notAScenario = "{\"accounts\": 3}".getBytes(StandardCharsets.UTF_8);
        expect(base, n -> n.put("scenarioFile", Hex.encode(notAScenario)).put("scenarioKeccak",
            Hex.encode(Keccak256.hash(notAScenario))), "scenarioFile: the embedded scenario is not valid at");
        expect(base, n -> n.putNull("scenario").putNull("scenarioKeccak"), "scenarioFile: an embedded scenario needs");
        assertThrows(IllegalArgumentException.class, () -> s.withScenarioFile(notAScenario));
    }

    private void expect(ObjectNode base, Consumer<ObjectNode> edit, String fragment) throws IOException {
        ObjectNode copy = base.deepCopy();
        edit.accept(copy);
        Path file = dir.resolve("edited.json");
        Files.writeString(file, IoTestSupport.JSON.writeValueAsString(copy));
        FileFormatException e = assertThrows(FileFormatException.class, () -> SessionFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains(fragment), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
