package dev.faultscope.chain;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.Clock;
import dev.faultscope.game.Position;

import java.math.BigInteger;

/**
 * One {@code claimData} entry as read from chain, addresses as lower-case {@code 0x} hex.
 *
 * @param parentIndex the parent's index, -1 for the root (the contract's {@code type(uint32).max})
 * @param counteredBy the counter's address, or null for {@code address(0)}
 * @param resolved    {@code resolvedSubgames(index)}
 */
public record ChainClaim(int index, int parentIndex, String counteredBy, String claimant, BigInteger bond,
                         Bytes32 value, Position position, Clock clock, boolean resolved) {
    public int depth() {
        return position.depth();
    }
}
