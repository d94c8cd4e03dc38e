package dev.faultscope.ui;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;

/**
 * What a projector user would see cut: every visible labelled control (labels, buttons, menus, list cells, column
 * headers) must show its whole text, and lie inside the window and inside every clip around it. Text inside a scroll
 * pane or a list may lie outside the viewport (it scrolls), but is still never shortened with an ellipsis.
 */
final class LayoutCheck {
    private LayoutCheck() {
    }

    /** The problems found under {@code root}, one line each ("Labeled 'Memory': shows 'Me…'"). */
    static List<String> problems(Parent root) {
        List<String> out = new ArrayList<>();
        double w = root.getScene().getWidth(), h = root.getScene().getHeight();
        visit(root, out, w, h);
        return out;
    }

    private static void visit(Node n, List<String> out, double w, double h) {
        if (!n.isVisible() || n.getOpacity() == 0) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            check(l, out, w, h);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                visit(c, out, w, h);
            }
        }
    }

    /** What the skin draws for a labelled control: its text node's text (the skin shortens it when it does not fit). */
    static String shownText(Labeled l) {
        for (Node c : l.getChildrenUnmodifiable()) {
            if (c instanceof Text t && c.getClass().getSimpleName().equals("LabeledText")) {
                return t.getText();
            }
        }
        return null;
    }

    private static void check(Labeled l, List<String> out, double w, double h) {
        String what = l.getClass().getSimpleName() + " '" + l.getText().replace('\n', ' ') + "'";
        String shown = shownText(l);
        if (shown != null && !shown.equals(l.getText()) && !shown.equals(l.getText().replace("_", ""))) {
            out.add(what + ": shows '" + shown + "'");
            return;
        }
        Bounds b = l.localToScene(l.getBoundsInLocal());
        if (b.getWidth() <= 0 || b.getHeight() <= 0) {
            out.add(what + ": has no room (" + b.getWidth() + "x" + b.getHeight() + ")");
            return;
        }
        // Inside a scroll pane or a virtual list, the content may scroll past the viewport: that is not a clip.
        for (Node a = l.getParent(); a != null; a = a.getParent()) {
            if (a instanceof ScrollPane || a.getClass().getSimpleName().equals("VirtualFlow")) {
                return;
            }
        }
        double eps = 1.5;
        if (b.getMinX() < -eps || b.getMinY() < -eps || b.getMaxX() > w + eps || b.getMaxY() > h + eps) {
            out.add(what + ": outside the window at " + fmt(b));
            return;
        }
        for (Node a = l.getParent(); a != null; a = a.getParent()) {
            if (a.getClip() != null) {
                Bounds c = a.localToScene(a.getClip().getBoundsInParent());
                if (b.getMinX() < c.getMinX() - eps || b.getMinY() < c.getMinY() - eps
                    || b.getMaxX() > c.getMaxX() + eps || b.getMaxY() > c.getMaxY() + eps) {
                    out.add(what + ": cut by " + a.getClass().getSimpleName() + " at " + fmt(c) + ", it is at " + fmt(b));
                    return;
                }
            }
        }
    }

    private static String fmt(Bounds b) {
        return String.format("[%.0f,%.0f %.0fx%.0f]", b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
    }
}
