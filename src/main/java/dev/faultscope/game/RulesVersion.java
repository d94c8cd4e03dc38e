package dev.faultscope.game;

import java.util.Optional;

/**
 * Which {@code FaultDisputeGame} release's rules a game follows, where releases differ in what the model computes.
 * The model is written to 1.3.1; between 1.2.0 and 1.3.x only the clock extension of a new claim differs
 * (docs/chain.md): 1.2.0 compares the mover's used time with the plain extension and grants twice the extension
 * just above the split, with no extra time before a step; 1.3.x picks the extension by depth first (plus the
 * oracle's challenge period at MAX_GAME_DEPTH − 1) and compares with that.
 */
public enum RulesVersion {
    V1_2_0("1.2.0"),
    V1_3_1("1.3.1");

    private final String label;

    RulesVersion(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The rules of a contract whose {@code version()} is {@code version}; empty for a release the model does not know. */
    public static Optional<RulesVersion> forVersion(String version) {
        if ("1.2.0".equals(version)) {
            return Optional.of(V1_2_0);
        }
        if (version != null && version.matches("1\\.3\\.\\d+")) {
            return Optional.of(V1_3_1);
        }
        return Optional.empty();
    }

    /** The duration stored on a new claim at {@code nextDepth} whose mover had used {@code moverDuration} seconds. */
    public long nextDuration(long moverDuration, GameConfig config, int nextDepth) {
        long max = config.maxClockDuration();
        if (this == V1_2_0) {
            long ext = config.clockExtension();
            if (moverDuration > max - ext) {
                return max - (nextDepth == config.splitDepth() - 1 ? 2 * ext : ext);
            }
            return moverDuration;
        }
        return Clock.extendedDuration(moverDuration, max, config.clockExtensionAt(nextDepth));
    }
}
