package dev.faultscope.vm;

import dev.faultscope.crypto.Keccak256;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.function.IntConsumer;

/**
 * The VM's flat 4 GiB big-endian memory, in 4 KiB pages allocated on first write, with its keccak merkle
 * root (2^27 leaves of 32 raw bytes) kept incrementally: a write only flags its leaf and, the first time,
 * the page's path to the root; {@link #merkleRoot} re-hashes just those paths.
 *
 * <p>{@link #snapshot()} is cheap: pages are shared copy-on-write through an owner epoch.
 */
public final class Memory {
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    public static final int PAGE_COUNT = 1 << (32 - PAGE_SHIFT);
    /** Depth of the tree: 2^27 leaves of 32 bytes cover 4 GiB. */
    public static final int TREE_DEPTH = 27;
    /** Depth of the page roots in the tree. */
    static final int PAGE_DEPTH = TREE_DEPTH - 7;
    public static final int PROOF_BYTES = 32 * (TREE_DEPTH + 1);

    private static final AtomicInteger EPOCHS = new AtomicInteger();

    private final MemoryPage[] pages = new MemoryPage[PAGE_COUNT];
    /** Indices of the allocated pages, in allocation order, so snapshots need not scan the page table. */
    private int[] pageIndices = new int[64];
    private int pageCount;
    private int epoch = EPOCHS.incrementAndGet();
    private final UpperNodeCache upper = new UpperNodeCache();
    private final Keccak256 keccak = new Keccak256();
    /** Children's hashes while computing a node at depth d: lanes [8d, 8d+8). Also leaf lanes at depth 20. */
    private final long[] scratch = new long[8 * (PAGE_DEPTH + 2)];
    /** Pages created or copied since the last root: when many, the next root hashes them in parallel first. */
    private int pagesTouched;
    /** Page indices of a snapshot being restored (reused; see {@link #restore}). */
    private long[] restoring;

    public Memory() {
    }

    /** A memory holding the pages of a snapshot; it shares them until it writes. */
    public Memory(Snapshot snapshot) {
        pageIndices = snapshot.indices.clone();
        pageCount = pageIndices.length;
        for (int i = 0; i < pageCount; i++) {
            int pi = pageIndices[i];
            pages[pi] = snapshot.pages[i];
            upper.markStaleUpFrom((1 << PAGE_DEPTH | pi) >>> 1);
        }
    }

    // ---- words ----

    public int getWord(int addr) {
        MemoryPage p = pages[addr >>> PAGE_SHIFT];
        return p == null ? 0 : p.words[(addr >>> 2) & (MemoryPage.WORDS - 1)];
    }

    /** The page holding {@code addr}, or null when it was never written; only for reading. */
    MemoryPage pageAt(int addr) {
        return pages[addr >>> PAGE_SHIFT];
    }

    /** Writes the word at {@code addr & ~3}. */
    public void setWord(int addr, int value) {
        int pi = addr >>> PAGE_SHIFT;
        MemoryPage p = pages[pi];
        if (p == null || p.ownerEpoch != epoch) {
            p = ownPage(pi);
        }
        int wi = (addr >>> 2) & (MemoryPage.WORDS - 1);
        p.words[wi] = value;
        PageCode code = p.code;
        if (code != null) {
            code.written(wi); // self-modifying code: the emulator decodes and translates this word again
        }
        int leaf = wi >>> 3;
        if (leaf < 64) {
            p.dirtyLo |= 1L << leaf;
        } else {
            p.dirtyHi |= 1L << leaf;
        }
        if (!p.ancestorsMarked) {
            p.ancestorsMarked = true;
            upper.markStaleUpFrom((1 << PAGE_DEPTH | pi) >>> 1);
        }
    }

    public int getByte(int addr) {
        return (getWord(addr) >>> ((3 - (addr & 3)) * 8)) & 0xFF;
    }

    public void setByte(int addr, int value) {
        int shift = (3 - (addr & 3)) * 8;
        int w = getWord(addr);
        setWord(addr, (w & ~(0xFF << shift)) | ((value & 0xFF) << shift));
    }

