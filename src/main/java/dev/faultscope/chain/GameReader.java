package dev.faultscope.chain;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.Clock;
import dev.faultscope.game.GameStatus;
import dev.faultscope.game.Position;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads one {@code FaultDisputeGame} over JSON-RPC into a {@link ChainGame}. Works for any version that has the
 * 1.2.0 getters (1.2.0 and 1.3.x); a contract without them is reported as not a game.
 */
public final class GameReader {
    static final String MOVE_TOPIC = Hash.sha3String("Move(uint256,bytes32,address)");
    static final String RESOLVED_TOPIC = Hash.sha3String("Resolved(uint8)");
    /** How many blocks the reader searches for step transactions (a devnet or a recent game; not a full history). */
    public static final int STEP_SEARCH_BLOCKS = 5_000;

    private static final TypeReference<Utf8String> STRING = new TypeReference<>() { };
    private static final TypeReference<Uint256> U256 = new TypeReference<>() { };
    private static final TypeReference<Uint64> U64 = new TypeReference<>() { };
    private static final TypeReference<Uint32> U32 = new TypeReference<>() { };
    private static final TypeReference<Uint8> U8 = new TypeReference<>() { };
    private static final TypeReference<org.web3j.abi.datatypes.generated.Bytes32> B32 = new TypeReference<>() { };
    private static final TypeReference<Address> ADDR = new TypeReference<>() { };
    private static final TypeReference<Bool> BOOL = new TypeReference<>() { };
    private static final TypeReference<Uint128> U128 = new TypeReference<>() { };

    private final Rpc rpc;

    public GameReader(Rpc rpc) {
        this.rpc = rpc;
    }

    public ChainGame read(String gameAddress) {
        return read(gameAddress, msg -> { });
    }

