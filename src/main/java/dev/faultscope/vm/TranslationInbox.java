package dev.faultscope.vm;

/**
 * Blocks translated for one emulator, waiting to be installed by its stepping thread, the only thread that
 * writes its pages: installing there, after checking the page still holds the block's words, means a block can
 * never run over code that changed while it was being translated. One producer (the translator thread), one
 * consumer; fixed arrays, so taking blocks in allocates nothing.
 */
final class TranslationInbox {
    private static final int SIZE = 64; // a power of two

    private final MemoryPage[] pages = new MemoryPage[SIZE];
    private final int[] targets = new int[SIZE];
    private final CompiledBlock[] blocks = new CompiledBlock[SIZE];
    /** Counts of blocks posted and taken (they may wrap); the slot is the count's low bits. */
    private volatile int posted;
    private volatile int taken;

    /** On the translator thread: hands a block over, or drops it when the emulator has not kept up. */
    void post(MemoryPage page, int pc, CompiledBlock block) {
        int p = posted;
        if (p - taken == SIZE) {
            return;
        }
        PageCode code = page.code;
        if (code != null && code.blocks == null) {
            code.blocks = new CompiledBlock[MemoryPage.WORDS]; // allocated here, not on the stepping thread
        }
        int slot = p & (SIZE - 1);
        pages[slot] = page;
        targets[slot] = pc;
        blocks[slot] = block;
        posted = p + 1;
    }

    boolean hasBlocks() {
        return posted != taken;
    }

    /** On the stepping thread: installs every block whose page still holds its words. */
    void install() {
        int t = taken;
        int p = posted;
        for (; t != p; t++) {
            int slot = t & (SIZE - 1);
            CompiledBlock block = blocks[slot];
            install(pages[slot], targets[slot], block);
            pages[slot] = null;
            blocks[slot] = null;
        }
        taken = t;
    }

    static void install(MemoryPage page, int pc, CompiledBlock block) {
        PageCode code = page.code;
        CompiledBlock[] installed = code == null ? null : code.blocks;
        if (installed == null || !code.translatable() || !block.translates(page.words, pc)) {
            return; // the page was written since: its code may have changed
        }
        installed[(pc >>> 2) & (MemoryPage.WORDS - 1)] = block;
    }
}
