package dev.faultscope.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultscope.crypto.Hex;
import dev.faultscope.crypto.Keccak256;
import dev.faultscope.fpp.Bytes32;
import dev.faultscope.fpp.Scenario;
import dev.faultscope.game.Address;
import dev.faultscope.game.Anchor;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameAction;
import dev.faultscope.game.GameConfig;
import dev.faultscope.game.GameError;
import dev.faultscope.game.GameSetup;
import dev.faultscope.game.Session;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The session file (docs/formats.md, "Session"): a played game as versioned JSON, optionally gzipped ({@code .gz}).
 * <pre>{"format":"faultscope-session","version":1,"game":{…},"root":{…},"scenario":…,"scenarioKeccak":…,
 * ["scenarioFile":…,] "programHash":…,"players":{…},"actions":[{"type":"move","time":n,"actor":"…",…},…],"checksum":"0x…"}</pre>
 * Writing is deterministic: fields in a fixed order, players sorted by role, two-space indentation with {@code \n}
 * line ends, so the same session always gives the same bytes. Reading checks every field, then the checksum, then
 * replays every action through the engine; every problem is a {@link FileFormatException} naming the field or the
 * action, so a loaded file is always a game the contract would have accepted, action for action.
 */
public final class SessionFile {
    public static final String FORMAT = "faultscope-session";
    public static final int VERSION = 1;

    /** The action {@code type} names: the contract functions they call. */
    static final String MOVE = "move";
    static final String STEP = "step";
    static final String ADD_LOCAL_DATA = "addLocalData";
    static final String LOAD_KECCAK_PREIMAGE = "loadKeccakPreimage";
    static final String RESOLVE_CLAIM = "resolveClaim";
    static final String RESOLVE = "resolve";

    private static final Set<String> TOP_FIELDS = Set.of("format", "version", "game", "root", "scenario",
        "scenarioKeccak", "scenarioFile", "programHash", "players", "actions", "checksum");
    private static final Set<String> GAME_FIELDS = Set.of("maxGameDepth", "splitDepth", "maxClockDuration",
        "clockExtension", "preimageChallengePeriod", "absolutePrestate", "anchor", "l1Head", "l2ChainId", "gameAddress");
    private static final Set<String> ANCHOR_FIELDS = Set.of("blockNumber", "outputRoot");
    private static final Set<String> ROOT_FIELDS = Set.of("claim", "block", "claimant", "createdAt");
    private static final Map<String, Set<String>> ACTION_FIELDS = Map.of(
        MOVE, Set.of("type", "time", "actor", "parentIndex", "disputed", "value", "attack", "bond"),
        STEP, Set.of("type", "time", "actor", "claimIndex", "attack", "stateData", "proof"),
        ADD_LOCAL_DATA, Set.of("type", "time", "actor", "ident", "claimIndex"),
        LOAD_KECCAK_PREIMAGE, Set.of("type", "time", "actor", "data"),
        RESOLVE_CLAIM, Set.of("type", "time", "actor", "claimIndex", "numToResolve"),
        RESOLVE, Set.of("type", "time", "actor"));

    /** Wei as a plain decimal: no sign, no leading zeros, so each amount has exactly one spelling. */
    private static final Pattern WEI = Pattern.compile("0|[1-9][0-9]*");
    private static final int UINT256_BITS = 256;

    /** A loaded session and the game its actions rebuilt. */
    public record Loaded(Session session, FaultDisputeGame game) {
    }

    private SessionFile() {
    }

    // ------------------------------------------------------------------------------------------------ writing

    public static void write(Session session, Path path) throws IOException {
        JsonFiles.writeFile(path, toJson(session));
    }

    /**
     * The session as file bytes. Does not replay the actions: a session the engine refuses can be written (and is
     * then refused on reading, naming the action), which keeps a record of what was attempted.
     */
    public static byte[] toJson(Session session) {
        ObjectNode root = body(session);
        root.put("checksum", Hex.encode(checksumOf(root)));
        return pretty(root);
    }

