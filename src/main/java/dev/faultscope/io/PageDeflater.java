package dev.faultscope.io;

import dev.faultscope.vm.Memory;

import java.util.zip.Deflater;

/** Compresses 4 KiB pages to zlib streams, one page at a time, reusing its buffers. Not thread-safe. */
final class PageDeflater {
    /** No page compresses to more than this. */
    static final int MAX_BYTES = Memory.PAGE_SIZE + 64;

    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private final byte[] out = new byte[MAX_BYTES];

    /** Compresses {@code page} (4096 bytes) into {@link #compressed()}; returns the length. */
    int deflate(byte[] page) {
        deflater.reset();
        deflater.setInput(page);
        deflater.finish();
        int n = 0;
        while (!deflater.finished()) {
            n += deflater.deflate(out, n, out.length - n);
        }
        return n;
    }

    byte[] compressed() {
        return out;
    }
}
