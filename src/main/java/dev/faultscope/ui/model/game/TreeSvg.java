package dev.faultscope.ui.model.game;

import dev.faultscope.game.Claim;
import dev.faultscope.game.FaultDisputeGame;

import java.util.Locale;

/** The tree as an SVG document, written from the layout (world units, one per SVG unit). */
public final class TreeSvg {
    private TreeSvg() {
    }

    public static String svg(GameModel model, TreeLayout layout, boolean dark) {
        FaultDisputeGame g = model.game();
        double pad = 60;
        double x0 = layout.minX() - pad - 200;
        double w = layout.maxX() - layout.minX() + 2 * pad + 200;
        double y0 = -TreeLayout.ROW;
        double h = layout.height() + 2 * TreeLayout.ROW;
        String bg = dark ? "#1b1f24" : "#ffffff";
        String fg = dark ? "#dde3ea" : "#1d232b";
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"%.1f %.1f %.1f %.1f\" "
            + "width=\"%.0f\" height=\"%.0f\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"11\">%n", x0, y0, w, h, w, h));
        b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
            x0, y0, w, h, bg));
        double sy = layout.splitY();
        b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
            x0, y0, w, sy - y0, dark ? "#232a33" : "#f1f5fb"));
        b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#b38600\" "
            + "stroke-width=\"2\" stroke-dasharray=\"8 6\"/>%n", x0, sy, x0 + w, sy));
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\">SPLIT_DEPTH %d: output roots above, "
            + "execution trace below</text>%n", x0 + 8, sy - 4, fg, layout.splitDepth()));
        boolean[] countered = model.projectedCountered();
        for (TreeLayout.Node n : layout.nodes()) {
            TreeLayout.Node p = n.parentIndex() < 0 ? null : layout.node(n.parentIndex());
            if (p != null) {
                boolean attack = "Attack".equals(model.moveKind(n.index()));
                b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
                    p.x(), p.y(), n.x(), n.y(), attack ? "#c0392b" : "#1e8449", attack ? "" : " stroke-dasharray=\"5 4\""));
            }
        }
        for (TreeLayout.Node n : layout.nodes()) {
            Claim c = g.claim(n.index());
            String col = GameModel.isDefenderTeam(c.claimant()) ? "#2f6fde" : "challenger".equals(c.claimant()) ? "#d9730d" : "#6a7380";
            b.append(String.format(Locale.ROOT, "<g id=\"claim-%d\"><title>%s</title>", n.index(),
                esc(Narrator.claim(g, n.index()) + " · " + c.claimant() + " · " + c.value().hex())));
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"3\" fill=\"%s\" "
                + "fill-opacity=\"0.25\"/>", n.x() - n.barHalfWidth(), n.y() + TreeLayout.RADIUS + 1, 2 * n.barHalfWidth(), col));
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>", n.x(), n.y(),
                TreeLayout.RADIUS, col));
            if (countered[n.index()]) {
                double r = TreeLayout.RADIUS * 0.6;
                b.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\" stroke=\"%s\" "
                    + "stroke-width=\"3\"/>", n.x() - r, n.y() - r, n.x() + r, n.y() + r, n.x() - r, n.y() + r, n.x() + r,
                    n.y() - r, bg));
            }
            String kind = c.isRoot() ? "root" : "Attack".equals(model.moveKind(n.index())) ? "A" : "D";
            HonestView.Agreement a = model.agreementIfKnown(n.index());
            String mark = a == HonestView.Agreement.AGREES ? " ✓" : a == HonestView.Agreement.DISAGREES ? " ✗" : "";
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\">#%d %s%s</text>",
                n.x() + TreeLayout.RADIUS + 4, n.y() - 2, fg, n.index(), kind, mark));
            b.append("</g>\n");
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
