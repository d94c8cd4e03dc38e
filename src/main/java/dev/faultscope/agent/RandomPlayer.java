package dev.faultscope.agent;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameAction;
import dev.faultscope.game.GameStatus;

import java.util.List;
import java.util.Random;

/**
 * Seeded random play for stress and teaching: at each turn it picks a claim, attacks or defends it with random bytes
 * and the exact bond, until it has made {@code maxMoves} claims. It only sends moves the contract accepts: each
 * candidate is checked with {@link GameRules#checkMove} first (and its status byte fixed at depth S+1); a rejected
 * candidate is replaced by another, up to a few tries per turn.
 */
public final class RandomPlayer implements Player {
    private static final int TRIES = 32;

    private final String name;
    private final Random random;
    private final int maxMoves;

    public RandomPlayer(String name, long seed, int maxMoves) {
        this.name = name;
        this.random = new Random(seed);
        this.maxMoves = maxMoves;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String strategy() {
        return "random";
    }

    @Override
    public List<GameAction> act(FaultDisputeGame game, long now) {
        if (game.status() != GameStatus.IN_PROGRESS) {
            return List.of();
        }
        long made = game.claims().stream().filter(c -> c.claimant().equals(name)).count();
        if (made >= maxMoves) {
            return List.of();
        }
        for (int i = 0; i < TRIES; i++) {
            int parent = random.nextInt(game.claimCount());
            boolean attack = random.nextInt(3) > 0;
            byte[] v = new byte[32];
            random.nextBytes(v);
            GameAction.Move m = Moves.legal(game, name, parent, attack, Bytes32.of(v), now);
            if (m != null) {
                return List.of(m);
            }
        }
        return List.of();
    }
}
