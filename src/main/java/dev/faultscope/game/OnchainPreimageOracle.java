package dev.faultscope.game;

import dev.faultscope.crypto.Keccak256;
import dev.faultscope.fpp.Bytes32;
import dev.faultscope.oracle.PreimageKeys;
import dev.faultscope.oracle.PreimageOracle;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The game's model of the on-chain {@code PreimageOracle}: pre-images are stored by key, and a step may only read
 * at an offset whose 32-byte part was loaded ({@code preimagePartOk[key][offset]}). Local data is stored under keys
 * localized by the loading contract's address and the subgame's local context, so games and subgames never see
 * each other's inputs.
 *
 * <p>The large pre-image proposal flow (and its challenge period) is not modelled: keccak pre-images are loaded
 * directly, as {@code loadKeccakPreimagePart} does for small ones.
 */
public final class OnchainPreimageOracle {
    private static final class Entry {
        final byte[] data;
        final Set<Long> parts = new TreeSet<>();
        boolean allParts;

        Entry(byte[] data) {
            this.data = data;
        }

        boolean partOk(long offset) {
            return allParts ? offset >= 0 && offset < data.length + 8L : parts.contains(offset);
        }
    }

    private final Map<Bytes32, Entry> entries = new LinkedHashMap<>();

    /**
     * {@code localize(key, localContext)} as seen by {@code caller}: {@code keccak(key ‖ uint256(caller) ‖
     * localContext)} with byte 0 set to 1 (the local key type).
     */
    public static Bytes32 localize(byte[] key, Address caller, Bytes32 localContext) {
        byte[] buf = new byte[96];
        System.arraycopy(key, 0, buf, 0, 32);
        System.arraycopy(caller.word(), 0, buf, 32, 32);
        System.arraycopy(localContext.bytes(), 0, buf, 64, 32);
        byte[] h = Keccak256.hash(buf);
        h[0] = PreimageKeys.TYPE_LOCAL;
        return Bytes32.of(h);
    }

    /** The localized key of local input {@code ident}: {@code localize(0x01 ‖ … ‖ ident)}. */
    public static Bytes32 localizeIdent(long ident, Address caller, Bytes32 localContext) {
        return localize(PreimageKeys.localKey(ident), caller, localContext);
    }

    /**
     * {@code loadLocalData}: the first {@code size} bytes of {@code word}, stored under the localized ident key,
     * with the part at {@code partOffset} marked readable.
     */
    public Bytes32 loadLocalData(long ident, Bytes32 localContext, byte[] word, int size, long partOffset, Address caller) {
        if (partOffset < 0 || partOffset >= size + 8L || size > 32) {
            throw new GameError(ContractError.PartOffsetOOB, "part offset " + partOffset + " for " + size + " bytes of local data");
        }
        Bytes32 key = localizeIdent(ident, caller, localContext);
        put(key, Arrays.copyOf(word, size)).parts.add(partOffset);
        return key;
    }

    /** As {@link #loadLocalData} once per part offset: every byte of the local data becomes readable. */
    public Bytes32 loadLocalDataAllParts(long ident, Bytes32 localContext, byte[] word, int size, Address caller) {
        if (size > 32) {
            throw new GameError(ContractError.PartOffsetOOB, size + " bytes of local data (at most 32)");
        }
        Bytes32 key = localizeIdent(ident, caller, localContext);
        put(key, Arrays.copyOf(word, size)).allParts = true;
        return key;
    }

    /** {@code loadKeccakPreimagePart}: the pre-image of {@code keccak(preimage)} (type 2), part at {@code partOffset}. */
    public Bytes32 loadKeccakPreimagePart(long partOffset, byte[] preimage) {
        if (partOffset < 0 || partOffset >= preimage.length + 8L) {
            throw new GameError(ContractError.PartOffsetOOB, "part offset " + partOffset + " of a " + preimage.length + "-byte pre-image");
        }
        Bytes32 key = Bytes32.of(PreimageKeys.keccakKey(preimage));
        put(key, preimage.clone()).parts.add(partOffset);
        return key;
    }

    /** Every part of a keccak pre-image, as if loaded once per offset. */
    public Bytes32 loadKeccakPreimage(byte[] preimage) {
        Bytes32 key = Bytes32.of(PreimageKeys.keccakKey(preimage));
        put(key, preimage.clone()).allParts = true;
        return key;
    }

    private Entry put(Bytes32 key, byte[] data) {
        Entry e = entries.get(key);
        if (e == null || !Arrays.equals(e.data, data)) {
            // A key's data is fixed by what it commits to; new data for a key starts its parts afresh.
            e = new Entry(data);
            entries.put(key, e);
        }
        return e;
    }

    /** True if a step may read {@code key} at {@code offset} (counting the 8-byte length prefix). */
    public boolean partOk(Bytes32 key, long offset) {
        Entry e = entries.get(key);
        return e != null && e.partOk(offset);
    }

    /** The stored data for {@code key} (without the length prefix), or null. */
    public byte[] data(Bytes32 key) {
        Entry e = entries.get(key);
        return e == null ? null : e.data.clone();
    }

    /** The keys loaded so far, in loading order. */
    public Set<Bytes32> keys() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    public int size() {
        return entries.size();
    }

    /**
     * The oracle one {@code MIPS.step} sees: local keys (type 1) are localized with the calling game and the
     * subgame's context, and a key is only served when its part at {@code readOffset} (the witness's
     * preimageOffset) is loaded; otherwise the read reverts, as the on-chain oracle does.
     */
    PreimageOracle forStep(Address caller, Bytes32 localContext, long readOffset) {
        return key -> {
            Bytes32 k = PreimageKeys.type(key) == PreimageKeys.TYPE_LOCAL
                ? localize(key, caller, localContext) : Bytes32.of(key);
            Entry e = entries.get(k);
            return e != null && e.partOk(readOffset) ? e.data.clone() : null;
        };
    }
}
