package dev.faultscope.game;

import java.math.BigInteger;

/**
 * The fixed-point functions the bond formula uses, with the EVM's 256-bit semantics, following Solady's
 * {@code FixedPointMathLib} step for step: the same rational approximations, the same truncations (Solidity and
 * {@code sdiv} truncate toward zero, {@code >>} / {@code sar} on signed values floors), the same wrap-around of
 * {@code mul}. Doubles cannot do this: the last gas unit of a bond depends on every truncation.
 *
 * <p>Values are BigIntegers kept in the int256 range; {@link #wrap} reduces a result the way the EVM does.
 */
final class FixedPointWad {
    static final BigInteger WAD = BigInteger.TEN.pow(18);

    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
    private static final BigInteger INT256_MIN = BigInteger.ONE.shiftLeft(255).negate();
    private static final BigInteger INT256_MAX = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);
    private static final BigInteger UINT256_MAX = TWO_256.subtract(BigInteger.ONE);

    /** expWad returns 0 at or below this: the result would be under half a wei-unit (ln(0.5e-18) in WAD). */
    private static final BigInteger EXP_MIN_INPUT = new BigInteger("-41446531673892822313");
    /** expWad overflows int256 at or above this. */
    private static final BigInteger EXP_OVERFLOW_INPUT = new BigInteger("135305999368893231589");
    private static final BigInteger FIVE_POW_18 = BigInteger.valueOf(5).pow(18);
    private static final BigInteger LN2_Q96 = big("54916777467707473351141471128");

    private FixedPointWad() {
    }

    private static BigInteger big(String s) {
        return new BigInteger(s);
    }

    /** Reduces modulo 2^256 into the int256 range, as EVM arithmetic does. */
    static BigInteger wrap(BigInteger v) {
        BigInteger u = v.mod(TWO_256);
        return u.compareTo(INT256_MAX) > 0 ? u.subtract(TWO_256) : u;
    }

    private static BigInteger unsigned(BigInteger v) {
        return v.mod(TWO_256);
    }

    private static BigInteger mul(BigInteger a, BigInteger b) {
        return wrap(a.multiply(b));
    }

    private static BigInteger add(BigInteger a, BigInteger b) {
        return wrap(a.add(b));
    }

    private static BigInteger sub(BigInteger a, BigInteger b) {
        return wrap(a.subtract(b));
    }

    /** Arithmetic shift right (floor), as {@code sar} and Solidity's {@code >>} on int256. */
    private static BigInteger sar(int n, BigInteger v) {
        return v.shiftRight(n);
    }

    /** Signed division truncating toward zero; the EVM gives 0 for a zero divisor and wraps MIN / -1. */
    private static BigInteger sdiv(BigInteger a, BigInteger b) {
        if (b.signum() == 0) {
            return BigInteger.ZERO;
        }
        return wrap(a.divide(b));
    }

    /** Checked signed multiply, as Solidity 0.8 outside {@code unchecked}. */
    private static BigInteger checkedMul(BigInteger a, BigInteger b) {
        BigInteger r = a.multiply(b);
        if (r.compareTo(INT256_MIN) < 0 || r.compareTo(INT256_MAX) > 0) {
            throw new ArithmeticException("int256 multiplication overflow (Panic 0x11)");
        }
        return r;
    }

    /** {@code (x * y) / WAD} rounded down, unsigned; reverts (MulWadFailed) if {@code x * y} overflows. */
    static BigInteger mulWad(BigInteger x, BigInteger y) {
        BigInteger p = x.multiply(y);
        if (p.compareTo(UINT256_MAX) > 0) {
            throw new ArithmeticException("MulWadFailed");
        }
        return p.divide(WAD);
    }

    /** {@code (x * WAD) / y} rounded down, unsigned; reverts (DivWadFailed) on overflow or a zero divisor. */
    static BigInteger divWad(BigInteger x, BigInteger y) {
        BigInteger p = x.multiply(WAD);
        if (y.signum() == 0 || p.compareTo(UINT256_MAX) > 0) {
            throw new ArithmeticException("DivWadFailed");
        }
        return p.divide(y);
    }

    /** {@code x^y} as {@code exp(ln(x) * y)}, both WAD; an approximation, exactly as the contract computes it. */
    static BigInteger powWad(BigInteger x, BigInteger y) {
        return expWad(checkedMul(lnWad(x), y).divide(WAD));
    }

    /** {@code e^x} in WAD: range reduction by powers of two, then a (6, 7)-term rational approximation. */
    static BigInteger expWad(BigInteger x) {
        if (x.compareTo(EXP_MIN_INPUT) <= 0) {
            return BigInteger.ZERO;
        }
        if (x.compareTo(EXP_OVERFLOW_INPUT) >= 0) {
            throw new ArithmeticException("ExpOverflow");
        }
        // To a 2^96 binary basis: multiply by 1e18 / 2^96 = 5^18 / 2^78.
        x = wrap(x.shiftLeft(78)).divide(FIVE_POW_18);
        // k = round(x / ln 2), x' = x - k ln 2 in (-ln2/2, ln2/2).
        BigInteger k = sar(96, add(wrap(x.shiftLeft(96)).divide(LN2_Q96), BigInteger.ONE.shiftLeft(95)));
        x = sub(x, mul(k, LN2_Q96));

        BigInteger y = add(x, big("1346386616545796478920950773328"));
        y = add(sar(96, mul(y, x)), big("57155421227552351082224309758442"));
        BigInteger p = sub(add(y, x), big("94201549194550492254356042504812"));
        p = add(sar(96, mul(p, y)), big("28719021644029726153956944680412240"));
        p = add(mul(p, x), wrap(big("4385272521454847904659076985693276").shiftLeft(96)));

        BigInteger q = sub(x, big("2855989394907223263936484059900"));
        q = add(sar(96, mul(q, x)), big("50020603652535783019961831881945"));
        q = sub(sar(96, mul(q, x)), big("533845033583426703283633433725380"));
        q = add(sar(96, mul(q, x)), big("3604857256930695427073651918091429"));
        q = sub(sar(96, mul(q, x)), big("14423608567350463180887372962807573"));
        q = add(sar(96, mul(q, x)), big("26449188498355588339934803723976023"));

        BigInteger r = sdiv(p, q);
        // Scale factor, 2^k and the basis change back to 1e18 in one unsigned multiply and logical shift.
        BigInteger scaled = unsigned(unsigned(r).multiply(big("3822833074963236453042738258902158003155416615667")));
        int shift = BigInteger.valueOf(195).subtract(k).intValueExact();
        return wrap(scaled.shiftRight(shift));
    }

    /** {@code ln(x)} in WAD for {@code x > 0}: reduce to [1, 2) by a power of two, then an (8, 8)-term rational. */
    static BigInteger lnWad(BigInteger x) {
        if (x.signum() <= 0) {
            throw new ArithmeticException("LnWadUndefined");
        }
        // r = 255 - floor(log2 x): the shift that brings x's top bit to bit 255.
        int r = 256 - x.bitLength();
        x = unsigned(x.shiftLeft(r)).shiftRight(159);

        BigInteger p = sar(96, mul(add(big("3273285459638523848632254066296"), x), x));
        p = sar(96, mul(add(big("24828157081833163892658089445524"), p), x));
        p = sub(sar(96, mul(add(big("43456485725739037958740375743393"), p), x)), big("11111509109440967052023855526967"));
        p = sub(sar(96, mul(p, x)), big("45023709667254063763336534515857"));
        p = sub(sar(96, mul(p, x)), big("14706773417378608786704636184526"));
        p = sub(mul(p, x), wrap(big("795164235651350426258249787498").shiftLeft(96)));

        BigInteger q = add(big("5573035233440673466300451813936"), x);
        q = add(big("71694874799317883764090561454958"), sar(96, mul(x, q)));
        q = add(big("283447036172924575727196451306956"), sar(96, mul(x, q)));
        q = add(big("401686690394027663651624208769553"), sar(96, mul(x, q)));
        q = add(big("204048457590392012362485061816622"), sar(96, mul(x, q)));
        q = add(big("31853899698501571402653359427138"), sar(96, mul(x, q)));
        q = add(big("909429971244387300277376558375"), sar(96, mul(x, q)));

        p = sdiv(p, q);
        p = mul(big("1677202110996718588342820967067443963516166"), p);
        p = add(mul(big("16597577552685614221487285958193947469193820559219878177908093499208371"),
            BigInteger.valueOf(159 - r)), p);
        p = add(big("600920179829731861736702779321621459595472258049074101567377883020018308"), p);
        return sar(174, p);
    }
}
