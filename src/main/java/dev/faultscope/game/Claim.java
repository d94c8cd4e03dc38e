package dev.faultscope.game;

import dev.faultscope.fpp.Bytes32;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One entry of the contract's append-only {@code claimData}, as an immutable snapshot. The game replaces the
 * snapshot when {@code counteredBy} changes (a step, or a resolved subgame); nothing else ever changes.
 *
 * @param index       position in {@code claimData}
 * @param parentIndex the claim this one moved against, or {@link #NO_PARENT} for the root
 * @param counteredBy who countered it (a stepper, or after resolution the claimant of the left-most uncountered
 *                    child), or null for the contract's {@code address(0)}
 * @param claimant    who made it (the model's stand-in for an address)
 * @param bond        wei posted with it
 * @param value       the 32-byte claim (an output root above the split, a VM state hash below)
 * @param position    its generalized index
 * @param clock       its chess clock
 */
public record Claim(int index, int parentIndex, String counteredBy, String claimant, BigInteger bond, Bytes32 value,
                    Position position, Clock clock) {
    /** The root's parent index; the contract stores {@code type(uint32).max} ({@link #CONTRACT_NO_PARENT}). */
    public static final int NO_PARENT = -1;
    public static final long CONTRACT_NO_PARENT = 0xFFFF_FFFFL;

    public Claim {
        Objects.requireNonNull(claimant, "claimant");
        Objects.requireNonNull(bond, "bond");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(clock, "clock");
    }

    public boolean isRoot() {
        return parentIndex == NO_PARENT;
    }

    public int depth() {
        return position.depth();
    }

    public boolean isCountered() {
        return counteredBy != null;
    }

    /** The parent index as the contract stores it (uint32). */
    public long contractParentIndex() {
        return parentIndex == NO_PARENT ? CONTRACT_NO_PARENT : parentIndex;
    }

    Claim withCounteredBy(String who) {
        return new Claim(index, parentIndex, who, claimant, bond, value, position, clock);
    }
}
