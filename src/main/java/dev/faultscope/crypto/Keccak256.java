package dev.faultscope.crypto;

/**
 * Keccak-256 as Ethereum uses it (original Keccak padding 0x01, not SHA3's 0x06).
 *
 * <p>Two ways in: byte arrays for general data, and {@link #hashTwoNodes} for the merkle tree, where both
 * inputs and the output stay in Keccak's native form (four little-endian 64-bit lanes per 32-byte hash),
 * so hashing a tree node needs no byte shuffling and no allocation.
 *
 * <p>Instances hold scratch state and are not thread-safe; static helpers use a per-thread instance.
 */
public final class Keccak256 {
    public static final int HASH_BYTES = 32;
    private static final int RATE_BYTES = 136;
    private static final int RATE_LANES = RATE_BYTES / 8;

    private static final long[] ROUND_CONSTANTS = {
        0x0000000000000001L, 0x0000000000008082L, 0x800000000000808aL, 0x8000000080008000L,
        0x000000000000808bL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
        0x000000000000008aL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000aL,
        0x000000008000808bL, 0x800000000000008bL, 0x8000000000008089L, 0x8000000000008003L,
        0x8000000000008002L, 0x8000000000000080L, 0x000000000000800aL, 0x800000008000000aL,
        0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L,
    };

    private static final ThreadLocal<Keccak256> PER_THREAD = ThreadLocal.withInitial(Keccak256::new);

    private final long[] a = new long[25];
    private final byte[] block = new byte[RATE_BYTES];

    /** Hash of {@code data}, as a new 32-byte array. */
    public static byte[] hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    public static byte[] hash(byte[] data, int off, int len) {
        byte[] out = new byte[HASH_BYTES];
        PER_THREAD.get().digest(data, off, len, out, 0);
        return out;
    }

    /** Hashes {@code data[off, off+len)} into {@code out[outOff, outOff+32)}. */
    public void digest(byte[] data, int off, int len, byte[] out, int outOff) {
        long[] s = a;
        java.util.Arrays.fill(s, 0L);
        while (len >= RATE_BYTES) {
            for (int i = 0; i < RATE_LANES; i++) {
                s[i] ^= readLaneLE(data, off + 8 * i);
            }
            permute(s);
            off += RATE_BYTES;
            len -= RATE_BYTES;
        }
        byte[] b = block;
        java.util.Arrays.fill(b, (byte) 0);
        System.arraycopy(data, off, b, 0, len);
        b[len] ^= 0x01;
        b[RATE_BYTES - 1] ^= (byte) 0x80;
        for (int i = 0; i < RATE_LANES; i++) {
            s[i] ^= readLaneLE(b, 8 * i);
        }
        permute(s);
        for (int i = 0; i < 4; i++) {
            writeLaneLE(s[i], out, outOff + 8 * i);
        }
    }

    /**
     * keccak(left ‖ right) for two 32-byte values held as lanes: {@code left = src[l..l+4)},
     * {@code right = src2[r..r+4)}; the result goes to {@code dst[d..d+4)}.
     */
    public void hashTwoNodes(long[] src, int l, long[] src2, int r, long[] dst, int d) {
        long[] s = a;
        s[0] = src[l]; s[1] = src[l + 1]; s[2] = src[l + 2]; s[3] = src[l + 3];
        s[4] = src2[r]; s[5] = src2[r + 1]; s[6] = src2[r + 2]; s[7] = src2[r + 3];
        // 64 message bytes, then the padding byte 0x01 and the final 0x80 of the rate block.
        s[8] = 0x01L;
        for (int i = 9; i < 25; i++) {
            s[i] = 0L;
        }
        s[RATE_LANES - 1] = 0x8000000000000000L;
        permute(s);
        dst[d] = s[0]; dst[d + 1] = s[1]; dst[d + 2] = s[2]; dst[d + 3] = s[3];
    }

    /** Lane {@code i} (0..3) of a 32-byte hash from its bytes, for code moving between the two forms. */
    public static long readLaneLE(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16
            | (b[off + 3] & 0xFFL) << 24 | (b[off + 4] & 0xFFL) << 32 | (b[off + 5] & 0xFFL) << 40
            | (b[off + 6] & 0xFFL) << 48 | (b[off + 7] & 0xFFL) << 56;
    }

    public static void writeLaneLE(long v, byte[] b, int off) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    /** The lane form of 8 consecutive bytes given as two big-endian 32-bit words (memory's native form). */
    public static long laneFromWords(int hiAddrWord, int loAddrWord) {
        return (Integer.reverseBytes(hiAddrWord) & 0xFFFFFFFFL) | ((long) Integer.reverseBytes(loAddrWord) << 32);
    }

