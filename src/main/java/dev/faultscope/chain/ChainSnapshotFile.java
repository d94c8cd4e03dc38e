package dev.faultscope.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.Clock;
import dev.faultscope.game.GameStatus;
import dev.faultscope.game.Position;
import dev.faultscope.io.AtomicFiles;
import dev.faultscope.io.FileFormatException;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "chain snapshot" file (docs/formats.md): a {@link ChainGame} as read, so a live game can be looked at later
 * without the node. JSON; numbers that may pass 2^53 (bonds, credits, positions) are decimal strings.
 */
public final class ChainSnapshotFile {
    public static final String KIND = "faultscope-chain-snapshot";
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChainSnapshotFile() {
    }

    /** The file is a chain snapshot (its start names the kind; a cheap look before a full read). */
    public static boolean isSnapshot(Path path) {
        try (var in = Files.newInputStream(path)) {
            String head = new String(in.readNBytes(256), java.nio.charset.StandardCharsets.UTF_8);
            return head.contains("\"" + KIND + "\"");
        } catch (IOException e) {
            return false;
        }
    }

    public static void write(ChainGame g, String rpcUrl, Path path) throws IOException {
        AtomicFiles.write(path, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson(g, rpcUrl)));
    }

    public static ObjectNode toJson(ChainGame g, String rpcUrl) {
        ObjectNode o = JSON.createObjectNode();
        o.put("kind", KIND);
        o.put("version", VERSION);
        o.put("rpc", rpcUrl);
        o.put("chainId", g.chainId());
        o.put("readBlock", g.readBlock());
        o.put("readTimestamp", g.readTimestamp());
        o.put("address", g.address());
        o.put("gameVersion", g.version());
        o.put("gameType", g.gameType());
        o.put("rootClaim", g.rootClaim().hex());
        o.put("l2BlockNumber", g.l2BlockNumber());
        o.put("l1Head", g.l1Head().hex());
        o.put("creator", g.creator());
        o.put("absolutePrestate", g.absolutePrestate().hex());
        o.put("maxGameDepth", g.maxGameDepth());
        o.put("splitDepth", g.splitDepth());
        o.put("clockExtension", g.clockExtension());
        o.put("maxClockDuration", g.maxClockDuration());
        o.put("vm", g.vm());
        o.put("vmVersion", g.vmVersion());
        o.put("oracle", g.oracle());
        o.put("oracleChallengePeriod", g.oracleChallengePeriod());
        o.put("weth", g.weth());
        o.put("anchorStateRegistry", g.anchorStateRegistry());
        o.put("l2ChainId", g.l2ChainId());
        o.put("startingBlockNumber", g.startingBlockNumber());
        o.put("startingRootHash", g.startingRootHash().hex());
        o.put("status", g.status().name());
        o.put("createdAt", g.createdAt());
        o.put("resolvedAt", g.resolvedAt());
        ArrayNode claims = o.putArray("claims");
        for (ChainClaim c : g.claims()) {
            ObjectNode n = claims.addObject();
            n.put("index", c.index());
            n.put("parentIndex", c.parentIndex());
            n.put("counteredBy", c.counteredBy());
            n.put("claimant", c.claimant());
            n.put("bond", c.bond().toString());
            n.put("value", c.value().hex());
            n.put("position", c.position().gindex().toString());
            n.put("clockDuration", c.clock().duration());
            n.put("clockTimestamp", c.clock().timestamp());
            n.put("resolved", c.resolved());
        }
        ObjectNode credits = o.putObject("credits");
        g.credits().forEach((k, v) -> credits.put(k, v.toString()));
        ArrayNode events = o.putArray("events");
        for (ChainEvent e : g.events()) {
            ObjectNode n = events.addObject();
            n.put("kind", e.kind());
            n.put("block", e.block());
            n.put("timestamp", e.timestamp());
            n.put("tx", e.txHash());
            n.put("parentIndex", e.parentIndex());
            n.put("claim", e.claim());
            n.put("sender", e.sender());
        }
        ArrayNode steps = o.putArray("steps");
        for (StepCall s : g.steps().values()) {
            ObjectNode n = steps.addObject();
            n.put("claimIndex", s.claimIndex());
            n.put("isAttack", s.isAttack());
            n.put("stateData", Numeric.toHexString(s.stateData()));
            n.put("proof", Numeric.toHexString(s.proof()));
            n.put("sender", s.sender());
            n.put("tx", s.txHash());
            n.put("block", s.block());
            n.put("timestamp", s.timestamp());
        }
        ArrayNode warnings = o.putArray("warnings");
        g.warnings().forEach(warnings::add);
        return o;
    }

    /** Reads a snapshot; a damaged file is a {@link FileFormatException} naming the file and the field. */
    public static ChainGame read(Path path) throws IOException {
        JsonNode o;
        try {
            o = JSON.readTree(Files.readAllBytes(path));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new FileFormatException(path, "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), "not JSON: " + e.getOriginalMessage());
        }
        Fields f = new Fields(path, o);
        if (!KIND.equals(f.text("kind"))) {
            throw new FileFormatException(path, "kind", o.path("kind") + " is not " + KIND);
        }
        List<ChainClaim> claims = new ArrayList<>();
        int i = 0;
        for (JsonNode n : f.array("claims")) {
            Fields c = f.at("claims[" + i++ + "]", n);
            claims.add(new ChainClaim(c.integer("index"), c.integer("parentIndex"), c.textOrNull("counteredBy"),
                c.text("claimant"), c.big("bond"), c.bytes32("value"), Position.ofGindex(c.big("position")),
                new Clock(c.number("clockDuration"), c.number("clockTimestamp")), c.bool("resolved")));
        }
        if (claims.isEmpty()) {
            throw new FileFormatException(path, "claims", "a game has at least its root claim");
        }
        Map<String, BigInteger> credits = new LinkedHashMap<>();
        o.path("credits").fields().forEachRemaining(e -> credits.put(e.getKey(), f.at("credits." + e.getKey(), o)
            .bigOf(e.getValue(), "credits." + e.getKey())));
        List<ChainEvent> events = new ArrayList<>();
        i = 0;
        for (JsonNode n : f.array("events")) {
            Fields e = f.at("events[" + i++ + "]", n);
            events.add(new ChainEvent(e.text("kind"), e.number("block"), e.number("timestamp"), e.textOrNull("tx"),
                e.integer("parentIndex"), e.textOrNull("claim"), e.textOrNull("sender")));
        }
        Map<Integer, StepCall> steps = new HashMap<>();
        i = 0;
        for (JsonNode n : f.array("steps")) {
            Fields s = f.at("steps[" + i++ + "]", n);
            StepCall call = new StepCall(s.integer("claimIndex"), s.bool("isAttack"), s.hexBytes("stateData"),
                s.hexBytes("proof"), s.text("sender"), s.textOrNull("tx"), s.number("block"), s.number("timestamp"));
            steps.put(call.claimIndex(), call);
        }
        List<String> warnings = new ArrayList<>();
        o.path("warnings").forEach(w -> warnings.add(w.asText()));
        GameStatus status;
        try {
            status = GameStatus.valueOf(f.text("status"));
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(path, "status", o.path("status") + " is not a game status");
        }
        return new ChainGame(f.text("address"), f.text("gameVersion"), f.integer("gameType"), f.bytes32("rootClaim"),
            f.number("l2BlockNumber"), f.bytes32("l1Head"), f.text("creator"), f.bytes32("absolutePrestate"),
            f.integer("maxGameDepth"), f.integer("splitDepth"), f.number("clockExtension"),
            f.number("maxClockDuration"), f.text("vm"), f.textOrNull("vmVersion"), f.textOrNull("oracle"),
            f.number("oracleChallengePeriod"), f.text("weth"), f.text("anchorStateRegistry"), f.number("l2ChainId"),
            f.number("startingBlockNumber"), f.bytes32("startingRootHash"), status, f.number("createdAt"),
            f.number("resolvedAt"), claims, credits, events, steps, f.number("chainId"), f.number("readBlock"),
            f.number("readTimestamp"), warnings);
    }

    /** Typed field reads that name the file and the field on a bad value. */
    private record Fields(Path path, String where, JsonNode node) {
        Fields(Path path, JsonNode node) {
            this(path, "", node);
        }

        Fields at(String where, JsonNode n) {
            return new Fields(path, where + ".", n);
        }

        private JsonNode need(String name) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                throw new FileFormatException(path, where + name, "missing");
            }
            return v;
        }

        String text(String name) {
            JsonNode v = need(name);
            if (!v.isTextual()) {
                throw new FileFormatException(path, where + name, "must be a string");
            }
            return v.asText();
        }

        String textOrNull(String name) {
            JsonNode v = node.get(name);
            return v == null || v.isNull() ? null : v.asText();
        }

        long number(String name) {
            JsonNode v = need(name);
            if (!v.canConvertToLong()) {
                throw new FileFormatException(path, where + name, "must be an integer, got " + v);
            }
            return v.asLong();
        }

        int integer(String name) {
            long v = number(name);
            if (v != (int) v) {
                throw new FileFormatException(path, where + name, "out of range: " + v);
            }
            return (int) v;
        }

        boolean bool(String name) {
            JsonNode v = need(name);
            if (!v.isBoolean()) {
                throw new FileFormatException(path, where + name, "must be true or false");
            }
            return v.asBoolean();
        }

        BigInteger big(String name) {
            return bigOf(need(name), where + name);
        }

        BigInteger bigOf(JsonNode v, String field) {
            try {
                BigInteger b = new BigInteger(v.asText());
                if (b.signum() < 0) {
                    throw new NumberFormatException("negative");
                }
                return b;
            } catch (NumberFormatException e) {
                throw new FileFormatException(path, field, "must be a decimal number, got " + v);
            }
        }

        Bytes32 bytes32(String name) {
            String s = text(name);
            if (!s.matches("0x[0-9a-fA-F]{64}")) {
                throw new FileFormatException(path, where + name, "must be 0x and 64 hex digits");
            }
            return Bytes32.fromHex(s);
        }

        byte[] hexBytes(String name) {
            String s = text(name);
            if (!s.matches("0x([0-9a-fA-F]{2})*")) {
                throw new FileFormatException(path, where + name, "must be 0x-prefixed hex bytes");
            }
            return Numeric.hexStringToByteArray(s);
        }

        Iterable<JsonNode> array(String name) {
            JsonNode v = node.get(name);
            if (v == null) {
                return List.of();
            }
            if (!v.isArray()) {
                throw new FileFormatException(path, where + name, "must be an array");
            }
            return v;
        }
    }
}
