package dev.faultscope.game;

import dev.faultscope.fpp.Bytes32;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The immutables of one {@code FaultDisputeGame} plus what its creation fixes (anchor, L1 head, the game's address).
 * The compact constructor applies the contract constructor's checks in its order, so a configuration that exists here
 * could be deployed.
 *
 * @param maxGameDepth            M: the deepest claim; below it only steps
 * @param splitDepth              S: the deepest output-root claim; S+1..M bisect the VM trace
 * @param maxClockDuration        seconds one team's chess clock may accumulate
 * @param clockExtension          seconds guaranteed to a team that inherits a nearly spent clock
 * @param preimageChallengePeriod the pre-image oracle's challenge period (added to the extension before a step)
 * @param absolutePrestate        the state hash every execution subgame starts from
 * @param anchor                  the agreed starting block and output root
 * @param l1Head                  the L1 block hash the game's fault proof program derives from
 * @param l2ChainId               the chain id served as local data ident 5
 * @param gameAddress             the game contract's address (it localizes pre-image keys)
 */
public record GameConfig(int maxGameDepth, int splitDepth, long maxClockDuration, long clockExtension,
                         long preimageChallengePeriod, Bytes32 absolutePrestate, Anchor anchor, Bytes32 l1Head,
                         long l2ChainId, Address gameAddress) {
    /** {@code LibPosition.MAX_POSITION_BITLEN - 1}: a step's position (depth M + 1) must still fit a uint128. */
    public static final int MAX_SUPPORTED_DEPTH = 125;

    public static final int MAINNET_MAX_GAME_DEPTH = 73;
    public static final int MAINNET_SPLIT_DEPTH = 30;
    public static final long MAINNET_MAX_CLOCK_DURATION = 302_400;
    public static final long MAINNET_CLOCK_EXTENSION = 10_800;
    public static final long MAINNET_CHALLENGE_PERIOD = 86_400;

    public static final int WORKSHOP_MAX_GAME_DEPTH = 30;
    public static final int WORKSHOP_SPLIT_DEPTH = 4;
    /**
     * Workshop clocks: an hour per team, five-minute extensions and a ten-minute oracle challenge period, so a
     * class sees clocks run out and extensions kick in within one session of simulated time, while keeping the
     * mainnet proportions (extension well under the clock, challenge period the largest extension).
     */
    public static final long WORKSHOP_MAX_CLOCK_DURATION = 3_600;
    public static final long WORKSHOP_CLOCK_EXTENSION = 300;
    public static final long WORKSHOP_CHALLENGE_PERIOD = 600;

    public GameConfig {
        Objects.requireNonNull(absolutePrestate, "absolutePrestate");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(l1Head, "l1Head");
        Objects.requireNonNull(gameAddress, "gameAddress");
        if (maxGameDepth > MAX_SUPPORTED_DEPTH) {
            throw new GameError(ContractError.MaxDepthTooLarge, "MAX_GAME_DEPTH " + maxGameDepth + " > " + MAX_SUPPORTED_DEPTH);
        }
        if (splitDepth + 1 >= maxGameDepth) {
            throw new GameError(ContractError.InvalidSplitDepth,
                "SPLIT_DEPTH " + splitDepth + " + 1 must be below MAX_GAME_DEPTH " + maxGameDepth);
        }
        if (splitDepth < 2) {
            throw new GameError(ContractError.InvalidSplitDepth, "SPLIT_DEPTH " + splitDepth + " < 2");
        }
        if (maxClockDuration < 0 || clockExtension < 0 || preimageChallengePeriod < 0) {
            throw new IllegalArgumentException("durations are uint64 seconds, got max " + maxClockDuration
                + ", extension " + clockExtension + ", challenge period " + preimageChallengePeriod);
        }
        long maxExtension = Math.max(Math.multiplyExact(clockExtension, 2L), Math.addExact(clockExtension, preimageChallengePeriod));
        if (maxExtension > maxClockDuration) {
            throw new GameError(ContractError.InvalidClockExtension, "largest extension " + maxExtension
                + " s (max of 2 x " + clockExtension + " and " + clockExtension + " + " + preimageChallengePeriod
                + ") exceeds MAX_CLOCK_DURATION " + maxClockDuration + " s");
        }
    }

    /**
     * Bits of a trace index inside one execution subgame: its root at depth S + 1 has 2^(M − S − 1) leaves below it.
     * Up to 122 here, far past a long: such indices are padding after the program's exit.
     */
    public int executionTraceBits() {
        return maxGameDepth - splitDepth - 1;
    }

    /** Mainnet's parameters (73/30, 3.5 days, 3 h, 1 day challenge period). */
    public static GameConfig mainnet(Bytes32 absolutePrestate, Anchor anchor, Bytes32 l1Head, long l2ChainId) {
        return new GameConfig(MAINNET_MAX_GAME_DEPTH, MAINNET_SPLIT_DEPTH, MAINNET_MAX_CLOCK_DURATION,
            MAINNET_CLOCK_EXTENSION, MAINNET_CHALLENGE_PERIOD, absolutePrestate, anchor, l1Head, l2ChainId,
            Address.DEFAULT_GAME);
    }

    /** A classroom game: 30/4 with the short WORKSHOP_* clocks. */
    public static GameConfig workshop(Bytes32 absolutePrestate, Anchor anchor, Bytes32 l1Head, long l2ChainId) {
        return new GameConfig(WORKSHOP_MAX_GAME_DEPTH, WORKSHOP_SPLIT_DEPTH, WORKSHOP_MAX_CLOCK_DURATION,
            WORKSHOP_CLOCK_EXTENSION, WORKSHOP_CHALLENGE_PERIOD, absolutePrestate, anchor, l1Head, l2ChainId,
            Address.DEFAULT_GAME);
    }

    /** Any depths, with the workshop clocks. */
    public static GameConfig custom(int maxGameDepth, int splitDepth, Bytes32 absolutePrestate, Anchor anchor,
                                    Bytes32 l1Head, long l2ChainId) {
        return new GameConfig(maxGameDepth, splitDepth, WORKSHOP_MAX_CLOCK_DURATION, WORKSHOP_CLOCK_EXTENSION,
            WORKSHOP_CHALLENGE_PERIOD, absolutePrestate, anchor, l1Head, l2ChainId, Address.DEFAULT_GAME);
    }

    /** Any depths and clocks. */
    public static GameConfig custom(int maxGameDepth, int splitDepth, long maxClockDuration, long clockExtension,
                                    long preimageChallengePeriod, Bytes32 absolutePrestate, Anchor anchor,
                                    Bytes32 l1Head, long l2ChainId) {
        return new GameConfig(maxGameDepth, splitDepth, maxClockDuration, clockExtension, preimageChallengePeriod,
            absolutePrestate, anchor, l1Head, l2ChainId, Address.DEFAULT_GAME);
    }

    public GameConfig withGameAddress(Address address) {
        return new GameConfig(maxGameDepth, splitDepth, maxClockDuration, clockExtension, preimageChallengePeriod,
            absolutePrestate, anchor, l1Head, l2ChainId, address);
    }

    public GameConfig withClocks(long maxClockDuration, long clockExtension, long preimageChallengePeriod) {
        return new GameConfig(maxGameDepth, splitDepth, maxClockDuration, clockExtension, preimageChallengePeriod,
            absolutePrestate, anchor, l1Head, l2ChainId, gameAddress);
    }

    /**
     * The extension a new claim at {@code depth} guarantees to the team that answers its children: before a step
     * the oracle's challenge period is added (the stepper may have to load a large pre-image first); just above the
     * split it doubles (the next team starts the execution trace).
     */
    public long clockExtensionAt(int depth) {
        if (depth == maxGameDepth - 1) {
            return clockExtension + preimageChallengePeriod;
        }
        if (depth == splitDepth - 1) {
            return 2 * clockExtension;
        }
        return clockExtension;
    }

    /** The bond for a claim at {@code depth}, in wei. */
    public BigInteger requiredBond(int depth) {
        return Bonds.requiredBond(depth, maxGameDepth);
    }

    /** Number of VM steps one execution subgame can bisect: {@code 2^(M − S − 1)} leaves. */
    public BigInteger executionTraceLength() {
        return BigInteger.ONE.shiftLeft(maxGameDepth - splitDepth - 1);
    }
}
