package dev.faultscope.oracle;

import dev.faultscope.crypto.Keccak256;

/** Pre-image keys: 32 bytes whose first byte is the key type (cannon-mips32.md section 5). */
public final class PreimageKeys {
    public static final int TYPE_LOCAL = 1;
    public static final int TYPE_KECCAK = 2;
    public static final int TYPE_GLOBAL_GENERIC = 3;
    public static final int TYPE_SHA256 = 4;
    public static final int TYPE_BLOB = 5;
    public static final int TYPE_PRECOMPILE = 6;

    /** Local input indices read by a fault proof program. */
    public static final long LOCAL_L1_HEAD = 1;
    public static final long LOCAL_AGREED_OUTPUT_ROOT = 2;
    public static final long LOCAL_DISPUTED_OUTPUT_ROOT = 3;
    public static final long LOCAL_DISPUTED_BLOCK_NUMBER = 4;
    public static final long LOCAL_CHAIN_ID = 5;

    private PreimageKeys() {
    }

    /** {@code 0x01 ‖ 23 zero bytes ‖ uint64 index}. */
    public static byte[] localKey(long index) {
        byte[] k = new byte[32];
        k[0] = TYPE_LOCAL;
        for (int i = 0; i < 8; i++) {
            k[31 - i] = (byte) (index >>> (8 * i));
        }
        return k;
    }

    /** {@code keccak(data)} with byte 0 set to 2. */
    public static byte[] keccakKey(byte[] data) {
        byte[] k = Keccak256.hash(data);
        k[0] = TYPE_KECCAK;
        return k;
    }

    /** {@code sha256(data)} with byte 0 set to 4. */
    public static byte[] sha256Key(byte[] data) {
        byte[] k;
        try {
            k = java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        k[0] = TYPE_SHA256;
        return k;
    }

    /** The keccak key of a 32-byte hash that names its pre-image (byte 0 replaced by 2). */
    public static byte[] keccakKeyOfHash(byte[] hash) {
        byte[] k = hash.clone();
        k[0] = TYPE_KECCAK;
        return k;
    }

    public static int type(byte[] key) {
        return key[0] & 0xFF;
    }

    public static String typeName(int type) {
        return switch (type) {
            case TYPE_LOCAL -> "local";
            case TYPE_KECCAK -> "keccak256";
            case TYPE_GLOBAL_GENERIC -> "global generic";
            case TYPE_SHA256 -> "sha256";
            case TYPE_BLOB -> "blob";
            case TYPE_PRECOMPILE -> "precompile";
            default -> "illegal (" + type + ")";
        };
    }
}
