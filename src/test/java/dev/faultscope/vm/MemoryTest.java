package dev.faultscope.vm;

import dev.faultscope.crypto.Keccak256;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryTest {
    /** A plain model: word address -> value, and a merkle root computed from scratch with byte-array keccak. */
    private static final class NaiveMemory {
        final Map<Integer, Integer> words = new HashMap<>();
        static final byte[][] ZERO = new byte[28][];

        static {
            ZERO[0] = new byte[32];
            for (int i = 1; i < 28; i++) {
                ZERO[i] = hashPair(ZERO[i - 1], ZERO[i - 1]);
            }
        }

        void set(int addr, int v) {
            words.put(addr & ~3, v);
        }

        byte[] leaf(long leafIndex) {
            byte[] out = new byte[32];
            for (int j = 0; j < 8; j++) {
                int v = words.getOrDefault((int) (leafIndex * 32 + 4 * j), 0);
                out[4 * j] = (byte) (v >>> 24);
                out[4 * j + 1] = (byte) (v >>> 16);
                out[4 * j + 2] = (byte) (v >>> 8);
                out[4 * j + 3] = (byte) v;
            }
            return out;
        }

        byte[] root() {
            TreeMap<Long, byte[]> level = new TreeMap<>();
            for (int addr : words.keySet()) {
                long leafIndex = (addr & 0xFFFFFFFFL) >>> 5;
                level.put(leafIndex, leaf(leafIndex));
            }
            for (int height = 0; height < 27; height++) {
                TreeMap<Long, byte[]> up = new TreeMap<>();
                for (long idx : level.keySet()) {
                    long parent = idx >>> 1;
                    if (up.containsKey(parent)) {
                        continue;
                    }
                    byte[] l = level.getOrDefault(parent * 2, ZERO[height]);
                    byte[] r = level.getOrDefault(parent * 2 + 1, ZERO[height]);
                    up.put(parent, hashPair(l, r));
                }
                level = up;
            }
            return level.isEmpty() ? ZERO[27] : level.get(0L);
        }

        static byte[] hashPair(byte[] l, byte[] r) {
            byte[] both = Arrays.copyOf(l, 64);
            System.arraycopy(r, 0, both, 32, 32);
            return Keccak256.hash(both);
        }
    }

    /** Folds a proof up to the root, as the on-chain verifier does. */
    static byte[] foldProof(int addr, byte[] proof) {
        byte[] node = Arrays.copyOfRange(proof, 0, 32);
        long path = (addr & 0xFFFFFFFFL) >>> 5;
        for (int i = 1; i <= 27; i++) {
            byte[] sib = Arrays.copyOfRange(proof, 32 * i, 32 * i + 32);
            node = ((path >>> (i - 1)) & 1) == 1 ? NaiveMemory.hashPair(sib, node) : NaiveMemory.hashPair(node, sib);
        }
        return node;
    }

    private static int randomAddress(Random rnd) {
        // Clustered like a real program (code, heap, stack) plus a few anywhere, to cover sparse and dense paths.
        return switch (rnd.nextInt(4)) {
            case 0 -> 0x00400000 + rnd.nextInt(1 << 16);
            case 1 -> 0x05000000 + rnd.nextInt(1 << 20);
            case 2 -> 0x7FFF0000 + rnd.nextInt(1 << 14);
            default -> rnd.nextInt();
        };
    }

    @Test
    void incrementalRootMatchesFromScratchRootAfterEachBatchOfRandomWrites() {
        Random rnd = new Random(42);
        Memory mem = new Memory();
        NaiveMemory naive = new NaiveMemory();
        for (int batch = 0; batch < 20; batch++) {
            int writes = 1 + rnd.nextInt(200);
            for (int i = 0; i < writes; i++) {
                int addr = randomAddress(rnd);
                int v = rnd.nextInt();
                mem.setWord(addr, v);
                naive.set(addr, v);
            }
            assertArrayEquals(naive.root(), mem.merkleRoot(), "batch " + batch);
        }
    }

    @Test
    void proofsOfRandomAddressesFoldToTheRootAndHoldTheWord() {
        Random rnd = new Random(5);
        Memory mem = new Memory();
        for (int i = 0; i < 3000; i++) {
            mem.setWord(randomAddress(rnd), rnd.nextInt());
        }
        byte[] root = mem.merkleRoot();
        for (int i = 0; i < 300; i++) {
            int addr = (i % 3 == 0 ? rnd.nextInt() : randomAddress(rnd)) & ~3;
            byte[] proof = mem.proof(addr);
            assertEquals(Memory.PROOF_BYTES, proof.length);
            assertArrayEquals(root, foldProof(addr, proof), "address " + Integer.toHexString(addr));
            int off = addr & 31;
            int word = (proof[off] & 0xFF) << 24 | (proof[off + 1] & 0xFF) << 16 | (proof[off + 2] & 0xFF) << 8 | (proof[off + 3] & 0xFF);
            assertEquals(mem.getWord(addr), word);
            // Interleave writes so later proofs see a changed tree.
            mem.setWord(randomAddress(rnd), rnd.nextInt());
            root = mem.merkleRoot();
        }
    }

    @Test
    void snapshotIsFrozenWhileTheMemoryGoesOnAndEachSideKeepsItsOwnRoot() {
        Memory mem = new Memory();
        mem.setWord(0x1000, 1);
        mem.setWord(0x2000, 2);
        byte[] rootBefore = mem.merkleRoot();
        Memory.Snapshot snap = mem.snapshot();
        mem.setWord(0x1000, 99);
        mem.setWord(0x9000, 3);
        Memory restored = new Memory(snap);
        assertEquals(1, restored.getWord(0x1000));
        assertEquals(0, restored.getWord(0x9000));
        assertArrayEquals(rootBefore, restored.merkleRoot());
        restored.setWord(0x2000, 7);
        assertEquals(2, mem.getWord(0x2000), "a write to the restored copy must not reach the original");
        NaiveMemory naive = new NaiveMemory();
        naive.set(0x1000, 99);
        naive.set(0x2000, 2);
        naive.set(0x9000, 3);
        assertArrayEquals(naive.root(), mem.merkleRoot());
    }

    @Test
    void snapshotTakenWithUnhashedWritesStillRestoresToTheRightRoot() {
        Memory mem = new Memory();
        for (int i = 0; i < 100; i++) {
            mem.setWord(0x4000 + 4 * i, i);
        }
        Memory.Snapshot snap = mem.snapshot(); // no root computed yet: pages carry dirty leaves
        Memory a = new Memory(snap);
        Memory b = new Memory(snap);
        b.setWord(0x4000, -1);
        NaiveMemory naive = new NaiveMemory();
        for (int i = 0; i < 100; i++) {
            naive.set(0x4000 + 4 * i, i);
        }
        assertArrayEquals(naive.root(), a.merkleRoot());
        assertArrayEquals(naive.root(), mem.merkleRoot());
        naive.set(0x4000, -1);
        assertArrayEquals(naive.root(), b.merkleRoot());
    }

    @Test
    void bytesAndPagesRoundTrip() {
        Memory mem = new Memory();
        byte[] data = new byte[10000];
        new Random(3).nextBytes(data);
        mem.writeBytes(0x12345, data, 0, data.length);
        assertArrayEquals(data, mem.readBytes(0x12345, data.length));
        assertEquals(data[0] & 0xFF, mem.getByte(0x12345));
        assertFalse(mem.hasPage(0x20));
        assertTrue(mem.hasPage(0x12));
        Memory copy = new Memory();
        mem.forEachPage(pi -> copy.setPage(pi, mem.pageBytes(pi)));
        assertArrayEquals(mem.merkleRoot(), copy.merkleRoot());
        assertEquals(mem.pageCount(), copy.pageCount());
    }

    @Test
    void restoringInPlaceGivesEachSnapshotsWordsPagesAndRootWhateverCameBetween() {
        Random rnd = new Random(11);
        Memory mem = new Memory();
        NaiveMemory naive = new NaiveMemory();
        java.util.List<Memory.Snapshot> snaps = new java.util.ArrayList<>();
        java.util.List<Map<Integer, Integer>> contents = new java.util.ArrayList<>();
        java.util.List<Integer> pageCounts = new java.util.ArrayList<>();
        for (int round = 0; round < 40; round++) {
            if (round > 0 && rnd.nextInt(3) == 0) {
                int k = rnd.nextInt(snaps.size());
                mem.restore(snaps.get(k));
                naive.words.clear();
                naive.words.putAll(contents.get(k));
                assertEquals(pageCounts.get(k), mem.pageCount(), "pages after restoring snapshot " + k);
                assertArrayEquals(naive.root(), mem.merkleRoot(), "root after restoring snapshot " + k);
            }
            // Writes to pages the snapshots share, to fresh pages, and to pages only later snapshots have.
            for (int i = 0, n = 1 + rnd.nextInt(30); i < n; i++) {
                int addr = 0x10000 * rnd.nextInt(8) + 4 * rnd.nextInt(3000);
                int v = rnd.nextInt();
                mem.setWord(addr, v);
                naive.set(addr, v);
            }
            if (rnd.nextBoolean()) {
                assertArrayEquals(naive.root(), mem.merkleRoot(), "root in round " + round);
            }
            snaps.add(mem.snapshot());
            contents.add(new HashMap<>(naive.words));
            pageCounts.add(mem.pageCount());
        }
        for (int k = snaps.size() - 1; k >= 0; k -= 3) {
            mem.restore(snaps.get(k));
            for (Map.Entry<Integer, Integer> e : contents.get(k).entrySet()) {
                assertEquals(e.getValue(), mem.getWord(e.getKey()), "word " + e.getKey() + " of snapshot " + k);
            }
            naive.words.clear();
            naive.words.putAll(contents.get(k));
            assertArrayEquals(naive.root(), mem.merkleRoot(), "snapshot " + k + " unchanged by later writes");
            assertArrayEquals(mem.merkleRoot(), new Memory(snaps.get(k)).merkleRoot());
        }
    }

    @Test
    void manyChangedPagesHashedInParallelGiveTheSameRootAsOneByOne() {
        Random rnd = new Random(12);
        Memory all = new Memory();
        Memory oneByOne = new Memory();
        NaiveMemory naive = new NaiveMemory();
        for (int page = 0; page < 700; page++) {
            int addr = (0x1000 + 3 * page) << Memory.PAGE_SHIFT | 4 * rnd.nextInt(1024);
            int v = rnd.nextInt();
            all.setWord(addr, v);
            oneByOne.setWord(addr, v);
            oneByOne.merkleRoot(); // one changed page per root: never the parallel path
            naive.set(addr, v);
        }
        assertArrayEquals(naive.root(), all.merkleRoot());
        assertArrayEquals(naive.root(), oneByOne.merkleRoot());
        // Every page written again after a snapshot: the memory gets the new root, the snapshot keeps its own.
        byte[] before = all.merkleRoot();
        Memory.Snapshot snap = all.snapshot();
        all.forEachPage(pi -> all.setWord(pi << Memory.PAGE_SHIFT, 7));
        all.forEachPage(pi -> naive.set(pi << Memory.PAGE_SHIFT, 7));
        assertArrayEquals(naive.root(), all.merkleRoot());
        assertArrayEquals(before, new Memory(snap).merkleRoot());
    }

    /** Snapshots of one memory taken with dirty leaves after each round of random writes (as a cursor takes them). */
    private record SnapshotChain(Memory mem, java.util.List<Memory.Snapshot> snapshots, java.util.List<byte[]> roots) {
        static SnapshotChain random(long seed, int rounds) {
            Random rnd = new Random(seed);
            Memory mem = new Memory();
            NaiveMemory naive = new NaiveMemory();
            SnapshotChain c = new SnapshotChain(mem, new java.util.ArrayList<>(), new java.util.ArrayList<>());
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < 20; i++) {
                    int addr = 0x10000 * rnd.nextInt(6) + 4 * rnd.nextInt(3000);
                    int v = rnd.nextInt();
                    mem.setWord(addr, v);
                    naive.set(addr, v);
                }
                c.snapshots.add(mem.snapshot());
                c.roots.add(naive.root());
            }
            return c;
        }

        Memory.Snapshot get(int k) {
            return snapshots.get(k);
        }

        int size() {
            return snapshots.size();
        }

        /** The heap the chain holds, as the cursor counts it. */
        long held() {
            long held = 0;
            for (int k = 0; k < size(); k++) {
                held += get(k).bytesBeyond(k == 0 ? null : get(k - 1));
            }
            return held;
        }

        /** Restores each snapshot in turn and checks its root. */
        void checkRoots() {
            for (int k = 0; k < size(); k++) {
                mem.restore(get(k));
                assertArrayEquals(roots.get(k), mem.merkleRoot(), "root of snapshot " + k);
            }
        }
    }

    @Test
    void hashingACheckpointsPagesKeepsEveryRootAndTheSharingBetweenCheckpoints() {
        SnapshotChain chain = SnapshotChain.random(13, 12);
        long held = chain.held();
        for (int k : new int[] {5, 0, 11, 6}) {
            Memory.hashSnapshotPages(chain::get, chain.size(), k);
        }
        assertEquals(held, chain.held(), "hashed copies replace the pages wherever they were shared");
        chain.checkRoots();
    }

    @Test
    void pagesHashedOnAnotherThreadAfterANeighbourWasHashedKeepEveryRootAndTheSharing() throws Exception {
        SnapshotChain chain = SnapshotChain.random(17, 10);
        long held = chain.held();
        // Snapshot 4's copies are made on another thread; meanwhile its neighbour 5, which shares some of its pages,
        // is hashed by the owner, so some of 4's copies arrive for pages no longer there.
        MemoryPage[] pages = Memory.pagesOf(chain.get(4));
        var other = java.util.concurrent.Executors.newSingleThreadExecutor();
        var made = other.submit(() -> Memory.hashedCopies(chain.get(4), pages));
        other.shutdown();
        Memory.hashSnapshotPages(chain::get, chain.size(), 5);
        Memory.installHashedPages(chain::get, chain.size(), 4, made.get());
        assertTrue(Memory.isHashed(chain.get(4)) && Memory.isHashed(chain.get(5)));
        assertEquals(held, chain.held(), "hashed copies replace the pages wherever they were shared");
        chain.checkRoots();
    }

    @Test
    void zeroRegionsAndWordsWrittenBackToZeroGiveTheNaiveRoot() {
        Random rnd = new Random(21);
        Memory mem = new Memory();
        NaiveMemory naive = new NaiveMemory();
        for (int page = 0; page < 300; page++) {
            int base = (0x2000 + 5 * page) << Memory.PAGE_SHIFT;
            // Words in a few runs, leaving zero leaves, zero leaf pairs and zero subtrees of every height between.
            int runs = page % 4;
            for (int r = 0; r < runs; r++) {
                int from = rnd.nextInt(1024);
                for (int w = from; w < Math.min(1024, from + 1 + rnd.nextInt(64 << r)); w++) {
                    int v = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt();
                    mem.setWord(base + 4 * w, v);
                    naive.set(base + 4 * w, v);
                }
            }
            mem.setWord(base, 0); // at least the page, all zero if nothing else was written
            naive.set(base, 0);
        }
        assertArrayEquals(naive.root(), mem.merkleRoot());
        // Everything written back to zero, page by page: every subtree becomes a zero subtree again.
        for (int addr : new java.util.ArrayList<>(naive.words.keySet())) {
            mem.setWord(addr, 0);
            naive.set(addr, 0);
        }
        assertArrayEquals(naive.root(), mem.merkleRoot());
        assertArrayEquals(new Memory().merkleRoot(), mem.merkleRoot());
    }

    @Test
    void preparedPagesInstallAsSetPageWouldAndFollowLaterWrites() {
        Random rnd = new Random(22);
        Memory set = new Memory();
        Memory installed = new Memory();
        java.util.List<Memory.PreparedPage> prepared = new java.util.ArrayList<>();
        int[] indices = {0, 1, 7, 0x400, 0xFFFFF};
        for (int i = 0; i < indices.length; i++) {
            byte[] data = new byte[Memory.PAGE_SIZE];
            if (i != 2) {
                rnd.nextBytes(data);
            }
            set.setPage(indices[i], data);
            prepared.add(installed.preparePage(data, 0));
        }
        Memory.Snapshot before = installed.snapshot(); // taken between preparing and installing
        for (int i = 0; i < indices.length; i++) {
            installed.installPage(indices[i], prepared.get(i));
        }
        assertEquals(indices.length, installed.pageCount());
        assertArrayEquals(set.merkleRoot(), installed.merkleRoot());
        assertArrayEquals(set.proof(0x400 << Memory.PAGE_SHIFT | 0x84), installed.proof(0x400 << Memory.PAGE_SHIFT | 0x84));
        for (int pi : indices) {
            assertArrayEquals(set.pageBytes(pi), installed.pageBytes(pi));
        }
        set.setWord(7 << Memory.PAGE_SHIFT | 0x10, 5);
        installed.setWord(7 << Memory.PAGE_SHIFT | 0x10, 5);
        assertArrayEquals(set.merkleRoot(), installed.merkleRoot());
        assertEquals(0, new Memory(before).pageCount());
    }
}
