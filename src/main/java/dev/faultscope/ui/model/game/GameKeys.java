package dev.faultscope.ui.model.game;

import java.util.List;

/** The game view's keys, as F1 lists them (each is also in its control's tooltip). */
public final class GameKeys {
    /** Key and what it does. */
    public static final List<String[]> KEYS = List.of(
        new String[] {"Right / Left", "replay one action forward / back"},
        new String[] {"Home / End", "to the game's creation / the last action"},
        new String[] {"Space", "play / pause the replay"},
        new String[] {"F", "fit the whole tree in the view"},
        new String[] {"L", "follow the latest claim on / off"},
        new String[] {"C, double-click", "collapse / expand the selected claim's subtree"},
        new String[] {"H", "the honest agent answers"},
        new String[] {"K", "show / hide the legend"},
        new String[] {"Ctrl+G", "go to claim #N"},
        new String[] {"Ctrl+F", "search: #12, a value 0x03ab…, t 4096 (trace index), step 4097, block 7; Enter: next"},
        new String[] {"Esc", "from the search field back to the tree"});

    private GameKeys() {
    }

    /** "Right / Left replay one action forward / back, …" for a dialog. */
    public static String text() {
        StringBuilder b = new StringBuilder();
        for (String[] k : KEYS) {
            b.append(b.isEmpty() ? "" : ", ").append(k[0]).append(' ').append(k[1]);
        }
        return b.toString();
    }
}
