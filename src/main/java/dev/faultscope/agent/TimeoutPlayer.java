package dev.faultscope.agent;

import dev.faultscope.game.Claim;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameAction;

import java.util.List;

/**
 * Makes one claim and then never moves again, so its clock runs out (dispute-game.md section 5): as a defender its
 * root claim (posted at creation) is all it does; as a challenger it attacks a root that is not its own once.
 */
public final class TimeoutPlayer implements Player {
    private final String name;

    public TimeoutPlayer(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String strategy() {
        return "timeout";
    }

    @Override
    public List<GameAction> act(FaultDisputeGame game, long now) {
        for (Claim c : game.claims()) {
            if (c.claimant().equals(name)) {
                return List.of(); // it has made its claim
            }
        }
        GameAction.Move m = Moves.legal(game, name, 0, true, Moves.junk(name, "attack on the root"), now);
        return m == null ? List.of() : List.of(m);
    }
}