    /** Reads the game; {@code progress} hears one line per stage (for a progress bar or a log). */
    public ChainGame read(String gameAddress, Consumer<String> progress) {
        String game = checkAddress(gameAddress, "game");
        progress.accept("checking " + game);
        EthBlock.Block head = rpc.latestBlock();
        long readBlock = head.getNumber().longValueExact();
        long now = head.getTimestamp().longValueExact();
        long chainId = rpc.chainId();
        String code = rpc.code(game);
        if (code == null || code.equals("0x")) {
            throw new ChainException("no contract at " + game + " on " + rpc.url() + " (chain " + chainId + ")");
        }
        String version;
        int claimCount;
        try {
            version = (String) Abi.one(rpc, game, "version", STRING);
            claimCount = ((BigInteger) Abi.one(rpc, game, "claimDataLen", U256)).intValueExact();
        } catch (ChainException | ArithmeticException e) {
            throw new ChainException(game + " is not a FaultDisputeGame (version()/claimDataLen(): "
                + e.getMessage() + ")");
        }
        List<String> warnings = new ArrayList<>();
        if (dev.faultscope.game.RulesVersion.forVersion(version).isEmpty()) {
            warnings.add("FaultDisputeGame " + version + ": rules not modelled (known: 1.2.0, 1.3.x); shown read-only");
        }
        progress.accept("reading FaultDisputeGame " + version + " immutables");
        int gameType = ((BigInteger) Abi.one(rpc, game, "gameType", U32)).intValueExact();
        Bytes32 rootClaim = b32(Abi.one(rpc, game, "rootClaim", B32));
        long l2Block = ((BigInteger) Abi.one(rpc, game, "l2BlockNumber", U256)).longValueExact();
        Bytes32 l1Head = b32(Abi.one(rpc, game, "l1Head", B32));
        String creator = addr(Abi.one(rpc, game, "gameCreator", ADDR));
        Bytes32 prestate = b32(Abi.one(rpc, game, "absolutePrestate", B32));
        int maxDepth = ((BigInteger) Abi.one(rpc, game, "maxGameDepth", U256)).intValueExact();
        int split = ((BigInteger) Abi.one(rpc, game, "splitDepth", U256)).intValueExact();
        long ext = ((BigInteger) Abi.one(rpc, game, "clockExtension", U64)).longValueExact();
        long maxClock = ((BigInteger) Abi.one(rpc, game, "maxClockDuration", U64)).longValueExact();
        String vm = addr(Abi.one(rpc, game, "vm", ADDR));
        String weth = addr(Abi.one(rpc, game, "weth", ADDR));
        String asr = addr(Abi.one(rpc, game, "anchorStateRegistry", ADDR));
        long l2ChainId = ((BigInteger) Abi.one(rpc, game, "l2ChainId", U256)).longValueExact();
        long startingBlock = ((BigInteger) Abi.one(rpc, game, "startingBlockNumber", U256)).longValueExact();
        Bytes32 startingRoot = b32(Abi.one(rpc, game, "startingRootHash", B32));
        GameStatus status = GameStatus.values()[((BigInteger) Abi.one(rpc, game, "status", U8)).intValueExact()];
        long createdAt = ((BigInteger) Abi.one(rpc, game, "createdAt", U64)).longValueExact();
        long resolvedAt = ((BigInteger) Abi.one(rpc, game, "resolvedAt", U64)).longValueExact();

        String vmVersion = null;
        String oracle = null;
        long challengePeriod = 0;
        try {
            vmVersion = (String) Abi.one(rpc, vm, "version", STRING);
            oracle = addr(Abi.one(rpc, vm, "oracle", ADDR));
            challengePeriod = ((BigInteger) Abi.one(rpc, oracle, "challengePeriod", U256)).longValueExact();
        } catch (ChainException e) {
            warnings.add("the VM at " + vm + " did not answer version()/oracle(): " + e.getMessage());
        }
        if (vmVersion != null && !vmVersion.startsWith("1.")) {
            warnings.add("VM " + vm + " is MIPS " + vmVersion + ": steps are shown only for the single-threaded MIPS32 VM (1.x)");
        }

        List<ChainClaim> claims = new ArrayList<>(claimCount);
        Set<String> addresses = new LinkedHashSet<>();
        addresses.add(creator);
        for (int i = 0; i < claimCount; i++) {
            if (i % 16 == 0) {
                progress.accept("reading claim " + i + " of " + claimCount);
            }
            List<Type> c = Abi.call(rpc, game, "claimData", List.of(U32, ADDR, ADDR, U128, B32, U128, U128),
                new Uint256(i));
            long parent = ((BigInteger) c.get(0).getValue()).longValueExact();
            String countered = addr(c.get(1).getValue());
            String claimant = addr(c.get(2).getValue());
            boolean resolved = (Boolean) Abi.one(rpc, game, "resolvedSubgames", BOOL, new Uint256(i));
            claims.add(new ChainClaim(i, parent == 0xFFFF_FFFFL ? -1 : (int) parent,
                countered.equals(ZERO_ADDRESS) ? null : countered, claimant, (BigInteger) c.get(3).getValue(),
                b32(c.get(4).getValue()), Position.ofGindex((BigInteger) c.get(5).getValue()),
                Clock.unpack((BigInteger) c.get(6).getValue()), resolved));
            addresses.add(claimant);
            if (!countered.equals(ZERO_ADDRESS)) {
                addresses.add(countered);
            }
        }
        Map<String, BigInteger> credits = new LinkedHashMap<>();
        for (String a : addresses) {
            BigInteger credit = (BigInteger) Abi.one(rpc, game, "credit", U256, new Address(a));
            if (credit.signum() > 0) {
                credits.put(a, credit);
            }
        }

        progress.accept("reading events");
        List<ChainEvent> events = new ArrayList<>();
        try {
            events = events(game, readBlock);
        } catch (ChainException e) {
            warnings.add("events not read (" + e.getMessage() + "); the timeline shows claims only");
        }
        Map<Integer, StepCall> steps = new HashMap<>();
        boolean stepped = claims.stream().anyMatch(c -> c.depth() == maxDepth && c.counteredBy() != null);
        if (stepped) {
            progress.accept("looking for step transactions");
            long from = events.isEmpty() ? Math.max(0, readBlock - STEP_SEARCH_BLOCKS) : events.get(0).block();
            if (readBlock - from > STEP_SEARCH_BLOCKS) {
                warnings.add("step transactions searched only in the last " + STEP_SEARCH_BLOCKS + " blocks");
                from = readBlock - STEP_SEARCH_BLOCKS;
            }
            steps = findSteps(game, from, readBlock);
        }
        return new ChainGame(game, version, gameType, rootClaim, l2Block, l1Head, creator, prestate, maxDepth, split,
            ext, maxClock, vm, vmVersion, oracle, challengePeriod, weth, asr, l2ChainId, startingBlock, startingRoot,
            status, createdAt, resolvedAt, claims, credits, events, steps, chainId, readBlock, now, warnings);
    }

