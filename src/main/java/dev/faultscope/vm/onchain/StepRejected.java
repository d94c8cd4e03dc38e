package dev.faultscope.vm.onchain;

/**
 * The step has no valid post-state: the on-chain {@code MIPS.step} would revert on these bytes.
 * Carries the reason as a kind (for callers that branch on it) and a message naming the detail.
 */
public final class StepRejected extends RuntimeException {
    /** Why a step was rejected; {@link #description()} is the short text every message starts with. */
    public enum Reason {
        WRONG_STATE_DATA_LENGTH("wrong stateData length"),
        NOT_ENOUGH_CALLDATA("the proof is too short for a memory proof the instruction reads"),
        INVALID_WITNESS("invalid witness"),
        UNALIGNED_PC("unaligned pc"),
        INVALID_INSTRUCTION_PROOF("invalid memory proof of the instruction"),
        INVALID_DATA_PROOF("invalid memory proof of the data word"),
        INVALID_INSTRUCTION("invalid instruction"),
        DIVISION_BY_ZERO("division by zero"),
        BRANCH_IN_DELAY_SLOT("branch in delay slot"),
        JUMP_IN_DELAY_SLOT("jump in delay slot"),
        MISSING_PREIMAGE("missing pre-image"),
        PREIMAGE_READ_PAST_END("pre-image read past the end");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Reason reason;
    private final int dataAddress;

    StepRejected(Reason reason, String detail, int dataAddress) {
        super(detail == null || detail.isEmpty() ? reason.description() : reason.description() + ": " + detail);
        this.reason = reason;
        this.dataAddress = dataAddress;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * Aligned address of the data word the step had already read (and proven) when it was rejected, or -1.
     * Lets a caller rebuild the memory the rejected step saw, e.g. to replay it elsewhere.
     */
    public int dataAddress() {
        return dataAddress;
    }
}
