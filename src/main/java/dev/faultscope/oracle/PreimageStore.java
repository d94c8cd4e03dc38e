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

    /**
     * Stores a pre-image under an explicit key, checked as far as the key allows: keccak (2) and sha256 (4) keys
     * must be the hash of their data; local (1) keys are the program's own inputs, which nothing can check beyond
     * the key's form (0x01, 23 zero bytes, an index).
     * Global generic (3), blob (5) and precompile (6) keys name data that cannot be checked from the key and the
     * data alone (a blob key hashes a KZG commitment and a point, a precompile key the call's input), and other
     * type bytes are illegal: all of these are refused, so a flipped type byte never turns the check off.
     */
    public void put(byte[] key, byte[] value) {
        requireKey(key);
        int type = PreimageKeys.type(key);
        switch (type) {
            case PreimageKeys.TYPE_LOCAL -> {
                // The program asks for local data by 0x01, 23 zero bytes and the index (only the on-chain oracle
                // localizes keys): other bytes there mean a damaged key, perhaps another type's with a flipped byte.
                for (int i = 1; i < 24; i++) {
                    if (key[i] != 0) {
                        throw new IllegalArgumentException("local pre-image key " + Hex.encode(key)
                            + " is not 0x01, 23 zero bytes and an 8-byte index");
                    }
                }
            }
            case PreimageKeys.TYPE_KECCAK -> {
                if (!Arrays.equals(key, PreimageKeys.keccakKey(value))) {
                    throw new IllegalArgumentException("keccak pre-image does not hash to its key " + Hex.encode(key));
                }
            }
            case PreimageKeys.TYPE_SHA256 -> {
                if (!Arrays.equals(key, PreimageKeys.sha256Key(value))) {
                    throw new IllegalArgumentException("sha256 pre-image does not hash to its key " + Hex.encode(key));
                }
            }
            case PreimageKeys.TYPE_GLOBAL_GENERIC, PreimageKeys.TYPE_BLOB, PreimageKeys.TYPE_PRECOMPILE ->
                throw new IllegalArgumentException("pre-image key type " + type + " (" + PreimageKeys.typeName(type)
                    + ") cannot be checked against its data alone, so it is not accepted: " + Hex.encode(key));
            default -> throw new IllegalArgumentException("pre-image key type " + type + " is illegal (types 1 to 6 exist): "
                + Hex.encode(key));
        }
        data.put(new Key(key.clone()), value.clone());
    }

    /**
     * Stores a pre-image without checking it against its key, for a value a step proof carries (where the
     * on-chain oracle is assumed to hold it); callers say so to the user.
     */
    public void putUnchecked(byte[] key, byte[] value) {
        requireKey(key);
        data.put(new Key(key.clone()), value.clone());
    }

    private static void requireKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("pre-image key must be 32 bytes, got " + key.length);
        }
        if (PreimageKeys.type(key) == 0) {
            throw new IllegalArgumentException("pre-image key type 0 is illegal");
        }
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

    @Override
    public byte[] preimage(byte[] key) {
        return data.get(new Key(key));
    }

    @Override
    public void hint(byte[] hint) {
        if (hintHandler != null) {
            hintHandler.onHint(new String(hint, StandardCharsets.UTF_8), this);
        }
    }


    private record Key(byte[] bytes) {
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