    /** Copies {@code len} bytes starting at {@code addr} into {@code dst} (addresses wrap at 4 GiB). */
    public void readBytes(int addr, byte[] dst, int off, int len) {
        for (int i = 0; i < len; i++) {
            dst[off + i] = (byte) getByte(addr + i);
        }
    }

    public byte[] readBytes(int addr, int len) {
        byte[] out = new byte[len];
        readBytes(addr, out, 0, len);
        return out;
    }

    public void writeBytes(int addr, byte[] src, int off, int len) {
        int i = 0;
        while (i < len && ((addr + i) & 3) != 0) {
            setByte(addr + i, src[off + i]);
            i++;
        }
        for (; i + 4 <= len; i += 4) {
            int o = off + i;
            setWord(addr + i, (src[o] & 0xFF) << 24 | (src[o + 1] & 0xFF) << 16 | (src[o + 2] & 0xFF) << 8 | (src[o + 3] & 0xFF));
        }
        for (; i < len; i++) {
            setByte(addr + i, src[off + i]);
        }
    }

    // ---- pages ----

    public int pageCount() {
        return pageCount;
    }

    public boolean hasPage(int pageIndex) {
        return pages[pageIndex] != null;
    }

    /** Calls {@code action} with each allocated page index, ascending. */
    public void forEachPage(IntConsumer action) {
        int[] sorted = Arrays.copyOf(pageIndices, pageCount);
        Arrays.sort(sorted);
        for (int pi : sorted) {
            action.accept(pi);
        }
    }

    /** The 4096 bytes of a page (zeros when it was never written). */
    public byte[] pageBytes(int pageIndex) {
        byte[] out = new byte[PAGE_SIZE];
        copyPageBytes(pageIndex, out, 0);
        return out;
    }

    /** Replaces a whole page (allocating it even when all zero, as a loaded Cannon state lists it). */
    public void setPage(int pageIndex, byte[] data) {
        if (data.length != PAGE_SIZE) {
            throw new IllegalArgumentException("page " + pageIndex + " has " + data.length + " bytes, expected " + PAGE_SIZE);
        }
        if (pages[pageIndex] == null) {
            ownPage(pageIndex);
        }
        writeBytes(pageIndex << PAGE_SHIFT, data, 0, PAGE_SIZE);
    }

    /** Copies a page's 4096 bytes into {@code out[off..off+4096)} (zeros when it was never written). Reads only. */
    public void copyPageBytes(int pageIndex, byte[] out, int off) {
        MemoryPage p = pages[pageIndex];
        if (p == null) {
            Arrays.fill(out, off, off + PAGE_SIZE, (byte) 0);
            return;
        }
        for (int w = 0; w < MemoryPage.WORDS; w++) {
            BIG_ENDIAN_INTS.set(out, off + 4 * w, p.words[w]);
        }
    }

    private static final java.lang.invoke.VarHandle BIG_ENDIAN_INTS =
        java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /**
     * A page made from 4096 bytes away from the memory, its merkle nodes already hashed, so loaders can build
     * pages on several threads and the memory's next root only hashes the tree above them. Install it with
     * {@link #installPage}.
     */
    public static final class PreparedPage {
        final MemoryPage page;

        private PreparedPage(MemoryPage page) {
            this.page = page;
        }
    }

    /**
     * Builds and hashes a page from {@code data[off..off+4096)} for this memory. Safe on any thread while this
     * memory takes no snapshot (it reads only the memory's owner epoch, so the installed page is its own).
     */
    public PreparedPage preparePage(byte[] data, int off) {
        MemoryPage p = new MemoryPage(epoch, false);
        for (int w = 0; w < MemoryPage.WORDS; w++) {
            p.words[w] = (int) BIG_ENDIAN_INTS.get(data, off + 4 * w);
        }
        p.dirtyLo = -1L;
        p.dirtyHi = -1L;
        hashDirtyLeaves(p, KECCAKS.get(), LEAF_LANES.get(), 0);
        return new PreparedPage(p);
    }

