package dev.faultscope.chain;

/**
 * A {@code Move} or {@code Resolved} event of a game, with its block's timestamp: the game's timeline as the chain
 * saw it.
 *
 * @param kind        "Move" or "Resolved"
 * @param parentIndex a Move's parent claim index (-1 for Resolved)
 * @param claim       a Move's claim value (hex), or a Resolved's status name
 * @param sender      a Move's claimant (null for Resolved)
 */
public record ChainEvent(String kind, long block, long timestamp, String txHash, int parentIndex, String claim,
                         String sender) {
}
