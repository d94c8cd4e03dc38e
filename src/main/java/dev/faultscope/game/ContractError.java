package dev.faultscope.game;

import dev.faultscope.vm.onchain.StepRejected;

/**
 * The reverts of {@code FaultDisputeGame} (and of the contracts it calls) that the model reproduces, named as in
 * the contract so that a failed action reads the same here as in a transaction trace: custom errors by their name,
 * and the reverts MIPS.sol and PreimageOracle.sol raise with a reason string by that string ({@link #reported()}).
 */
public enum ContractError {
    // constructor / initialize
    MaxDepthTooLarge("MAX_GAME_DEPTH exceeds 125 (positions are uint128)"),
    InvalidSplitDepth("SPLIT_DEPTH must satisfy 2 <= S and S + 1 < MAX_GAME_DEPTH"),
    InvalidClockExtension("the largest clock extension exceeds MAX_CLOCK_DURATION"),
    UnexpectedRootClaim("root claim at or before the anchor block, or a bad VM status byte at SPLIT_DEPTH + 1"),

    // moves, steps, local data
    GameNotInProgress("the game is already resolved"),
    /** Not a named error: Solidity's Panic(0x32), an array index out of bounds (e.g. a claim index that does not exist). */
    IndexOutOfBounds("Panic(0x32): array index out of bounds"),
    InvalidDisputedClaimIndex("the claim at the parent index is not the disputed value"),
    CannotDefendRootClaim("the root claim and execution subgame roots cannot be defended"),
    GameDepthExceeded("the move would go below MAX_GAME_DEPTH"),
    IncorrectBondAmount("the bond paid is not exactly the required bond"),
    ClockTimeExceeded("the mover's chess clock has run out"),
    ClaimAlreadyExists("an identical claim (value, position, parent) exists"),
    InvalidParent("a step must target a claim at MAX_GAME_DEPTH"),
    InvalidPrestate("the state data does not hash to the expected pre-state"),
    ValidStep("the step does not counter the claim"),
    DuplicateStep("the claim is already countered"),
    ClaimAboveSplit("the claim is not below SPLIT_DEPTH"),
    InvalidLocalIdent("unknown local data identifier"),

    // the VM and the pre-image oracle (reverts bubble up through step / addLocalData)
    PartOffsetOOB("PreimageOracle: the part offset is past the pre-image (with its 8-byte length prefix)"),
    PreimageMustExist("pre-image must exist",
        "PreimageOracle.readPreimage: no pre-image part was loaded for the key at the offset the instruction reads"),
    PreimageReadPastEnd("pre-image read past the end", "the instruction reads a pre-image at or past its end"),
    InvalidMemoryProof("MIPS: a memory proof in the step's proof does not lead to the pre-state's memory root"),
    NotEnoughCalldata("check that there is enough calldata",
        "MIPS: the proof ends before a 896-byte memory proof the instruction reads"),
    InvalidExitedValue("MIPS: the state's exited byte is neither 0 nor 1"),
    InvalidInstruction("invalid instruction", "MIPS: the word at pc is no instruction the VM executes"),
    DivisionByZero("MIPS: division by zero", "MIPS: div or divu with a zero divisor"),
    BranchInDelaySlot("branch in delay slot", "MIPS: a branch in the delay slot of a branch or jump"),
    JumpInDelaySlot("jump in delay slot", "MIPS: a jump in the delay slot of a branch or jump"),
    /** MIPS.sol reverts with no data at all here (an instruction fetched from an address that is not word-aligned). */
    VmStepReverted("MIPS.step reverted without a reason: the state has no valid post-state"),

    // resolution
    ClockNotExpired("the clock of the would-be counter has not run out"),
    ClaimAlreadyResolved("the subgame is already resolved"),
    OutOfOrderResolution("a child subgame (or for resolve(), the root subgame) is not resolved yet");

    /** The revert a step rejected by MIPS.sol (or the oracle it reads) shows on chain (MIPS.sol 1.2.x). */
    public static ContractError ofStepRejection(StepRejected.Reason reason) {
        return switch (reason) {
            case MISSING_PREIMAGE -> PreimageMustExist;
            case PREIMAGE_READ_PAST_END -> PreimageReadPastEnd;
            case INVALID_INSTRUCTION_PROOF, INVALID_DATA_PROOF -> InvalidMemoryProof;
            case NOT_ENOUGH_CALLDATA -> NotEnoughCalldata;
            case INVALID_WITNESS -> InvalidExitedValue;
            case INVALID_INSTRUCTION -> InvalidInstruction;
            case DIVISION_BY_ZERO -> DivisionByZero;
            case BRANCH_IN_DELAY_SLOT -> BranchInDelaySlot;
            case JUMP_IN_DELAY_SLOT -> JumpInDelaySlot;
            case WRONG_STATE_DATA_LENGTH, UNALIGNED_PC -> VmStepReverted;
        };
    }

    private final String reason;
    private final String meaning;

    ContractError(String meaning) {
        this(null, meaning);
    }

    /** A revert the contract raises with a reason string rather than a custom error. */
    ContractError(String reason, String meaning) {
        this.reason = reason;
        this.meaning = meaning;
    }

    /**
     * How a transaction trace shows this revert: the custom error's name, or the reason string in quotes for the
     * {@code require}/{@code revert("...")} of MIPS.sol and the pre-image oracle.
     */
    public String reported() {
        return reason == null ? name() : '"' + reason + '"';
    }

    /** One line saying what the revert means. */
    public String meaning() {
        return meaning;
    }
}