    /**
     * Puts a prepared page at {@code pageIndex} (replacing any page there), as {@link #setPage} with its bytes
     * would, but without hashing it again: only its path to the root is marked for the next root.
     */
    public void installPage(int pageIndex, PreparedPage prepared) {
        MemoryPage p = prepared.page;
        if (p.ownerEpoch != epoch) {
            p = new MemoryPage(p, epoch); // a snapshot was taken since it was prepared
        }
        if (pages[pageIndex] == null) {
            listPage(pageIndex);
        }
        pages[pageIndex] = p;
        p.ancestorsMarked = true;
        upper.markStaleUpFrom((1 << PAGE_DEPTH | pageIndex) >>> 1);
    }

    private MemoryPage ownPage(int pi) {
        MemoryPage old = pages[pi];
        MemoryPage p = old == null ? new MemoryPage(epoch) : new MemoryPage(old, epoch);
        if (old == null) {
            listPage(pi);
        }
        pages[pi] = p;
        pagesTouched++;
        // A fresh page (all zeros) or a copy with stale leaves changes the tree above it.
        p.ancestorsMarked = true;
        upper.markStaleUpFrom((1 << PAGE_DEPTH | pi) >>> 1);
        return p;
    }

    private void listPage(int pi) {
        if (pageCount == pageIndices.length) {
            pageIndices = Arrays.copyOf(pageIndices, 2 * pageCount);
        }
        pageIndices[pageCount++] = pi;
    }

    // ---- snapshots ----

    /**
     * The pages as they are now. Later writes here copy a page first, so the snapshot never changes. Pages are
     * not hashed here, so taking one costs only its page table; see {@link #hashSnapshotPages}.
     */
    public Snapshot snapshot() {
        int[] idx = Arrays.copyOf(pageIndices, pageCount);
        MemoryPage[] ps = new MemoryPage[pageCount];
        for (int i = 0; i < pageCount; i++) {
            ps[i] = pages[idx[i]];
        }
        epoch = EPOCHS.incrementAndGet();
        return new Snapshot(idx, ps);
    }

    /** Frozen pages of a memory; restore with {@link Memory#Memory(Snapshot)}. */
    public static final class Snapshot {
        private final int[] indices;
        private final MemoryPage[] pages;
        /** True once {@link #hashSnapshotPages} has run on it: no page has dirty leaves. */
        private boolean hashed;

        private Snapshot(int[] indices, MemoryPage[] pages) {
            this.indices = indices;
            this.pages = pages;
        }

        public int pageCount() {
            return indices.length;
        }

        /** Puts {@code to} in place of {@code from} at position i, if that is where {@code from} is. */
        private boolean swap(int i, int pageIndex, MemoryPage from, MemoryPage to) {
            if (i < indices.length && indices[i] == pageIndex && pages[i] == from) {
                pages[i] = to;
                return true;
            }
            return false;
        }

        /** Bytes of the snapshot's own page table (the pages themselves are shared). */
        long tableBytes() {
            return 8L * indices.length + 64;
        }

        /**
         * Heap this snapshot holds beyond {@code earlier} (an older snapshot of the same memory, or null): its
         * page table and the pages {@code earlier} does not share. A page object stays at one index from its
         * copy until it is replaced, so summing this over a chain of snapshots counts each page once.
         */
        long bytesBeyond(Snapshot earlier) {
            long own = 0;
            int n = indices.length;
            if (earlier != null && earlier.indices.length <= n
                    && Arrays.equals(earlier.indices, 0, earlier.indices.length, indices, 0, earlier.indices.length)) {
                // The usual case: pages were only added since, in allocation order.
                for (int i = 0; i < n; i++) {
                    own += i < earlier.pages.length && earlier.pages[i] == pages[i] ? 0 : 1;
                }
            } else {
                java.util.Set<MemoryPage> shared = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                if (earlier != null) {
                    shared.addAll(Arrays.asList(earlier.pages));
                }
                for (MemoryPage p : pages) {
                    own += shared.contains(p) ? 0 : 1;
                }
            }
            return tableBytes() + own * MemoryPage.BYTES;
        }
    }

