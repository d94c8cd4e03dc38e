package dev.faultscope.game;

import dev.faultscope.fpp.Bytes32;

/** What creates a game: its parameters and the proposer's root claim. A session starts from one. */
public record GameSetup(GameConfig config, Bytes32 rootClaim, long rootBlock, String rootClaimant, long createdAt) {
    public FaultDisputeGame newGame() {
        return new FaultDisputeGame(config, rootClaim, rootBlock, rootClaimant, createdAt);
    }
}
