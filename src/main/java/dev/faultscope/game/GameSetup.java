package dev.faultscope.game;

import dev.faultscope.fpp.Bytes32;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What creates a game: its parameters and the proposer's root claim. A session starts from one.
 *
 * @param rootBond the root claim's bond (the factory's init bond), null for the depth-0 bond
 * @param rules    the release whose rules the game follows (a game read from chain may be 1.2.0)
 */
public record GameSetup(GameConfig config, Bytes32 rootClaim, long rootBlock, String rootClaimant, long createdAt,
                        BigInteger rootBond, RulesVersion rules) {
    public GameSetup {
        Objects.requireNonNull(rules, "rules");
    }

    /** A game under the model's own rules (1.3.1) whose creator posts the depth-0 bond. */
    public GameSetup(GameConfig config, Bytes32 rootClaim, long rootBlock, String rootClaimant, long createdAt) {
        this(config, rootClaim, rootBlock, rootClaimant, createdAt, null, RulesVersion.V1_3_1);
    }

    public FaultDisputeGame newGame() {
        FaultDisputeGame game = rootBond == null
            ? new FaultDisputeGame(config, rootClaim, rootBlock, rootClaimant, createdAt)
            : new FaultDisputeGame(config, rootClaim, rootBlock, rootClaimant, rootBond, createdAt);
        game.useRules(rules);
        return game;
    }
}