    /**
     * Makes this memory hold exactly the snapshot's pages, reusing its page table and upper-tree hashes: only
     * the paths above pages that differ from the snapshot's are re-hashed at the next root, so moving between
     * nearby checkpoints costs little.
     */
    public void restore(Snapshot snapshot) {
        if (restoring == null) {
            restoring = new long[PAGE_COUNT / 64];
        }
        long[] inSnapshot = restoring;
        for (int pi : snapshot.indices) {
            inSnapshot[pi >>> 6] |= 1L << pi;
        }
        for (int i = 0; i < pageCount; i++) {
            int pi = pageIndices[i];
            if ((inSnapshot[pi >>> 6] & 1L << pi) == 0) {
                pages[pi] = null;
                upper.markStaleUpFrom((1 << PAGE_DEPTH | pi) >>> 1);
            }
        }
        for (int i = 0; i < snapshot.indices.length; i++) {
            int pi = snapshot.indices[i];
            inSnapshot[pi >>> 6] = 0;
            MemoryPage p = snapshot.pages[i];
            if (pages[pi] != p) {
                pages[pi] = p;
                upper.markStaleUpFrom((1 << PAGE_DEPTH | pi) >>> 1);
            }
        }
        if (pageIndices.length < snapshot.indices.length) {
            pageIndices = new int[snapshot.indices.length];
        }
        System.arraycopy(snapshot.indices, 0, pageIndices, 0, snapshot.indices.length);
        pageCount = snapshot.indices.length;
        // Pages now come from the snapshot, owned by an older epoch: the next write to each copies it.
        epoch = EPOCHS.incrementAndGet();
    }

    /**
     * Removes a page, as if it had never been written (its words must be zero already: it is how a step that
     * first touched the page is undone). The root does not change, but a saved state no longer lists it.
     */
    void dropPage(int pageIndex) {
        if (pages[pageIndex] == null) {
            return;
        }
        pages[pageIndex] = null;
        for (int i = pageCount - 1; i >= 0; i--) {
            if (pageIndices[i] == pageIndex) {
                System.arraycopy(pageIndices, i + 1, pageIndices, i, pageCount - i - 1);
                pageCount--;
                break;
            }
        }
        upper.markStaleUpFrom((1 << PAGE_DEPTH | pageIndex) >>> 1);
    }

    /**
     * Hashes the pages of snapshot {@code k} of a chain (snapshots of one memory, oldest first) that still have
     * dirty leaves, in copies that take the page's place in every snapshot of the chain sharing it. A restore
     * then finds its pages hashed, and each page of a run is hashed once, however often its snapshots are
     * restored, while taking a snapshot stays cheap. The copies belong to no memory, so they stay frozen.
     */
    static void hashSnapshotPages(IntFunction<Snapshot> chain, int size, int k) {
        Snapshot snap = chain.apply(k);
        if (!snap.hashed) {
            installHashedPages(chain, size, k, hashedCopies(snap, snap.pages.clone()));
        }
    }

    /**
     * Hashed copies of the pages of {@code pages} (snapshot {@code snap}'s page array, copied by the thread that
     * owns the snapshot's chain; null where a page is to be left alone) that have dirty leaves. Reads only frozen
     * pages and writes only the new copies, so another thread may make them while the owner goes on; the owner then
     * calls {@link #installHashedPages}.
     */
    static HashedPages hashedCopies(Snapshot snap, MemoryPage[] pages) {
        int frozen = EPOCHS.incrementAndGet();
        int n = 0;
        int[] at = new int[pages.length];
        MemoryPage[] from = new MemoryPage[pages.length];
        MemoryPage[] to = new MemoryPage[pages.length];
        for (int i = 0; i < pages.length; i++) {
            MemoryPage p = pages[i];
            if (p == null || !p.hasDirtyLeaves()) {
                continue;
            }
            MemoryPage hashed = new MemoryPage(p, frozen);
            hashDirtyLeaves(hashed, KECCAKS.get(), LEAF_LANES.get(), 0);
            at[n] = i;
            from[n] = p;
            to[n++] = hashed;
        }
        return new HashedPages(snap, Arrays.copyOf(at, n), Arrays.copyOf(from, n), Arrays.copyOf(to, n));
    }

