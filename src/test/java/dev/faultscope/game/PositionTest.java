package dev.faultscope.game;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionTest {
    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    @Test
    void rootAndGeneralizedIndex() {
        Position root = Position.root();
        assertEquals(BigInteger.ONE, root.gindex());
        assertEquals(0, root.depth());
        assertEquals(BigInteger.ZERO, root.indexAtDepth());
        assertTrue(root.isRoot());

        Position p = Position.of(3, 5); // 2^3 + 5
        assertEquals(big(13), p.gindex());
        assertEquals(3, p.depth());
        assertEquals(big(5), p.indexAtDepth());
        assertEquals(p, Position.ofGindex(13));
        assertThrows(IllegalArgumentException.class, () -> Position.of(3, 8));
        assertThrows(IllegalArgumentException.class, () -> Position.ofGindex(0));
    }

    @Test
    void moveAttacksLeftAndDefendsUnderTheRightSibling() {
        Position p = Position.of(2, 2); // gindex 6 = 0b110
        assertEquals(Position.of(3, 4), p.move(true));  // 0b1100
        assertEquals(Position.of(3, 6), p.move(false)); // (0b110 | 1) << 1 = 0b1110
        assertEquals(p, p.move(true).parent());
        assertEquals(Position.of(2, 3), p.move(false).parent()); // the right sibling of p
    }

    @Test
    void attackVersusDefendIsNeverParity() {
        Position parent = Position.of(4, 6);
        Position attack = parent.move(true);
        Position defend = parent.move(false);
        assertEquals(BigInteger.ZERO, attack.gindex().mod(big(2)));
        assertEquals(BigInteger.ZERO, defend.gindex().mod(big(2)), "both children are even");
        assertTrue(attack.isAttackOf(parent));
        assertFalse(defend.isAttackOf(parent));
        // Defending the root lands on the attack position: that is why the contract forbids it.
        assertEquals(Position.root().move(true), Position.root().move(false));
    }

    @Test
    void traceIndexHandWorked() {
        // M = 4: the root commits to the last leaf, 15.
        assertEquals(big(15), Position.root().traceIndex(4));
        Position a = Position.root().move(true); // depth 1, index 0: ((0+1) << 3) - 1
        assertEquals(big(7), a.traceIndex(4));
        Position d = a.move(false); // depth 2, index 2: (3 << 2) - 1
        assertEquals(big(11), d.traceIndex(4));
        // M = 73: the root's trace index needs 73 bits.
        assertEquals(BigInteger.ONE.shiftLeft(73).subtract(BigInteger.ONE), Position.root().traceIndex(73));
        assertThrows(IllegalArgumentException.class, () -> Position.of(5, 0).traceIndex(4));
    }

    /** For every claim position at depth d with trace index T: attack child → T − h, defend child → T + h, h = 2^(M−d−1). */
    @Test
    void childTraceIndicesMoveByHalfTheSubtree() {
        int m = 10;
        for (Position p : allPositionsUpTo(m - 1)) {
            BigInteger t = p.traceIndex(m);
            BigInteger h = BigInteger.ONE.shiftLeft(m - p.depth() - 1);
            assertEquals(t.subtract(h), p.move(true).traceIndex(m), "attack of " + p);
            // Claims sit only at the root or at even positions (every move shifts left); for an odd position, as for
            // the root, "defend" lands on the attack position.
            if (!p.isRoot() && !p.gindex().testBit(0)) {
                assertEquals(t.add(h), p.move(false).traceIndex(m), "defend of " + p);
            }
        }
    }

    @Test
    void traceAncestorShiftsOutTrailingOnes() {
        assertEquals(Position.ofGindex(2), Position.ofGindex(0b1011).traceAncestor());
        assertEquals(Position.ofGindex(0b1000), Position.ofGindex(0b1000).traceAncestor()); // no trailing ones
        assertEquals(Position.ofGindex(2), Position.ofGindex(0b10111).traceAncestor());
        assertEquals(Position.root(), Position.ofGindex(0b111).traceAncestor()); // all ones: bounded to the root
        int m = 9;
        for (Position p : allPositionsUpTo(m)) {
            Position a = p.traceAncestor();
            assertEquals(p.traceIndex(m), a.traceIndex(m), "ancestor of " + p + " commits to the same index");
            if (!a.isRoot()) {
                assertEquals(BigInteger.ZERO, a.gindex().mod(big(2)), "the trace ancestor is a left child");
            }
        }
    }

    @Test
    void boundedTraceAncestorStaysBelowTheSplit() {
        int s = 2;
        // 0b10111 (depth 4): global ancestor 0b10 at depth 1 <= S -> right-most position at depth S+1 below it.
        assertEquals(Position.ofGindex(0b1011), Position.ofGindex(0b10111).traceAncestorBounded(s));
        // 0b11011: global ancestor 0b110 at depth 2 = S -> 0b1101.
        assertEquals(Position.ofGindex(0b1101), Position.ofGindex(0b11011).traceAncestorBounded(s));
        // 0b100101: ancestor 0b10010 at depth 4, already below the split: unchanged.
        assertEquals(Position.ofGindex(0b10010), Position.ofGindex(0b100101).traceAncestorBounded(s));
        GameError e = assertThrows(GameError.class, () -> Position.ofGindex(0b110).traceAncestorBounded(s));
        assertEquals(ContractError.ClaimAboveSplit, e.error());
    }

    @Test
    void relativeDepthAndIndexBelowTheSplit() {
        int s = 2;
        Position p = Position.of(5, 22); // subgame roots are at depth 3
        assertEquals(2, p.relativeDepth(s));
        assertEquals(big(2), p.relativeIndex(s)); // 22 mod 4
        assertEquals(Position.of(2, 2), p.relative(s));
        assertEquals(0, Position.of(3, 5).relativeDepth(s));
        assertThrows(IllegalArgumentException.class, () -> Position.of(2, 1).relativeDepth(s));
        // M = 6: the subgame of 8 leaves; index 22 at depth 5 -> global trace 45, in-subgame trace 45 mod 8 = 5.
        assertEquals(big(45), p.traceIndex(6));
        assertEquals(5, p.traceIndexInSubgame(s, 6).longValueExact());
    }

    @Test
    void rightIndexGoesToTheRightMostDescendant() {
        assertEquals(Position.of(4, 0b0111), Position.of(1, 0).rightIndex(4));
        assertEquals(Position.of(3, 7), Position.root().rightIndex(3));
    }

    @Test
    void deepestPositionsAreExact() {
        BigInteger lastIndex = BigInteger.ONE.shiftLeft(125).subtract(BigInteger.ONE);
        Position p = Position.of(125, lastIndex);
        assertEquals(125, p.depth());
        assertEquals(lastIndex, p.traceIndex(125));
        assertEquals(Position.root(), p.traceAncestor());
        assertEquals(126, Position.of(125, 0).move(true).depth()); // a step position at M = 125
    }

    @Test
    void orderingEqualityAndText() {
        List<Position> ps = new ArrayList<>(List.of(Position.ofGindex(9), Position.ofGindex(4), Position.ofGindex(6)));
        ps.sort(null);
        assertEquals(List.of(Position.ofGindex(4), Position.ofGindex(6), Position.ofGindex(9)), ps);
        assertEquals(Position.of(2, 1).hashCode(), Position.ofGindex(5).hashCode());
        assertNotEquals(Position.ofGindex(5), Position.ofGindex(6));
        assertEquals("(depth 2, index 1, gindex 5)", Position.ofGindex(5).toString());
    }

    private static List<Position> allPositionsUpTo(int depth) {
        List<Position> out = new ArrayList<>();
        for (long g = 1; g < (1L << (depth + 1)); g++) {
            out.add(Position.ofGindex(g));
        }
        return out;
    }
}
