package dev.faultscope.ui.game;

import dev.faultscope.game.Claim;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.ui.model.game.GameModel;
import dev.faultscope.ui.model.game.HonestView;
import dev.faultscope.ui.model.game.TreeLayout;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.math.BigInteger;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The bisection tree on a Canvas: only what is on screen is drawn, so thousands of claims pan smoothly. Drag pans,
 * the wheel zooms around the pointer, a click selects, a double-click collapses or expands a subtree.
 */
public final class TreeCanvas extends Canvas {
    private GameModel model;
    private TreeLayout layout;
    private double scale = 1;
    private double tx;
    private double ty;
    private double dragX;
    private double dragY;
    private boolean dragged;
    /** Fitted until the user pans or zooms: a resized canvas fits again (a window opened small, then enlarged). */
    private boolean fitted = true;
    private boolean dark;
    private double fontSize = 13;
    private Set<Integer> highlighted = new HashSet<>();
    private IntConsumer onSelect = i -> { };
    private IntConsumer onToggle = i -> { };
    private long frames;
    private boolean[] attack = new boolean[0];
    private boolean[] countered = new boolean[0];
    private boolean[] padded = new boolean[0];
    private int[] drawn = new int[0];
    private final BitSet seenNodes = new BitSet();
    private final LongSet seenEdges = new LongSet();