    /** Hashed copies of some of a snapshot's pages: {@code to[j]} replaces {@code from[j]}, at position {@code at[j]}. */
    record HashedPages(Snapshot snapshot, int[] at, MemoryPage[] from, MemoryPage[] to) {
    }

    /**
     * Puts hashed copies in place of their pages in snapshot {@code k} of a chain and in every neighbour sharing
     * them. A copy whose page is no longer there (another copy took its place first) is dropped.
     */
    static void installHashedPages(IntFunction<Snapshot> chain, int size, int k, HashedPages hashed) {
        Snapshot snap = chain.apply(k);
        for (int j = 0; j < hashed.at.length; j++) {
            int i = hashed.at[j];
            MemoryPage p = hashed.from[j];
            MemoryPage copy = hashed.to[j];
            int pi = snap.indices[i];
            // A page stays at its index from one copy to the next, so the snapshots sharing it are k's neighbours.
            for (int m = k; m >= 0 && chain.apply(m).swap(i, pi, p, copy); m--) {
                // swapped
            }
            for (int m = k + 1; m < size && chain.apply(m).swap(i, pi, p, copy); m++) {
                // swapped
            }
        }
        boolean all = true;
        for (MemoryPage p : snap.pages) {
            all &= !p.hasDirtyLeaves();
        }
        snap.hashed = all;
    }

    /** Whether every page of the snapshot has its nodes up to date (see {@link #hashSnapshotPages}). */
    static boolean isHashed(Snapshot snap) {
        return snap.hashed;
    }

    /** The snapshot's page array as it is now, for {@link #hashedCopies} on another thread. */
    static MemoryPage[] pagesOf(Snapshot snap) {
        return snap.pages.clone();
    }

    public Memory copy() {
        return new Memory(snapshot());
    }

    // ---- merkle ----

    /** The 32-byte merkle root of all memory. */
    public byte[] merkleRoot() {
        byte[] out = new byte[32];
        merkleRoot(out, 0);
        return out;
    }

    public void merkleRoot(byte[] out, int off) {
        long[] lanes = scratch;
        hashRoot();
        writeLanes(lanes, 8 * (PAGE_DEPTH + 1), out, off);
    }

    /** Brings the whole tree up to date; the root's lanes end up in the scratch at depth 21. */
    private void hashRoot() {
        // A parallel stream runs on the calling thread and the common pool: on two cores, two threads.
        if (pagesTouched >= PARALLEL_PAGES && Runtime.getRuntime().availableProcessors() > 1) {
            hashPagesInParallel();
        }
        pagesTouched = 0;
        computeNode(1, 0, scratch, 8 * (PAGE_DEPTH + 1));
    }

    /** Fewer changed pages than this are hashed on the calling thread (a step's root touches one or two). */
    private static final int PARALLEL_PAGES = 256;
    private static final ThreadLocal<Keccak256> KECCAKS = ThreadLocal.withInitial(Keccak256::new);
    private static final ThreadLocal<long[]> LEAF_LANES = ThreadLocal.withInitial(() -> new long[8]);

    /**
     * Hashes every page with dirty leaves on all cores. Each page's nodes depend on its own words only, so the
     * result is the same whatever the order; the upper tree is then hashed on this thread as usual.
     */
    private void hashPagesInParallel() {
        int[] dirty = new int[pageCount];
        int n = 0;
        for (int i = 0; i < pageCount; i++) {
            int pi = pageIndices[i];
            MemoryPage p = pages[pi];
            if (p.hasDirtyLeaves()) {
                if (p.ownerEpoch != epoch) {
                    pages[pi] = new MemoryPage(p, epoch); // never hash a page a snapshot shares
                }
                dirty[n++] = pi;
            }
        }
        MemoryPage[] table = pages;
        IntStream.range(0, n).parallel().forEach(i ->
            hashDirtyLeaves(table[dirty[i]], KECCAKS.get(), LEAF_LANES.get(), 0));
    }

