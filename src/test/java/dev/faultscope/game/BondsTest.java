package dev.faultscope.game;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BondsTest {
    private static final BigInteger GWEI_200 = BigInteger.valueOf(200_000_000_000L);

    /** dispute-game.md section 6: gas for M = 73, depth 0..73 (the spec's cross-check table). */
    private static final long[] MAINNET_GAS = {
        400000, 437970, 479544, 525065, 574906, 629480, 689233, 754659,
        826295, 904731, 990612, 1084646, 1187607, 1300340, 1423775, 1558927,
        1706909, 1868937, 2046346, 2240596, 2453285, 2686163, 2941147, 3220336,
        3526026, 3860735, 4227215, 4628484, 5067843, 5548909, 6075639, 6652370,
        7283847, 7975266, 8732319, 9561235, 10468836, 11462591, 12550679, 13742053,
        15046518, 16474810, 18038683, 19751006, 21625872, 23678709, 25926412, 28387479,
        31082162, 34032639, 37263190, 40800401, 44673382, 48914006, 53557172, 58641090,
        64207600, 70302511, 76975982, 84282933, 92283497, 101043514, 110635077, 121137120,
        132636070, 145226559, 159012200, 174106445, 190633512, 208729412, 228543067, 250237534,
        273991351, 299999999,
    };

    /** dispute-game.md section 6: the M = 8 bonds in ETH. */
    private static final String[] M8_ETH = {
        "0.08", "0.183009", "0.418654", "0.9577186", "2.1908902", "5.01191", "11.4653134", "26.2282062", "59.9999998",
    };

    @Test
    void mainnetTableAllDepths() {
        assertEquals(74, MAINNET_GAS.length);
        for (int d = 0; d <= 73; d++) {
            BigInteger expected = BigInteger.valueOf(MAINNET_GAS[d]).multiply(GWEI_200);
            assertEquals(expected, Bonds.requiredBond(d, 73), "bond at depth " + d);
        }
    }

    @Test
    void eightDeepTableInEth() {
        for (int d = 0; d <= 8; d++) {
            BigInteger expected = new BigDecimal(M8_ETH[d]).movePointRight(18).toBigIntegerExact();
            assertEquals(expected, Bonds.requiredBond(d, 8), "bond at depth " + d + " of 8");
        }
    }

    @Test
    void depthBelowMaxIsTheContractsGameDepthExceeded() {
        GameError e = assertThrows(GameError.class, () -> Bonds.requiredBond(74, 73));
        assertEquals(ContractError.GameDepthExceeded, e.error());
    }

    @Test
    void bondsGrowWithDepthForAnyMaxDepth() {
        for (int m : new int[] {4, 6, 30, 125}) {
            BigInteger prev = BigInteger.ZERO;
            for (int d = 0; d <= m; d++) {
                BigInteger b = Bonds.requiredBond(d, m);
                assertTrue(b.compareTo(prev) > 0, "bond at depth " + d + " of " + m + " not above the previous");
                prev = b;
            }
            // The root always costs the base 400,000 gas: e^0 is exactly 1 WAD.
            assertEquals(BigInteger.valueOf(400_000).multiply(GWEI_200), Bonds.requiredBond(0, m));
        }
    }

    @Test
    void fixedPointFunctionsMatchSoladysPublishedValues() {
        // Values from Solady's own FixedPointMathLib test suite (reference outputs, not this code's).
        assertEquals(new BigInteger("2718281828459045235"), FixedPointWad.expWad(FixedPointWad.WAD));
        assertEquals(new BigInteger("367879441171442321"), FixedPointWad.expWad(FixedPointWad.WAD.negate()));
        assertEquals(new BigInteger("20085536923187667741"), FixedPointWad.expWad(new BigInteger("3000000000000000000")));
        assertEquals(FixedPointWad.WAD, FixedPointWad.expWad(BigInteger.ZERO));
        assertEquals(BigInteger.ZERO, FixedPointWad.lnWad(FixedPointWad.WAD));
        assertThrows(ArithmeticException.class, () -> FixedPointWad.lnWad(BigInteger.ZERO));
        assertThrows(ArithmeticException.class, () -> FixedPointWad.expWad(new BigInteger("135305999368893231589")));
    }
}
