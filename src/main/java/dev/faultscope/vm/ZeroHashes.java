package dev.faultscope.vm;

import dev.faultscope.crypto.Keccak256;

/** Roots of all-zero subtrees, in lane form: {@code Z(0)} is 32 zero bytes, {@code Z(i) = keccak(Z(i-1) ‖ Z(i-1))}. */
final class ZeroHashes {
    /** Lanes of Z(h) are at {@code LANES[4h .. 4h+4)}, for subtree heights 0..27. */
    static final long[] LANES = new long[4 * (Memory.TREE_DEPTH + 1)];

    static {
        Keccak256 k = new Keccak256();
        for (int h = 1; h <= Memory.TREE_DEPTH; h++) {
            k.hashTwoNodes(LANES, 4 * (h - 1), LANES, 4 * (h - 1), LANES, 4 * h);
        }
    }

    private ZeroHashes() {
    }

    static int offset(int height) {
        return 4 * height;
    }
}