    /** Keccak-f[1600], unrolled theta/rho/pi/chi per round. */
    private static void permute(long[] s) {
        long a00 = s[0], a01 = s[1], a02 = s[2], a03 = s[3], a04 = s[4];
        long a05 = s[5], a06 = s[6], a07 = s[7], a08 = s[8], a09 = s[9];
        long a10 = s[10], a11 = s[11], a12 = s[12], a13 = s[13], a14 = s[14];
        long a15 = s[15], a16 = s[16], a17 = s[17], a18 = s[18], a19 = s[19];
        long a20 = s[20], a21 = s[21], a22 = s[22], a23 = s[23], a24 = s[24];
        for (int round = 0; round < 24; round++) {
            long c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
            long c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
            long c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
            long c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
            long c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
            long d0 = c4 ^ Long.rotateLeft(c1, 1);
            long d1 = c0 ^ Long.rotateLeft(c2, 1);
            long d2 = c1 ^ Long.rotateLeft(c3, 1);
            long d3 = c2 ^ Long.rotateLeft(c4, 1);
            long d4 = c3 ^ Long.rotateLeft(c0, 1);
            // theta, then rho and pi: b[y][2x+3y] = rot(a[x][y], r[x][y])
            long b00 = a00 ^ d0;
            long b10 = Long.rotateLeft(a01 ^ d1, 1);
            long b20 = Long.rotateLeft(a02 ^ d2, 62);
            long b05 = Long.rotateLeft(a03 ^ d3, 28);
            long b15 = Long.rotateLeft(a04 ^ d4, 27);
            long b16 = Long.rotateLeft(a05 ^ d0, 36);
            long b01 = Long.rotateLeft(a06 ^ d1, 44);
            long b11 = Long.rotateLeft(a07 ^ d2, 6);
            long b21 = Long.rotateLeft(a08 ^ d3, 55);
            long b06 = Long.rotateLeft(a09 ^ d4, 20);
            long b07 = Long.rotateLeft(a10 ^ d0, 3);
            long b17 = Long.rotateLeft(a11 ^ d1, 10);
            long b02 = Long.rotateLeft(a12 ^ d2, 43);
            long b12 = Long.rotateLeft(a13 ^ d3, 25);
            long b22 = Long.rotateLeft(a14 ^ d4, 39);
            long b23 = Long.rotateLeft(a15 ^ d0, 41);
            long b08 = Long.rotateLeft(a16 ^ d1, 45);
            long b18 = Long.rotateLeft(a17 ^ d2, 15);
            long b03 = Long.rotateLeft(a18 ^ d3, 21);
            long b13 = Long.rotateLeft(a19 ^ d4, 8);
            long b14 = Long.rotateLeft(a20 ^ d0, 18);
            long b24 = Long.rotateLeft(a21 ^ d1, 2);
            long b09 = Long.rotateLeft(a22 ^ d2, 61);
            long b19 = Long.rotateLeft(a23 ^ d3, 56);
            long b04 = Long.rotateLeft(a24 ^ d4, 14);
            // chi (rows of five), then iota
            a00 = b00 ^ (~b01 & b02); a01 = b01 ^ (~b02 & b03); a02 = b02 ^ (~b03 & b04);
            a03 = b03 ^ (~b04 & b00); a04 = b04 ^ (~b00 & b01);
            a05 = b05 ^ (~b06 & b07); a06 = b06 ^ (~b07 & b08); a07 = b07 ^ (~b08 & b09);
            a08 = b08 ^ (~b09 & b05); a09 = b09 ^ (~b05 & b06);
            a10 = b10 ^ (~b11 & b12); a11 = b11 ^ (~b12 & b13); a12 = b12 ^ (~b13 & b14);
            a13 = b13 ^ (~b14 & b10); a14 = b14 ^ (~b10 & b11);
            a15 = b15 ^ (~b16 & b17); a16 = b16 ^ (~b17 & b18); a17 = b17 ^ (~b18 & b19);
            a18 = b18 ^ (~b19 & b15); a19 = b19 ^ (~b15 & b16);
            a20 = b20 ^ (~b21 & b22); a21 = b21 ^ (~b22 & b23); a22 = b22 ^ (~b23 & b24);
            a23 = b23 ^ (~b24 & b20); a24 = b24 ^ (~b20 & b21);
            a00 ^= ROUND_CONSTANTS[round];
        }
        s[0] = a00; s[1] = a01; s[2] = a02; s[3] = a03; s[4] = a04;
        s[5] = a05; s[6] = a06; s[7] = a07; s[8] = a08; s[9] = a09;
        s[10] = a10; s[11] = a11; s[12] = a12; s[13] = a13; s[14] = a14;
        s[15] = a15; s[16] = a16; s[17] = a17; s[18] = a18; s[19] = a19;
        s[20] = a20; s[21] = a21; s[22] = a22; s[23] = a23; s[24] = a24;
    }
}
