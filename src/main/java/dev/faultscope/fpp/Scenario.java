package dev.faultscope.fpp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultscope.io.FileFormatException;
import dev.faultscope.io.InputFiles;
import dev.faultscope.io.JsonFiles;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A toy rollup scenario (docs/formats.md, "Scenario"): accounts with initial balances and the L1 blocks in order,
 * {@code blocks[i]} being L1 block i (block 0 is genesis and carries nothing), each with the L2 transactions its
 * batch carries. Invalid transfers are allowed on purpose: derivation must skip them, and that is what a
 * classroom wants to watch.
 *
 * @param accounts  1..1024 accounts; their index is the account number
 * @param blocks    at least the genesis block
 * @param blockTime seconds between L1 blocks; block n's timestamp is {@code genesisTime + blockTime·n}
 */
public record Scenario(String name, String description, long chainId, long genesisTime, long blockTime,
                       List<Account> accounts, List<Block> blocks) {

    public static final long DEFAULT_BLOCK_TIME = 12;
    /** The program walks at most 4096 L1 blocks after the agreed origin; genesis plus 4096 keeps every run in range. */
    public static final int MAX_BLOCKS = 4097;
    /** The program's batch buffer is 65536 bytes: {@code 4 + 17·count} must fit. */
    public static final int MAX_TXS_PER_BLOCK = (65536 - 4) / Tx.BYTES;

    /** @param name for display only, or null; @param balance uint64 in a long's bits */
    public record Account(String name, long balance) {
    }

    /** The transactions of one L1 block's batch, in order; empty means the block carries no batch. */
    public record Block(List<Tx> txs) {
        public Block {
            txs = List.copyOf(txs);
        }
    }

    public Scenario {
        accounts = List.copyOf(accounts);
        blocks = List.copyOf(blocks);
        if (accounts.isEmpty() || accounts.size() > Layouts.MAX_ACCOUNTS) {
            throw new IllegalArgumentException("a scenario has 1.." + Layouts.MAX_ACCOUNTS + " accounts, got " + accounts.size());
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a scenario has at least the L1 genesis block");
        }
        if (blocks.size() > MAX_BLOCKS) {
            throw new IllegalArgumentException("a scenario has at most " + MAX_BLOCKS + " L1 blocks, got " + blocks.size());
        }
        for (Block b : blocks) {
            if (b.txs().size() > MAX_TXS_PER_BLOCK) {
                throw new IllegalArgumentException("an L1 block carries at most " + MAX_TXS_PER_BLOCK + " transactions, got " + b.txs().size());
            }
        }
        if (!blocks.get(0).txs().isEmpty()) {
            throw new IllegalArgumentException("L1 genesis (block 0) carries no transactions");
        }
        if (blockTime == 0) {
            throw new IllegalArgumentException("blockTime must be at least 1");
        }
    }

    public int accountCount() {
        return accounts.size();
    }

    /** The newest L1 block number. */
    public long lastBlock() {
        return blocks.size() - 1;
    }

    public long timestamp(long l1Number) {
        return genesisTime + blockTime * l1Number;
    }

    /** "alice (0)", or "#7" for an unnamed or nonexistent account, so skipped transfers still read clearly. */
    public String accountLabel(long index) {
        if (index >= 0 && index < accounts.size() && accounts.get((int) index).name() != null) {
            return accounts.get((int) index).name() + " (" + index + ")";
        }
        return "#" + index;
    }

    // ---- reading ----

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    public static Scenario load(Path path) throws IOException {
        return parse(InputFiles.read(path, InputFiles.Limit.SCENARIO), path);
    }

    /** Parses and validates; every problem is a {@link FileFormatException} naming the field, e.g. {@code blocks[3].txs[1].amount}. */
    public static Scenario parse(byte[] json, Path path) {
        return new Reader(path).scenario(JsonFiles.parseTree(json, path));
    }

    private static final class Reader {
        private final Path path;

        Reader(Path path) {
            this.path = path;
        }

        Scenario scenario(JsonNode root) {
            object(root, "top level");
            onlyFields(root, "", Set.of("name", "description", "chainId", "genesisTime", "blockTime", "accounts", "blocks"));
            String name = text(root, "", "name");
            if (name.isBlank()) {
                throw fail("name", "must not be empty");
            }
            String description = root.has("description") ? text(root, "", "description") : "";
            long chainId = uint64(require(root, "", "chainId"), "chainId");
            long genesisTime = uint64(require(root, "", "genesisTime"), "genesisTime");
            long blockTime = DEFAULT_BLOCK_TIME;
            if (root.has("blockTime")) {
                blockTime = uint64(root.get("blockTime"), "blockTime");
                if (blockTime == 0) {
                    throw fail("blockTime", "must be at least 1 (L1 timestamps must increase)");
                }
            }

            JsonNode accountsNode = array(require(root, "", "accounts"), "accounts");
            if (accountsNode.isEmpty() || accountsNode.size() > Layouts.MAX_ACCOUNTS) {
                throw fail("accounts", "must hold 1.." + Layouts.MAX_ACCOUNTS + " accounts (the state layout's limit), found " + accountsNode.size());
            }
            List<Account> accounts = new ArrayList<>();
            Map<String, Integer> names = new HashMap<>();
            for (int i = 0; i < accountsNode.size(); i++) {
                String at = "accounts[" + i + "]";
                JsonNode a = object(accountsNode.get(i), at);
                onlyFields(a, at, Set.of("name", "balance"));
                String accountName = null;
                if (a.has("name")) {
                    accountName = text(a, at, "name");
                    if (accountName.isBlank()) {
                        throw fail(at + ".name", "must not be empty (leave the field out for an unnamed account)");
                    }
                    Integer earlier = names.putIfAbsent(accountName, i);
                    if (earlier != null) {
                        throw fail(at + ".name", "\"" + accountName + "\" is already the name of accounts[" + earlier + "]");
                    }
                }
                accounts.add(new Account(accountName, uint64(require(a, at, "balance"), at + ".balance")));
            }

            JsonNode blocksNode = array(require(root, "", "blocks"), "blocks");
            if (blocksNode.isEmpty()) {
                throw fail("blocks", "must hold at least blocks[0], the L1 genesis block");
            }
            if (blocksNode.size() > MAX_BLOCKS) {
                throw fail("blocks", "holds " + blocksNode.size() + " L1 blocks, at most " + MAX_BLOCKS
                        + " (genesis and 4096 more, the program's L1 walk limit)");
            }
            // The last timestamp must fit the header's uint64 field; checking it once covers every block.
            BigInteger lastTime = BigInteger.valueOf(blockTime).and(mask64()).multiply(BigInteger.valueOf(blocksNode.size() - 1))
                    .add(BigInteger.valueOf(genesisTime).and(mask64()));
            if (lastTime.compareTo(TWO_64) >= 0) {
                throw fail("genesisTime", "with blockTime " + Long.toUnsignedString(blockTime) + " the timestamp of block "
                        + (blocksNode.size() - 1) + " does not fit an unsigned 64-bit integer");
            }
            List<Block> blocks = new ArrayList<>();
            for (int i = 0; i < blocksNode.size(); i++) {
                blocks.add(block(blocksNode.get(i), i));
            }
            return new Scenario(name, description, chainId, genesisTime, blockTime, accounts, blocks);
        }

        private Block block(JsonNode b, int i) {
            String at = "blocks[" + i + "]";
            object(b, at);
            onlyFields(b, at, Set.of("txs"));
            if (!b.has("txs") || b.get("txs").isNull()) {
                return new Block(List.of());
            }
            JsonNode txs = array(b.get("txs"), at + ".txs");
            if (txs.size() > MAX_TXS_PER_BLOCK) {
                throw fail(at + ".txs", "holds " + txs.size() + " transactions, at most " + MAX_TXS_PER_BLOCK
                        + " (a batch must fit the program's 65536-byte buffer)");
            }
            if (i == 0 && !txs.isEmpty()) {
                throw fail(at + ".txs", "L1 genesis (block 0) carries no transactions; start them at blocks[1]");
            }
            List<Tx> out = new ArrayList<>();
            for (int j = 0; j < txs.size(); j++) {
                out.add(tx(txs.get(j), at + ".txs[" + j + "]"));
            }
            return new Block(out);
        }

        private Tx tx(JsonNode t, String at) {
            object(t, at);
            String type = text(t, at, "type");
            switch (type) {
                case "transfer" -> {
                    onlyFields(t, at, Set.of("type", "from", "to", "amount"));
                    return Tx.transfer(uint32(require(t, at, "from"), at + ".from"), uint32(require(t, at, "to"), at + ".to"),
                            uint64(require(t, at, "amount"), at + ".amount"));
                }
                case "deposit" -> {
                    if (t.has("from")) {
                        throw fail(at + ".from", "a deposit has no sender (it comes from L1); remove the field");
                    }
                    onlyFields(t, at, Set.of("type", "to", "amount"));
                    return Tx.deposit(uint32(require(t, at, "to"), at + ".to"), uint64(require(t, at, "amount"), at + ".amount"));
                }
                default -> throw fail(at + ".type", "must be \"transfer\" or \"deposit\", found \"" + type + "\"");
            }
        }

        // ---- typed access; "where" is the field path, e.g. blocks[3].txs[1].amount ----

        private FileFormatException fail(String where, String problem) {
            return new FileFormatException(path, where, problem);
        }

        private JsonNode require(JsonNode obj, String at, String field) {
            String where = at.isEmpty() ? field : at + "." + field;
            JsonNode v = obj.get(field);
            if (v == null || v.isNull()) {
                throw fail(where, "missing");
            }
            return v;
        }

        private String text(JsonNode obj, String at, String field) {
            JsonNode v = require(obj, at, field);
            if (!v.isTextual()) {
                throw fail(at.isEmpty() ? field : at + "." + field, "must be a string, found " + shown(v));
            }
            return v.textValue();
        }

        private JsonNode object(JsonNode v, String where) {
            if (!v.isObject()) {
                throw fail(where, "must be an object, found " + shown(v));
            }
            return v;
        }

        private JsonNode array(JsonNode v, String where) {
            if (!v.isArray()) {
                throw fail(where, "must be an array, found " + shown(v));
            }
            return v;
        }

        /** Unknown fields are errors: a misspelt "ammount" would otherwise silently become a missing field elsewhere. */
        private void onlyFields(JsonNode obj, String at, Set<String> allowed) {
            Iterator<String> it = obj.fieldNames();
            while (it.hasNext()) {
                String f = it.next();
                if (!allowed.contains(f)) {
                    throw fail(at.isEmpty() ? f : at + "." + f, "unknown field (expected " + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            }
        }

        private long uint64(JsonNode v, String where) {
            BigInteger n = integer(v, where);
            if (n.compareTo(TWO_64) >= 0) {
                throw fail(where, "must be a non-negative integer below 2^64, found " + n);
            }
            return n.longValue();
        }

        private long uint32(JsonNode v, String where) {
            BigInteger n = integer(v, where);
            if (n.bitLength() > 32) {
                throw fail(where, "must be an account number below 2^32 (the transaction's u32 field), found " + n);
            }
            return n.longValue();
        }

        private BigInteger integer(JsonNode v, String where) {
            if (!v.isIntegralNumber() || v.bigIntegerValue().signum() < 0) {
                throw fail(where, "must be a non-negative integer, found " + shown(v));
            }
            return v.bigIntegerValue();
        }

        private static String shown(JsonNode v) {
            if (v.isObject()) {
                return "an object";
            }
            if (v.isArray()) {
                return "an array";
            }
            String s = v.toString();
            return s.length() <= 40 ? s : s.substring(0, 40) + "…";
        }

        private static BigInteger mask64() {
            return TWO_64.subtract(BigInteger.ONE);
        }
    }

    // ---- writing ----

    /**
     * The scenario as JSON in the documented format, one transaction per line so a diff of two scenarios reads
     * line by line. {@code parse(toJson())} gives back an equal scenario.
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"name\": ").append(quote(name)).append(",\n");
        if (!description.isEmpty()) {
            sb.append("  \"description\": ").append(quote(description)).append(",\n");
        }
        sb.append("  \"chainId\": ").append(Long.toUnsignedString(chainId)).append(",\n");
        sb.append("  \"genesisTime\": ").append(Long.toUnsignedString(genesisTime)).append(",\n");
        sb.append("  \"blockTime\": ").append(Long.toUnsignedString(blockTime)).append(",\n");
        sb.append("  \"accounts\": [\n");
        for (int i = 0; i < accounts.size(); i++) {
            Account a = accounts.get(i);
            sb.append("    {");
            if (a.name() != null) {
                sb.append("\"name\": ").append(quote(a.name())).append(", ");
            }
            sb.append("\"balance\": ").append(Long.toUnsignedString(a.balance())).append('}');
            sb.append(i + 1 < accounts.size() ? ",\n" : "\n");
        }
        sb.append("  ],\n  \"blocks\": [\n");
        for (int i = 0; i < blocks.size(); i++) {
            List<Tx> txs = blocks.get(i).txs();
            if (txs.isEmpty()) {
                sb.append("    {}");
            } else {
                sb.append("    {\"txs\": [\n");
                for (int j = 0; j < txs.size(); j++) {
                    Tx t = txs.get(j);
                    sb.append("      {\"type\": ");
                    if (t.isDeposit()) {
                        sb.append("\"deposit\", ");
                    } else {
                        sb.append("\"transfer\", \"from\": ").append(t.from()).append(", ");
                    }
                    sb.append("\"to\": ").append(t.to()).append(", \"amount\": ").append(Long.toUnsignedString(t.amount())).append('}');
                    sb.append(j + 1 < txs.size() ? ",\n" : "\n");
                }
                sb.append("    ]}");
            }
            sb.append(i + 1 < blocks.size() ? ",\n" : "\n");
        }
        sb.append("  ]\n}\n");
        return sb.toString();
    }

    private static String quote(String s) {
        return JsonFiles.MAPPER.getNodeFactory().textNode(s).toString();
    }
}
