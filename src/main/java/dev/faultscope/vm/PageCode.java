package dev.faultscope.vm;

/**
 * What the emulator has made of one page's words: each word's {@link Decoder} class (0 = decode again) and the
 * blocks translated to JVM bytecode that start in it. Belongs to one {@link MemoryPage} object (a copy starts
 * without); {@link Memory#setWord} calls {@link #written} so self-modifying code is seen.
 */
final class PageCode {
    /** After this many writes into translated code, the page is only interpreted: it holds data too. */
    private static final int MAX_INVALIDATIONS = 16;

    final byte[] ops = new byte[MemoryPage.WORDS];
    /**
     * Times each word was reached untranslated as a branch target or a block's exit. Kept with the page, so a
     * program loaded again from shared pages (the fault proof program, once per run) goes on counting.
     */
    final int[] heat = new int[MemoryPage.WORDS];
    /** Translated blocks by the word they start at; null until the first. */
    CompiledBlock[] blocks;
    private int invalidations;

    void written(int wordIndex) {
        ops[wordIndex] = 0;
        if (blocks != null) {
            blocks = null; // a block may span the word; dropping them all keeps the check to one field
            invalidations++;
        }
    }

    boolean translatable() {
        return invalidations < MAX_INVALIDATIONS;
    }
}
