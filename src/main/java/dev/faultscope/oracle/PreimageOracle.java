package dev.faultscope.oracle;

/** What the VM asks the host for: pre-images by key, and hints about which ones it will want next. */
public interface PreimageOracle {
    /** The data behind {@code key} (32 bytes, byte 0 the key type), or null when the host has none. */
    byte[] preimage(byte[] key);

    /** A complete hint the program wrote on fd 4 (framing removed). Hints never change the VM state. */
    default void hint(byte[] hint) {
    }

    /** An oracle that knows no pre-images and ignores hints. */
    PreimageOracle NONE = key -> null;
}
