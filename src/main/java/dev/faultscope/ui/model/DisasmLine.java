package dev.faultscope.ui.model;

/**
 * One line of the disassembly view.
 *
 * @param label        the symbol starting at this address, or null
 * @param branchTarget where a branch or jump encoded in this word goes, or null
 * @param targetLabel  the symbol (+offset) at that target, or null
 * @param current      the instruction at pc, about to execute
 * @param delaySlot    the word after a branch or jump, executed before control moves
 * @param nextAfterSlot the address the machine continues at once the current delay-slot instruction ran
 */
public record DisasmLine(int address, int word, String text, String label, Integer branchTarget, String targetLabel,
                         boolean current, boolean delaySlot, boolean nextAfterSlot, boolean breakpoint) {
}
