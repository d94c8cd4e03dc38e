package dev.faultscope.fpp;

import java.util.List;

/**
 * The byte layouts of docs/fpp.md, in one place, so the chain model, the proposers and the host all hash exactly
 * the bytes the MIPS program hashes. All integers are big-endian.
 */
final class Layouts {
    static final int L1_HEADER_BYTES = 80;
    static final int L2_HEADER_BYTES = 112;
    static final int OUTPUT_BYTES = 128;
    static final int MAX_ACCOUNTS = 1024;

    private Layouts() {
    }

    static void putU32(byte[] b, int off, long v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (24 - 8 * i));
        }
    }

    static void putU64(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    static long u64(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[off + i] & 0xFF);
        }
        return v;
    }

    /** {@code count u32 ‖ transactions}. */
    static byte[] batch(List<Tx> txs) {
        byte[] b = new byte[4 + Tx.BYTES * txs.size()];
        putU32(b, 0, txs.size());
        for (int i = 0; i < txs.size(); i++) {
            System.arraycopy(txs.get(i).encode(), 0, b, 4 + Tx.BYTES * i, Tx.BYTES);
        }
        return b;
    }

    /** {@code parentHash 32 ‖ number u64 ‖ timestamp u64 ‖ batchHash 32}. */
    static byte[] l1Header(Bytes32 parentHash, long number, long timestamp, Bytes32 batchHash) {
        byte[] b = new byte[L1_HEADER_BYTES];
        parentHash.copyTo(b, 0);
        putU64(b, 32, number);
        putU64(b, 40, timestamp);
        batchHash.copyTo(b, 48);
        return b;
    }

    /** {@code N u32 ‖ balance u64 × N}. */
    static byte[] state(long[] balances) {
        byte[] b = new byte[4 + 8 * balances.length];
        putU32(b, 0, balances.length);
        for (int i = 0; i < balances.length; i++) {
            putU64(b, 4 + 8 * i, balances[i]);
        }
        return b;
    }

    /** {@code parentHash 32 ‖ number u64 ‖ l1OriginHash 32 ‖ l1OriginNumber u64 ‖ stateRoot 32}. */
    static byte[] l2Header(Bytes32 parentHash, long number, Bytes32 l1OriginHash, long l1OriginNumber, Bytes32 stateRoot) {
        byte[] b = new byte[L2_HEADER_BYTES];
        parentHash.copyTo(b, 0);
        putU64(b, 32, number);
        l1OriginHash.copyTo(b, 40);
        putU64(b, 72, l1OriginNumber);
        stateRoot.copyTo(b, 80);
        return b;
    }

    /** Version-0 output: {@code bytes32(0) ‖ stateRoot ‖ bytes32(0) ‖ l2BlockHash}. */
    static byte[] output(Bytes32 stateRoot, Bytes32 l2BlockHash) {
        byte[] b = new byte[OUTPUT_BYTES];
        stateRoot.copyTo(b, 32);
        l2BlockHash.copyTo(b, 96);
        return b;
    }
}
