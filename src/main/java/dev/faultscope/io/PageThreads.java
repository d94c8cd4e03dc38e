package dev.faultscope.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads that compress and decompress a state file's pages while one thread reads or writes the JSON. */
final class PageThreads {
    /** Batches handed out and not yet written or installed: enough to keep every core busy, and no more. */
    static final int MAX_WAITING = 2 * threads() + 1;

    private static final AtomicInteger COUNT = new AtomicInteger();

    private PageThreads() {
    }

    static int threads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** A pool for one read or write; the caller shuts it down. Daemon threads never keep the program alive. */
    static ExecutorService pool() {
        return Executors.newFixedThreadPool(threads(), r -> {
            Thread t = new Thread(r, "state-pages-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** What a batch threw, as the reading or writing thread would have thrown it. */
    static IOException unwrap(ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof UncheckedIOException u) {
            return u.getCause();
        }
        if (c instanceof RuntimeException r) {
            throw r;
        }
        if (c instanceof Error err) {
            throw err;
        }
        return c instanceof IOException io ? io : new IOException(c);
    }
}
