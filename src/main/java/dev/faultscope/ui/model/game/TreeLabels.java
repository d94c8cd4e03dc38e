package dev.faultscope.ui.model.game;

import dev.faultscope.game.Claim;
import dev.faultscope.game.FaultDisputeGame;

/**
 * Level of detail of the claims' labels. Every claim always shows at least its number and side ("12A"); with more
 * room, "#12 A ✓" on one line; with two rows' worth, a second line naming the block or VM step it commits to. The
 * font shrinks with the rows (never below {@link #MIN_FONT}) so a label stays inside its row, and node and label
 * sizes follow the window's font size.
 */
public final class TreeLabels {
    /** The smallest label font, in pixels: below it text is not readable, so rows this tight may touch. */
    public static final double MIN_FONT = 6.5;
    static final double LINE = 1.15;

    public enum Detail { FULL, SHORT, MINIMAL }

    /** The chosen detail, label font and node radius (pixels). */
    public record Style(Detail detail, double font, double radius) {
        /** The range bar's height under a node. */
        public double barHeight() {
            return Math.max(1.5, radius * 0.35);
        }

        /** Half the height a node with its bar needs, from its centre. */
        public double nodeHalfHeight() {
            return radius + 1 + barHeight();
        }

        public double lineHeight() {
            return font * LINE;
        }
    }

    private TreeLabels() {
    }

    /** Row pitch, in pixels, that holds two label lines at the base font (the export's). */
    public static double fullPitch(double baseFont) {
        return 2 * LINE * baseFont * 0.8 + 6;
    }

    /** Distance between neighbours in a row that holds a full label. */
    public static double fullGap(double baseFont) {
        return TreePicture.textWidth("#000 A ✓ +00", baseFont * 0.8, true) + 2 * baseFont * 0.7 + 10;
    }

    /**
     * The detail for rows {@code pitch} pixels apart whose closest neighbours in a row are {@code gap} pixels apart
     * (infinite when no row holds two claims), at base font {@code baseFont}.
     */
    public static Style choose(double pitch, double gap, double baseFont) {
        double full = baseFont * 0.8;
        double r = Math.max(2.5, Math.min(baseFont * 0.7, Math.min(pitch * 0.3, (pitch / 2 - 1) / 1.35)));
        if (pitch >= fullPitch(baseFont) && gap >= fullGap(baseFont)) {
            return new Style(Detail.FULL, full, r);
        }
        double f = Math.min(full, (pitch - 2) / LINE);
        if (f >= 8 && gap >= TreePicture.textWidth("#000 A ✓", f, true) + 2 * r + 8) {
            return new Style(Detail.SHORT, f, r);
        }
        return new Style(Detail.MINIMAL, Math.max(MIN_FONT, Math.min(full, (pitch - 1) / LINE)), r);
    }

    /** "root", "A" (attack) or "D" (defend), from the parent relation. */
    public static String side(GameModel model, int index) {
        String k = model.moveKind(index);
        return k.equals("Root") ? "root" : k.equals("Attack") ? "A" : "D";
    }

    /** The first label line: "12A" (minimal) or "#12 A" (with "+5" when 5 claims are collapsed under it). */
    public static String first(GameModel model, int index, Detail d, int hiddenBelow) {
        String side = side(model, index);
        if (d == Detail.MINIMAL) {
            return index + (side.equals("root") ? "R" : side);
        }
        return "#" + index + " " + side + (hiddenBelow > 0 ? " +" + hiddenBelow : "");
    }

    /** The honest agent's opinion as a mark: "✓" agrees, "✗" disagrees, "" not known. */
    public static String mark(GameModel model, int index) {
        return switch (model.agreementIfKnown(index)) {
            case AGREES -> "✓";
            case DISAGREES -> "✗";
            default -> "";
        };
    }

    /** The second line (full detail): what the claim commits to, "blk 7" or "st 1,024", and "padded". */
    public static String second(GameModel model, int index, boolean padded) {
        FaultDisputeGame g = model.game();
        Claim c = g.claim(index);
        String where = c.depth() <= g.config().splitDepth() ? "blk " + g.blockOf(c.position())
            : String.format("st %,d", Narrator.subgameTraceIndex(g, c.position()).add(java.math.BigInteger.ONE));
        return where + (padded ? " · padded" : "");
    }

    /** The node's tooltip: who, what, the range and the value. */
    public static String tooltip(GameModel model, int index) {
        FaultDisputeGame g = model.game();
        Claim c = g.claim(index);
        String honest = model.honestText(index);
        return "Claim #" + index + " · " + model.moveKind(index).toLowerCase() + (c.isRoot() ? "" : " of #" + c.parentIndex())
            + " · " + c.claimant() + " · depth " + c.depth() + "\n"
            + TraceRange.of(g, index).text(g, c) + "\n"
            + "value " + c.value().hex()
            + (honest.isEmpty() ? "" : "\nhonest agent: " + honest);
    }
}
