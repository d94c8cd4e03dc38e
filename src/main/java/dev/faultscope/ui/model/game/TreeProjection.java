package dev.faultscope.ui.model.game;

/**
 * How the tree's world units (see {@link TreeLayout}) land on pixels: separate x and y scales (the layout's x is an
 * order, not a distance, so Fit may stretch it to use the width), a pan, and three caption bands that no claim may
 * cover: one above the root for "output roots…", one just below SPLIT_DEPTH for "SPLIT_DEPTH…" (the rows below the
 * split are pushed down by its height, in pixels, at every zoom) and one below MAX_GAME_DEPTH.
 */
public final class TreeProjection {
    private static final double MARGIN = 8;
    /** The widest tree an export draws at 1× (pixels), whatever the crowding. */
    public static final double MAX_EXPORT_WIDTH = 4000;

    private final double splitY;
    private final int maxDepth;
    private double sx = 1;
    private double sy = 1;
    private double tx;
    private double ty;
    private double font = 13;

    public TreeProjection(TreeLayout layout) {
        this.splitY = layout.splitY();
        this.maxDepth = layout.maxDepth();
    }

    /** A copy for another layout of the same game (the split and depth do not change), keeping scale and pan. */
    public TreeProjection with(TreeLayout layout) {
        TreeProjection p = new TreeProjection(layout);
        p.sx = sx;
        p.sy = sy;
        p.tx = tx;
        p.ty = ty;
        p.font = font;
        return p;
    }

    /** The base font size in pixels (the window's, which follows the font scale); node and label sizes follow it. */
    public void setFont(double px) {
        font = px;
    }

    public double font() {
        return font;
    }

    /** Captions grow with the font only up to a point: at presentation sizes the rows need the height more. */
    public double captionFont() {
        return Math.min(font, 16) * 0.85;
    }

    /** Height of each caption band, in pixels. */
    public double band() {
        return captionFont() * 1.45 + 6;
    }

    /** Pixels between two rows (depths). */
    public double pitch() {
        return TreeLayout.ROW * sy;
    }

    public double scaleX() {
        return sx;
    }

    public double scaleY() {
        return sy;
    }

    public double screenX(double wx) {
        return wx * sx + tx;
    }

    public double screenY(double wy) {
        return wy * sy + ty + (wy > splitY ? band() : 0);
    }

    public double worldX(double px) {
        return (px - tx) / sx;
    }

    public double worldY(double py) {
        double line = splitLineY();
        if (py <= line) {
            return (py - ty) / sy;
        }
        return py >= line + band() ? (py - ty - band()) / sy : splitY;
    }

    /** The dashed split line: the top of the split band, half a row below SPLIT_DEPTH. */
    public double splitLineY() {
        return splitY * sy + ty;
    }

    /** The top of the output region: the top caption band's top edge. */
    public double topBandY() {
        return screenY(-TreeLayout.ROW / 2) - band();
    }

    /** The line below MAX_GAME_DEPTH (the bottom caption band's top edge). */
    public double bottomLineY() {
        return screenY(TreeLayout.rowY(maxDepth) + TreeLayout.ROW / 2);
    }

    public void pan(double dx, double dy) {
        tx += dx;
        ty += dy;
    }

    /** Zooms by {@code f} keeping the world point under (px, py) where it is. */
    public void zoomAt(double px, double py, double f) {
        double wx = worldX(px), wy = worldY(py);
        double k = Math.max(0.02 / Math.min(sx, sy), Math.min(f, 40 / Math.max(sx, sy)));
        sx *= k;
        sy *= k;
        tx = px - wx * sx;
        ty = py - wy * sy - (wy > splitY ? band() : 0);
    }

    /** Puts world point (wx, wy) at pixel (px, py). */
    public void centreOn(double wx, double wy, double px, double py) {
        tx = px - wx * sx;
        ty = py - wy * sy - (wy > splitY ? band() : 0);
    }

    /** Pixels the whole tree needs at the current scales: caption bands included, labels beside the right-most node. */
    public double treeHeight() {
        return band() + (maxDepth + 1) * pitch() + 2 * band();
    }

    /**
     * Scales and pans so every row from the root to MAX_GAME_DEPTH and every node's range fits in {@code w × h}
     * pixels, with {@code reserveRight} pixels kept free on the right (the legend) and room for labels.
     */
    public void fit(TreeLayout layout, double w, double h, double reserveRight) {
        double availH = h - 2 * MARGIN - 3 * band();
        sy = Math.max(0.02, Math.min(2, availH / ((maxDepth + 1) * TreeLayout.ROW)));
        // Room right of the right-most node for its label, at the size labels will have at these rows.
        TreeLabels.Style st = TreeLabels.choose(pitch(), Double.POSITIVE_INFINITY, font);
        double labelRoom = TreePicture.textWidth("#000 A ✓ +00", st.font(), true) + 2 * st.radius() + 6;
        double availW = Math.max(50, w - 2 * MARGIN - reserveRight - labelRoom);
        double extent = Math.max(1, layout.maxX() - layout.minX());
        sx = Math.max(0.02, Math.min(Math.min(2, 4 * sy), availW / extent));
        tx = MARGIN + (availW - extent * sx) / 2 - layout.minX() * sx;
        ty = MARGIN + band() + pitch() / 2;
    }

    /** Scales for a picture of the whole tree with full labels (the export): rows far enough apart for two lines. */
    public void forExport(TreeLayout layout) {
        sy = TreeLabels.fullPitch(font) / TreeLayout.ROW;
        double gap = layout.minRowGap();
        double need = TreeLabels.fullGap(font);
        // Crowded rows would ask for a very wide picture: past MAX_EXPORT_WIDTH the labels shorten instead.
        double widest = MAX_EXPORT_WIDTH / Math.max(1, layout.maxX() - layout.minX());
        sx = Double.isInfinite(gap) ? sy : Math.max(sy, Math.min(need / gap, widest));
        tx = MARGIN - layout.minX() * sx;
        ty = MARGIN + band() + pitch() / 2;
    }
}
