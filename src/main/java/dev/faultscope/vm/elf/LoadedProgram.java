package dev.faultscope.vm.elf;

import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.VmState;

/** A program ready to run: the initial VM state Cannon's {@code load-elf} would produce, and its symbols. */
public record LoadedProgram(VmState state, Symbols symbols) {
}
