package dev.faultscope.game;

import dev.faultscope.fpp.Bytes32;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClockAndConfigTest {
    static final Bytes32 PRESTATE = Bytes32.keccak(new byte[] {1});
    static final Anchor ANCHOR = new Anchor(100, Bytes32.keccak(new byte[] {2}));
    static final Bytes32 L1_HEAD = Bytes32.keccak(new byte[] {3});

    @Test
    void packedClockIsDurationHighTimestampLow() {
        Clock c = new Clock(3_600, 1_700_000_000L);
        BigInteger packed = c.pack();
        assertEquals(BigInteger.valueOf(3_600).shiftLeft(64).add(BigInteger.valueOf(1_700_000_000L)), packed);
        assertEquals(c, Clock.unpack(packed));
        assertEquals(new Clock(0, 0), Clock.unpack(BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Clock.unpack(BigInteger.ONE.shiftLeft(128)));
    }

    @Test
    void challengerDurationAddsTheParentsUsedTimeAndCaps() {
        Clock parent = new Clock(1_000, 50);
        Clock claim = new Clock(200, 500);
        assertEquals(1_000 + 700, Clock.challengerDuration(parent, claim, 1_200, 3_600));
        assertEquals(3_600, Clock.challengerDuration(parent, claim, 10_000, 3_600));
        assertEquals(700, Clock.challengerDuration(null, claim, 1_200, 3_600)); // the root's parent counts as 0
        assertThrows(IllegalArgumentException.class, () -> Clock.challengerDuration(parent, claim, 499, 3_600));
    }

    @Test
    void extendedDurationClampsToLeaveTheExtension() {
        assertEquals(3_000, Clock.extendedDuration(3_000, 3_600, 600)); // exactly max - ext: unchanged
        assertEquals(3_000, Clock.extendedDuration(3_001, 3_600, 600));
        assertEquals(10, Clock.extendedDuration(10, 3_600, 600));
    }

    @Test
    void extensionDependsOnTheNewClaimsDepth() {
        GameConfig c = GameConfig.custom(8, 3, 3_600, 300, 600, PRESTATE, ANCHOR, L1_HEAD, 901);
        assertEquals(900, c.clockExtensionAt(7)); // M - 1: extension + challenge period
        assertEquals(600, c.clockExtensionAt(2)); // S - 1: twice the extension
        for (int d : new int[] {1, 3, 4, 5, 6}) {
            assertEquals(300, c.clockExtensionAt(d), "depth " + d);
        }
    }

    @Test
    void factoriesCarryTheDocumentedParameters() {
        GameConfig m = GameConfig.mainnet(PRESTATE, ANCHOR, L1_HEAD, 10);
        assertEquals(73, m.maxGameDepth());
        assertEquals(30, m.splitDepth());
        assertEquals(302_400, m.maxClockDuration());
        assertEquals(10_800, m.clockExtension());
        assertEquals(86_400, m.preimageChallengePeriod());
        GameConfig w = GameConfig.workshop(PRESTATE, ANCHOR, L1_HEAD, 10);
        assertEquals(30, w.maxGameDepth());
        assertEquals(4, w.splitDepth());
        assertEquals(3_600, w.maxClockDuration());
        assertEquals(300, w.clockExtension());
        assertEquals(600, w.preimageChallengePeriod());
        assertEquals(BigInteger.ONE.shiftLeft(25), w.executionTraceLength());
    }

    @Test
    void constructorRulesUseTheContractsErrors() {
        assertConfigError(ContractError.MaxDepthTooLarge, 126, 30);
        assertConfigError(ContractError.InvalidSplitDepth, 10, 9);  // S + 1 == M
        assertConfigError(ContractError.InvalidSplitDepth, 10, 1);  // S < 2
        GameConfig.custom(125, 2, PRESTATE, ANCHOR, L1_HEAD, 1);    // the limits themselves are fine
        GameConfig.custom(4, 2, PRESTATE, ANCHOR, L1_HEAD, 1);
        GameError e = assertThrows(GameError.class,
            () -> GameConfig.custom(8, 3, 899, 300, 600, PRESTATE, ANCHOR, L1_HEAD, 1));
        assertEquals(ContractError.InvalidClockExtension, e.error());
        e = assertThrows(GameError.class, () -> GameConfig.custom(8, 3, 599, 300, 0, PRESTATE, ANCHOR, L1_HEAD, 1));
        assertEquals(ContractError.InvalidClockExtension, e.error());
        GameConfig.custom(8, 3, 900, 300, 600, PRESTATE, ANCHOR, L1_HEAD, 1);
    }

    private static void assertConfigError(ContractError expected, int m, int s) {
        GameError e = assertThrows(GameError.class, () -> GameConfig.custom(m, s, PRESTATE, ANCHOR, L1_HEAD, 1));
        assertEquals(expected, e.error());
    }
}
