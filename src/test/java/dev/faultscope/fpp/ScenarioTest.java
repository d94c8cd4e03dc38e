package dev.faultscope.fpp;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultscope.io.FileFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioTest {
    private static final JsonMapper JSON = new JsonMapper();

    @TempDir
    Path dir;

    private static ObjectNode base() throws IOException {
        return (ObjectNode) JSON.readTree(ChainModelTest.TINY);
    }

    private static ObjectNode tx(ObjectNode root, int block, int index) {
        return (ObjectNode) root.get("blocks").get(block).get("txs").get(index);
    }

    /** Loads {@code root} edited by {@code edit} from a file and expects one line "file: where: problem…". */
    private void rejects(Consumer<ObjectNode> edit, String where, String problemFragment) throws IOException {
        ObjectNode root = base();
        edit.accept(root);
        rejectsText(JSON.writeValueAsString(root), where, problemFragment);
    }

    private void rejectsText(String text, String where, String problemFragment) throws IOException {
        Path file = dir.resolve("s.json");
        Files.writeString(file, text);
        FileFormatException e = assertThrows(FileFormatException.class, () -> Scenario.load(file));
        assertEquals(file, e.path());
        assertEquals(where, e.where(), e.getMessage());
        assertTrue(e.problem().contains(problemFragment), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ": " + where + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void readsEveryFieldAndDerivesTimestamps() {
        Scenario s = ChainModelTest.tiny().scenario();
        assertEquals("tiny", s.name());
        assertEquals("", s.description());
        assertEquals(7, s.chainId());
        assertEquals(3, s.accountCount());
        assertEquals("a", s.accounts().get(0).name());
        assertNull(s.accounts().get(1).name());
        assertEquals(50, s.accounts().get(1).balance());
        assertEquals(4, s.blocks().size());
        assertEquals(Tx.transfer(5, 0, 1), s.blocks().get(1).txs().get(2));
        assertEquals(Tx.deposit(3, 9), s.blocks().get(1).txs().get(5));
        assertEquals(1006, s.timestamp(3));
        assertEquals("a (0)", s.accountLabel(0));
        assertEquals("#1", s.accountLabel(1));
        assertEquals("#9", s.accountLabel(9));
    }

    @Test
    void blockTimeDefaultsToTwelveSeconds() throws IOException {
        ObjectNode root = base();
        root.remove("blockTime");
        Scenario s = Scenario.parse(JSON.writeValueAsBytes(root), null);
        assertEquals(1000 + 36, s.timestamp(3));
    }

    @Test
    void toJsonParsesBackToTheSameScenario() {
        Scenario s = ChainModelTest.tiny().scenario();
        assertEquals(s, Scenario.parse(s.toJson().getBytes(StandardCharsets.UTF_8), null));
    }

    @Test
    void transactionFieldErrorsNameTheField() throws IOException {
        rejects(r -> tx(r, 1, 1).put("amount", -5), "blocks[1].txs[1].amount", "must be a non-negative integer, found -5");
        rejects(r -> tx(r, 1, 1).put("amount", 1.5), "blocks[1].txs[1].amount", "must be a non-negative integer");
        rejects(r -> tx(r, 1, 1).put("amount", "5"), "blocks[1].txs[1].amount", "must be a non-negative integer, found \"5\"");
        rejects(r -> tx(r, 1, 1).put("amount", BigInteger.ONE.shiftLeft(64)), "blocks[1].txs[1].amount", "below 2^64");
        rejects(r -> tx(r, 1, 0).put("from", "a"), "blocks[1].txs[0].from", "must be a non-negative integer");
        rejects(r -> tx(r, 1, 0).put("to", 1L << 32), "blocks[1].txs[0].to", "below 2^32");
        rejects(r -> tx(r, 1, 0).remove("amount"), "blocks[1].txs[0].amount", "missing");
        rejects(r -> tx(r, 1, 0).remove("type"), "blocks[1].txs[0].type", "missing");
        rejects(r -> tx(r, 1, 0).put("type", "mint"), "blocks[1].txs[0].type", "must be \"transfer\" or \"deposit\"");
        rejects(r -> tx(r, 1, 0).put("ammount", 3), "blocks[1].txs[0].ammount", "unknown field");
        rejects(r -> tx(r, 1, 4).put("from", 0), "blocks[1].txs[4].from", "a deposit has no sender");
        rejects(r -> ((ArrayNode) r.get("blocks").get(3).get("txs")).add(5), "blocks[3].txs[2]", "must be an object");
        rejects(r -> ((ObjectNode) r.get("blocks").get(2)).put("txs", "none"), "blocks[2].txs", "must be an array");
    }

    @Test
    void structureErrorsNameTheField() throws IOException {
        rejects(r -> r.remove("chainId"), "chainId", "missing");
        rejects(r -> r.put("name", " "), "name", "must not be empty");
        rejects(r -> r.put("blockTime", 0), "blockTime", "at least 1");
        rejects(r -> r.put("chainID", 1), "chainID", "unknown field");
        rejects(r -> r.putArray("accounts"), "accounts", "must hold 1..1024 accounts");
        rejects(r -> {
            ArrayNode a = r.putArray("accounts");
            for (int i = 0; i < 1025; i++) {
                a.addObject().put("balance", 1);
            }
        }, "accounts", "found 1025");
        rejects(r -> ((ObjectNode) r.get("accounts").get(2)).put("name", "a"), "accounts[2].name", "already the name of accounts[0]");
        rejects(r -> ((ObjectNode) r.get("accounts").get(1)).remove("balance"), "accounts[1].balance", "missing");
        rejects(r -> r.putArray("blocks"), "blocks", "at least blocks[0]");
        rejects(r -> ((ObjectNode) r.get("blocks").get(0)).set("txs", r.get("blocks").get(3).get("txs")),
                "blocks[0].txs", "L1 genesis (block 0) carries no transactions");
        rejects(r -> r.put("genesisTime", new BigInteger("18446744073709551615")), "genesisTime", "does not fit");
        rejects(r -> ((ArrayNode) r.get("blocks")).set(1, JSON.getNodeFactory().textNode("x")), "blocks[1]", "must be an object");
        rejects(r -> {
            ArrayNode b = r.putArray("blocks");
            for (int i = 0; i < Scenario.MAX_BLOCKS + 1; i++) {
                b.addObject();
            }
        }, "blocks", "holds 4098 L1 blocks, at most 4097");
        rejects(r -> {
            ArrayNode txs = ((ObjectNode) r.get("blocks").get(2)).putArray("txs");
            for (int i = 0; i < Scenario.MAX_TXS_PER_BLOCK + 1; i++) {
                txs.addObject().put("type", "deposit").put("to", 0).put("amount", 1);
            }
        }, "blocks[2].txs", "holds 3855 transactions, at most 3854");
    }

    @Test
    void brokenJsonNamesLineAndColumn() throws IOException {
        rejectsText("{\"name\": \"x\",\n \"chainId\": }", "line 2, column 13", "malformed JSON");
        // Jackson reports the position just after the repeated key.
        rejectsText("{\"name\": \"x\", \"name\": \"y\"}", "line 1, column 21", "Duplicate field 'name'");
        rejectsText("", "line 1, column 1", "empty");
        rejectsText("[1]", "top level", "must be an object");
    }

    @Test
    void invalidTransfersAreAcceptedForDerivationToSkip() throws IOException {
        ObjectNode root = base();
        tx(root, 1, 0).put("from", 4_000_000_000L).put("amount", new BigInteger("18446744073709551615"));
        Scenario s = Scenario.parse(JSON.writeValueAsBytes(root), null);
        assertEquals(Tx.transfer(4_000_000_000L, 1, -1L), s.blocks().get(1).txs().get(0));
        assertTrue(ChainModel.of(s).l2Block(1).results().get(0).skipped());
    }
}
