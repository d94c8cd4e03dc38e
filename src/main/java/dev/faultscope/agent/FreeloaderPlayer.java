package dev.faultscope.agent;

import dev.faultscope.game.Claim;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameAction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A challenger that tries to take bonds it did not earn (dispute-game.md section 7: a claim's bond goes to its
 * left-most uncountered child). It attacks the root and every claim that counters one of its own with made-up values,
 * and whenever one of its claims has been countered it posts another counter to that claim at or left of the
 * counter's position (the attack position, and the same position when the counter defended), hoping to be the
 * left-most uncountered child and win its own bond back. The honest agent must counter those freeloaders too.
 * Freeloading is limited to {@code budget} claims so the tree stays a few branches wide.
 */
public final class FreeloaderPlayer implements Player {
    private final String name;
    private final int budget;

    public FreeloaderPlayer(String name, int budget) {
        this.name = name;
        this.budget = budget;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String strategy() {
        return "freeloader";
    }

    @Override
    public List<GameAction> act(FaultDisputeGame game, long now) {
        List<GameAction> out = new ArrayList<>();
        int m = game.config().maxGameDepth();
        Set<Integer> answered = new HashSet<>(); // claims it already has a child under
        int freeloads = 0;
        for (Claim c : game.claims()) {
            if (!c.isRoot() && c.claimant().equals(name)) {
                answered.add(c.parentIndex());
                if (game.claim(c.parentIndex()).claimant().equals(name)) {
                    freeloads++;
                }
            }
        }
        // The main line: counter the root and whatever counters it.
        for (Claim c : game.claims()) {
            if (c.claimant().equals(name) || answered.contains(c.index()) || c.depth() >= m) {
                continue;
            }
            boolean target = c.isRoot() || game.claim(c.parentIndex()).claimant().equals(name);
            if (target) {
                add(out, Moves.legal(game, name, c.index(), true, Moves.junk(name, "against claim " + c.index()), now));
            }
        }
        // Freeloading: a second counter to its own countered claims, at or left of the counter.
        for (Claim mine : game.claims()) {
            if (!mine.claimant().equals(name) || answered.contains(mine.index())) {
                continue;
            }
            for (int child : game.children(mine.index())) {
                Claim counter = game.claim(child);
                if (counter.claimant().equals(name) || freeloads >= budget) {
                    continue;
                }
                boolean counterDefended = !counter.position().isAttackOf(mine.position());
                GameAction.Move left = Moves.legal(game, name, mine.index(), true,
                    Moves.junk(name, "freeload left of claim " + child), now);
                if (add(out, left)) {
                    freeloads++;
                }
                if (counterDefended && freeloads < budget) {
                    GameAction.Move same = Moves.legal(game, name, mine.index(), false,
                        Moves.junk(name, "freeload beside claim " + child), now);
                    if (add(out, same)) {
                        freeloads++;
                    }
                }
                break;
            }
        }
        return out;
    }

    private static boolean add(List<GameAction> out, GameAction.Move m) {
        if (m != null) {
            out.add(m);
            return true;
        }
        return false;
    }
}
