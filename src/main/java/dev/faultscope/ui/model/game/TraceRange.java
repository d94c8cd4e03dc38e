package dev.faultscope.ui.model.game;

import dev.faultscope.game.Claim;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.Position;

import java.math.BigInteger;

/**
 * The leaves a claim covers, {@code [start, end)}, in the trace it belongs to: output claims (depth ≤ SPLIT_DEPTH)
 * in the output trace (one leaf per L2 block, at SPLIT_DEPTH); execution claims in their subgame's VM trace (one
 * leaf per step, at MAX_GAME_DEPTH). A claim commits to its range's last leaf, {@code end − 1}.
 */
public record TraceRange(boolean execution, BigInteger start, BigInteger end) {

    public static TraceRange of(FaultDisputeGame game, int index) {
        return of(game, game.claim(index).position());
    }

    public static TraceRange of(FaultDisputeGame game, Position p) {
        int s = game.config().splitDepth();
        int m = game.config().maxGameDepth();
        if (p.depth() <= s) {
            BigInteger i = p.indexAtDepth();
            int shift = s - p.depth();
            return new TraceRange(false, i.shiftLeft(shift), i.add(BigInteger.ONE).shiftLeft(shift));
        }
        BigInteger i = p.relativeIndex(s);
        int shift = m - p.depth();
        return new TraceRange(true, i.shiftLeft(shift), i.add(BigInteger.ONE).shiftLeft(shift));
    }

    /** The trace index the claim commits to: the range's last leaf. */
    public BigInteger committed() {
        return end.subtract(BigInteger.ONE);
    }

    public boolean contains(BigInteger t) {
        return t.compareTo(start) >= 0 && t.compareTo(end) < 0;
    }

    /** "[0, 1,024) → 1,023". */
    public String shortText() {
        return "[" + num(start) + ", " + num(end) + ") → " + num(committed());
    }

    /** The inspector's and the tooltip's sentence, naming what the committed leaf is (a block, a VM state). */
    public String text(FaultDisputeGame game, Claim c) {
        String what = execution
            ? "the VM state after step " + num(committed().add(BigInteger.ONE))
            : "the output root of L2 block " + String.format("%,d", game.blockOf(c.position()));
        return (execution ? "VM trace " : "output trace ") + "[" + num(start) + ", " + num(end) + "), commits to index "
            + num(committed()) + " = " + what;
    }

    static String num(BigInteger v) {
        return String.format("%,d", v);
    }
}
