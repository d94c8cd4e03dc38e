package dev.faultscope.vm;

import java.util.Optional;

/**
 * Whether a state's program counter sits in memory no page holds. The VM then reads zeros, which decode as
 * {@code nop}, and runs a NOP loop through the address space forever, exactly as Cannon does; that is a valid
 * run, but almost always a broken state (such as {@code "memory": []}), so the fronts say so before running.
 */
public final class UnmappedCode {
    private UnmappedCode() {
    }

    /** A one-line explanation when the pc's page is not in memory, else empty. */
    public static Optional<String> check(VmState state) {
        int pc = state.pc();
        if (state.exited() || state.memory().hasPage(pc >>> Memory.PAGE_SHIFT)) {
            return Optional.empty();
        }
        return Optional.of(String.format("the program counter 0x%08x sits in unmapped memory (the state has %d pages, none at 0x%08x): "
            + "the VM would execute zeros (nop) there forever, as Cannon does", pc, state.memory().pageCount(), pc & ~(Memory.PAGE_SIZE - 1)));
    }
}