    public TreeCanvas() {
        setFocusTraversable(true);
        widthProperty().addListener(o -> resized());
        heightProperty().addListener(o -> resized());
        setOnMousePressed(e -> {
            requestFocus();
            dragX = e.getX();
            dragY = e.getY();
            dragged = false;
        });
        setOnMouseDragged(e -> {
            double dx = e.getX() - dragX, dy = e.getY() - dragY;
            if (Math.abs(dx) + Math.abs(dy) > 2) {
                dragged = true;
            }
            pan(dx, dy);
            dragX = e.getX();
            dragY = e.getY();
        });
        setOnMouseClicked(e -> {
            if (dragged || layout == null || e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            int hit = layout.hit(worldX(e.getX()), worldY(e.getY()), Math.max(TreeLayout.RADIUS * 1.6, 10 / scale));
            if (hit >= 0) {
                if (e.getClickCount() == 2) {
                    onToggle.accept(hit);
                } else {
                    onSelect.accept(hit);
                }
            }
        });
        setOnScroll(e -> {
            double f = Math.pow(1.0015, e.getDeltaY());
            zoomAt(e.getX(), e.getY(), f);
        });
    }

    @Override
    public boolean isResizable() {
        return true;
    }

    @Override
    public double prefWidth(double h) {
        return getWidth();
    }

    @Override
    public double prefHeight(double w) {
        return getHeight();
    }

    private void resized() {
        if (fitted) {
            fit();
        } else {
            redraw();
        }
    }

    public boolean fitted() {
        return fitted;
    }

    public void setOnSelect(IntConsumer c) {
        onSelect = c;
    }

    public void setOnToggle(IntConsumer c) {
        onToggle = c;
    }

    public void setTheme(boolean dark, double fontSize) {
        this.dark = dark;
        this.fontSize = fontSize;
        redraw();
    }

    public void setHighlighted(Set<Integer> h) {
        highlighted = h;
        redraw();
    }

    public void show(GameModel model) {
        this.model = model;
        this.layout = model.layout();
        refreshFlags();
        resized();
    }

    public TreeLayout layout() {
        return layout;
    }

    public double scale() {
        return scale;
    }

    /** Frames drawn so far (for measuring the frame rate while panning). */
    public long frames() {
        return frames;
    }

    public double worldX(double sx) {
        return (sx - tx) / scale;
    }

    public double worldY(double sy) {
        return (sy - ty) / scale;
    }

    public double screenX(double wx) {
        return wx * scale + tx;
    }

    public double screenY(double wy) {
        return wy * scale + ty;
    }

    public void pan(double dx, double dy) {
        fitted = false;
        tx += dx;
        ty += dy;
        redraw();
    }

    public void zoomAt(double sx, double sy, double f) {
        fitted = false;
        double ns = Math.max(0.02, Math.min(40, scale * f));
        double wx = worldX(sx), wy = worldY(sy);
        scale = ns;
        tx = sx - wx * scale;
        ty = sy - wy * scale;
        redraw();
    }

    /** Scales and centres so the whole tree (all rows to MAX_GAME_DEPTH) is visible. */
    public void fit() {
        fitted = true;
        if (layout == null || getWidth() < 50 || getHeight() < 50) {
            return;
        }
        double w = layout.maxX() - layout.minX() + 120;
        double deepest = 0;
        for (TreeLayout.Node n : layout.nodes()) {
            deepest = Math.max(deepest, n.y());
        }
        double h = Math.max(deepest, TreeLayout.rowY(layout.splitDepth() + 1)) + 2 * TreeLayout.ROW;
        scale = Math.min(getWidth() / w, getHeight() / h);
        tx = -layout.minX() * scale + (getWidth() - (layout.maxX() - layout.minX()) * scale) / 2;
        ty = TreeLayout.ROW * scale;
        redraw();
    }

    /** Pans so claim {@code index} is on screen (near the middle), keeping the zoom. */
    public void reveal(int index) {
        if (layout == null) {
            return;
        }
        TreeLayout.Node n = layout.node(index);
        if (n == null) {
            return;
        }
        double sx = screenX(n.x()), sy = screenY(n.y());
        double margin = 60;
        // Fitted, the whole tree is on screen already: revealing keeps the fit (and it follows resizes).
        if (!fitted && (sx < margin || sx > getWidth() - margin || sy < margin || sy > getHeight() - margin)) {
            tx = getWidth() / 2 - n.x() * scale;
            ty = getHeight() / 2 - n.y() * scale;
            // Do not leave empty space below MAX_GAME_DEPTH when the tree is taller than the view.
            double bottom = screenY(TreeLayout.rowY(layout.maxDepth()) + TreeLayout.ROW);
            if (bottom < getHeight() && screenY(-TreeLayout.ROW) < 0) {
                ty += Math.min(getHeight() - bottom, -screenY(-TreeLayout.ROW));
            }
        }
        redraw();
    }

    // ---- colours ----

    static Color team(String claimant, boolean dark) {
        if (GameModel.isDefenderTeam(claimant)) {
            return dark ? Color.web("#6aa5ff") : Color.web("#2f6fde");
        } else if ("challenger".equals(claimant)) {
            return dark ? Color.web("#ffa94d") : Color.web("#d9730d");
        }
        return dark ? Color.web("#b8c0cc") : Color.web("#6a7380");
    }

    private Color bg() {
        return dark ? Color.web("#1b1f24") : Color.web("#ffffff");
    }

    private Color fg() {
        return dark ? Color.web("#dde3ea") : Color.web("#1d232b");
    }

    private Color muted() {
        return dark ? Color.web("#8d97a5") : Color.web("#6a7380");
    }

    public void redraw() {
        frames++;
        GraphicsContext g = getGraphicsContext2D();
        double w = getWidth(), h = getHeight();
        g.setFill(bg());
        g.fillRect(0, 0, w, h);
        if (layout == null || model == null) {
            return;
        }
        FaultDisputeGame game = model.game();
        int s = layout.splitDepth();
        int m = layout.maxDepth();
        // The output part above the split, the execution part below; the split drawn as a boundary.
        double splitY = screenY(layout.splitY());
        g.setFill(dark ? Color.web("#232a33") : Color.web("#f1f5fb"));
        g.fillRect(0, screenY(-TreeLayout.ROW / 2), w, splitY - screenY(-TreeLayout.ROW / 2));
        g.setStroke(dark ? Color.web("#c7a23a") : Color.web("#b38600"));
        g.setLineWidth(2);
        g.setLineDashes(8, 6);
        g.strokeLine(0, splitY, w, splitY);
        g.setLineDashes();
        Font small = Font.font("DejaVu Sans", fontSize * 0.85);
        Font mono = Font.font("DejaVu Sans Mono", fontSize * 0.8);
        g.setFont(small);
        g.setFill(muted());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText("output roots (claims name L2 blocks) · depth 0–" + s, 8, splitY - 4);
        g.setTextBaseline(VPos.TOP);
        g.fillText("SPLIT_DEPTH " + s + " · execution trace (claims name VM steps) · depth " + (s + 1) + "–" + m, 8, splitY + 4);
        double bottomY = screenY(TreeLayout.rowY(m) + TreeLayout.ROW / 2);
        g.setStroke(muted());
        g.setLineWidth(1);
        g.strokeLine(0, bottomY, w, bottomY);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText("MAX_GAME_DEPTH " + m + " (leaves: answered by a step)", 8, bottomY - 2);
        // Depth ruler on the right, when rows are far enough apart.
        if (TreeLayout.ROW * scale > fontSize * 1.1) {
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.CENTER);
            for (int d = 0; d <= m; d++) {
                double y = screenY(TreeLayout.rowY(d));
                if (y > -20 && y < h + 20) {
                    g.fillText("d" + d, w - 6, y);
                }
            }
        }
        // Nodes grow with the text (presentation sizes), as the labels beside them do.
        double em = fontSize / 13;
        double r = Math.max(2.5 * em, Math.min(TreeLayout.RADIUS * scale, 16 * em));
        double minX = worldX(-40), maxX = worldX(w + 40), minY = worldY(-40), maxY = worldY(h + 40);
        // Zoomed out, many claims land on the same pixels: draw one node (and one edge) per small screen cell, so a
        // frame costs what is visible, not what is in the tree.
        double cell = Math.max(2, r);
        int cols = (int) (w / cell) + 4;
        int rowsN = (int) (h / cell) + 4;
        seenNodes.clear();
        seenEdges.clear();
        List<TreeLayout.Node> nodes = layout.nodes();
        int nn = nodes.size();
        if (drawn.length < nn) {
            drawn = new int[nn];
        }
        int nd = 0;
        for (TreeLayout.Node n : nodes) {
            if (n.x() + n.barHalfWidth() < minX || n.x() - n.barHalfWidth() > maxX || n.y() < minY || n.y() > maxY) {
                continue;
            }
            int i = n.index();
            int cx = (int) ((screenX(n.x()) + 2 * cell) / cell), cy = (int) ((screenY(n.y()) + 2 * cell) / cell);
            boolean special = i == model.selected() || highlighted.contains(i) || n.hiddenBelow() > 0;
            if (cx >= 0 && cy >= 0 && cx < cols && cy < rowsN) {
                int key = cy * cols + cx;
                if (seenNodes.get(key) && !special && !labelsFor(r)) {
                    continue;
                }
                seenNodes.set(key);
            }
            drawn[nd++] = i;
        }
        // Edges first, batched into one path per kind: into every visible node (deduplicated by screen cell), and
        // into off-screen children of visible parents are skipped unless the edge crosses the screen.
        g.setLineWidth(Math.max(1, Math.min(2, scale * 1.5)));
        for (int pass = 0; pass < 2; pass++) {
            boolean attackPass = pass == 0;
            g.beginPath();
            int segments = 0;
            for (TreeLayout.Node n : nodes) {
                int i = n.index();
                if (n.parentIndex() < 0 || i >= attack.length || attack[i] != attackPass) {
                    continue;
                }
                TreeLayout.Node p = layout.node(n.parentIndex());
                if (p == null) {
                    continue;
                }
                if (Math.max(n.x(), p.x()) < minX || Math.min(n.x(), p.x()) > maxX || n.y() < minY || p.y() > maxY) {
                    continue;
                }
                double px = screenX(p.x()), py = screenY(p.y()), sx = screenX(n.x()), sy = screenY(n.y());
                long key = ((long) Math.floor(px / cell) & 0xFFFFF) << 40 | ((long) Math.floor(sx / cell) & 0xFFFFF) << 20
                    | ((long) Math.floor(sy / cell) & 0xFFFFF);
                if (!seenEdges.add(key)) {
                    continue;
                }
                g.moveTo(px, py);
                g.lineTo(sx, sy);
                segments++;
            }
            if (segments > 0) {
                g.setStroke(attackPass ? (dark ? Color.web("#e26d6d") : Color.web("#c0392b"))
                    : (dark ? Color.web("#5fc48a") : Color.web("#1e8449")));
                if (!attackPass && scale > 0.25) {
                    g.setLineDashes(5, 4);
                }
                g.stroke();
                g.setLineDashes();
            }
        }
        // Range bars and nodes.
        boolean labels = labelsFor(r);
        int latest = game.claimCount() - 1;
        Color paddedFill = dark ? Color.web("#555c66", 0.7) : Color.web("#c9ced6", 0.8);
        for (int k = 0; k < nd; k++) {
            TreeLayout.Node n = layout.node(drawn[k]);
            Claim c = game.claim(n.index());
            double sx = screenX(n.x()), sy = screenY(n.y());
            Color tc = team(c.claimant(), dark);
            // The committed range: log-scaled bar, shaded when the claim lies in the padded region.
            boolean isPadded = n.index() < padded.length && padded[n.index()];
            g.setFill(isPadded ? paddedFill : tc.deriveColor(0, 1, 1, 0.22));
            double bw = n.barHalfWidth() * scale;
            g.fillRect(sx - bw, sy + r + 1, 2 * bw, Math.max(2, 3 * scale));
            if (isPadded && labels) {
                g.setFont(small);
                g.setFill(muted());
                g.setTextAlign(TextAlignment.CENTER);
                g.setTextBaseline(VPos.TOP);
                g.fillText("padded", sx, sy + r + 4 + Math.max(2, 3 * scale));
            }
            if (highlighted.contains(n.index())) {
                g.setStroke(dark ? Color.web("#ffe066") : Color.web("#e0a800"));
                g.setLineWidth(4);
                g.strokeOval(sx - r - 5, sy - r - 5, 2 * r + 10, 2 * r + 10);
            }
            if (n.index() == model.selected()) {
                g.setStroke(fg());
                g.setLineWidth(2.5);
                g.strokeOval(sx - r - 3, sy - r - 3, 2 * r + 6, 2 * r + 6);
            }
            g.setFill(tc);
            g.fillOval(sx - r, sy - r, 2 * r, 2 * r);
            if (n.index() < countered.length && countered[n.index()]) {
                // Countered (or would be): a cross through the node.
                g.setStroke(bg());
                g.setLineWidth(Math.max(1.5, r / 3));
                g.strokeLine(sx - r * 0.6, sy - r * 0.6, sx + r * 0.6, sy + r * 0.6);
                g.strokeLine(sx - r * 0.6, sy + r * 0.6, sx + r * 0.6, sy - r * 0.6);
            }
            if (n.index() == latest) {
                g.setStroke(tc);
                g.setLineWidth(1.5);
                g.strokeOval(sx - r - 7, sy - r - 7, 2 * r + 14, 2 * r + 14);
            }
            if (n.hiddenBelow() > 0) {
                g.setFont(small);
                g.setFill(fg());
                g.setTextAlign(TextAlignment.CENTER);
                g.setTextBaseline(VPos.TOP);
                g.fillText("+" + n.hiddenBelow(), sx, sy + r + 6);
            }
            if (labels) {
                HonestView.Agreement a = model.agreementIfKnown(n.index());
                String mark = switch (a) {
                    case AGREES -> " ✓";
                    case DISAGREES -> " ✗";
                    default -> "";
                };
                String kind = c.isRoot() ? "root" : attack[n.index()] ? "A" : "D";
                g.setFont(mono);
                g.setTextAlign(TextAlignment.LEFT);
                g.setTextBaseline(VPos.CENTER);
                g.setFill(fg());
                g.fillText("#" + n.index() + " " + kind, sx + r + 4, sy - fontSize * 0.45);
                g.setFill(a == HonestView.Agreement.AGREES ? (dark ? Color.web("#5fc48a") : Color.web("#1e8449"))
                    : a == HonestView.Agreement.DISAGREES ? (dark ? Color.web("#ff7b72") : Color.web("#c0392b")) : muted());
                g.fillText(where(game, c) + mark, sx + r + 4, sy + fontSize * 0.45);
            }
        }
    }

