package dev.faultscope.diff;

import dev.faultscope.crypto.Hex;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.disasm.Disassembler;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link TraceDiff} found: either the runs are identical, or the first step whose post-states differ. The
 * instruction is the one that takes both runs from the shared {@code preStep} state to their differing
 * {@code preStep + 1} states (its index is {@code preStep}, the trace index the dispute game would step on).
 *
 * @param preState   the state both runs share before the instruction (null when they differ from the start)
 * @param postA      side A's state after it (its final state when identical)
 * @param postB      side B's state after it
 * @param comparisons state-hash comparisons made (the bisection's rounds)
 * @param executed   VM instructions executed to find it (replays included)
 */
public record Divergence(String nameA, String nameB, boolean identical, long preStep, VmState preState,
                         VmState postA, VmState postB, StateDifference difference, int comparisons, long executed,
                         long nanos, String instructionText) {

    public byte[] postHashA() {
        return postA.stateHash();
    }

    public byte[] postHashB() {
        return postB.stateHash();
    }

    /** True when the runs already differ in their first state (no instruction is to blame). */
    public boolean atStart() {
        return !identical && preState == null;
    }

    public int pc() {
        return preState == null ? 0 : preState.pc();
    }

    public int instruction() {
        return preState == null ? 0 : preState.memory().getWord(preState.pc());
    }

    /** The report {@code faultscope diff} prints. */
    public List<String> report() {
        List<String> out = new ArrayList<>();
        if (identical) {
            out.add(String.format("identical: %s and %s both end at step %d with state hash %s", nameA, nameB,
                postA.step(), Hex.encode(postA.stateHash())));
        } else if (atStart()) {
            out.add(String.format("the runs differ from their first state (step %d)", preStep));
        } else {
            out.add(String.format("first divergence at instruction %d (step %d -> %d), pc 0x%08x, instruction 0x%08x  %s",
                preStep, preStep, preStep + 1, pc(), instruction(), instructionText));
            out.add("  pre-state hash (both)  " + Hex.encode(preState.stateHash()));
        }
        if (!identical) {
            out.add(String.format("  post-state hash A      %s  (%s)", Hex.encode(postHashA()), nameA));
            out.add(String.format("  post-state hash B      %s  (%s)", Hex.encode(postHashB()), nameB));
            for (StateDifference.Field f : difference.fields()) {
                out.add(String.format("  %-16s A 0x%08x  B 0x%08x", f.name(), f.a(), f.b()));
            }
            for (StateDifference.Word w : difference.words()) {
                out.add(String.format("  mem[0x%08x]  A 0x%08x  B 0x%08x", w.address(), w.a(), w.b()));
            }
            if (difference.moreWords() > 0) {
                out.add("  … and " + difference.moreWords() + " more differing words");
            }
        }
        out.add(String.format("found with %d state-hash comparisons, %,d VM steps executed, %.3f s", comparisons, executed, nanos / 1e9));
        return out;
    }

    static String disassemble(VmState pre, DiffSide side) {
        int pc = pre.pc();
        return Disassembler.disassemble(pre.memory().getWord(pc), pc, side.symbols());
    }
}
