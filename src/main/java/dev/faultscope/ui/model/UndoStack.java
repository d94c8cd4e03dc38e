package dev.faultscope.ui.model;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Undo and redo of a document's edits: each edit is a command object pushed after it was applied; undo and redo move
 * commands between the two stacks. A new edit after an undo drops what could have been redone (as editors do).
 */
public final class UndoStack {
    /** An applied edit that can be taken back and applied again. */
    public interface Command {
        /** What the edit did, for the Edit menu ("Undo attack #6"). */
        String label();

        void undo();

        void redo();
    }

    private final Deque<Command> done = new ArrayDeque<>();
    private final Deque<Command> undone = new ArrayDeque<>();

    /** Records an edit that has just been applied. */
    public void push(Command c) {
        done.push(c);
        undone.clear();
    }

    public boolean canUndo() {
        return !done.isEmpty();
    }

    public boolean canRedo() {
        return !undone.isEmpty();
    }

    /** The label of what undo would take back, or null. */
    public String undoLabel() {
        return done.isEmpty() ? null : done.peek().label();
    }

    /** The label of what redo would apply again, or null. */
    public String redoLabel() {
        return undone.isEmpty() ? null : undone.peek().label();
    }

    /** Takes back the last edit; returns its label, or null when there is none. */
    public String undo() {
        if (done.isEmpty()) {
            return null;
        }
        Command c = done.pop();
        c.undo();
        undone.push(c);
        return c.label();
    }

    /** Applies the last undone edit again; returns its label, or null when there is none. */
    public String redo() {
        if (undone.isEmpty()) {
            return null;
        }
        Command c = undone.pop();
        c.redo();
        done.push(c);
        return c.label();
    }
}
