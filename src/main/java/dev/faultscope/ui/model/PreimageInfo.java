package dev.faultscope.ui.model;

import dev.faultscope.oracle.PreimageKeys;
import dev.faultscope.oracle.PreimageOracle;

import java.util.Arrays;

/**
 * The pre-image cursor of a state: the key the program selected, its type, the offset the next read starts
 * at, and what that read returns (reads serve {@code uint64 length ‖ data}, at most 4 bytes at a time here).
 *
 * @param length       length of the pre-image data, or -1 when the host has no pre-image for the key
 * @param nextRead     the bytes the next read at {@code offset} returns (up to 4, not crossing a word), or null
 */
public record PreimageInfo(byte[] key, String type, int offset, long length, byte[] nextRead) {

    static final String NONE = "none selected";
    static final String BEING_WRITTEN = "key being written";

    public static PreimageInfo of(byte[] key, int offset, PreimageOracle oracle) {
        boolean zero = true;
        for (byte b : key) {
            zero &= b == 0;
        }
        // The program writes a key to fd 6 in pieces that shift in from the right: until the type byte
        // arrives at byte 0, the key is still being written.
        String type = zero ? NONE : key[0] == 0 ? BEING_WRITTEN : PreimageKeys.typeName(PreimageKeys.type(key));
        byte[] data = key[0] == 0 ? null : oracle.preimage(key);
        if (data == null) {
            return new PreimageInfo(key, type, offset, -1, null);
        }
        // What the VM's read serves: the 8-byte big-endian length, then the data.
        byte[] framed = new byte[8 + data.length];
        long len = data.length;
        for (int i = 0; i < 8; i++) {
            framed[i] = (byte) (len >>> (56 - 8 * i));
        }
        System.arraycopy(data, 0, framed, 8, data.length);
        long off = Integer.toUnsignedLong(offset);
        byte[] next = off >= framed.length ? new byte[0]
            : Arrays.copyOfRange(framed, (int) off, (int) Math.min(framed.length, off + 4));
        return new PreimageInfo(key, type, offset, len, next);
    }

    public boolean selected() {
        return key[0] != 0;
    }
}
