package dev.faultscope.game;

import dev.faultscope.fpp.Bytes32;

import java.util.Objects;

/**
 * The agreed starting point of output bisection (the contract's {@code startingOutputRoot}): an L2 block number
 * and its output root, taken from the anchor state registry when a game is created.
 */
public record Anchor(long blockNumber, Bytes32 outputRoot) {
    public Anchor {
        if (blockNumber < 0) {
            throw new IllegalArgumentException("anchor block number is negative: " + blockNumber);
        }
        Objects.requireNonNull(outputRoot, "outputRoot");
    }
}
