package dev.faultscope.io;

import dev.faultscope.crypto.Hex;
import dev.faultscope.vm.Memory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Turns the base64 text of a state file's pages into memory pages: the thread parsing the JSON hands each page's
 * text here, and batches of pages are decoded, inflated and hashed on every core, then installed in the memory
 * in file order by the parsing thread. At most a few batches wait at a time. A bad page is reported as the
 * single-threaded reader would: the first bad page in file order, before any problem found later in the file.
 */
final class StatePageReader implements AutoCloseable {
    private final Path path;
    private final Memory mem;
    private ExecutorService pool;
    private final ArrayDeque<Future<Memory.PreparedPage[]>> waiting = new ArrayDeque<>();
    private final ArrayDeque<Batch> waitingBatches = new ArrayDeque<>();
    private Batch batch = new Batch();

    StatePageReader(Path path, Memory mem) {
        this.path = path;
        this.mem = mem;
    }

    /** Page {@code pi}, entry {@code entry} of the array, its data as base64 characters (one byte each). */
    void add(int entry, int pi, byte[] base64) throws IOException {
        batch.add(entry, pi, base64);
        if (batch.size == StatePageWriter.BATCH_PAGES) {
            if (pool == null) {
                pool = PageThreads.pool();
            }
            if (waiting.size() >= PageThreads.MAX_WAITING) {
                installNext();
            }
            Batch b = batch;
            waiting.add(pool.submit(() -> b.prepare(path, mem)));
            waitingBatches.add(b);
            batch = new Batch();
        }
    }

    /** Installs every page handed in so far; the last, partial batch is done on this thread meanwhile. */
    void finish() throws IOException {
        Memory.PreparedPage[] last;
        try {
            last = batch.prepare(path, mem);
        } catch (FileFormatException e) {
            throwWaitingProblem();
            throw e;
        }
        while (!waiting.isEmpty()) {
            installNext();
        }
        batch.install(mem, last);
        batch = new Batch();
    }

    /**
     * For when the parsing thread found a problem: throws the first bad page handed in before it, if any, as the
     * single-threaded reader would have reported it first. No more pages are installed.
     */
    void throwEarlierProblem() throws IOException {
        throwWaitingProblem();
        batch.prepare(path, mem);
    }

    private void throwWaitingProblem() throws IOException {
        while (!waiting.isEmpty()) {
            waitingBatches.poll();
            get(waiting.poll());
        }
    }

    private void installNext() throws IOException {
        Memory.PreparedPage[] pages = get(waiting.poll());
        waitingBatches.poll().install(mem, pages);
    }

    private static Memory.PreparedPage[] get(Future<Memory.PreparedPage[]> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while loading the state");
        } catch (ExecutionException e) {
            throw PageThreads.unwrap(e);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** Where a page's problems are reported: its entry, index and address. */
    static String pageAt(int entry, int pi) {
        return "memory[" + entry + "] (page " + pi + ", address " + Hex.word(pi << Memory.PAGE_SHIFT) + ")";
    }

    /** Pages handed in but not yet prepared. */
    private static final class Batch {
        final int[] entries = new int[StatePageWriter.BATCH_PAGES];
        final int[] indices = new int[StatePageWriter.BATCH_PAGES];
        final byte[][] data = new byte[StatePageWriter.BATCH_PAGES][];
        int size;

        void add(int entry, int pi, byte[] base64) {
            entries[size] = entry;
            indices[size] = pi;
            data[size++] = base64;
        }

        /** Decodes, inflates and hashes the pages; runs on any thread. */
        Memory.PreparedPage[] prepare(Path path, Memory mem) {
            Memory.PreparedPage[] out = new Memory.PreparedPage[size];
            Inflater inflater = new Inflater();
            try {
                Base64.Decoder decoder = Base64.getDecoder();
                byte[] compressed = new byte[PageDeflater.MAX_BYTES];
                // One spare byte tells "exactly 4096" apart from "more than 4096".
                byte[] page = new byte[Memory.PAGE_SIZE + 1];
                for (int i = 0; i < size; i++) {
                    byte[] text = data[i];
                    if (compressed.length < text.length) {
                        compressed = new byte[text.length];
                    }
                    int n;
                    try {
                        n = decoder.decode(text, compressed);
                    } catch (IllegalArgumentException e) {
                        throw new FileFormatException(path, pageAt(entries[i], indices[i]), "bad base64 in data: " + e.getMessage(), e);
                    }
                    inflatePage(path, entries[i], indices[i], inflater, compressed, n, page);
                    out[i] = mem.preparePage(page, 0);
                }
            } finally {
                inflater.end();
            }
            return out;
        }

        void install(Memory mem, Memory.PreparedPage[] pages) {
            for (int i = 0; i < pages.length; i++) {
                mem.installPage(indices[i], pages[i]);
            }
        }
    }

    /** Inflates one page into {@code page}, insisting on exactly 4096 bytes and a complete, checksummed zlib stream. */
    private static void inflatePage(Path path, int entry, int pi, Inflater inflater, byte[] compressed, int len, byte[] page) {
        inflater.reset();
        inflater.setInput(compressed, 0, len);
        int n = 0;
        try {
            while (n < page.length) {
                int r = inflater.inflate(page, n, page.length - n);
                if (r == 0) {
                    break; // finished, or out of input, or wants a dictionary: all judged below
                }
                n += r;
            }
        } catch (DataFormatException e) {
            throw new FileFormatException(path, pageAt(entry, pi), "bad zlib data: " + e.getMessage(), e);
        }
        if (n > Memory.PAGE_SIZE) {
            throw new FileFormatException(path, pageAt(entry, pi), "data inflates to more than " + Memory.PAGE_SIZE + " bytes");
        }
        if (!inflater.finished()) {
            throw new FileFormatException(path, pageAt(entry, pi), inflater.needsDictionary()
                    ? "bad zlib data: needs a preset dictionary"
                    : "truncated zlib data (stream ends after " + n + " bytes)");
        }
        if (n != Memory.PAGE_SIZE) {
            throw new FileFormatException(path, pageAt(entry, pi), "data inflates to " + n + " bytes, expected " + Memory.PAGE_SIZE);
        }
    }
}