    private boolean labelsFor(double r) {
        return scale * TreeLayout.NODE_GAP > fontSize * 1.6;
    }

    /** Per-claim flags that change only with the game (or the honest values): computed once, not per frame. */
    private void refreshFlags() {
        if (model == null) {
            return;
        }
        FaultDisputeGame game = model.game();
        int n = game.claimCount();
        attack = new boolean[n];
        for (int i = 1; i < n; i++) {
            attack[i] = "Attack".equals(model.moveKind(i));
        }
        countered = model.projectedCountered();
        padded = model.paddedFlags();
    }

    static String where(FaultDisputeGame game, Claim c) {
        if (c.depth() <= game.config().splitDepth()) {
            return "blk " + game.blockOf(c.position());
        }
        BigInteger t = c.position().traceIndexInSubgame(game.config().splitDepth(), game.config().maxGameDepth());
        return String.format("st %,d", t.add(BigInteger.ONE));
    }

    /** A reusable set of longs (open addressing), cleared each frame without allocating. */
    private static final class LongSet {
        private long[] keys = new long[1 << 12];
        private boolean[] used = new boolean[1 << 12];
        private int size;

        void clear() {
            if (size > 0) {
                java.util.Arrays.fill(used, false);
                size = 0;
            }
        }

        boolean add(long k) {
            if (2 * (size + 1) > keys.length) {
                long[] ok = keys;
                boolean[] ou = used;
                keys = new long[ok.length * 2];
                used = new boolean[ok.length * 2];
                size = 0;
                for (int j = 0; j < ok.length; j++) {
                    if (ou[j]) {
                        add(ok[j]);
                    }
                }
            }
            int mask = keys.length - 1;
            int h = (int) (k ^ (k >>> 29) ^ (k >>> 47)) * 0x9E3779B1 & mask;
            while (used[h]) {
                if (keys[h] == k) {
                    return false;
                }
                h = (h + 1) & mask;
            }
            used[h] = true;
            keys[h] = k;
            size++;
            return true;
        }
    }
}
