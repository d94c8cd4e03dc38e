package dev.faultscope.game;

import dev.faultscope.crypto.Hex;

import java.util.Arrays;

/**
 * A 20-byte account address. The model names actors by strings, but the game's own address is real data: it is
 * hashed into every localized pre-image key.
 */
public final class Address {
    /** The game address used when a configuration does not name one (an arbitrary fixed value). */
    public static final Address DEFAULT_GAME = fromHex("0xfa017c09e000000000000000000000000000d15e");

    private final byte[] bytes;

    private Address(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Address of(byte[] b) {
        if (b.length != 20) {
            throw new IllegalArgumentException("an address is 20 bytes, got " + b.length);
        }
        return new Address(b.clone());
    }

    public static Address fromHex(String hex) {
        return of(Hex.decode(hex));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** As {@code uint256(address)}: 12 zero bytes, then the address. */
    public byte[] word() {
        byte[] w = new byte[32];
        System.arraycopy(bytes, 0, w, 12, 20);
        return w;
    }

    public String hex() {
        return Hex.encode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address a && Arrays.equals(bytes, a.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
