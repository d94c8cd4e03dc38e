package dev.faultscope.chain;

/**
 * A read or a transaction against a node that failed, with a one-line reason naming the URL or address and what
 * went wrong (unreachable node, not a JSON-RPC endpoint, rate limit, time-out, no contract, a revert by name).
 */
public final class ChainException extends RuntimeException {
    private final String revertName;

    public ChainException(String message) {
        this(message, null, null);
    }

    public ChainException(String message, Throwable cause) {
        this(message, null, cause);
    }

    private ChainException(String message, String revertName, Throwable cause) {
        super(message, cause);
        this.revertName = revertName;
    }

    /** A call or transaction that the contract reverted, with the error's name ("ClockTimeExceeded", "Error(…)"). */
    public static ChainException reverted(String what, String revertName) {
        return new ChainException(what + " reverted: " + revertName, revertName, null);
    }

    /** The contract's error name for a revert, or null when this was not a revert. */
    public String revertName() {
        return revertName;
    }
}