    /** Everything but the checksum, in the order written. */
    private static ObjectNode body(Session session) {
        GameSetup setup = session.setup();
        GameConfig c = setup.config();
        ObjectNode root = JsonFiles.newObject();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ObjectNode game = root.putObject("game");
        game.put("maxGameDepth", c.maxGameDepth());
        game.put("splitDepth", c.splitDepth());
        game.put("maxClockDuration", c.maxClockDuration());
        game.put("clockExtension", c.clockExtension());
        game.put("preimageChallengePeriod", c.preimageChallengePeriod());
        game.put("absolutePrestate", c.absolutePrestate().hex());
        ObjectNode anchor = game.putObject("anchor");
        anchor.put("blockNumber", c.anchor().blockNumber());
        anchor.put("outputRoot", c.anchor().outputRoot().hex());
        game.put("l1Head", c.l1Head().hex());
        // The engine keeps the chain id in a long's bits; as a uint64 it must not print negative.
        JsonFiles.putUint64(game, "l2ChainId", c.l2ChainId());
        game.put("gameAddress", c.gameAddress().hex());
        ObjectNode r = root.putObject("root");
        r.put("claim", setup.rootClaim().hex());
        r.put("block", setup.rootBlock());
        r.put("claimant", setup.rootClaimant());
        r.put("createdAt", setup.createdAt());
        root.put("scenario", session.scenario());
        putHash(root, "scenarioKeccak", session.scenarioHash());
        if (session.scenarioFile() != null) {
            // Optional, and left out when absent: files saved before it existed keep their bytes and checksum.
            root.put("scenarioFile", Hex.encode(session.scenarioFile()));
        }
        putHash(root, "programHash", session.programHash());
        ObjectNode players = root.putObject("players");
        // Session keeps an unordered map; sorting is what makes two writes of one session byte-identical.
        new TreeMap<>(session.players()).forEach(players::put);
        ArrayNode actions = root.putArray("actions");
        for (GameAction a : session.actions()) {
            writeAction(actions.addObject(), a);
        }
        return root;
    }

    private static void writeAction(ObjectNode o, GameAction action) {
        o.put("type", typeOf(action));
        o.put("time", action.time());
        o.put("actor", action.actor());
        switch (action) {
            case GameAction.Move m -> {
                o.put("parentIndex", m.parentIndex());
                o.put("disputed", m.disputed().hex());
                o.put("value", m.value().hex());
                o.put("attack", m.attack());
                o.put("bond", m.bond().toString());
            }
            case GameAction.Step s -> {
                o.put("claimIndex", s.claimIndex());
                o.put("attack", s.attack());
                o.put("stateData", Hex.encode(s.stateData()));
                o.put("proof", Hex.encode(s.proof()));
            }
            case GameAction.AddLocalData l -> {
                JsonFiles.putUint64(o, "ident", l.ident());
                o.put("claimIndex", l.claimIndex());
            }
            case GameAction.LoadKeccakPreimage k -> o.put("data", Hex.encode(k.data()));
            case GameAction.ResolveClaim rc -> {
                o.put("claimIndex", rc.claimIndex());
                o.put("numToResolve", rc.numToResolve());
            }
            case GameAction.Resolve ignored -> {
                // time and actor say everything
            }
        }
    }

    /** The {@code type} an action is written with. */
    public static String typeOf(GameAction action) {
        return switch (action) {
            case GameAction.Move m -> MOVE;
            case GameAction.Step s -> STEP;
            case GameAction.AddLocalData l -> ADD_LOCAL_DATA;
            case GameAction.LoadKeccakPreimage k -> LOAD_KECCAK_PREIMAGE;
            case GameAction.ResolveClaim rc -> RESOLVE_CLAIM;
            case GameAction.Resolve r -> RESOLVE;
        };
    }

    private static void putHash(ObjectNode o, String name, byte[] hash) {
        if (hash == null) {
            o.putNull(name);
            return;
        }
        if (hash.length != 32) {
            throw new IllegalArgumentException(name + " must be a 32-byte keccak, got " + hash.length + " bytes");
        }
        o.put(name, Hex.encode(hash));
    }

    /**
     * keccak256 of the compact form of everything but the checksum. Taking the compact form (not the file's bytes)
     * lets whitespace and hex case vary without changing what was recorded, while any changed value is caught.
     */
    private static byte[] checksumOf(ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        copy.remove("checksum");
        return Keccak256.hash(JsonFiles.toBytes(copy));
    }

