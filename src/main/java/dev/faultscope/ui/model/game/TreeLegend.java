package dev.faultscope.ui.model.game;

import dev.faultscope.ui.model.game.TreePicture.Align;
import dev.faultscope.ui.model.game.TreePicture.Circle;
import dev.faultscope.ui.model.game.TreePicture.Line;
import dev.faultscope.ui.model.game.TreePicture.Rect;
import dev.faultscope.ui.model.game.TreePicture.Shape;
import dev.faultscope.ui.model.game.TreePicture.Text;

import java.util.List;

/** What the tree's marks mean, drawn as a box (on screen, toggleable, and in every export). */
public final class TreeLegend {
    /** The entries' texts, in order (the tests look for them in the exports). */
    public static final List<String> TEXTS = List.of(
        "defender / proposer", "challenger", "attack (left, smaller trace index)", "defend (right, dashed)",
        "countered (✗ through the node)", "honest agent agrees ✓ / disagrees ✗", "range committed to (bar)",
        "padded range (grey bar)", "latest move (ring)");

    private TreeLegend() {
    }

    private static double font(double base) {
        return base * 0.8;
    }

    public static double width(double base) {
        double w = 0;
        for (String t : TEXTS) {
            w = Math.max(w, TreePicture.textWidth(t, font(base), false));
        }
        return w + font(base) * 3.2 + 16;
    }

    public static double height(double base) {
        return (TEXTS.size() + 1) * font(base) * 1.45 + 12;
    }

    /** Draws the legend box with its top-left corner at (x, y). */
    public static void draw(List<Shape> out, double x, double y, double base, TreePalette p) {
        double f = font(base);
        double lh = f * 1.45;
        double w = width(base);
        out.add(new Rect(x, y, w, height(base), p.legendBox(), 0.94, p.muted(), 1, -1));
        out.add(new Text(x + 8, y + 6 + lh * 0.8, "Legend", f, false, true, p.foreground(), Align.LEFT, "legend", -1));
        double sym = x + 8 + f * 0.8;
        double tx = x + 8 + f * 2.4;
        double r = f * 0.4;
        for (int k = 0; k < TEXTS.size(); k++) {
            double cy = y + 6 + lh * (k + 1.5);
            switch (k) {
                case 0 -> out.add(new Circle(sym, cy, r, p.defender(), null, 0, -1));
                case 1 -> out.add(new Circle(sym, cy, r, p.challenger(), null, 0, -1));
                case 2 -> out.add(new Line(sym - f * 0.8, cy, sym + f * 0.8, cy, p.attack(), 2, false));
                case 3 -> out.add(new Line(sym - f * 0.8, cy, sym + f * 0.8, cy, p.defend(), 2, true));
                case 4 -> {
                    out.add(new Circle(sym, cy, r * 1.2, p.challenger(), null, 0, -1));
                    cross(out, sym, cy, r * 1.2, p.background());
                }
                case 5 -> {
                    out.add(new Text(sym - f * 0.55, cy + f * 0.35, "✓", f, false, true, p.agrees(), Align.CENTER, "legend", -1));
                    out.add(new Text(sym + f * 0.55, cy + f * 0.35, "✗", f, false, true, p.disagrees(), Align.CENTER, "legend", -1));
                }
                case 6 -> out.add(new Rect(sym - f * 0.8, cy - 1.5, f * 1.6, 3, p.defender(), 0.35, null, 0, -1));
                case 7 -> out.add(new Rect(sym - f * 0.8, cy - 1.5, f * 1.6, 3, p.padded(), 1, null, 0, -1));
                default -> {
                    out.add(new Circle(sym, cy, r * 0.8, p.defender(), null, 0, -1));
                    out.add(new Circle(sym, cy, r * 1.6, null, p.defender(), 1.2, -1));
                }
            }
            out.add(new Text(tx, cy + f * 0.35, TEXTS.get(k), f, false, false, p.foreground(), Align.LEFT, "legend", -1));
        }
    }

    /** The "countered" cross through a node. */
    static void cross(List<Shape> out, double cx, double cy, double r, String colour) {
        double a = r * 0.6;
        double w = Math.max(1.2, r / 3);
        out.add(new Line(cx - a, cy - a, cx + a, cy + a, colour, w, false));
        out.add(new Line(cx - a, cy + a, cx + a, cy - a, colour, w, false));
    }
}
