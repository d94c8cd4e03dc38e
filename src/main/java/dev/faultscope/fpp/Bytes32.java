package dev.faultscope.fpp;

import dev.faultscope.crypto.Hex;
import dev.faultscope.crypto.Keccak256;

import java.util.Arrays;

/**
 * An immutable 32-byte word (a hash or root). A value type rather than {@code byte[]} so that hashes can key the
 * host's lookup maps and be compared with {@code equals} without anyone mutating a shared array.
 */
public final class Bytes32 implements Comparable<Bytes32> {
    public static final Bytes32 ZERO = new Bytes32(new byte[32]);

    private final byte[] bytes;

    private Bytes32(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Bytes32 of(byte[] b) {
        if (b.length != 32) {
            throw new IllegalArgumentException("expected 32 bytes, got " + b.length);
        }
        return new Bytes32(b.clone());
    }

    /** 32 bytes of {@code b} starting at {@code offset}. */
    public static Bytes32 of(byte[] b, int offset) {
        return new Bytes32(Arrays.copyOfRange(b, offset, offset + 32));
    }

    /** Parses 64 hex digits, with or without 0x. */
    public static Bytes32 fromHex(String hex) {
        return of(Hex.decode(hex));
    }

    public static Bytes32 keccak(byte[] data) {
        return new Bytes32(Keccak256.hash(data));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    /** 0x-prefixed lower-case hex, the form hints and files use. */
    public String hex() {
        return Hex.encode(bytes);
    }

    /** The first 4 bytes in hex and an ellipsis, for tables a person reads. */
    public String shortHex() {
        return hex().substring(0, 10) + "…";
    }

    void copyTo(byte[] out, int offset) {
        System.arraycopy(bytes, 0, out, offset, 32);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes32 b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(Bytes32 o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
