package dev.faultscope.game;

import dev.faultscope.io.SessionSamples;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.faultscope.game.GameFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayTest {
    private final Session session = SessionSamples.resolvedGame();

    @Test
    void forwardThroughEveryActionMatchesAFreshReplayOfThatPrefix() {
        Replay r = new Replay(session);
        assertEquals(session.actions().size(), r.size());
        assertEquals(0, r.position());
        assertEquals(snapshot(session.replay(0)), snapshot(r.game()));
        assertEquals(session.setup().createdAt(), r.now());
        for (int k = 1; k <= r.size(); k++) {
            assertSame(session.actions().get(k - 1), r.action(k - 1));
            assertTrue(r.forward());
            assertEquals(k, r.position());
            assertEquals(snapshot(session.replay(k)), snapshot(r.game()), "after " + k + " actions");
            assertEquals(session.actions().get(k - 1).time(), r.now());
        }
        assertFalse(r.forward(), "nothing after the last action");
        assertEquals(r.size(), r.position());
        assertEquals(GameStatus.DEFENDER_WINS, r.game().status());
    }

    @Test
    void backAndSeekInAnyOrderMatchFreshReplays() {
        Replay r = new Replay(session);
        r.seek(r.size());
        for (int k = r.size() - 1; k >= 0; k--) {
            assertTrue(r.back());
            assertEquals(k, r.position());
            assertEquals(snapshot(session.replay(k)), snapshot(r.game()), "back to " + k);
        }
        assertFalse(r.back(), "nothing before the first action");
        for (int k : new int[] {7, 2, 12, 0, 5, 5, 11, 3}) {
            r.seek(k);
            assertEquals(k, r.position());
            assertEquals(snapshot(session.replay(k)), snapshot(r.game()), "seek " + k);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> r.seek(r.size() + 1));
        assertThrows(IndexOutOfBoundsException.class, () -> r.seek(-1));
        assertEquals(3, r.position(), "a refused seek moves nothing");
    }

    @Test
    void aRefusedActionStopsTheCursorBeforeIt() {
        List<GameAction> actions = new ArrayList<>(session.actions().subList(0, 2));
        GameAction.Move first = (GameAction.Move) actions.get(0);
        // The same claim again, later: ClaimAlreadyExists.
        actions.add(new GameAction.Move(1200, "challenger", 0, first.disputed(), first.value(), true, first.bond()));
        actions.addAll(session.actions().subList(2, 4));
        Session bad = new Session(session.setup(), null, null, null, session.players(), actions);
        Replay r = new Replay(bad);
        GameError e = assertThrows(GameError.class, () -> r.seek(5));
        assertEquals(ContractError.ClaimAlreadyExists, e.error());
        assertEquals(2, r.position());
        assertEquals(snapshot(bad.replay(2)), snapshot(r.game()));
        assertThrows(GameError.class, r::forward);
        assertEquals(2, r.position());
        assertTrue(r.back());
        assertEquals(snapshot(bad.replay(1)), snapshot(r.game()));
    }
}