    private List<ChainEvent> events(String game, long toBlock) {
        List<ChainEvent> out = new ArrayList<>();
        Map<Long, Long> times = new HashMap<>();
        for (Log log : rpc.logs(game, 0, toBlock)) {
            List<String> t = log.getTopics();
            if (t.isEmpty()) {
                continue;
            }
            long block = log.getBlockNumber().longValueExact();
            long ts = times.computeIfAbsent(block, b -> rpc.block(b, false).getTimestamp().longValueExact());
            if (t.get(0).equalsIgnoreCase(MOVE_TOPIC) && t.size() == 4) {
                out.add(new ChainEvent("Move", block, ts, log.getTransactionHash(),
                    new BigInteger(t.get(1).substring(2), 16).intValueExact(), t.get(2),
                    "0x" + t.get(3).substring(26).toLowerCase()));
            } else if (t.get(0).equalsIgnoreCase(RESOLVED_TOPIC) && t.size() == 2) {
                int st = new BigInteger(t.get(1).substring(2), 16).intValueExact();
                out.add(new ChainEvent("Resolved", block, ts, log.getTransactionHash(), -1,
                    st < GameStatus.values().length ? GameStatus.values()[st].name() : "status " + st, null));
            }
        }
        return out;
    }

    /** Successful {@code step} transactions to {@code game} in the block range. */
    private Map<Integer, StepCall> findSteps(String game, long fromBlock, long toBlock) {
        String selector = RevertReasons.selector("step(uint256,bool,bytes,bytes)");
        Map<Integer, StepCall> out = new HashMap<>();
        for (long b = fromBlock; b <= toBlock; b++) {
            EthBlock.Block block = rpc.block(b, true);
            for (EthBlock.TransactionResult<?> tr : block.getTransactions()) {
                Transaction tx = (Transaction) tr.get();
                if (tx.getTo() == null || !tx.getTo().equalsIgnoreCase(game) || !tx.getInput().startsWith(selector)) {
                    continue;
                }
                TransactionReceipt receipt = rpc.receipt(tx.getHash()).orElse(null);
                if (receipt == null || !receipt.isStatusOK()) {
                    continue;
                }
                StepCall call = decodeStep(tx.getInput(), tx.getFrom(), tx.getHash(), b,
                    block.getTimestamp().longValueExact());
                out.put(call.claimIndex(), call);
            }
        }
        return out;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static StepCall decodeStep(String input, String sender, String txHash, long block, long timestamp) {
        List<Type> args = FunctionReturnDecoder.decode("0x" + input.substring(10), (List) List.of(U256, BOOL,
            new TypeReference<DynamicBytes>() { }, new TypeReference<DynamicBytes>() { }));
        return new StepCall(((BigInteger) args.get(0).getValue()).intValueExact(), (Boolean) args.get(1).getValue(),
            (byte[]) args.get(2).getValue(), (byte[]) args.get(3).getValue(), sender.toLowerCase(), txHash, block,
            timestamp);
    }

    static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    static String checkAddress(String address, String what) {
        if (address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
            throw new ChainException(what + " address " + address + ": expected 0x and 40 hex digits");
        }
        return address.toLowerCase();
    }

    private static String addr(Object v) {
        return ((String) v).toLowerCase();
    }

    private static Bytes32 b32(Object v) {
        return Bytes32.of((byte[]) v);
    }
}
