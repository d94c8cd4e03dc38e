package dev.faultscope.ui.model.game;

import dev.faultscope.ui.model.game.TreePicture.Circle;
import dev.faultscope.ui.model.game.TreePicture.Line;
import dev.faultscope.ui.model.game.TreePicture.Rect;
import dev.faultscope.ui.model.game.TreePicture.Shape;
import dev.faultscope.ui.model.game.TreePicture.Text;

import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A {@link TreePicture} as an SVG document, shape for shape (so it looks as the PNG does). Each claim's shapes are a
 * group {@code claim-N} whose title is the claim's tooltip.
 */
public final class TreeSvg {
    private TreeSvg() {
    }

    /** The export of the whole tree of {@code model} at the cursor (title, narration, legend, every claim). */
    public static String svg(GameModel model, TreeLayout layout, boolean dark) {
        return svg(TreeExport.picture(model, layout, TreeExport.name(model), dark, 13, Set.of()),
            i -> TreeLabels.tooltip(model, i));
    }

    public static String svg(TreePicture pic, IntFunction<String> tooltip) {
        StringBuilder b = new StringBuilder();
        b.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">%n",
            pic.width(), pic.height(), pic.width(), pic.height()));
        b.append(f("<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"%s\"/>%n", pic.width(), pic.height(),
            pic.background()));
        int group = -1;
        for (Shape s : pic.shapes()) {
            int claim = s instanceof Circle c ? c.claim() : s instanceof Text t ? t.claim() : s instanceof Rect r ? r.claim() : group;
            if (claim != group) {
                if (group >= 0) {
                    b.append("</g>\n");
                }
                group = claim;
                if (group >= 0) {
                    b.append(f("<g id=\"claim-%d\"><title>%s</title>", group, esc(tooltip.apply(group))));
                }
            }
            b.append(shape(s));
            if (group < 0) {
                b.append('\n');
            }
        }
        if (group >= 0) {
            b.append("</g>\n");
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static String shape(Shape s) {
        if (s instanceof Rect r) {
            return f("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"%s%s/>", r.x(), r.y(), r.w(),
                r.h(), r.fill() == null ? "none" : r.fill(), r.opacity() < 1 ? f(" fill-opacity=\"%.2f\"", r.opacity()) : "",
                r.stroke() == null ? "" : f(" stroke=\"%s\" stroke-width=\"%.1f\"", r.stroke(), r.strokeWidth()));
        } else if (s instanceof Line l) {
            return f("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>", l.x1(),
                l.y1(), l.x2(), l.y2(), l.stroke(), l.width(), l.dashed() ? " stroke-dasharray=\"6 4\"" : "");
        } else if (s instanceof Circle c) {
            return f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"%s/>", c.cx(), c.cy(), c.r(),
                c.fill() == null ? "none" : c.fill(),
                c.stroke() == null ? "" : f(" stroke=\"%s\" stroke-width=\"%.1f\"", c.stroke(), c.strokeWidth()));
        }
        Text t = (Text) s;
        String anchor = switch (t.align()) {
            case LEFT -> "start";
            case CENTER -> "middle";
            case RIGHT -> "end";
        };
        return f("<text x=\"%.1f\" y=\"%.1f\" font-family=\"%s\" font-size=\"%.1f\"%s fill=\"%s\" text-anchor=\"%s\">%s</text>",
            t.x(), t.y(), t.mono() ? "DejaVu Sans Mono, monospace" : "DejaVu Sans, sans-serif", t.size(),
            t.bold() ? " font-weight=\"bold\"" : "", t.fill(), anchor, esc(t.text()));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
