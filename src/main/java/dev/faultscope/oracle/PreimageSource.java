package dev.faultscope.oracle;

/**
 * One place pre-images come from (a JSON file, a directory, op-program's store, a scenario's host, a trace
 * bundle). Several are searched in order by {@link PreimageSources}.
 */
public interface PreimageSource {
    /** The data behind {@code key}, or null when this source does not have it. */
    byte[] get(byte[] key);

    /** A hint the program sent; a host source may fetch what it names. Throws when the host cannot serve it. */
    default void hint(String hint) {
    }

    /** What the source is, for messages ("directory /x/preimages", "scenario host"). */
    String describe();

    /** A source over any oracle, e.g. a filled {@link PreimageStore}. */
    static PreimageSource of(PreimageOracle oracle, String description) {
        return new PreimageSource() {
            @Override
            public byte[] get(byte[] key) {
                return oracle.preimage(key);
            }

            @Override
            public void hint(String hint) {
                oracle.hint(hint.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }
}
