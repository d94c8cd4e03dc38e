package dev.faultscope.game;

/**
 * The reverts of {@code FaultDisputeGame} (and of the contracts it calls) that the model reproduces, named as in
 * the contract so that a failed action reads the same here as in a transaction trace.
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
    MissingPreimage("PreimageOracle: no pre-image part loaded for the key at the offset read"),
    VmStepReverted("MIPS.step reverted: the state has no valid post-state"),

    // resolution
    ClockNotExpired("the clock of the would-be counter has not run out"),
    ClaimAlreadyResolved("the subgame is already resolved"),
    OutOfOrderResolution("a child subgame (or for resolve(), the root subgame) is not resolved yet");

    private final String meaning;

    ContractError(String meaning) {
        this.meaning = meaning;
    }

    /** One line saying what the revert means. */
    public String meaning() {
        return meaning;
    }
}
