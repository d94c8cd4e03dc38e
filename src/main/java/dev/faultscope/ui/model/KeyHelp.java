package dev.faultscope.ui.model;

import dev.faultscope.ui.model.game.GameKeys;

import java.util.ArrayList;
import java.util.List;

/**
 * Every key the app answers to, by view: the one list Help > About and keys (F1) shows, so a new key is added here
 * and nowhere else.
 */
public final class KeyHelp {
    public record Key(String keys, String what) {
    }

    public record Section(String title, List<Key> keys) {
    }

    private KeyHelp() {
    }

    public static final Section WINDOW = new Section("Everywhere", List.of(
        new Key("Ctrl+O", "open a program, Cannon state or proof, scenario or session"),
        new Key("Ctrl+N", "new game"),
        new Key("Ctrl+S / Ctrl+Shift+S", "save the session / save it as"),
        new Key("Ctrl+Z / Ctrl+Shift+Z, Ctrl+Y", "undo / redo the last move played"),
        new Key("Ctrl+B", "back to the game from the VM"),
        new Key("Ctrl+D", "dark theme"),
        new Key("Ctrl + / Ctrl − / Ctrl+0", "larger, smaller, normal text"),
        new Key("Ctrl+Shift+P", "presentation mode (large text) on or off"),
        new Key("F1", "this list"),
        new Key("Ctrl+Q", "quit")));

    public static final Section WORKBENCH = new Section("VM workbench", List.of(
        new Key("F7 / F8", "step / step back exactly"),
        new Key("F5 / Shift+F5", "run at the chosen speed / pause"),
        new Key("Ctrl+F5", "run to the next breakpoint"),
        new Key("F9 / Ctrl+Shift+F9", "toggle a breakpoint / clear them all"),
        new Key("Ctrl+G", "run to step N"),
        new Key("Ctrl+Home / Ctrl+End", "first step / run to the end"),
        new Key("Ctrl+E", "the next step's evidence (witness, proofs, verifier)"),
        new Key("Ctrl+L", "go to an address in memory"),
        new Key("Ctrl+H", "hex / decimal registers")));

    /** The game view's own keys (kept with the view's model, {@link GameKeys}), then those of its move panel. */
    public static final Section GAME = new Section("Game view", gameKeys());

    private static List<Key> gameKeys() {
        List<Key> keys = new ArrayList<>();
        for (String[] k : GameKeys.KEYS) {
            keys.add(new Key(k[0], k[1]));
        }
        keys.add(new Key("A / D", "attack / defend the selected claim"));
        keys.add(new Key("Ctrl+Enter", "open the selected execution claim in the VM"));
        keys.add(new Key("Ctrl+E", "the step at the selected leaf, as the contract checks it"));
        keys.add(new Key("drag, wheel", "pan, zoom the tree"));
        return List.copyOf(keys);
    }

    public static List<Section> sections() {
        return List.of(WINDOW, WORKBENCH, GAME);
    }

    /** The list as plain text, one key per line under each view's title. */
    public static String text() {
        StringBuilder b = new StringBuilder();
        for (Section s : sections()) {
            b.append(b.isEmpty() ? "" : "\n").append(s.title()).append('\n');
            for (Key k : s.keys()) {
                b.append("  ").append(k.keys()).append("  —  ").append(k.what()).append('\n');
            }
        }
        return b.toString();
    }
}
