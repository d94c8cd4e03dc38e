package dev.faultscope.ui.model.game;

import java.util.List;

/**
 * What the tree looks like, as a list of plain shapes in pixels: the canvas paints it, the PNG export paints it off
 * screen, the SVG export writes it. One drawing for all three, so the exports look like the screen.
 *
 * <p>Colours are {@code #rrggbb}. A text's y is its baseline. {@code claim} tags what belongs to a claim (-1: none);
 * {@code role} says what a text is ("label", "caption", "legend", "title", "narration", "ruler").
 */
public record TreePicture(double width, double height, String background, List<Shape> shapes) {

    public sealed interface Shape permits Rect, Line, Circle, Text {
    }

    public record Rect(double x, double y, double w, double h, String fill, double opacity, String stroke,
                       double strokeWidth, int claim) implements Shape {
    }

    public record Line(double x1, double y1, double x2, double y2, String stroke, double width, boolean dashed)
        implements Shape {
    }

    /** A disc (fill) and/or ring (stroke); {@code claim} ≥ 0 for a claim's node. */
    public record Circle(double cx, double cy, double r, String fill, String stroke, double strokeWidth, int claim)
        implements Shape {
    }

    public enum Align { LEFT, CENTER, RIGHT }

    public record Text(double x, double y, String text, double size, boolean mono, boolean bold, String fill,
                       Align align, String role, int claim) implements Shape {
        /** An estimate of the drawn width (DejaVu: 0.60 em per mono glyph, about 0.62 em per sans glyph). */
        public double width() {
            return TreePicture.textWidth(text, size, mono);
        }

        public double left() {
            return align == Align.LEFT ? x : align == Align.CENTER ? x - width() / 2 : x - width();
        }

        /** Top of the glyphs (ascent about 0.8 em above the baseline). */
        public double top() {
            return y - size * ASCENT;
        }

        public double bottom() {
            return y + size * DESCENT;
        }
    }

    public static final double ASCENT = 0.80;
    public static final double DESCENT = 0.24;

    public static double textWidth(String s, double size, boolean mono) {
        return s.codePointCount(0, s.length()) * size * (mono ? 0.602 : 0.62);
    }
}
