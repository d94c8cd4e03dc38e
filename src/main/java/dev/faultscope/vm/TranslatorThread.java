package dev.faultscope.vm;

/**
 * Runs {@link BlockTranslator} on one daemon thread for the whole JVM, the way the JVM compiles on its own
 * compiler threads. The stepping thread only queues a request (in fixed arrays: its loop allocates nothing per
 * step) and goes on interpreting; the block comes back through the emulator's {@link TranslationInbox}, which
 * installs it only if the page still holds the words it was made from. Translating a block takes about a
 * millisecond while the JIT is cold, far longer than interpreting it the first few thousand times.
 */
final class TranslatorThread {
    /** Requests waiting; when full, a request is dropped and its block is asked for again when next hot. */
    private static final int QUEUE = 256;
    /** At most this many blocks following one another without a branch are made for one request. */
    private static final int FOLLOWERS = 64;

    private static final Object LOCK = new Object();
    private static final TranslationInbox[] inboxes = new TranslationInbox[QUEUE];
    private static final MemoryPage[] pages = new MemoryPage[QUEUE];
    private static final int[] targets = new int[QUEUE];
    private static int head;
    private static int count;
    private static Thread worker;

    private TranslatorThread() {
    }

    /** Queues the block at {@code pc} in {@code page} for translation; false when the queue is full. */
    static boolean request(TranslationInbox inbox, MemoryPage page, int pc) {
        synchronized (LOCK) {
            if (worker == null) {
                worker = new Thread(TranslatorThread::serve, "faultscope-block-translator");
                worker.setDaemon(true);
                worker.start();
            }
            if (count == QUEUE) {
                return false;
            }
            int slot = (head + count) % QUEUE;
            inboxes[slot] = inbox;
            pages[slot] = page;
            targets[slot] = pc;
            count++;
            LOCK.notifyAll();
            return true;
        }
    }

    /** Its first instruction cannot start a block (a syscall, say): the emulators stop asking for it. */
    private static void markUntranslatable(MemoryPage page, int pc) {
        PageCode code = page.code;
        if (code != null) {
            code.heat[(pc >>> 2) & (MemoryPage.WORDS - 1)] = Integer.MIN_VALUE;
        }
    }

    private static void serve() {
        while (true) {
            TranslationInbox inbox;
            MemoryPage page;
            int pc;
            synchronized (LOCK) {
                while (count == 0) {
                    try {
                        LOCK.wait();
                    } catch (InterruptedException e) {
                        // a daemon serving the whole JVM: keep serving
                    }
                }
                inbox = inboxes[head];
                page = pages[head];
                pc = targets[head];
                inboxes[head] = null;
                pages[head] = null;
                head = (head + 1) % QUEUE;
                count--;
            }
            try {
                // The words may be changing under us (the page's owner keeps running): the inbox checks them again.
                // A block that ends without a branch runs on into the next one as often as it runs itself, so
                // that one is made too rather than counted up from zero once this one is in.
                int at = pc;
                for (int k = 0; k < FOLLOWERS; k++) {
                    CompiledBlock block = BlockTranslator.translate(page, at);
                    if (block == null) {
                        if (at == pc) {
                            markUntranslatable(page, pc);
                        }
                        break;
                    }
                    inbox.post(page, at, block);
                    int next = block.fallThrough(at);
                    if (next == -1 || (next & 0xFFFFF000) != (at & 0xFFFFF000)) {
                        break;
                    }
                    at = next;
                }
            } catch (RuntimeException | LinkageError e) {
                // A block that cannot be translated is interpreted: the result is the same, only slower.
            }
        }
    }
}
