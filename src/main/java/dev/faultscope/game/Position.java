package dev.faultscope.game;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A generalized index in the game tree (dispute-game.md section 2): {@code gindex = 2^depth + indexAtDepth}, the
 * root is 1. The contract stores it as a {@code uint128}; a BigInteger keeps depth 73 (74 bits) and beyond exact.
 *
 * <p>Every operation follows the contract's {@code LibPosition}. In particular attack vs defend is never read from
 * parity: every non-root position is even, so only {@link #isAttackOf} (a parent comparison) can tell them apart.
 */
public final class Position implements Comparable<Position> {
    /**
     * Deepest depth representable: the contract's positions are {@code uint128}, and a step at the deepest legal
     * game (M = 125) computes a position at depth 126.
     */
    public static final int MAX_DEPTH = 126;

    private static final Position ROOT = new Position(BigInteger.ONE);

    private final BigInteger gindex;

    private Position(BigInteger gindex) {
        this.gindex = gindex;
    }

    public static Position root() {
        return ROOT;
    }

    /** The position with this generalized index (at least 1, depth at most {@link #MAX_DEPTH}). */
    public static Position ofGindex(BigInteger gindex) {
        Objects.requireNonNull(gindex, "gindex");
        if (gindex.signum() <= 0) {
            throw new IllegalArgumentException("a generalized index is at least 1, got " + gindex);
        }
        if (gindex.bitLength() - 1 > MAX_DEPTH) {
            throw new IllegalArgumentException("gindex " + gindex + " is deeper than " + MAX_DEPTH);
        }
        return gindex.equals(BigInteger.ONE) ? ROOT : new Position(gindex);
    }

    public static Position ofGindex(long gindex) {
        return ofGindex(BigInteger.valueOf(gindex));
    }

    public static Position of(int depth, BigInteger indexAtDepth) {
        if (depth < 0 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("depth " + depth + " outside 0.." + MAX_DEPTH);
        }
        if (indexAtDepth.signum() < 0 || indexAtDepth.bitLength() > depth) {
            throw new IllegalArgumentException("index " + indexAtDepth + " does not exist at depth " + depth);
        }
        return ofGindex(BigInteger.ONE.shiftLeft(depth).or(indexAtDepth));
    }

    public static Position of(int depth, long indexAtDepth) {
        return of(depth, BigInteger.valueOf(indexAtDepth));
    }

    public BigInteger gindex() {
        return gindex;
    }

    public int depth() {
        return gindex.bitLength() - 1;
    }

    public BigInteger indexAtDepth() {
        return gindex.clearBit(depth());
    }

    public boolean isRoot() {
        return gindex.equals(BigInteger.ONE);
    }

    /**
     * {@code (p | (isAttack ? 0 : 1)) << 1}: attack is the left child; defend is the left child of the right
     * sibling, i.e. the position that commits to the trace half just after this one.
     */
    public Position move(boolean isAttack) {
        BigInteger g = isAttack ? gindex : gindex.setBit(0);
        return ofGindex(g.shiftLeft(1));
    }

    public Position parent() {
        if (isRoot()) {
            throw new IllegalStateException("the root has no parent");
        }
        return new Position(gindex.shiftRight(1));
    }

    /**
     * True iff this position was reached by attacking {@code parentClaimPos} (this position's tree parent is that
     * claim's position). A defend lands under the parent's right sibling, so its tree parent differs.
     */
    public boolean isAttackOf(Position parentClaimPos) {
        return !isRoot() && parent().equals(parentClaimPos);
    }

    /** The right-most descendant of this position at {@code maxDepth} (the contract's {@code rightIndex}). */
    public Position rightIndex(int maxDepth) {
        int remaining = remainingTo(maxDepth);
        return ofGindex(gindex.shiftLeft(remaining).or(ones(remaining)));
    }

    /**
     * {@code ((indexAtDepth + 1) << (maxDepth − depth)) − 1}: the trace index of the right-most leaf below this
     * position, which is the index a claim here commits to.
     */
    public BigInteger traceIndex(int maxDepth) {
        int remaining = remainingTo(maxDepth);
        return indexAtDepth().add(BigInteger.ONE).shiftLeft(remaining).subtract(BigInteger.ONE);
    }

    /** {@link #traceIndex} as a long, for trees shallow enough (fails loudly rather than wrapping). */
    public long traceIndexLong(int maxDepth) {
        return traceIndex(maxDepth).longValueExact();
    }

    /**
     * The highest ancestor committing to the same trace index: shift right past the trailing 1-bits. The contract
     * bounds the result to gindex 1 (an all-ones position maps to the root).
     */
    public Position traceAncestor() {
        int trailingOnes = gindex.not().getLowestSetBit();
        BigInteger a = gindex.shiftRight(trailingOnes);
        return a.signum() == 0 ? ROOT : ofGindex(a);
    }

    /**
     * The trace ancestor kept strictly below {@code splitDepth}: when the global ancestor is at or above the split,
     * the right-most position at depth {@code splitDepth + 1} below it is used instead. Only defined below the
     * split; above it the contract reverts with {@code ClaimAboveSplit}.
     */
    public Position traceAncestorBounded(int splitDepth) {
        if (depth() <= splitDepth) {
            throw new GameError(ContractError.ClaimAboveSplit, "position " + this + " is not below split depth " + splitDepth);
        }
        Position a = traceAncestor();
        return a.depth() <= splitDepth ? a.rightIndex(splitDepth + 1) : a;
    }

    /** Depth below the execution subgame root at {@code splitDepth + 1} (0 for that root). */
    public int relativeDepth(int splitDepth) {
        int rel = depth() - (splitDepth + 1);
        if (rel < 0) {
            throw new IllegalArgumentException("position " + this + " is not below split depth " + splitDepth);
        }
        return rel;
    }

    /** Index at depth inside its execution subgame: {@code indexAtDepth mod 2^relativeDepth}. */
    public BigInteger relativeIndex(int splitDepth) {
        int rel = relativeDepth(splitDepth);
        return indexAtDepth().and(ones(rel));
    }

    /** This position seen from its execution subgame root (which becomes gindex 1). */
    public Position relative(int splitDepth) {
        return of(relativeDepth(splitDepth), relativeIndex(splitDepth));
    }

    /**
     * The VM trace index this position commits to inside its execution subgame: the global trace index taken modulo
     * the subgame's {@code 2^(maxDepth − splitDepth − 1)} leaves. Up to 125 bits wide: deep configurations commit
     * to indices far past any run's end (they are padding, committing to the final state).
     */
    public BigInteger traceIndexInSubgame(int splitDepth, int maxDepth) {
        relativeDepth(splitDepth);
        return traceIndex(maxDepth).and(ones(maxDepth - splitDepth - 1));
    }

    /** gindex + delta; the contract forms {@code parentPos ± 1} this way when it looks for neighbours. */
    Position offset(int delta) {
        return ofGindex(gindex.add(BigInteger.valueOf(delta)));
    }

    private int remainingTo(int maxDepth) {
        int remaining = maxDepth - depth();
        if (remaining < 0) {
            throw new IllegalArgumentException("position " + this + " is deeper than " + maxDepth);
        }
        return remaining;
    }

    private static BigInteger ones(int bits) {
        return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    }

    /** Orders by generalized index, as the contract compares raw positions (left-most child = smallest). */
    @Override
    public int compareTo(Position o) {
        return gindex.compareTo(o.gindex);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Position p && gindex.equals(p.gindex);
    }

    @Override
    public int hashCode() {
        return gindex.hashCode();
    }

    @Override
    public String toString() {
        return "(depth " + depth() + ", index " + indexAtDepth() + ", gindex " + gindex + ")";
    }
}
