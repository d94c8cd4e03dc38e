package dev.faultscope.vm;

import java.util.Arrays;

/**
 * Hashes of the merkle nodes above the pages (depths 0..19), only for subtrees that hold at least one page;
 * any node not present is the root of an all-zero subtree. Open addressing on the gindex, so looking up
 * and marking nodes allocates nothing once the table has grown to fit.
 */
final class UpperNodeCache {
    private int[] keys;       // gindex, 0 = empty slot
    private long[] lanes;     // 4 lanes per slot
    private boolean[] stale;  // hash must be recomputed from the children
    private int size;

    UpperNodeCache() {
        allocate(1024);
    }

    private void allocate(int capacity) {
        keys = new int[capacity];
        lanes = new long[4 * capacity];
        stale = new boolean[capacity];
        size = 0;
    }

    /** Slot of gindex g, or -1. */
    int find(int g) {
        int mask = keys.length - 1;
        int i = mix(g) & mask;
        while (true) {
            int k = keys[i];
            if (k == g) {
                return i;
            }
            if (k == 0) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    /** Marks g and its ancestors stale, creating them as needed. The walk stops at a node that already
     *  existed and was stale, because every ancestor of a stale node is stale too; a node created just now
     *  says nothing about its ancestors. */
    void markStaleUpFrom(int g) {
        for (; g >= 1; g >>>= 1) {
            int slot = find(g);
            if (slot < 0) {
                slot = create(g);
            } else if (stale[slot]) {
                return;
            }
            stale[slot] = true;
        }
    }

    boolean isStale(int slot) {
        return stale[slot];
    }

    void setHash(int slot, long[] src, int off) {
        System.arraycopy(src, off, lanes, 4 * slot, 4);
        stale[slot] = false;
    }

    void copyHash(int slot, long[] dst, int off) {
        System.arraycopy(lanes, 4 * slot, dst, off, 4);
    }

    long[] lanes() {
        return lanes;
    }

    private int create(int g) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = mix(g) & mask;
        while (keys[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = g;
        size++;
        return i;
    }

    private void grow() {
        int[] oldKeys = keys;
        long[] oldLanes = lanes;
        boolean[] oldStale = stale;
        allocate(oldKeys.length * 2);
        int mask = keys.length - 1;
        for (int s = 0; s < oldKeys.length; s++) {
            int g = oldKeys[s];
            if (g == 0) {
                continue;
            }
            int i = mix(g) & mask;
            while (keys[i] != 0) {
                i = (i + 1) & mask;
            }
            keys[i] = g;
            stale[i] = oldStale[s];
            System.arraycopy(oldLanes, 4 * s, lanes, 4 * i, 4);
            size++;
        }
    }

    void clear() {
        Arrays.fill(keys, 0);
        Arrays.fill(stale, false);
        size = 0;
    }

    private static int mix(int g) {
        int h = g * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
