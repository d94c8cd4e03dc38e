package dev.faultscope.chain;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.GameStatus;
import dev.faultscope.game.RulesVersion;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything read from one {@code FaultDisputeGame} at one block: its immutables, its state, every claim, the
 * credit of every address that appears in it, its events, and what its VM and oracle report. A snapshot: nothing
 * here changes after the read.
 *
 * @param readBlock      the block the reads were made at (the latest when reading began)
 * @param readTimestamp  that block's timestamp: "now" for the clocks
 * @param resolvedAt     0 while in progress (the contract's zero timestamp)
 * @param credits        {@code credit(address)} of the creator, every claimant and every counter
 * @param events         Move and Resolved events (empty when the node would not serve the logs)
 * @param steps          the step transactions found against the game's leaves, by the leaf's index
 * @param warnings       what could not be read or is not supported (an unknown version, logs refused, …)
 */
public record ChainGame(String address, String version, int gameType, Bytes32 rootClaim, long l2BlockNumber,
                        Bytes32 l1Head, String creator, Bytes32 absolutePrestate, int maxGameDepth, int splitDepth,
                        long clockExtension, long maxClockDuration, String vm, String vmVersion, String oracle,
                        long oracleChallengePeriod, String weth, String anchorStateRegistry, long l2ChainId,
                        long startingBlockNumber, Bytes32 startingRootHash, GameStatus status, long createdAt,
                        long resolvedAt, List<ChainClaim> claims, Map<String, BigInteger> credits,
                        List<ChainEvent> events, Map<Integer, StepCall> steps, long chainId, long readBlock,
                        long readTimestamp, List<String> warnings) {
    public ChainGame {
        claims = List.copyOf(claims);
        credits = Map.copyOf(credits);
        events = List.copyOf(events);
        steps = Map.copyOf(steps);
        warnings = List.copyOf(warnings);
    }

    /** The rules the engine applies to this game; empty for a version it does not know (read-only). */
    public Optional<RulesVersion> rules() {
        return RulesVersion.forVersion(version);
    }

    /** The VM is the single-threaded MIPS32 one Faultscope implements (MIPS.sol 1.x). */
    public boolean vmSupported() {
        return vmVersion != null && vmVersion.startsWith("1.");
    }
}
