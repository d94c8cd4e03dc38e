package dev.faultscope.io;

import dev.faultscope.vm.Memory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Writes the entries of a state file's {@code "memory"} array, {@code {"index":n,"data":"base64(zlib(page))"}}
 * separated by commas, pages ascending: the bytes Jackson would write for them. Compressing pages is most of the
 * cost of saving a large state, so batches of pages are compressed and encoded on every core and written in
 * order; at most a few batches wait at a time, so memory stays bounded whatever the state's size.
 */
final class StatePageWriter {
    /** Pages per batch: about 1 MiB of memory, big enough that handing a batch to a thread costs nothing. */
    static final int BATCH_PAGES = 256;

    private StatePageWriter() {
    }

    static void write(Memory mem, OutputStream out) throws IOException {
        int[] pages = new int[mem.pageCount()];
        int[] n = {0};
        mem.forEachPage(pi -> pages[n[0]++] = pi);
        int batches = (pages.length + BATCH_PAGES - 1) / BATCH_PAGES;
        // Into a gzip file, each batch is gzipped on its thread too, as a member of its own.
        GzipMembers gz = out instanceof GzipMembers g ? g : null;
        if (batches <= 1) {
            if (batches == 1) {
                write(encode(mem, pages, 0, gz), out, gz);
            }
            return;
        }
        ExecutorService pool = PageThreads.pool();
        ArrayDeque<Future<Chunk>> waiting = new ArrayDeque<>();
        try {
            for (int b = 0; b < batches; b++) {
                if (waiting.size() >= PageThreads.MAX_WAITING) {
                    writeNext(waiting, out, gz);
                }
                int batch = b;
                waiting.add(pool.submit(() -> encode(mem, pages, batch, gz)));
            }
            while (!waiting.isEmpty()) {
                writeNext(waiting, out, gz);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void writeNext(ArrayDeque<Future<Chunk>> waiting, OutputStream out, GzipMembers gz) throws IOException {
        try {
            write(waiting.poll().get(), out, gz);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while saving the state");
        } catch (ExecutionException e) {
            throw PageThreads.unwrap(e);
        }
    }

    private static void write(Chunk c, OutputStream out, GzipMembers gz) throws IOException {
        if (gz != null) {
            gz.writeMember(c.bytes);
        } else {
            out.write(c.bytes, 0, c.length);
        }
    }

    /** A batch's entries as JSON bytes, or as a gzip member holding them. */
    private record Chunk(byte[] bytes, int length) {
    }

    private static final byte[] INDEX = "{\"index\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = ",\"data\":\"".getBytes(StandardCharsets.US_ASCII);

    /** Compresses and encodes batch {@code b} of {@code pages}; runs on any thread (it only reads memory). */
    private static Chunk encode(Memory mem, int[] pages, int b, GzipMembers gz) {
        int from = b * BATCH_PAGES;
        int to = Math.min(pages.length, from + BATCH_PAGES);
        PageDeflater deflater = new PageDeflater();
        byte[] page = new byte[Memory.PAGE_SIZE];
        byte[] base64 = new byte[4 * (PageDeflater.MAX_BYTES + 2) / 3];
        Base64.Encoder encoder = Base64.getEncoder();
        // Room for the usual case (compressed pages are at most a little bigger than the page); grown if need be.
        byte[] out = new byte[(to - from) * (base64.length + 40)];
        int n = 0;
        for (int i = from; i < to; i++) {
            mem.copyPageBytes(pages[i], page, 0);
            int compressed = deflater.deflate(page);
            int len = encoder.encode(Arrays.copyOf(deflater.compressed(), compressed), base64);
            if (n + len + 40 > out.length) {
                out = Arrays.copyOf(out, 2 * out.length + len + 40);
            }
            if (i > 0) {
                out[n++] = ',';
            }
            System.arraycopy(INDEX, 0, out, n, INDEX.length);
            n += INDEX.length;
            n = putDecimal(pages[i], out, n);
            System.arraycopy(DATA, 0, out, n, DATA.length);
            n += DATA.length;
            System.arraycopy(base64, 0, out, n, len);
            n += len;
            out[n++] = '"';
            out[n++] = '}';
        }
        if (gz != null) {
            byte[] member = GzipMembers.gzip(out, 0, n, gz.precompressed());
            return new Chunk(member, member.length);
        }
        return new Chunk(out, n);
    }

    private static int putDecimal(int v, byte[] out, int n) {
        String s = Integer.toString(v);
        for (int i = 0; i < s.length(); i++) {
            out[n++] = (byte) s.charAt(i);
        }
        return n;
    }
}