    /** Indented with "\n" whatever the platform: Jackson's default indenter uses the system line separator. */
    private static byte[] pretty(ObjectNode root) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            String s = JsonFiles.MAPPER.writer(printer).writeValueAsString(root) + "\n";
            return s.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    // ------------------------------------------------------------------------------------------------ reading

    /** Reads, checks and replays a session file ({@code .gz} or plain). */
    public static Loaded read(Path path) throws IOException {
        return fromJson(JsonFiles.readFile(path, InputFiles.Limit.SESSION), path);
    }

    /**
     * Parses, checks and replays a session.
     *
     * @param source the file the bytes came from, named in errors (null if none)
     */
    public static Loaded fromJson(byte[] json, Path source) {
        Session session = parse(json, source);
        return new Loaded(session, replay(session, source));
    }

    /** Parses and checks every field and the checksum, without replaying. */
    static Session parse(byte[] json, Path source) {
        ObjectNode root = JsonFiles.parseObject(json, source);
        Obj top = new Obj(source, root, "");
        String format = top.text("format");
        if (!FORMAT.equals(format)) {
            throw new FileFormatException(source, "format", "is \"" + format + "\", expected \"" + FORMAT
                + "\" (not a session file)");
        }
        long version = top.unsigned("version", 32);
        if (version != VERSION) {
            throw new FileFormatException(source, "version", "is " + version + "; this build reads version " + VERSION);
        }
        top.onlyFields(TOP_FIELDS);
        GameConfig config = readConfig(top.object("game"));
        GameSetup setup = readSetup(top.object("root"), config);
        String scenario = top.isNull("scenario") ? null : top.text("scenario");
        byte[] scenarioHash = top.isNull("scenarioKeccak") ? null : top.hex("scenarioKeccak", 32);
        if ((scenario == null) != (scenarioHash == null)) {
            throw new FileFormatException(source, scenario == null ? "scenarioKeccak" : "scenario",
                "scenario and scenarioKeccak are both set or both null");
        }
        byte[] scenarioFile = readScenarioFile(top, scenarioHash);
        byte[] programHash = top.isNull("programHash") ? null : top.hex("programHash", 32);
        Map<String, String> players = readPlayers(top.object("players"));
        List<GameAction> actions = readActions(source, top.require("actions"), setup.createdAt());
        byte[] recorded = top.hex("checksum", 32);

        Session session = new Session(setup, scenario, scenarioHash, programHash, players, actions, scenarioFile);
        byte[] actual = checksumOf(body(session));
        if (!java.util.Arrays.equals(recorded, actual)) {
            throw new FileFormatException(source, "checksum", "the content hashes to " + Hex.encode(actual)
                + ", not the recorded " + Hex.encode(recorded) + ": the file changed after it was saved"
                + " (after a deliberate edit, record the new checksum)");
        }
        return session;
    }

    /**
     * The embedded scenario, if any: its bytes must hash to {@code scenarioKeccak} (the same check as for a scenario
     * found by path) and be a valid scenario, so a session that loads opens with its chain.
     */
    private static byte[] readScenarioFile(Obj top, byte[] scenarioHash) {
        if (!top.obj.has("scenarioFile")) {
            return null;
        }
        byte[] bytes = top.hex("scenarioFile", -1);
        if (scenarioHash == null) {
            throw new FileFormatException(top.path, "scenarioFile", "an embedded scenario needs scenario and scenarioKeccak");
        }
        byte[] actual = Keccak256.hash(bytes);
        if (!java.util.Arrays.equals(actual, scenarioHash)) {
            throw new FileFormatException(top.path, "scenarioFile", "the embedded scenario hashes to " + Hex.encode(actual)
                + ", not the recorded scenarioKeccak " + Hex.encode(scenarioHash));
        }
        try {
            Scenario.parse(bytes, null);
        } catch (FileFormatException e) {
            throw new FileFormatException(top.path, "scenarioFile", "the embedded scenario is not valid at " + e.where()
                + ": " + e.problem(), e);
        }
        return bytes;
    }

