package dev.faultscope.ui.game;

import dev.faultscope.ui.model.game.GameModel;
import dev.faultscope.ui.model.game.TreeDrawing;
import dev.faultscope.ui.model.game.TreeLayout;
import dev.faultscope.ui.model.game.TreeLegend;
import dev.faultscope.ui.model.game.TreePalette;
import dev.faultscope.ui.model.game.TreePicture;
import dev.faultscope.ui.model.game.TreeProjection;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * The bisection tree on a Canvas. What to draw comes from {@link TreeDrawing} (plain shapes, the same the exports
 * use); only what is on screen is drawn. Drag pans, the wheel zooms around the pointer, a click selects, a
 * double-click collapses or expands a subtree, hovering a claim shows its range and value.
 */
public final class TreeCanvas extends Canvas {
    private GameModel model;
    private TreeLayout layout;
    private TreeProjection projection;
    private double dragX;
    private double dragY;
    private boolean dragged;
    private boolean dark;
    private double fontSize = 13;
    private boolean legend = true;
    private boolean fitted;
    private Set<Integer> highlighted = new HashSet<>();
    private IntConsumer onSelect = i -> { };
    private IntConsumer onToggle = i -> { };
    private IntFunction<String> tooltipText = i -> "claim #" + i;
    private final Tooltip tooltip = new Tooltip();
    private int hovered = -1;
    private long frames;
    private boolean[] attack = new boolean[0];
    private boolean[] countered = new boolean[0];
    private boolean[] padded = new boolean[0];
    private final List<TreePicture.Shape> shapes = new ArrayList<>();
    private final PicturePainter painter = new PicturePainter();

