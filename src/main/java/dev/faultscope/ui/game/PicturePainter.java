package dev.faultscope.ui.game;

import dev.faultscope.ui.model.game.TreePicture;
import dev.faultscope.ui.model.game.TreePicture.Circle;
import dev.faultscope.ui.model.game.TreePicture.Line;
import dev.faultscope.ui.model.game.TreePicture.Rect;
import dev.faultscope.ui.model.game.TreePicture.Shape;
import dev.faultscope.ui.model.game.TreePicture.Text;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Paints a {@link TreePicture}'s shapes on a canvas (the screen and the PNG export share it). */
final class PicturePainter {
    private final Map<String, Color> colours = new HashMap<>();
    private final Map<Long, Font> fonts = new HashMap<>();

    void paint(GraphicsContext g, List<Shape> shapes) {
        g.setTextBaseline(VPos.BASELINE);
        for (Shape s : shapes) {
            if (s instanceof Rect r) {
                if (r.fill() != null) {
                    g.setGlobalAlpha(r.opacity());
                    g.setFill(colour(r.fill()));
                    g.fillRect(r.x(), r.y(), r.w(), r.h());
                    g.setGlobalAlpha(1);
                }
                if (r.stroke() != null) {
                    g.setStroke(colour(r.stroke()));
                    g.setLineWidth(r.strokeWidth());
                    g.strokeRect(r.x(), r.y(), r.w(), r.h());
                }
            } else if (s instanceof Line l) {
                g.setStroke(colour(l.stroke()));
                g.setLineWidth(l.width());
                if (l.dashed()) {
                    g.setLineDashes(6, 4);
                }
                g.strokeLine(l.x1(), l.y1(), l.x2(), l.y2());
                if (l.dashed()) {
                    g.setLineDashes();
                }
            } else if (s instanceof Circle c) {
                double d = 2 * c.r();
                if (c.fill() != null) {
                    g.setFill(colour(c.fill()));
                    g.fillOval(c.cx() - c.r(), c.cy() - c.r(), d, d);
                }
                if (c.stroke() != null) {
                    g.setStroke(colour(c.stroke()));
                    g.setLineWidth(c.strokeWidth());
                    g.strokeOval(c.cx() - c.r(), c.cy() - c.r(), d, d);
                }
            } else if (s instanceof Text t) {
                g.setFont(font(t));
                g.setFill(colour(t.fill()));
                g.setTextAlign(switch (t.align()) {
                    case LEFT -> TextAlignment.LEFT;
                    case CENTER -> TextAlignment.CENTER;
                    case RIGHT -> TextAlignment.RIGHT;
                });
                g.fillText(t.text(), t.x(), t.y());
            }
        }
    }

    private Color colour(String hex) {
        return colours.computeIfAbsent(hex, Color::web);
    }

    private Font font(Text t) {
        long key = Math.round(t.size() * 100) * 4 + (t.mono() ? 2 : 0) + (t.bold() ? 1 : 0);
        return fonts.computeIfAbsent(key, k -> Font.font(t.mono() ? "DejaVu Sans Mono" : "DejaVu Sans",
            t.bold() ? FontWeight.BOLD : FontWeight.NORMAL, t.size()));
    }
}
