package dev.faultscope.ui.model.game;

import dev.faultscope.game.Session;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of play of one game, as an immutable value: branch 0 is the game as recorded (opened or played); a move
 * played anywhere but at the tip of a branch of the user's own starts a new branch that shares the actions before it,
 * so no recorded action is ever dropped. Every edit gives a new value, which is what undo restores.
 */
public final class GameBranches {
    /**
     * One line of play.
     *
     * @param parent the branch it forked from (-1 for the recorded game)
     * @param forkAt how many actions it shares with its parent (the timeline marks the action after them)
     */
    public record Branch(String name, Session session, int parent, int forkAt) {
        public int size() {
            return session.actions().size();
        }
    }

    private final List<Branch> branches;
    private final int current;

    private GameBranches(List<Branch> branches, int current) {
        this.branches = List.copyOf(branches);
        this.current = current;
    }

    /** The recorded game alone. */
    public static GameBranches of(Session recorded) {
        return new GameBranches(List.of(new Branch("recorded game", recorded, -1, 0)), 0);
    }

    public List<Branch> all() {
        return branches;
    }

    public Branch current() {
        return branches.get(current);
    }

    public int currentIndex() {
        return current;
    }

    /** The same branches with branch {@code i} shown. */
    public GameBranches withCurrent(int i) {
        if (i < 0 || i >= branches.size()) {
            throw new IndexOutOfBoundsException("no branch " + i + " (0.." + (branches.size() - 1) + ")");
        }
        return new GameBranches(branches, i);
    }

    /**
     * The branches after actions were played on the current branch once {@code at} of its actions were applied,
     * giving {@code next} (its first {@code at} actions and the new ones). At the tip of a branch of the user's own
     * the branch grows; anywhere else (inside a branch, or on the recorded game) a new branch starts and is shown.
     */
    public GameBranches played(int at, Session next) {
        Branch b = current();
        List<Branch> list = new ArrayList<>(branches);
        if (current != 0 && at == b.size()) {
            list.set(current, new Branch(b.name(), next, b.parent(), b.forkAt()));
            return new GameBranches(list, current);
        }
        String name = "branch " + list.size() + " · from action " + at + " of " + (current == 0 ? "the recorded game" : b.name().split(" · ")[0]);
        list.add(new Branch(name, next, current, at));
        return new GameBranches(list, list.size() - 1);
    }
}
