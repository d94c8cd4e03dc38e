package dev.faultscope.game;

import java.util.Objects;

/**
 * A cursor over a session's actions: the game as it stood after the first {@link #position()} actions. Forward
 * applies one action to the current game; going back rebuilds from the setup (games are append-only and the engine
 * has no undo, and a replay of a few hundred actions is cheap).
 *
 * <p>The game returned by {@link #game()} belongs to the navigator: changing it (sending it actions) desynchronizes
 * it from the cursor.
 */
public final class Replay {
    private final Session session;
    private FaultDisputeGame game;
    private int position;

    /** A navigator at position 0: the freshly created game. */
    public Replay(Session session) {
        this.session = Objects.requireNonNull(session, "session");
        this.game = session.setup().newGame();
    }

    public Session session() {
        return session;
    }

    /** The game after the first {@link #position()} actions. */
    public FaultDisputeGame game() {
        return game;
    }

    /** How many actions have been applied (0..{@link #size()}). */
    public int position() {
        return position;
    }

    /** The number of actions in the session. */
    public int size() {
        return session.actions().size();
    }

    /** Action {@code k} (0-based); {@code forward()} at position k applies it. */
    public GameAction action(int k) {
        return session.actions().get(k);
    }

    /**
     * The simulated time of the view: the last applied action's time, or the game's creation. Clocks shown for this
     * position are read at this time.
     */
    public long now() {
        return position == 0 ? session.setup().createdAt() : action(position - 1).time();
    }

    /**
     * Applies the next action. Returns false (changing nothing) at the end. An action the engine refuses throws its
     * {@link GameError}, and the cursor stays where it was (a refused action leaves the game unchanged).
     */
    public boolean forward() {
        if (position == size()) {
            return false;
        }
        action(position).applyTo(game);
        position++;
        return true;
    }

    /** Goes back one action; false at position 0. */
    public boolean back() {
        if (position == 0) {
            return false;
        }
        seek(position - 1);
        return true;
    }

    /**
     * Moves to the game after the first {@code k} actions: forward from here when {@code k} is ahead, else rebuilt
     * from the setup. If an action on the way is refused, the cursor stops before it and the error is thrown.
     */
    public void seek(int k) {
        if (k < 0 || k > size()) {
            throw new IndexOutOfBoundsException("position " + k + " outside 0.." + size());
        }
        if (k < position) {
            game = session.setup().newGame();
            position = 0;
        }
        while (position < k) {
            forward();
        }
    }
}