    public TreeCanvas() {
        setFocusTraversable(true);
        tooltip.setShowDelay(Duration.millis(300));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(640);
        // A tree the user has not moved since Fit stays fitted when the view is resized (a window opened small).
        widthProperty().addListener(o -> refit());
        heightProperty().addListener(o -> refit());
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
            int hit = hit(e.getX(), e.getY());
            if (hit >= 0) {
                if (e.getClickCount() == 2) {
                    onToggle.accept(hit);
                } else {
                    onSelect.accept(hit);
                }
            }
        });
        setOnMouseMoved(e -> hover(hit(e.getX(), e.getY())));
        setOnMouseExited(e -> hover(-1));
        setOnScroll(e -> zoomAt(e.getX(), e.getY(), Math.pow(1.0015, e.getDeltaY())));
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

    public void setOnSelect(IntConsumer c) {
        onSelect = c;
    }

    public void setOnToggle(IntConsumer c) {
        onToggle = c;
    }

    /** The text of the tooltip shown over claim {@code i}. */
    public void setTooltipText(IntFunction<String> f) {
        tooltipText = f;
    }

    /** The theme and the window's font size: node and label sizes follow it (presentation sizes). */
    public void setTheme(boolean dark, double fontSize) {
        this.dark = dark;
        this.fontSize = fontSize;
        if (projection != null) {
            projection.setFont(fontSize);
        }
        refit();
    }

    public boolean dark() {
        return dark;
    }

    public double fontSize() {
        return fontSize;
    }

    public void setHighlighted(Set<Integer> h) {
        highlighted = h;
        redraw();
    }

    public Set<Integer> highlighted() {
        return highlighted;
    }

    public void setLegendVisible(boolean on) {
        legend = on;
        redraw();
    }

    public void show(GameModel model) {
        this.model = model;
        this.layout = model.layout();
        projection = projection == null ? new TreeProjection(layout) : projection.with(layout);
        projection.setFont(fontSize);
        refreshFlags();
        // At Fit, the whole tree stays in view as claims come and go.
        refit();
    }

    public TreeLayout layout() {
        return layout;
    }

    public TreeProjection projection() {
        return projection;
    }

    /** Frames drawn so far (for measuring the frame rate while panning). */
    public long frames() {
        return frames;
    }

    public double screenX(double wx) {
        return projection.screenX(wx);
    }

    public double screenY(double wy) {
        return projection.screenY(wy);
    }

    public void pan(double dx, double dy) {
        if (projection != null) {
            fitted = false;
            projection.pan(dx, dy);
            redraw();
        }
    }

    public void zoomAt(double sx, double sy, double f) {
        if (projection != null) {
            fitted = false;
            projection.zoomAt(sx, sy, f);
            redraw();
        }
    }

    /** Scales and centres so the whole tree (all rows to MAX_GAME_DEPTH) is visible, beside the legend if shown. */
    public void fit() {
        if (layout == null || getWidth() < 50 || getHeight() < 50) {
            return;
        }
        projection.fit(layout, getWidth(), getHeight(), (legendShown() ? TreeLegend.width(legendFont()) : 0) + rulerWidth());
        fitted = true;
        redraw();
    }

    /** Whether the view is as Fit left it (not panned, zoomed or centred on a claim since). */
    public boolean fitted() {
        return fitted;
    }

    private void refit() {
        if (fitted) {
            fit();
        } else {
            redraw();
        }
    }

    /** The legend's font: it follows the text up to a point, so at presentation sizes it does not hide the tree. */
    private double legendFont() {
        return Math.min(fontSize, 14);
    }

    /** Whether the legend is on and leaves the tree most of the view (else it waits for a larger window). */
    public boolean legendShown() {
        return legend && TreeLegend.width(legendFont()) <= getWidth() * 0.45
            && TreeLegend.height(legendFont()) <= getHeight() - 16;
    }

    private double rulerWidth() {
        return TreePicture.textWidth("d000", fontSize * 0.85, false) + 8;
    }

    /** Pans so claim {@code index} is on screen (near the middle), keeping the zoom. */
    public void reveal(int index) {
        TreeLayout.Node n = layout == null ? null : layout.node(index);
        if (n == null) {
            return;
        }
        double sx = screenX(n.x()), sy = screenY(n.y());
        double margin = fitted ? 0 : 60;
        if (sx < margin || sx > getWidth() - margin || sy < margin || sy > getHeight() - margin) {
            centre(index);
        } else {
            redraw();
        }
    }

    /** Puts claim {@code index} in the middle of the view, keeping the zoom. */
    public void centre(int index) {
        TreeLayout.Node n = layout == null ? null : layout.node(index);
        if (n == null) {
            return;
        }
        fitted = false;
        projection.centreOn(n.x(), n.y(), getWidth() / 2, getHeight() / 2);
        // Do not leave empty space below MAX_GAME_DEPTH when the tree is taller than the view.
        double bottom = projection.bottomLineY() + projection.band();
        if (bottom < getHeight() && projection.topBandY() < 0) {
            projection.pan(0, Math.min(getHeight() - bottom, -projection.topBandY()));
        }
        redraw();
    }

    /** The claim whose node is under pixel (x, y), or -1. */
    public int hit(double x, double y) {
        if (layout == null) {
            return -1;
        }
        double reach = Math.max(8, TreeDrawing.radiusAt(projection, layout) * 1.6);
        int best = -1;
        double bestD = reach * reach;
        for (TreeLayout.Node n : layout.nodes()) {
            double dx = screenX(n.x()) - x, dy = screenY(n.y()) - y;
            double d = dx * dx + dy * dy;
            if (d <= bestD) {
                bestD = d;
                best = n.index();
            }
        }
        return best;
    }

    private void hover(int index) {
        if (index == hovered) {
            return;
        }
        hovered = index;
        if (index >= 0 && model != null) {
            tooltip.setText(tooltipText.apply(index));
            Tooltip.install(this, tooltip);
        } else {
            Tooltip.uninstall(this, tooltip);
        }
    }

    public void redraw() {
        frames++;
        GraphicsContext g = getGraphicsContext2D();
        double w = getWidth(), h = getHeight();
        TreePalette palette = TreePalette.of(dark);
        g.setFill(Color.web(palette.background()));
        g.fillRect(0, 0, w, h);
        if (layout == null || model == null) {
            return;
        }
        shapes.clear();
        new TreeDrawing(model, layout, projection, new TreeDrawing.Options(palette, highlighted, true), attack,
            countered, padded).draw(shapes, w, h);
        if (legendShown()) {
            // Left of the depth ruler, top right.
            TreeLegend.draw(shapes, w - TreeLegend.width(legendFont()) - rulerWidth(), 8, legendFont(), palette);
        }
        painter.paint(g, shapes);
    }

    /** Per-claim flags that change only with the game (or the honest values): computed once, not per frame. */
    private void refreshFlags() {
        attack = TreeDrawing.attackFlags(model);
        countered = model.projectedCountered();
        padded = model.paddedFlags();
    }
}
