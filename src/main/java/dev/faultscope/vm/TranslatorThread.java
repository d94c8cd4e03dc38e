package dev.faultscope.vm;

/**
 * Runs {@link BlockTranslator} on one daemon thread for the whole JVM, the way the JVM compiles on its own
 * compiler threads: defining a class allocates, and the stepping thread must not (its loop allocates nothing per
 * step). The caller waits for its block, so the result is the same as translating in place, and the page cannot
 * change meanwhile: only the stepping thread that owns a page writes it.
 */
final class TranslatorThread {
    private static final int IDLE = 0;
    private static final int REQUESTED = 1;
    private static final int WORKING = 2;
    private static final int DONE = 3;

    private static final Object LOCK = new Object();
    private static int state = IDLE;
    private static MemoryPage page;
    private static int target;
    private static CompiledBlock result;
    private static RuntimeException failure;
    private static Thread worker;

    private TranslatorThread() {
    }

    /**
     * Translates the block at {@code pc} in {@code page} and installs it in the page's code; false when its first
     * instruction cannot start a block.
     */
    static boolean translate(MemoryPage p, int pc) {
        boolean interrupted = false;
        try {
            synchronized (LOCK) {
                if (worker == null) {
                    worker = new Thread(TranslatorThread::serve, "faultscope-block-translator");
                    worker.setDaemon(true);
                    worker.start();
                }
                while (state != IDLE) {
                    interrupted |= waitUninterruptibly();
                }
                page = p;
                target = pc;
                state = REQUESTED;
                LOCK.notifyAll();
                while (state != DONE) {
                    interrupted |= waitUninterruptibly();
                }
                CompiledBlock block = result;
                RuntimeException error = failure;
                result = null;
                failure = null;
                page = null;
                state = IDLE;
                LOCK.notifyAll();
                if (error != null) {
                    throw new IllegalStateException("translating the block at pc " + Integer.toHexString(pc) + " failed", error);
                }
                return block != null;
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt(); // a translation takes milliseconds: finish it, keep the interrupt
            }
        }
    }

    private static boolean waitUninterruptibly() {
        try {
            LOCK.wait();
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private static void serve() {
        while (true) {
            MemoryPage p;
            int pc;
            synchronized (LOCK) {
                while (state != REQUESTED) {
                    waitUninterruptibly();
                }
                state = WORKING;
                p = page;
                pc = target;
            }
            CompiledBlock block = null;
            RuntimeException error = null;
            try {
                block = BlockTranslator.translate(p, pc);
                if (block != null) {
                    PageCode code = p.code;
                    if (code.blocks == null) {
                        code.blocks = new CompiledBlock[MemoryPage.WORDS];
                    }
                    code.blocks[(pc >>> 2) & (MemoryPage.WORDS - 1)] = block;
                }
            } catch (RuntimeException e) {
                error = e;
            }
            synchronized (LOCK) {
                result = block;
                failure = error;
                state = DONE;
                LOCK.notifyAll();
            }
        }
    }
}
