package dev.faultscope.io;

import dev.faultscope.vm.Memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.Adler32;

/**
 * Compresses one 4 KiB page at a time to a zlib stream (RFC 1950) holding a single deflate block (RFC 1951):
 * repeats found by a one-probe hash of 4-byte groups, coded with deflate's fixed Huffman codes, or the page
 * stored as it is when that comes out larger or its first KiB barely compresses. Cannon only needs valid zlib, and zlib's level 1 took ~150 µs
 * per page of heap-like data here (most of the time to save a large state); this takes about a fifth of that,
 * for files ~25 % larger on such data and on code (a zero page takes about 30 bytes). Not thread-safe; reuse it.
 */
final class PageDeflater {
    /** No page compresses to more than this: zlib header, a stored block's 5-byte header, the page, Adler-32. */
    static final int MAX_BYTES = 2 + 5 + Memory.PAGE_SIZE + 4;

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int HASH_BITS = 12;
    private static final int MIN_MATCH = 4;
    private static final int MAX_MATCH = 258;
    /**
     * After this many bytes, a page whose code so far takes more than {@link #PROBE_RATIO_EIGHTHS} eighths of them
     * is stored instead: data that barely compresses (a heap of random-looking words) would cost the whole
     * search for a few percent.
     */
    private static final int PROBE_BYTES = 1024;
    private static final int PROBE_RATIO_EIGHTHS = 7;

    /** Fixed-code bits of each literal byte and of each match length 3..258 (code then extra bits, as sent). */
    private static final int[] LITERAL_CODE = new int[256];
    private static final int[] LITERAL_BITS = new int[256];
    private static final int[] LENGTH_CODE = new int[MAX_MATCH + 1];
    private static final int[] LENGTH_BITS = new int[MAX_MATCH + 1];
    /** The same for distances 1..4096, the most a page can reach back. */
    private static final int[] DISTANCE_CODE = new int[Memory.PAGE_SIZE + 1];
    private static final int[] DISTANCE_BITS = new int[Memory.PAGE_SIZE + 1];
    private static final int END_OF_BLOCK_CODE;
    private static final int END_OF_BLOCK_BITS = 7;

    static {
        for (int b = 0; b < 256; b++) {
            LITERAL_BITS[b] = fixedLength(b);
            LITERAL_CODE[b] = reversed(fixedCode(b), LITERAL_BITS[b]);
        }
        // Length symbols 257..284 carry 0,0,0,0,0,0,0,0,1,1,1,1,2,2,2,2,… extra bits; 285 is 258 exactly.
        int len = 3;
        for (int i = 0; i < 28; i++) {
            int extra = i < 8 ? 0 : (i - 4) / 4;
            for (int e = 0; e < 1 << extra && len <= MAX_MATCH; e++, len++) {
                setLength(len, 257 + i, extra, e);
            }
        }
        setLength(MAX_MATCH, 285, 0, 0);
        // Distance symbols 0..23 carry 0,0,0,0,1,1,2,2,… extra bits; their 5-bit codes are the symbols.
        int dist = 1;
        for (int sym = 0; dist <= Memory.PAGE_SIZE; sym++) {
            int extra = sym < 4 ? 0 : (sym - 2) / 2;
            for (int e = 0; e < 1 << extra && dist <= Memory.PAGE_SIZE; e++, dist++) {
                DISTANCE_CODE[dist] = reversed(sym, 5) | e << 5;
                DISTANCE_BITS[dist] = 5 + extra;
            }
        }
        END_OF_BLOCK_CODE = reversed(fixedCode(256), END_OF_BLOCK_BITS);
    }

    private static void setLength(int len, int sym, int extra, int value) {
        int bits = fixedLength(sym);
        LENGTH_CODE[len] = reversed(fixedCode(sym), bits) | value << bits;
        LENGTH_BITS[len] = bits + extra;
    }

    /** Length of the fixed Huffman code of a literal/length symbol (RFC 1951, 3.2.6). */
    private static int fixedLength(int sym) {
        return sym < 144 ? 8 : sym < 256 ? 9 : sym < 280 ? 7 : 8;
    }

    /** The fixed Huffman code of a literal/length symbol, most significant bit first. */
    private static int fixedCode(int sym) {
        return sym < 144 ? 0x30 + sym : sym < 256 ? 0x190 + sym - 144 : sym < 280 ? sym - 256 : 0xC0 + sym - 280;
    }

    /** Huffman codes go out most significant bit first into a stream packed from each byte's low bit. */
    private static int reversed(int code, int bits) {
        return Integer.reverse(code) >>> (32 - bits);
    }

