package dev.faultscope.game;

import java.math.BigInteger;

/**
 * The contract's {@code getRequiredBond}: {@code 200 gwei × 400,000 × 750^(depth/M)} gas, computed as
 * {@code e^(ln(750) × (1/M))} raised to the depth with Solady's fixed-point functions. Each truncation on the way is
 * the contract's, which is why the deepest bond for M = 73 is 299,999,999 gas rather than 300,000,000.
 */
public final class Bonds {
    public static final BigInteger ASSUMED_BASE_FEE = BigInteger.valueOf(200_000_000_000L); // 200 gwei
    public static final BigInteger BASE_GAS_CHARGED = BigInteger.valueOf(400_000);
    public static final BigInteger HIGH_GAS_CHARGED = BigInteger.valueOf(300_000_000);

    private Bonds() {
    }

    /** The bond for a claim at {@code depth} in a game of {@code maxGameDepth}, in wei. */
    public static BigInteger requiredBond(int depth, int maxGameDepth) {
        return requiredGas(depth, maxGameDepth).multiply(ASSUMED_BASE_FEE);
    }

    /** The gas amount the bond prices at 200 gwei. */
    public static BigInteger requiredGas(int depth, int maxGameDepth) {
        if (maxGameDepth <= 0) {
            throw new IllegalArgumentException("MAX_GAME_DEPTH must be positive, got " + maxGameDepth);
        }
        if (depth < 0) {
            throw new IllegalArgumentException("negative depth " + depth);
        }
        if (depth > maxGameDepth) {
            throw new GameError(ContractError.GameDepthExceeded, "depth " + depth + " > MAX_GAME_DEPTH " + maxGameDepth);
        }
        BigInteger wad = FixedPointWad.WAD;
        BigInteger a = HIGH_GAS_CHARGED.divide(BASE_GAS_CHARGED);
        BigInteger c = BigInteger.valueOf(maxGameDepth).multiply(wad);
        BigInteger lnA = FixedPointWad.lnWad(a.multiply(wad));
        BigInteger bOverC = FixedPointWad.divWad(wad, c);
        BigInteger numerator = FixedPointWad.mulWad(lnA, bOverC);
        BigInteger base = FixedPointWad.expWad(numerator);
        BigInteger rawGas = FixedPointWad.powWad(base, BigInteger.valueOf(depth).multiply(wad));
        return FixedPointWad.mulWad(BASE_GAS_CHARGED, rawGas);
    }
}