    /** Computes node {@code g} at depth {@code depth} (< 20 above the pages) into {@code dst[off..off+4)}. */
    private void computeNode(int g, int depth, long[] dst, int off) {
        if (depth == PAGE_DEPTH) {
            int pi = g - (1 << PAGE_DEPTH);
            MemoryPage p = pages[pi];
            if (p == null) {
                System.arraycopy(ZeroHashes.LANES, ZeroHashes.offset(7), dst, off, 4);
                return;
            }
            p = refreshPage(pi, p);
            System.arraycopy(p.nodes, 4, dst, off, 4);
            return;
        }
        int slot = upper.find(g);
        if (slot < 0) {
            System.arraycopy(ZeroHashes.LANES, ZeroHashes.offset(TREE_DEPTH - depth), dst, off, 4);
            return;
        }
        if (upper.isStale(slot)) {
            int s = 8 * depth;
            computeNode(2 * g, depth + 1, scratch, s);
            computeNode(2 * g + 1, depth + 1, scratch, s + 4);
            keccak.hashTwoNodes(scratch, s, scratch, s + 4, upper.lanes(), 4 * slot);
            upper.setHash(slot, upper.lanes(), 4 * slot);
        }
        upper.copyHash(slot, dst, off);
    }

    /** Brings a page's inner nodes up to date, re-hashing only the paths above its dirty leaves. */
    private MemoryPage refreshPage(int pi, MemoryPage p) {
        if (p.ownerEpoch == epoch) {
            p.ancestorsMarked = false;
        }
        if (!p.hasDirtyLeaves()) {
            return p;
        }
        if (p.ownerEpoch != epoch) {
            // Shared with a snapshot: hash our own copy rather than touch one another memory may read.
            p = new MemoryPage(p, epoch);
            pages[pi] = p;
        }
        // The depth-20 area of the scratch is free while a page is hashed.
        hashDirtyLeaves(p, keccak, scratch, 8 * PAGE_DEPTH);
        return p;
    }

    /** Re-hashes the nodes above a page's dirty leaves; {@code leafLanes[base..base+8)} is scratch. */
    private static void hashDirtyLeaves(MemoryPage p, Keccak256 keccak, long[] leafLanes, int base) {
        long level = 0; // nodes at in-page depth 6 to recompute: bit k is node 64 + k
        for (long bits = p.dirtyLo; bits != 0; bits &= bits - 1) {
            level |= 1L << (Long.numberOfTrailingZeros(bits) >>> 1);
        }
        for (long bits = p.dirtyHi; bits != 0; bits &= bits - 1) {
            level |= 1L << (32 + (Long.numberOfTrailingZeros(bits) >>> 1));
        }
        int[] w = p.words;
        long[] nodes = p.nodes;
        // All-zero subtrees (common: heap not yet used, zeroed buffers) take their known hash instead of keccak;
        // the result is the same bits, as Z(h) is what hashing would give.
        for (long bits = level; bits != 0; bits &= bits - 1) {
            int k = Long.numberOfTrailingZeros(bits);
            int wi = 16 * k;
            int any = 0;
            for (int j = 0; j < 16; j++) {
                any |= w[wi + j];
            }
            if (any == 0) {
                System.arraycopy(ZeroHashes.LANES, ZeroHashes.offset(1), nodes, 4 * (64 + k), 4);
                continue;
            }
            for (int j = 0; j < 8; j++) {
                leafLanes[base + j] = Keccak256.laneFromWords(w[wi + 2 * j], w[wi + 2 * j + 1]);
            }
            keccak.hashTwoNodes(leafLanes, base, leafLanes, base + 4, nodes, 4 * (64 + k));
        }
        for (int d = 5; d >= 0; d--) {
            long next = 0;
            for (long bits = level; bits != 0; bits &= bits - 1) {
                next |= 1L << (Long.numberOfTrailingZeros(bits) >>> 1);
            }
            int zero = ZeroHashes.offset(6 - d); // the hash of an all-zero child of a node at in-page depth d
            for (long bits = next; bits != 0; bits &= bits - 1) {
                int g = (1 << d) + Long.numberOfTrailingZeros(bits);
                if (isZero(nodes, 8 * g, zero) && isZero(nodes, 8 * g + 4, zero)) {
                    System.arraycopy(ZeroHashes.LANES, zero + 4, nodes, 4 * g, 4);
                } else {
                    keccak.hashTwoNodes(nodes, 8 * g, nodes, 8 * g + 4, nodes, 4 * g);
                }
            }
            level = next;
        }
        p.dirtyLo = 0;
        p.dirtyHi = 0;
    }

