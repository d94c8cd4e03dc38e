package dev.faultscope.vm;

/**
 * One 4 KiB page: 1024 big-endian words plus the cached hashes of its 127 inner merkle nodes.
 *
 * <p>Pages are shared between a memory and its snapshots; only the memory whose epoch matches
 * {@link #ownerEpoch} may change one (everyone else copies it first), so snapshots stay frozen.
 */
final class MemoryPage {
    static final int WORDS = 1024;
    static final int LEAVES = 128;
    /** Heap a page takes: its words and node hashes with their array headers, and the object itself. */
    static final int BYTES = 4 * WORDS + 8 * 4 * LEAVES + 80;

    final int[] words;
    /** Node with in-page gindex g (1..127) has its lanes at {@code nodes[4g .. 4g+4)}; g = 1 is the page root. */
    final long[] nodes;
    /** Leaves (32-byte chunks) written since the nodes were last brought up to date: bit l of lo (l < 64) or hi. */
    long dirtyLo;
    long dirtyHi;
    /** True once the owner has marked this page's upper-tree ancestors stale since the last root computation. */
    boolean ancestorsMarked;
    final int ownerEpoch;
    /** The emulator's decoded and translated code from this page, made on first execution; a copy starts without. */
    PageCode code;

    /** A fresh all-zero page, its nodes set to the zero-subtree hashes. */
    MemoryPage(int ownerEpoch) {
        this(ownerEpoch, true);
    }

    /** A page of zero words; its nodes are the zero-subtree hashes, or left 0 for a caller that hashes them all. */
    MemoryPage(int ownerEpoch, boolean zeroHashes) {
        this.ownerEpoch = ownerEpoch;
        this.words = new int[WORDS];
        this.nodes = new long[4 * LEAVES];
        for (int g = 1; zeroHashes && g < LEAVES; g++) {
            int height = 7 - (31 - Integer.numberOfLeadingZeros(g));
            System.arraycopy(ZeroHashes.LANES, ZeroHashes.offset(height), nodes, 4 * g, 4);
        }
    }

    /** A private copy for another owner. */
    MemoryPage(MemoryPage from, int ownerEpoch) {
        this.ownerEpoch = ownerEpoch;
        this.words = from.words.clone();
        this.nodes = from.nodes.clone();
        this.dirtyLo = from.dirtyLo;
        this.dirtyHi = from.dirtyHi;
    }

    boolean hasDirtyLeaves() {
        return (dirtyLo | dirtyHi) != 0;
    }
}
