package dev.faultscope.diff;

import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.VmState;

/** One of the two runs a {@link TraceDiff} compares: any run it can ask for a state hash at a step. */
public interface DiffSide {
    /** How the run is named in reports ("a.fstrace", "state.json with a fault: skip instruction 17"). */
    String name();

    /** The step the run starts from. */
    long firstStep();

    /** The step the run ends at (runs it to the end once if that is not yet known). */
    long finalStep();

    /** The hash of the state after {@code step} steps, or of the final state when the run ends before. */
    byte[] hashAt(long step);

    /** A copy of the state after {@code step} steps (capped at the final state), for showing and comparing. */
    VmState stateAt(long step);

    /** Steps whose hashes this side knows without running (a bundle's checkpoints), ascending; may be empty. */
    default long[] knownSteps() {
        return new long[0];
    }

    default Symbols symbols() {
        return Symbols.NONE;
    }
}
