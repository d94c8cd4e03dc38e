package dev.faultscope.vm;

/**
 * A step that has no valid post-state (spec section 6): Cannon panics and the on-chain step reverts.
 * The state it was raised on is left exactly as before the step.
 */
public final class VmFault extends RuntimeException {
    private final long step;
    private final int pc;
    private final int instruction;
    private final String reason;

    public VmFault(long step, int pc, int instruction, String reason) {
        super(String.format("VM fault at step %d, pc 0x%08x, instruction 0x%08x: %s", step, pc, instruction, reason));
        this.step = step;
        this.pc = pc;
        this.instruction = instruction;
        this.reason = reason;
    }

    /** The step counter of the state the failing instruction would have advanced. */
    public long step() {
        return step;
    }

    public int pc() {
        return pc;
    }

    public int instruction() {
        return instruction;
    }

    public String reason() {
        return reason;
    }
}
