package dev.faultscope.game;

/**
 * A game action the contract would revert. Thrown before anything changes, so the game is exactly as it was.
 */
public final class GameError extends RuntimeException {
    private final ContractError error;

    public GameError(ContractError error, String detail) {
        super(error.reported() + ": " + detail);
        this.error = error;
    }

    public GameError(ContractError error, String detail, Throwable cause) {
        super(error.reported() + ": " + detail, cause);
        this.error = error;
    }

    /** The contract's name for this revert. */
    public ContractError error() {
        return error;
    }
}
