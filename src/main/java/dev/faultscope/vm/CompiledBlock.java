package dev.faultscope.vm;

/**
 * A run of MIPS instructions translated to JVM bytecode by {@link BlockTranslator}: none can fault; branches inside
 * it whose targets lie inside it jump there (so a loop may run many times in one call), others leave it. It is
 * entered only with {@code nextPC == pc + 4}.
 */
abstract class CompiledBlock {
    /** Bit 63 of {@link #run}'s result: a store hit the block's own page, whose code may have changed. */
    static final long WROTE_OWN_PAGE = 1L << 63;

    /** The words it was translated from, set once before the block is shared. */
    int[] source;

    /** The address right after the block when its last instruction is not a branch's delay slot, else -1. */
    final int fallThrough(int pc) {
        int n = source.length;
        boolean endsInBranch = n >= 2 && BlockTranslator.isBranch(Decoder.decode(source[n - 2]));
        return endsInBranch ? -1 : pc + 4 * n;
    }

    /** True when {@code words} still hold, from {@code pc}'s word on, the instructions this block was made from. */
    final boolean translates(int[] words, int pc) {
        int first = (pc >>> 2) & (MemoryPage.WORDS - 1);
        return java.util.Arrays.equals(source, 0, source.length, words, first, first + source.length);
    }

    /**
     * Executes the block on the state's registers, memory and hi/lo, at most {@code budget} steps (at most 2^30);
     * returns the steps executed in bits 32..62 (0 when it could not start: too few steps left, or a division by
     * zero first), the new pc in bits 0..31 (the new nextPC is pc + 4), and {@link #WROTE_OWN_PAGE}.
     */
    abstract long run(int[] registers, Memory memory, VmState state, int budget);
}
