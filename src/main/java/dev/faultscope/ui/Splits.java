package dev.faultscope.ui;

import dev.faultscope.ui.model.Settings;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;

/**
 * Remembers where the user put a split pane's dividers (in the {@link Settings}, by name) and puts them back in a
 * new view. Only a divider the user dragged is remembered: a view's own fitting to the window or the font is not.
 */
public final class Splits {
    private Splits() {
    }

    /**
     * Applies the remembered positions, if any, and records the dividers whenever the user lets go of one. Returns
     * true when positions were applied (the view then keeps them instead of fitting its own).
     */
    public static boolean remember(SplitPane pane, String name, Settings settings, Runnable onUserMove) {
        pane.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (e.getTarget() instanceof Node n && onDivider(n, pane)) {
                settings.setSplit(name, pane.getDividerPositions());
                onUserMove.run();
            }
        });
        double[] stored = settings.split(name);
        if (stored != null && stored.length == pane.getDividers().size()) {
            pane.setDividerPositions(stored);
            return true;
        }
        return false;
    }

    /** On one of this pane's own dividers (the dividers of a split pane inside it have that pane as parent). */
    private static boolean onDivider(Node n, SplitPane pane) {
        for (; n != null && n != pane; n = n.getParent()) {
            if (n.getStyleClass().contains("split-pane-divider")) {
                return n.getParent() == pane;
            }
        }
        return false;
    }
}
