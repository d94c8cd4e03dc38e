package dev.faultscope.fpp;

import dev.faultscope.crypto.Hex;
import dev.faultscope.oracle.PreimageKeys;
import dev.faultscope.oracle.PreimageStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host side of the fault proof program: local inputs for a block transition and the keccak pre-images the
 * program reads, from a {@link ChainModel}. Two ways to serve them, like op-program's host:
 * <ul>
 *   <li>lazily ({@link #lazyStore}): the store starts with the local inputs only and fills itself from the
 *       program's hints ({@code l2-output}, {@code l2-header}, {@code l2-state}, {@code l1-header},
 *       {@code l1-batch}, docs/fpp.md);</li>
 *   <li>eagerly ({@link #eagerStore}): everything the program will read, computed up front by following
 *       docs/fpp.md's read order over the model, for offline runs and pre-image files.</li>
 * </ul>
 * Both give the same pre-images for a run, which the tests check.
 */
public final class FppHost {
    public static final String HINT_L2_OUTPUT = "l2-output";
    public static final String HINT_L2_HEADER = "l2-header";
    public static final String HINT_L2_STATE = "l2-state";
    public static final String HINT_L1_HEADER = "l1-header";
    public static final String HINT_L1_BATCH = "l1-batch";

    /** The program's limit on L1 blocks after the agreed block's origin (docs/fpp.md section 5). */
    static final int MAX_L1_BLOCKS = 4096;

    private static final Pattern HINT = Pattern.compile("([a-z0-9-]+) (0x[0-9a-fA-F]{64})");

    private final ChainModel model;
    private final List<L2Chain> chains = new ArrayList<>();
    /** Per hint type, hash → pre-image. Rebuilt on a miss, since a beyond-l1 chain grows after it is served. */
    private final Map<String, Map<Bytes32, byte[]>> index = new HashMap<>();

    /** A host serving the scenario's L1 chain and honest L2 chain. */
    public FppHost(ChainModel model) {
        this.model = model;
        serve(model.honestChain());
    }

    /**
     * Also serves a proposer's L2 pre-images (outputs, headers, states), e.g. when the game's starting output is
     * a wrong proposer's. Its invented L1 blocks, if any, are never served: they do not exist on L1.
     */
    public FppHost serve(Proposer proposer) {
        return serve(proposer.chain());
    }

    public FppHost serve(L2Chain chain) {
        if (!chains.contains(chain)) {
            chains.add(chain);
        }
        reindex();
        return this;
    }

    // ---- inputs ----

    /** A transition on the honest chain with the newest L1 block as L1 head. */
    public FppInputs inputs(long agreedBlock, long disputedBlock, Bytes32 claimedOutputRoot) {
        return inputs(agreedBlock, disputedBlock, claimedOutputRoot, model.lastL1Block());
    }

    /** A transition from the honest output at {@code agreedBlock} with L1 block {@code l1HeadNumber} as L1 head. */
    public FppInputs inputs(long agreedBlock, long disputedBlock, Bytes32 claimedOutputRoot, long l1HeadNumber) {
        return inputs(model.outputRoot(agreedBlock), disputedBlock, claimedOutputRoot, model.l1Block(l1HeadNumber).hash());
    }

    /** Inputs as a game's execution subgame gives them: any agreed root (honest or served), any L1 head hash. */
    public FppInputs inputs(Bytes32 agreedOutputRoot, long disputedBlock, Bytes32 claimedOutputRoot, Bytes32 l1Head) {
        return new FppInputs(l1Head, agreedOutputRoot, claimedOutputRoot, disputedBlock, model.chainId());
    }

    // ---- lazy ----

    /** A store holding the local inputs and answering the program's hints from this host. */
    public PreimageStore lazyStore(FppInputs inputs) {
        PreimageStore store = new PreimageStore();
        inputs.putLocals(store);
        return store.onHint(hintHandler());
    }

    public PreimageStore.HintHandler hintHandler() {
        return this::answer;
    }

    /** Puts the one pre-image {@code hint} names into {@code store}; unknown hints or data throw {@link FppHostException}. */
    public void answer(String hint, PreimageStore store) {
        Matcher m = HINT.matcher(hint);
        if (!m.matches()) {
            throw new FppHostException(hint, null, "malformed hint: expected \"<type> 0x<64 hex digits>\"");
        }
        String type = m.group(1);
        if (!index.containsKey(type)) {
            throw new FppHostException(hint, null, "unknown hint type \"" + type + "\" (known: " + String.join(", ", index.keySet().stream().sorted().toList()) + ")");
        }
        store.putKeccak(lookup(type, Bytes32.fromHex(m.group(2)), hint));
    }

    // ---- eager ----

    /** A store holding the local inputs and every pre-image the program reads for {@code inputs}, and nothing more. */
    public PreimageStore eagerStore(FppInputs inputs) {
        PreimageStore store = new PreimageStore();
        preload(inputs, store);
        return store;
    }

    /**
     * Puts into {@code store} the local inputs and the pre-images the program reads, following docs/fpp.md's
     * read order; where the program would stop as malformed, so does the preload.
     */
    public void preload(FppInputs inputs, PreimageStore store) {
        inputs.putLocals(store);
        byte[] output = fetch(HINT_L2_OUTPUT, inputs.agreedOutputRoot(), store);
        Bytes32 stateRoot = Bytes32.of(output, 32);
        byte[] header = fetch(HINT_L2_HEADER, Bytes32.of(output, 96), store);
        fetch(HINT_L2_STATE, stateRoot, store);
        long agreedNumber = Layouts.u64(header, 32);
        Bytes32 originHash = Bytes32.of(header, 40);
        long originNumber = Layouts.u64(header, 72);
        if (Long.compareUnsigned(inputs.disputedBlock(), agreedNumber) < 0) {
            return; // the program stops as malformed before walking L1
        }

        // The walk as src/fpp/main.c does it: every header from the head down to and including the origin.
        List<byte[]> walk = new ArrayList<>(); // oldest first
        Bytes32 h = inputs.l1Head();
        Long childNumber = null;
        while (true) {
            byte[] l1 = fetch(HINT_L1_HEADER, h, store);
            long number = Layouts.u64(l1, 32);
            if (childNumber != null && number + 1 != childNumber) {
                return; // misnumbered L1 chain: malformed, nothing more is read
            }
            if (h.equals(originHash)) {
                if (number != originNumber) {
                    return;
                }
                break;
            }
            if (Long.compareUnsigned(number, originNumber) <= 0 || walk.size() == MAX_L1_BLOCKS) {
                return; // the head does not descend from the origin, or too far from it: malformed
            }
            walk.add(0, l1);
            childNumber = number;
            h = Bytes32.of(l1, 0);
        }
        long toDerive = inputs.disputedBlock() - agreedNumber;
        for (int k = 0; k < walk.size() && Long.compareUnsigned(k, toDerive) < 0; k++) {
            Bytes32 batchHash = Bytes32.of(walk.get(k), 48);
            if (!batchHash.isZero()) {
                fetch(HINT_L1_BATCH, batchHash, store);
            }
        }
    }

    private byte[] fetch(String type, Bytes32 hash, PreimageStore store) {
        byte[] data = lookup(type, hash, type + " " + hash.hex());
        store.putKeccak(data);
        return data;
    }

    // ---- lookup ----

    private byte[] lookup(String type, Bytes32 hash, String hint) {
        byte[] data = index.get(type).get(hash);
        if (data == null) {
            reindex();
            data = index.get(type).get(hash);
        }
        if (data == null) {
            throw new FppHostException(hint, Hex.encode(PreimageKeys.keccakKeyOfHash(hash.bytes())), "the chain has no " + what(type) + " " + hash.hex());
        }
        return data;
    }

    private static String what(String type) {
        return switch (type) {
            case HINT_L2_OUTPUT -> "L2 output with root";
            case HINT_L2_HEADER -> "L2 block with hash";
            case HINT_L2_STATE -> "L2 state with root";
            case HINT_L1_HEADER -> "L1 block with hash";
            case HINT_L1_BATCH -> "L1 batch with hash";
            default -> type;
        };
    }

    private void reindex() {
        Map<Bytes32, byte[]> outputs = new HashMap<>();
        Map<Bytes32, byte[]> l2Headers = new HashMap<>();
        Map<Bytes32, byte[]> states = new HashMap<>();
        Map<Bytes32, byte[]> l1Headers = new HashMap<>();
        Map<Bytes32, byte[]> batches = new HashMap<>();
        for (L2Chain chain : chains) {
            for (L2Block b : chain.blocks()) {
                outputs.put(b.outputRoot(), b.output());
                l2Headers.put(b.hash(), b.header());
                states.put(b.stateRoot(), b.state());
            }
        }
        // Only the scenario's L1: a proposer's invented L1 blocks must stay unavailable, as on a real L1.
        for (L1Block b : model.l1Blocks()) {
            l1Headers.put(b.hash(), b.header());
            if (b.hasBatch()) {
                batches.put(b.batchHash(), b.batch());
            }
        }
        index.put(HINT_L2_OUTPUT, outputs);
        index.put(HINT_L2_HEADER, l2Headers);
        index.put(HINT_L2_STATE, states);
        index.put(HINT_L1_HEADER, l1Headers);
        index.put(HINT_L1_BATCH, batches);
    }
}
