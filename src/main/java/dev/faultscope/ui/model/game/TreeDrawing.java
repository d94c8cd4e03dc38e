package dev.faultscope.ui.model.game;

import dev.faultscope.game.Claim;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.ui.model.game.TreePicture.Align;
import dev.faultscope.ui.model.game.TreePicture.Circle;
import dev.faultscope.ui.model.game.TreePicture.Line;
import dev.faultscope.ui.model.game.TreePicture.Rect;
import dev.faultscope.ui.model.game.TreePicture.Shape;
import dev.faultscope.ui.model.game.TreePicture.Text;

import java.util.List;
import java.util.Set;

/**
 * Draws the tree of a game into shapes, for a view of {@code width × height} pixels under a projection: the output
 * region, the caption bands, the depth ruler, the edges, and per claim its node and label ({@link #node}). Only what
 * lies in the view is drawn, so the whole tree of an export is the same call with a view as large as the tree.
 */
public final class TreeDrawing {
    /** What the drawing needs besides the game: the theme, the claims to ring, whether to draw the depth ruler. */
    public record Options(TreePalette palette, Set<Integer> highlighted, boolean ruler) {
    }

    private final GameModel model;
    private final TreeLayout layout;
    private final TreeProjection p;
    private final Options o;
    private final boolean[] attack;
    private final boolean[] countered;
    private final boolean[] padded;

    /** The per-claim flags are the caller's (computed once per game change, not per frame). */
    public TreeDrawing(GameModel model, TreeLayout layout, TreeProjection p, Options o, boolean[] attack,
                       boolean[] countered, boolean[] padded) {
        this.model = model;
        this.layout = layout;
        this.p = p;
        this.o = o;
        this.attack = attack;
        this.countered = countered;
        this.padded = padded;
    }

    /** Per claim: whether it attacks its parent (from the parent relation). */
    public static boolean[] attackFlags(GameModel model) {
        boolean[] a = new boolean[model.game().claimCount()];
        for (int i = 1; i < a.length; i++) {
            a[i] = "Attack".equals(model.moveKind(i));
        }
        return a;
    }

    /** The label style at this projection. */
    public TreeLabels.Style style() {
        return style(p, layout);
    }

    public static TreeLabels.Style style(TreeProjection p, TreeLayout layout) {
        return TreeLabels.choose(p.pitch(), layout.minRowGap() * p.scaleX(), p.font());
    }

    /** A node's radius in pixels at this projection. */
    public static double radiusAt(TreeProjection p, TreeLayout layout) {
        return style(p, layout).radius();
    }

    public void draw(List<Shape> out, double width, double height) {
        TreePalette c = o.palette();
        int s = layout.splitDepth();
        int m = layout.maxDepth();
        double band = p.band();
        double cf = p.captionFont();
        double top = p.topBandY();
        double split = p.splitLineY();
        double bottom = p.bottomLineY();
        out.add(new Rect(0, top, width, split - top, c.outputRegion(), 1, null, 0, -1));
        out.add(new Line(0, split, width, split, c.split(), 2, true));
        out.add(new Line(0, bottom, width, bottom, c.muted(), 1, false));
        if (o.ruler() && p.pitch() > p.font() * 1.1) {
            for (int d = 0; d <= m; d++) {
                double y = p.screenY(TreeLayout.rowY(d));
                if (y > -20 && y < height + 20) {
                    out.add(new Text(width - 6, y + cf * 0.3, "d" + d, cf, false, false, c.muted(), Align.RIGHT, "ruler", -1));
                }
            }
        }
        TreeLabels.Style st = style();
        double minX = p.worldX(-200), maxX = p.worldX(width + 40);
        double minY = p.worldY(-40), maxY = p.worldY(height + 40);
        double lw = Math.max(1, Math.min(2, st.radius() / 3));
        for (TreeLayout.Node n : layout.nodes()) {
            TreeLayout.Node par = n.parentIndex() < 0 ? null : layout.node(n.parentIndex());
            if (par == null || Math.max(n.x(), par.x()) < minX || Math.min(n.x(), par.x()) > maxX || n.y() < minY
                || par.y() > maxY) {
                continue;
            }
            boolean a = n.index() < attack.length && attack[n.index()];
            out.add(new Line(p.screenX(par.x()), p.screenY(par.y()), p.screenX(n.x()), p.screenY(n.y()),
                a ? c.attack() : c.defend(), lw, !a));
        }
        for (TreeLayout.Node n : layout.nodes()) {
            if (n.x() + n.barHalfWidth() < minX || n.x() - n.barHalfWidth() > maxX || n.y() < minY || n.y() > maxY) {
                continue;
            }
            node(out, n, st);
        }
        // Captions last, on a backing, so an edge crossing a caption band does not run through its text.
        double base = band * 0.5 + cf * 0.3;
        caption(out, top + base, "output roots (claims name L2 blocks) · depth 0–" + s, cf, c);
        caption(out, split + base, "SPLIT_DEPTH " + s + " · execution trace (claims name VM steps) · depth "
            + (s + 1) + "–" + m, cf, c);
        caption(out, bottom + base, "MAX_GAME_DEPTH " + m + " (leaves: answered by a step)", cf, c);
    }

