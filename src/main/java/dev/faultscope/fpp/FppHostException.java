package dev.faultscope.fpp;

/**
 * The host cannot serve what the program asks for: a hint it does not understand, or data the chain does not
 * have. Like op-program's host failing to fetch from its nodes, this stops the run; it is not the program's
 * exit 2, which is for data that exists but is malformed.
 */
public final class FppHostException extends RuntimeException {
    private final String hint;
    private final String key;

    FppHostException(String hint, String key, String problem) {
        super(problem + (key == null ? "" : " (pre-image key " + key + ")") + (hint == null ? "" : " for hint \"" + hint + "\""));
        this.hint = hint;
        this.key = key;
    }

    /** The hint being answered, or null when the host was filling a store eagerly. */
    public String hint() {
        return hint;
    }

    /** The 0x-hex pre-image key that cannot be served, or null when the hint itself was not understood. */
    public String key() {
        return key;
    }
}