    /** Rebuilds the game action by action; the first action the engine refuses is the error. */
    static FaultDisputeGame replay(Session session, Path source) {
        FaultDisputeGame game;
        try {
            game = session.setup().newGame();
        } catch (GameError | IllegalArgumentException e) {
            throw new FileFormatException(source, "root", "the game cannot be created: " + e.getMessage(), e);
        }
        List<GameAction> actions = session.actions();
        for (int i = 0; i < actions.size(); i++) {
            GameAction a = actions.get(i);
            String where = "actions[" + i + "] (" + typeOf(a) + ")";
            try {
                a.applyTo(game);
            } catch (GameError e) {
                throw new FileFormatException(source, where, "the game refuses it: " + e.getMessage(), e);
            } catch (IllegalArgumentException | ArithmeticException e) {
                // The engine's own argument checks (not contract reverts); the file still cannot be replayed.
                throw new FileFormatException(source, where, "cannot be applied: " + e.getMessage(), e);
            }
        }
        return game;
    }

    private static GameConfig readConfig(Obj g) {
        g.onlyFields(GAME_FIELDS);
        int m = (int) g.unsigned("maxGameDepth", 8);
        int s = (int) g.unsigned("splitDepth", 8);
        long maxClock = g.seconds("maxClockDuration");
        long extension = g.seconds("clockExtension");
        long challenge = g.seconds("preimageChallengePeriod");
        Bytes32 prestate = Bytes32.of(g.hex("absolutePrestate", 32));
        Obj a = g.object("anchor");
        a.onlyFields(ANCHOR_FIELDS);
        Anchor anchor = new Anchor(a.seconds("blockNumber"), Bytes32.of(a.hex("outputRoot", 32)));
        Bytes32 l1Head = Bytes32.of(g.hex("l1Head", 32));
        long chainId = g.uint64("l2ChainId");
        Address address = Address.of(g.hex("gameAddress", 20));
        try {
            return new GameConfig(m, s, maxClock, extension, challenge, prestate, anchor, l1Head, chainId, address);
        } catch (GameError | IllegalArgumentException | ArithmeticException e) {
            // The contract's constructor checks (depths, clock extension) in its order.
            throw new FileFormatException(g.path, "game", "not a deployable configuration: " + e.getMessage(), e);
        }
    }

    private static GameSetup readSetup(Obj r, GameConfig config) {
        r.onlyFields(ROOT_FIELDS);
        Bytes32 claim = Bytes32.of(r.hex("claim", 32));
        long block = r.seconds("block");
        if (block <= config.anchor().blockNumber()) {
            throw new FileFormatException(r.path, r.name("block"), "root block " + block
                + " is not after the anchor block " + config.anchor().blockNumber());
        }
        String claimant = r.actor("claimant");
        long createdAt = r.seconds("createdAt");
        return new GameSetup(config, claim, block, claimant, createdAt);
    }

    private static Map<String, String> readPlayers(Obj p) {
        Map<String, String> players = new LinkedHashMap<>();
        Iterator<String> names = p.obj.fieldNames();
        while (names.hasNext()) {
            String role = names.next();
            players.put(role, p.text(role));
        }
        return players;
    }

    private static List<GameAction> readActions(Path source, JsonNode node, long createdAt) {
        if (!node.isArray()) {
            throw new FileFormatException(source, "actions", "expected an array of actions, found " + JsonFiles.shown(node));
        }
        List<GameAction> actions = new ArrayList<>(node.size());
        long previous = createdAt;
        for (int i = 0; i < node.size(); i++) {
            String at = "actions[" + i + "]";
            JsonNode n = node.get(i);
            if (!n.isObject()) {
                throw new FileFormatException(source, at, "expected an action object, found " + JsonFiles.shown(n));
            }
            Obj o = new Obj(source, n, at);
            String type = o.text("type");
            Set<String> fields = ACTION_FIELDS.get(type);
            if (fields == null) {
                throw new FileFormatException(source, o.name("type"), "unknown action type \"" + type + "\" (one of "
                    + String.join(", ", List.of(MOVE, STEP, ADD_LOCAL_DATA, LOAD_KECCAK_PREIMAGE, RESOLVE_CLAIM, RESOLVE))
                    + ")");
            }
            o.onlyFields(fields);
            long time = o.seconds("time");
            // Simulated time never runs back: the engine refuses it for timed calls, and a replay's time axis
            // (what the clocks are read against) must be monotone for the untimed ones too.
            if (time < previous) {
                throw new FileFormatException(source, o.name("time"), time + " is before "
                    + (i == 0 ? "the game's creation at " : "the previous action's time ") + previous);
            }
            previous = time;
            String actor = o.actor("actor");
            actions.add(switch (type) {
                case MOVE -> new GameAction.Move(time, actor, o.index("parentIndex"),
                    Bytes32.of(o.hex("disputed", 32)), Bytes32.of(o.hex("value", 32)), o.bool("attack"), o.wei("bond"));
                case STEP -> new GameAction.Step(time, actor, o.index("claimIndex"), o.bool("attack"),
                    o.hex("stateData", -1), o.hex("proof", -1));
                case ADD_LOCAL_DATA -> new GameAction.AddLocalData(time, actor, o.uint64("ident"), o.index("claimIndex"));
                case LOAD_KECCAK_PREIMAGE -> new GameAction.LoadKeccakPreimage(time, actor, o.hex("data", -1));
                case RESOLVE_CLAIM -> new GameAction.ResolveClaim(time, actor, o.index("claimIndex"),
                    o.index("numToResolve"));
                case RESOLVE -> new GameAction.Resolve(time, actor);
                default -> throw new IllegalStateException("type " + type + " has fields but no reader");
            });
        }
        return actions;
    }

