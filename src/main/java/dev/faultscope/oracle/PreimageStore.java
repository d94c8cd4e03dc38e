package dev.faultscope.oracle;

import dev.faultscope.crypto.Hex;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An in-memory pre-image oracle: local inputs and keccak pre-images, checked on the way in, plus hint
 * routing: each hint goes to the host callback, which may fetch the data it names into this store
 * before the program asks for it (as op-program's host does with its nodes).
 */
public final class PreimageStore implements PreimageOracle {
    /** Receives the hints the program writes; typically fills the store lazily. */
    @FunctionalInterface
    public interface HintHandler {
        void onHint(String hint, PreimageStore store);
    }

    private final Map<Key, byte[]> data = new HashMap<>();
    private HintHandler hintHandler;
    /** Searched when the store itself has no pre-image for a key (sources the user added to a run). */
    private PreimageSources fallback;

    public PreimageStore onHint(HintHandler handler) {
        this.hintHandler = handler;
        return this;
    }

    public void putLocal(long index, byte[] value) {
        data.put(new Key(PreimageKeys.localKey(index)), value.clone());
    }

    /** Stores {@code value} under its keccak key and returns the key. */
    public byte[] putKeccak(byte[] value) {
        byte[] key = PreimageKeys.keccakKey(value);
        data.put(new Key(key), value.clone());
        return key;
    }

    /** Stores a pre-image under an explicit key; keccak keys must match their data. */
    public void put(byte[] key, byte[] value) {
        if (key.length != 32) {
            throw new IllegalArgumentException("pre-image key must be 32 bytes, got " + key.length);
        }
        int type = PreimageKeys.type(key);
        if (type == 0) {
            throw new IllegalArgumentException("pre-image key type 0 is illegal");
        }
        if (type == PreimageKeys.TYPE_KECCAK && !Arrays.equals(key, PreimageKeys.keccakKey(value))) {
            throw new IllegalArgumentException("keccak pre-image does not hash to its key " + Hex.encode(key));
        }
        data.put(new Key(key.clone()), value.clone());
    }

    public boolean contains(byte[] key) {
        return data.containsKey(new Key(key));
    }

    public int size() {
        return data.size();
    }

    /** Every key and value, for saving; keys are copies. */
    public Map<byte[], byte[]> entries() {
        Map<byte[], byte[]> out = new java.util.LinkedHashMap<>();
        data.forEach((k, v) -> out.put(k.bytes.clone(), v));
        return out;
    }

    /** Sources to search, in order, for keys this store does not hold; they also hear every hint. */
    public PreimageStore fallback(PreimageSources sources) {
        this.fallback = sources;
        return this;
    }

    /** The sources searched after this store, or null. */
    public PreimageSources fallback() {
        return fallback;
    }

    @Override
    public byte[] preimage(byte[] key) {
        byte[] d = data.get(new Key(key));
        return d != null || fallback == null ? d : fallback.preimage(key);
    }

    @Override
    public void hint(byte[] hint) {
        if (hintHandler != null) {
            hintHandler.onHint(new String(hint, StandardCharsets.UTF_8), this);
        }
        if (fallback != null) {
            fallback.hint(hint);
        }
    }


    /** A key compared by content (a byte[] map key compares by identity). */
    record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