    private final int[] head = new int[1 << HASH_BITS];
    /** Room for the fixed-code block even when it is larger than the page (then it is stored instead). */
    private final byte[] out = new byte[2 + (9 * Memory.PAGE_SIZE + 7 + 10) / 8 + 8 + 4];
    private final Adler32 adler = new Adler32();

    /** Compresses {@code page} (4096 bytes) into {@link #compressed()}; returns the length. */
    int deflate(byte[] page) {
        byte[] out = this.out;
        int[] head = this.head;
        out[0] = 0x78; // deflate with a 32 KiB window
        out[1] = 0x01; // no dictionary, fastest; (0x78 << 8 | 0x01) is a multiple of 31 as the header check wants
        int n = 2;
        // The bits not yet written, low bit first, kept in locals (a quarter faster than in fields).
        long bits = 3; // the final block, fixed Huffman codes
        int bitCount = 3;
        Arrays.fill(head, 0);
        int i = 0;
        int last = Memory.PAGE_SIZE - MIN_MATCH;
        boolean probed = false;
        while (i <= last) {
            if (!probed && i >= PROBE_BYTES) {
                probed = true;
                if (8L * (n - 2) + bitCount > (long) 8 * i * PROBE_RATIO_EIGHTHS / 8) {
                    return stored(page);
                }
            }
            int v = (int) INTS.get(page, i);
            int h = hash(v);
            int candidate = head[h] - 1; // positions are kept + 1, so 0 means none
            head[h] = i + 1;
            int code;
            int count;
            if (candidate >= 0 && (int) INTS.get(page, candidate) == v) {
                int len = MIN_MATCH;
                int max = Math.min(MAX_MATCH, Memory.PAGE_SIZE - i);
                while (len < max && page[candidate + len] == page[i + len]) {
                    len++;
                }
                int distance = i - candidate;
                code = LENGTH_CODE[len] | DISTANCE_CODE[distance] << LENGTH_BITS[len];
                count = LENGTH_BITS[len] + DISTANCE_BITS[distance];
                i += len;
                if (i <= last + 1) {
                    // Remember where the match ended too: in a run, the next match is then at distance 1.
                    int end = i - 1;
                    head[hash((int) INTS.get(page, end))] = end + 1;
                }
            } else {
                int b = page[i] & 0xFF;
                code = LITERAL_CODE[b];
                count = LITERAL_BITS[b];
                i++;
            }
            bits |= (code & 0xFFFFFFFFL) << bitCount;
            bitCount += count;
            if (bitCount >= 32) {
                INTS.set(out, n, (int) bits);
                n += 4;
                bits >>>= 32;
                bitCount -= 32;
            }
        }
        for (; i < Memory.PAGE_SIZE; i++) { // the last 3 bytes, too few for a match
            int b = page[i] & 0xFF;
            bits |= (LITERAL_CODE[b] & 0xFFFFFFFFL) << bitCount;
            bitCount += LITERAL_BITS[b];
            if (bitCount >= 32) {
                INTS.set(out, n, (int) bits);
                n += 4;
                bits >>>= 32;
                bitCount -= 32;
            }
        }
        bits |= (long) END_OF_BLOCK_CODE << bitCount;
        bitCount += END_OF_BLOCK_BITS;
        while (bitCount > 0) {
            out[n++] = (byte) bits;
            bits >>>= 8;
            bitCount -= 8;
        }
        if (n > 2 + 5 + Memory.PAGE_SIZE) {
            return stored(page);
        }
        return withChecksum(page, n);
    }

    /** The page as a stored block, after the zlib header already in {@link #out}. */
    private int stored(byte[] page) {
        int n = 2;
        out[n++] = 1; // the final block, stored: its length and the length's complement follow, byte-aligned
        out[n++] = (byte) Memory.PAGE_SIZE;
        out[n++] = (byte) (Memory.PAGE_SIZE >>> 8);
        out[n++] = (byte) ~Memory.PAGE_SIZE;
        out[n++] = (byte) (~Memory.PAGE_SIZE >>> 8);
        System.arraycopy(page, 0, out, n, Memory.PAGE_SIZE);
        return withChecksum(page, n + Memory.PAGE_SIZE);
    }

    private int withChecksum(byte[] page, int n) {
        byte[] out = this.out;
        adler.reset();
        adler.update(page, 0, Memory.PAGE_SIZE);
        int sum = (int) adler.getValue();
        out[n++] = (byte) (sum >>> 24);
        out[n++] = (byte) (sum >>> 16);
        out[n++] = (byte) (sum >>> 8);
        out[n++] = (byte) sum;
        return n;
    }

    private static int hash(int fourBytes) {
        return (fourBytes * 0x9E3779B1) >>> (32 - HASH_BITS);
    }

    byte[] compressed() {
        return out;
    }
}