    private static boolean isZero(long[] lanes, int off, int zeroOffset) {
        long[] z = ZeroHashes.LANES;
        return lanes[off] == z[zeroOffset] && lanes[off + 1] == z[zeroOffset + 1]
            && lanes[off + 2] == z[zeroOffset + 2] && lanes[off + 3] == z[zeroOffset + 3];
    }

    /**
     * Writes the 896-byte proof of the word at {@code addr}: its 32-byte leaf, then the 27 siblings from the
     * neighbouring leaf up to the root's child.
     */
    public void proof(int addr, byte[] out, int off) {
        hashRoot();
        int pi = addr >>> PAGE_SHIFT;
        MemoryPage p = pages[pi];
        int leaf = (addr >>> 5) & (MemoryPage.LEAVES - 1);
        writeLeaf(p, leaf, out, off);
        writeLeaf(p, leaf ^ 1, out, off + 32);
        int o = off + 64;
        for (int g = (MemoryPage.LEAVES + leaf) >>> 1; g > 1; g >>>= 1, o += 32) {
            int sib = g ^ 1;
            if (p == null) {
                int height = 7 - (31 - Integer.numberOfLeadingZeros(sib));
                writeLanes(ZeroHashes.LANES, ZeroHashes.offset(height), out, o);
            } else {
                writeLanes(p.nodes, 4 * sib, out, o);
            }
        }
        for (int g = 1 << PAGE_DEPTH | pi, depth = PAGE_DEPTH; g > 1; g >>>= 1, depth--, o += 32) {
            int sib = g ^ 1;
            if (depth == PAGE_DEPTH) {
                MemoryPage sp = pages[sib - (1 << PAGE_DEPTH)];
                if (sp == null) {
                    writeLanes(ZeroHashes.LANES, ZeroHashes.offset(7), out, o);
                } else {
                    writeLanes(sp.nodes, 4, out, o);
                }
            } else {
                int slot = upper.find(sib);
                if (slot < 0) {
                    writeLanes(ZeroHashes.LANES, ZeroHashes.offset(TREE_DEPTH - depth), out, o);
                } else {
                    writeLanes(upper.lanes(), 4 * slot, out, o);
                }
            }
        }
    }

    public byte[] proof(int addr) {
        byte[] out = new byte[PROOF_BYTES];
        proof(addr, out, 0);
        return out;
    }

    private static void writeLeaf(MemoryPage p, int leaf, byte[] out, int off) {
        for (int j = 0; j < 8; j++) {
            int v = p == null ? 0 : p.words[8 * leaf + j];
            out[off + 4 * j] = (byte) (v >>> 24);
            out[off + 4 * j + 1] = (byte) (v >>> 16);
            out[off + 4 * j + 2] = (byte) (v >>> 8);
            out[off + 4 * j + 3] = (byte) v;
        }
    }

    private static void writeLanes(long[] lanes, int off, byte[] out, int outOff) {
        for (int i = 0; i < 4; i++) {
            Keccak256.writeLaneLE(lanes[off + i], out, outOff + 8 * i);
        }
    }
}
