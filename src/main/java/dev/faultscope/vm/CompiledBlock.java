package dev.faultscope.vm;

/**
 * A straight run of MIPS instructions translated to JVM bytecode by {@link BlockTranslator}: none can fault, and
 * the last may be a branch or jump with its delay slot. It is entered only with {@code nextPC == pc + 4} and at
 * least {@link #length} steps left to run.
 */
abstract class CompiledBlock {
    /** Bit 63 of {@link #run}'s result: a store hit the block's own page, whose code may have changed. */
    static final long WROTE_OWN_PAGE = 1L << 63;

    /** The most instructions one run executes. */
    final int length;
    /** The words it was translated from, set once before the block is shared. */
    int[] source;

    protected CompiledBlock(int length) {
        this.length = length;
    }

    /** The address right after the block when it ends without a branch (and always runs to its end), else -1. */
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
     * Executes the block on the state's registers, memory and hi/lo; returns the steps executed in bits 32..62, the new pc in
     * bits 0..31 (the new nextPC is pc + 4), and {@link #WROTE_OWN_PAGE}.
     */
    abstract long run(int[] registers, Memory memory, VmState state);
}
