package dev.faultscope.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultscope.crypto.Hex;
import dev.faultscope.game.Address;
import dev.faultscope.game.Anchor;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameAction;
import dev.faultscope.game.GameConfig;
import dev.faultscope.game.GameSetup;
import dev.faultscope.game.GameStatus;
import dev.faultscope.game.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.faultscope.io.SessionSamples.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class SessionFileTest {
    @TempDir
    Path dir;

    /** Everything a reader of a game can observe that the table and the resolution show. */
    record Observed(List<?> claims, GameStatus status, Map<String, BigInteger> credits, long latestTime) {
        static Observed of(FaultDisputeGame g) {
            return new Observed(List.copyOf(g.claims()), g.status(), Map.copyOf(g.credits()), g.latestTime());
        }
    }

    @Test
    void saveThenLoadRebuildsTheSameGameAndSavingAgainGivesTheSameBytes() throws IOException {
        Session s = SessionSamples.resolvedGame();
        FaultDisputeGame direct = s.replay();
        assertEquals(GameStatus.DEFENDER_WINS, direct.status(), "the sample is meant to be a resolved game");

        Path file = dir.resolve("game.json");
        SessionFile.write(s, file);
        SessionFile.Loaded loaded = SessionFile.read(file);

        assertEquals(Observed.of(direct), Observed.of(loaded.game()));
        assertEquals(s.setup(), loaded.session().setup());
        assertEquals(s.scenario(), loaded.session().scenario());
        assertArrayEquals(s.scenarioHash(), loaded.session().scenarioHash());
        assertArrayEquals(s.programHash(), loaded.session().programHash());
        assertEquals(s.players(), loaded.session().players());
        assertEquals(s.actions().size(), loaded.session().actions().size());
        assertArrayEquals(Files.readAllBytes(file), SessionFile.toJson(loaded.session()));
        // Deterministic: a second session object with the same content (players inserted in another order) writes
        // the same bytes.
        Session again = new Session(s.setup(), s.scenario(), s.scenarioHash(), s.programHash(),
            Map.of("challenger", "dishonest", "defender", "honest"), s.actions());
        assertArrayEquals(SessionFile.toJson(s), SessionFile.toJson(again));
    }

    @Test
    void gzippedFilesRoundTripAndAreDeterministic() throws IOException {
        Session s = SessionSamples.resolvedGame();
        Path gz = dir.resolve("game.json.gz");
        SessionFile.write(s, gz);
        byte[] raw = Files.readAllBytes(gz);
        assertEquals(0x1f, raw[0] & 0xFF);
        assertEquals(0x8b, raw[1] & 0xFF);
        assertTrue(raw.length < SessionFile.toJson(s).length, "gzip should shrink the indented JSON");
        assertEquals(Observed.of(s.replay()), Observed.of(SessionFile.read(gz).game()));
        Path gz2 = dir.resolve("again.json.gz");
        SessionFile.write(SessionFile.read(gz).session(), gz2);
        assertArrayEquals(raw, Files.readAllBytes(gz2));
    }

    @Test
    void theFileHoldsEveryParameterAndActionFieldInItsDocumentedForm() throws IOException {
        Session s = SessionSamples.resolvedGame();
        JsonNode root = IoTestSupport.tree(SessionFile.toJson(s));
        assertEquals("faultscope-session", root.get("format").textValue());
        assertEquals(1, root.get("version").intValue());
        JsonNode game = root.get("game");
        GameConfig c = s.setup().config();
        assertEquals(c.maxGameDepth(), game.get("maxGameDepth").intValue());
        assertEquals(c.splitDepth(), game.get("splitDepth").intValue());
        assertEquals(c.maxClockDuration(), game.get("maxClockDuration").longValue());
        assertEquals(c.clockExtension(), game.get("clockExtension").longValue());
        assertEquals(c.preimageChallengePeriod(), game.get("preimageChallengePeriod").longValue());
        assertEquals(c.absolutePrestate().hex(), game.get("absolutePrestate").textValue());
        assertEquals(c.anchor().blockNumber(), game.get("anchor").get("blockNumber").longValue());
        assertEquals(c.anchor().outputRoot().hex(), game.get("anchor").get("outputRoot").textValue());
        assertEquals(c.l1Head().hex(), game.get("l1Head").textValue());
        assertEquals(c.l2ChainId(), game.get("l2ChainId").longValue());
        assertEquals(c.gameAddress().hex(), game.get("gameAddress").textValue());
        assertEquals(s.setup().rootClaim().hex(), root.get("root").get("claim").textValue());
        assertEquals("proposer", root.get("root").get("claimant").textValue());
        assertEquals(Hex.encode(s.scenarioHash()), root.get("scenarioKeccak").textValue());
        assertEquals(List.of("challenger", "defender"), fieldNames(root.get("players")), "players sorted by role");

        JsonNode actions = root.get("actions");
        assertEquals(s.actions().size(), actions.size());
        JsonNode defend = actions.get(1);
        GameAction.Move m = (GameAction.Move) s.actions().get(1);
        assertEquals("move", defend.get("type").textValue());
        assertEquals(m.time(), defend.get("time").longValue());
        assertEquals("proposer", defend.get("actor").textValue());
        assertEquals(1, defend.get("parentIndex").intValue());
        assertTrue(defend.get("attack").isBoolean());
        assertFalse(defend.get("attack").booleanValue());
        assertTrue(defend.get("bond").isTextual(), "bonds are decimal strings");
        assertEquals(m.bond(), new BigInteger(defend.get("bond").textValue()));
        assertEquals(m.value().hex(), defend.get("value").textValue());
        assertEquals(List.of("move", "move", "move", "move", "addLocalData", "loadKeccakPreimage",
                "resolveClaim", "resolveClaim", "resolveClaim", "resolveClaim", "resolveClaim", "resolve"),
            actions.findValuesAsText("type"));
        assertEquals(Hex.encode("hello world".getBytes(StandardCharsets.UTF_8)), actions.get(5).get("data").textValue());
        String text = new String(SessionFile.toJson(s), StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), "line ends are \\n on every platform");
        assertTrue(text.endsWith("}\n"));
    }

    @Test
    void unusualButValidParametersRoundTrip() throws IOException {
        // A chain id past 2^63 (a uint64 held in a long's bits), another game address, other clocks, no scenario.
        GameConfig cfg = GameConfig.custom(6, 2, 7_200, 100, 1_000, SessionSamples.PRESTATE,
                new Anchor(0, v("anchor")), v("head"), 0)
            .withGameAddress(Address.fromHex("0x00000000000000000000000000000000000000aa"));
        cfg = new GameConfig(cfg.maxGameDepth(), cfg.splitDepth(), cfg.maxClockDuration(), cfg.clockExtension(),
            cfg.preimageChallengePeriod(), cfg.absolutePrestate(), cfg.anchor(), cfg.l1Head(), -5L, cfg.gameAddress());
        SessionSamples.Builder b = new SessionSamples.Builder(new GameSetup(cfg, v("r"), 1, "p", 0));
        b.move(5, "x", 0, v("a"), true);
        b.move(6, "y", 1, v("b"), true);
        Session s = new Session(new GameSetup(cfg, v("r"), 1, "p", 0), null, null, null, Map.of(),
            b.session(Map.of()).actions());
        Path file = dir.resolve("odd.json");
        SessionFile.write(s, file);
        assertTrue(Files.readString(file).contains("\"l2ChainId\": 18446744073709551611"), Files.readString(file));
        SessionFile.Loaded loaded = SessionFile.read(file);
        assertEquals(cfg, loaded.session().setup().config());
        assertNull(loaded.session().scenario());
        assertNull(loaded.session().programHash());
        assertEquals(Observed.of(s.replay()), Observed.of(loaded.game()));
    }

    @Test
    void aStepActionKeepsItsFieldsAndARefusedStepNamesTheActionAndTheError() throws IOException {
        SessionSamples.Builder b = new SessionSamples.Builder(SessionSamples.smallSetup());
        b.move(1100, "challenger", 0, v("c1"), true);
        List<GameAction> actions = new ArrayList<>(b.session(Map.of()).actions());
        // Claim 1 is at depth 1, not MAX_GAME_DEPTH: the contract refuses a step against it.
        actions.add(new GameAction.Step(1200, "proposer", 1, false, new byte[] {1, 2, 3}, new byte[] {9}));
        Session s = new Session(SessionSamples.smallSetup(), "s.json", v("s").bytes(), v("p").bytes(), Map.of(), actions);
        byte[] json = SessionFile.toJson(s);
        GameAction.Step parsed = (GameAction.Step) SessionFile.parse(json, null).actions().get(1);
        assertEquals(1, parsed.claimIndex());
        assertFalse(parsed.attack());
        assertArrayEquals(new byte[] {1, 2, 3}, parsed.stateData());
        assertArrayEquals(new byte[] {9}, parsed.proof());
        assertEquals("proposer", parsed.actor());
        assertEquals(1200, parsed.time());

        Path file = dir.resolve("step.json");
        Files.write(file, json);
        assertRejected(file, "actions[1] (step): the game refuses it: InvalidParent");
    }

    @Test
    void anActionTheGameRefusesIsNamedByIndexTypeAndContractError() throws IOException {
        Session s = SessionSamples.resolvedGame();
        GameAction.Move first = (GameAction.Move) s.actions().get(0);
        // The same attack again: identical value, position and parent.
        List<GameAction> dup = new ArrayList<>(s.actions().subList(0, 4));
        dup.add(new GameAction.Move(1300, "challenger", 0, first.disputed(), first.value(), true, first.bond()));
        assertRejected(save("dup.json", withActions(s, dup)), "actions[4] (move): the game refuses it: ClaimAlreadyExists");

        List<GameAction> cheap = new ArrayList<>(s.actions().subList(0, 1));
        cheap.add(new GameAction.Move(1200, "p", 1, ((GameAction.Move) s.actions().get(1)).disputed(), v("x"), true,
            first.bond()));
        assertRejected(save("bond.json", withActions(s, cheap)), "actions[1] (move): the game refuses it: IncorrectBondAmount");

        List<GameAction> early = new ArrayList<>(s.actions().subList(0, 4));
        early.add(new GameAction.ResolveClaim(1400, "r", 4, 0));
        assertRejected(save("early.json", withActions(s, early)), "actions[4] (resolveClaim): the game refuses it: ClockNotExpired");

        List<GameAction> afterEnd = new ArrayList<>(s.actions());
        afterEnd.add(new GameAction.Resolve(999_999, "r"));
        assertRejected(save("after.json", withActions(s, afterEnd)), "actions[12] (resolve): the game refuses it: GameNotInProgress");
    }

    @Test
    void everyBadFieldIsNamedWithTheActionAndField() throws IOException {
        ObjectNode base = IoTestSupport.tree(SessionFile.toJson(SessionSamples.resolvedGame()));
        expect(base, n -> action(n, 3).put("value", "0x" + "ab".repeat(31)), "actions[3].value: has 31 bytes, expected 32");
        expect(base, n -> action(n, 0).remove("bond"), "actions[0].bond: missing");
        expect(base, n -> action(n, 0).put("bond", 80000000000000000L), "actions[0].bond: expected a decimal string of wei");
        expect(base, n -> action(n, 0).put("bond", "0080"), "actions[0].bond: expected a decimal string of wei");
        expect(base, n -> action(n, 0).put("bond", "-1"), "actions[0].bond");
        expect(base, n -> action(n, 0).put("attack", "true"), "actions[0].attack: expected true or false");
        expect(base, n -> action(n, 0).put("disputed", "ab".repeat(32)), "actions[0].disputed: hex string without 0x prefix");
        expect(base, n -> action(n, 0).put("value", "0x" + "zz".repeat(32)), "actions[0].value: not a hex digit");
        expect(base, n -> action(n, 0).put("parentIndex", -1), "actions[0].parentIndex: -1 is out of range");
        expect(base, n -> action(n, 0).put("parentIndex", 1L << 31), "actions[0].parentIndex: 2147483648 is beyond");
        expect(base, n -> action(n, 0).put("extra", 1), "actions[0].extra: unknown field");
        expect(base, n -> action(n, 2).put("type", "undo"), "actions[2].type: unknown action type \"undo\"");
        expect(base, n -> action(n, 2).put("time", 1150.5), "actions[2].time: expected an unsigned 64-bit integer");
        expect(base, n -> action(n, 2).put("time", 1000), "actions[2].time: 1000 is before the previous action's time 1200");
        expect(base, n -> action(n, 0).put("time", 999), "actions[0].time: 999 is before the game's creation at 1000");
        expect(base, n -> action(n, 11).put("actor", ""), "actions[11].actor: is empty");
        expect(base, n -> action(n, 5).putNull("data"), "actions[5].data: is null");
        expect(base, n -> ((ArrayNode) n.get("actions")).set(1, n.textNode("move")), "actions[1]: expected an action object");
        expect(base, n -> n.put("actions", 3), "actions: expected an array");
        expect(base, n -> n.put("format", "faultscope-scenario"), "format: is \"faultscope-scenario\"");
        expect(base, n -> n.put("version", 2), "version: is 2; this build reads version 1");
        expect(base, n -> n.remove("checksum"), "checksum: missing");
        expect(base, n -> n.remove("scenario"), "scenario: missing");
        expect(base, n -> n.putNull("scenario"), "both set or both null");
        expect(base, n -> n.put("players", "x"), "players: expected an object");
        expect(base, n -> ((ObjectNode) n.get("players")).put("judge", 3), "players.judge: expected a string");
        expect(base, n -> ((ObjectNode) n.get("game")).put("splitDepth", 4),
            "game: not a deployable configuration: InvalidSplitDepth");
        expect(base, n -> ((ObjectNode) n.get("game")).put("maxGameDepth", 300), "game.maxGameDepth: 300 is out of range");
        expect(base, n -> ((ObjectNode) n.get("game")).put("maxClockDuration", 10),
            "game: not a deployable configuration: InvalidClockExtension");
        expect(base, n -> ((ObjectNode) n.get("game")).put("gameAddress", "0x" + "00".repeat(32)),
            "game.gameAddress: has 32 bytes, expected 20");
        expect(base, n -> ((ObjectNode) n.get("game").get("anchor")).remove("outputRoot"), "game.anchor.outputRoot: missing");
        expect(base, n -> ((ObjectNode) n.get("root")).put("block", 100), "root.block: root block 100 is not after the anchor block 100");
        expect(base, n -> ((ObjectNode) n.get("root")).put("createdAt", new BigInteger("9223372036854775808")),
            "root.createdAt: 9223372036854775808 is beyond");
    }

    @Test
    void aChangedValueThatStillParsesIsCaughtByTheChecksum() throws IOException {
        ObjectNode base = IoTestSupport.tree(SessionFile.toJson(SessionSamples.resolvedGame()));
        // A later move time is valid on its own and would replay to a different game (other clocks).
        expect(base, n -> action(n, 2).put("time", 1260), "checksum: the content hashes to");
        expect(base, n -> ((ObjectNode) n.get("players")).put("defender", "lazy"), "the file changed after it was saved");
        // What the checksum covers is the content, not the layout: re-indented, upper-case hex still loads.
        ObjectNode upper = base.deepCopy();
        action(upper, 0).put("value", action(upper, 0).get("value").textValue().toUpperCase().replace("0X", "0x"));
        Path file = dir.resolve("relaid.json");
        Files.writeString(file, IoTestSupport.JSON.writeValueAsString(upper));
        assertEquals(Observed.of(SessionSamples.resolvedGame().replay()), Observed.of(SessionFile.read(file).game()));
    }

    @Test
    void brokenJsonAndGzipAreOneLineErrors() throws IOException {
        IoTestSupport.assertRejects(dir.resolve("cut.json"), "{\"format\": \"faultscope-session\",", SessionFile::read,
            "malformed JSON", "line 1");
        IoTestSupport.assertRejects(dir.resolve("array.json"), "[]", SessionFile::read, "expected a JSON object");
        Path gz = dir.resolve("cut.json.gz");
        SessionFile.write(SessionSamples.resolvedGame(), gz);
        byte[] raw = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(raw, raw.length / 2));
        FileFormatException e = assertThrows(FileFormatException.class, () -> SessionFile.read(gz));
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
    }

    /**
     * Damage at every byte (flip the low bit, replace with a JSON-significant character, delete it): the file must
     * load to exactly the saved game (a harmless change such as whitespace or hex case) or be refused with a
     * FileFormatException, never another exception and never a different game.
     */
    @Test
    void everySingleByteDamageLoadsTheSameGameOrIsRefused() {
        Session s = SessionSamples.resolvedGame();
        byte[] good = SessionFile.toJson(s);
        Observed expected = Observed.of(s.replay());
        byte[] replacements = "0\"}],: 9aA-.e".getBytes(StandardCharsets.US_ASCII);
        int same = 0;
        int refused = 0;
        for (int i = 0; i < good.length; i++) {
            byte[] flipped = good.clone();
            flipped[i] ^= 1;
            byte[] replaced = good.clone();
            replaced[i] = replacements[i % replacements.length];
            byte[] deleted = new byte[good.length - 1];
            System.arraycopy(good, 0, deleted, 0, i);
            System.arraycopy(good, i + 1, deleted, i, good.length - i - 1);
            for (byte[] damaged : List.of(flipped, replaced, deleted)) {
                if (Arrays.equals(damaged, good)) {
                    continue;
                }
                try {
                    SessionFile.Loaded l = SessionFile.fromJson(damaged, null);
                    assertEquals(expected, Observed.of(l.game()), "byte " + i + " damaged gave another game");
                    same++;
                } catch (FileFormatException e) {
                    refused++;
                } catch (RuntimeException e) {
                    fail("byte " + i + " damaged: " + e + " instead of a FileFormatException", e);
                }
            }
        }
        // Both outcomes must occur: whitespace damage is harmless, value damage is refused.
        assertTrue(same > 0 && refused > same, "same " + same + ", refused " + refused);
    }

    @Test
    void damageInsideAGzippedFileIsRefusedOrHarmless() throws IOException {
        Session s = SessionSamples.resolvedGame();
        Path gz = dir.resolve("g.json.gz");
        SessionFile.write(s, gz);
        byte[] good = Files.readAllBytes(gz);
        Observed expected = Observed.of(s.replay());
        Path damagedFile = dir.resolve("d.json.gz");
        for (int i = 0; i < good.length; i++) {
            byte[] d = good.clone();
            d[i] ^= 0x10;
            Files.write(damagedFile, d);
            try {
                assertEquals(expected, Observed.of(SessionFile.read(damagedFile).game()), "byte " + i);
            } catch (FileFormatException e) {
                // refused: fine
            } catch (RuntimeException e) {
                fail("gz byte " + i + " damaged: " + e, e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Path save(String name, Session s) throws IOException {
        Path file = dir.resolve(name);
        SessionFile.write(s, file);
        return file;
    }

    private static Session withActions(Session s, List<GameAction> actions) {
        return new Session(s.setup(), s.scenario(), s.scenarioHash(), s.programHash(), s.players(), actions);
    }

    private static void assertRejected(Path file, String fragment) {
        FileFormatException e = assertThrows(FileFormatException.class, () -> SessionFile.read(file));
        String msg = e.getMessage();
        assertTrue(msg.startsWith(file + ": "), msg);
        assertFalse(msg.contains("\n"), msg);
        assertTrue(msg.contains(fragment), "expected \"" + fragment + "\" in: " + msg);
    }

    private void expect(ObjectNode base, Consumer<ObjectNode> edit, String fragment) throws IOException {
        ObjectNode copy = base.deepCopy();
        edit.accept(copy);
        Path file = dir.resolve("edited.json");
        Files.writeString(file, IoTestSupport.JSON.writeValueAsString(copy));
        assertRejected(file, fragment);
        assertNotEquals(base, copy, "the edit must change something");
    }

    private static ObjectNode action(ObjectNode root, int i) {
        return (ObjectNode) root.get("actions").get(i);
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