    private static void caption(List<Shape> out, double baseline, String text, double size, TreePalette c) {
        Text t = new Text(8, baseline, text, size, false, false, c.muted(), Align.LEFT, "caption", -1);
        out.add(new Rect(t.left() - 3, t.top() - 1, t.width() + 6, t.bottom() - t.top() + 2, c.background(), 0.6, null, 0, -1));
        out.add(t);
    }

    /** One claim: its range bar, rings (highlighted, selected, latest), disc, countered cross and label. */
    void node(List<Shape> out, TreeLayout.Node n, TreeLabels.Style st) {
        TreePalette c = o.palette();
        FaultDisputeGame g = model.game();
        int i = n.index();
        Claim claim = g.claim(i);
        double x = p.screenX(n.x()), y = p.screenY(n.y());
        double r = st.radius();
        String team = c.team(claim.claimant());
        boolean isPadded = i < padded.length && padded[i];
        double bw = Math.max(r, n.barHalfWidth() * p.scaleX());
        out.add(new Rect(x - bw, y + r + 1, 2 * bw, st.barHeight(), isPadded ? c.padded() : team, isPadded ? 1 : 0.3,
            null, 0, i));
        if (o.highlighted().contains(i)) {
            out.add(new Circle(x, y, r + 4, null, c.highlight(), 3, i));
        }
        if (i == model.selected()) {
            out.add(new Circle(x, y, r + 2.5, null, c.foreground(), 2, i));
        }
        out.add(new Circle(x, y, r, team, null, 0, i));
        if (i < countered.length && countered[i]) {
            TreeLegend.cross(out, x, y, r, c.background());
        }
        if (i == g.claimCount() - 1) {
            out.add(new Circle(x, y, r + 5, null, team, 1.2, i));
        }
        double lx = x + r + 4;
        String first = TreeLabels.first(model, i, st.detail(), n.hiddenBelow());
        String mark = TreeLabels.mark(model, i);
        double f = st.font();
        double y1 = st.detail() == TreeLabels.Detail.FULL ? y - st.lineHeight() * 0.5 + f * 0.35 : y + f * 0.35;
        // A soft backing so range bars and edges passing behind a label do not strike through it.
        String second = st.detail() == TreeLabels.Detail.FULL ? TreeLabels.second(model, i, isPadded) : "";
        double textW = Math.max(TreePicture.textWidth(first + (mark.isEmpty() ? "" : " " + mark), f, true),
            TreePicture.textWidth(second, f, true));
        double textH = (second.isEmpty() ? 1 : 2) * st.lineHeight();
        out.add(new Rect(lx - 1, y1 - f * TreePicture.ASCENT - 1, textW + 2, textH, c.background(), 0.7, null, 0, i));
        out.add(new Text(lx, y1, first, f, true, false, c.foreground(), Align.LEFT, "label", i));
        if (!mark.isEmpty()) {
            out.add(new Text(lx + TreePicture.textWidth(first + " ", f, true), y1, mark, f, false, true,
                mark.equals("✓") ? c.agrees() : c.disagrees(), Align.LEFT, "label", i));
        }
        if (st.detail() == TreeLabels.Detail.FULL) {
            out.add(new Text(lx, y1 + st.lineHeight(), second, f, true, false, c.muted(),
                Align.LEFT, "label", i));
        }
    }
}