    /** Typed access to one JSON object's fields; errors name {@code prefix.field} (e.g. {@code actions[3].bond}). */
    private static final class Obj extends JsonFiles.Fields {
        Obj(Path path, JsonNode node, String prefix) {
            super(path, node, prefix);
        }

        @Override
        String name(String field) {
            return prefix.isEmpty() ? field : prefix + "." + field;
        }

        /** True for an explicit null; a missing field is an error (the format writes every field). */
        boolean isNull(String field) {
            JsonNode v = obj.get(field);
            if (v == null) {
                throw new FileFormatException(path, name(field), "missing");
            }
            return v.isNull();
        }

        /** Unknown fields are errors: a misspelt field must not leave the real one silently missing. */
        void onlyFields(Set<String> allowed) {
            Iterator<String> names = obj.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!allowed.contains(n)) {
                    throw new FileFormatException(path, name(n), "unknown field");
                }
            }
        }

        Obj object(String field) {
            JsonNode v = require(field);
            if (!v.isObject()) {
                throw new FileFormatException(path, name(field), "expected an object, found " + JsonFiles.shown(v));
            }
            return new Obj(path, v, name(field));
        }

        /** A player name: it stands in for an address, and the engine has no address(0) among actors. */
        String actor(String field) {
            String s = text(field);
            if (s.isEmpty()) {
                throw new FileFormatException(path, name(field), "is empty; an actor needs a name");
            }
            return s;
        }

        long unsigned(String field, int bits) {
            return JsonFiles.unsigned(path, require(field), name(field), bits);
        }

        /** A time, duration or block number: a uint64 the engine holds in a (signed) long. */
        long seconds(String field) {
            long v = uint64(field);
            if (v < 0) {
                throw new FileFormatException(path, name(field), Long.toUnsignedString(v)
                    + " is beyond " + Long.MAX_VALUE + ", the largest the game model holds");
            }
            return v;
        }

        /** A claim index or count: the contract's uint32/uint256 as far as the engine's int reaches. */
        int index(String field) {
            long v = unsigned(field, 32);
            if (v > Integer.MAX_VALUE) {
                throw new FileFormatException(path, name(field), v + " is beyond " + Integer.MAX_VALUE
                    + ", the largest the game model holds");
            }
            return (int) v;
        }

        BigInteger wei(String field) {
            JsonNode v = require(field);
            if (!v.isTextual()) {
                // A string, because wei amounts pass 2^53 and JSON readers in other languages would round them.
                throw new FileFormatException(path, name(field), "expected a decimal string of wei, found "
                    + JsonFiles.shown(v));
            }
            String s = v.textValue();
            if (!WEI.matcher(s).matches()) {
                throw new FileFormatException(path, name(field), "expected a decimal string of wei (digits only, no "
                    + "leading zeros), found " + JsonFiles.shown(v));
            }
            BigInteger b = new BigInteger(s);
            if (b.bitLength() > UINT256_BITS) {
                throw new FileFormatException(path, name(field), "is more than a uint256 can hold");
            }
            return b;
        }
    }
}
