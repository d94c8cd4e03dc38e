package dev.faultscope.game;

import java.math.BigInteger;

/**
 * A claim's chess clock, the contract's {@code Clock}: the time its claimant's team had used when the claim was
 * made ({@code duration}) and when it was made ({@code timestamp}). On chain both are packed into one uint128,
 * duration in the high 64 bits, which is why a raw clock read as a number looks like a huge timestamp.
 */
public record Clock(long duration, long timestamp) {
    private static final BigInteger U64_MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    public Clock {
        if (duration < 0 || timestamp < 0) {
            throw new IllegalArgumentException("clock fields are uint64 seconds: duration " + duration + ", timestamp " + timestamp);
        }
    }

    /** {@code duration << 64 | timestamp}, as {@code LibClock.wrap}. */
    public BigInteger pack() {
        return BigInteger.valueOf(duration).shiftLeft(64).or(BigInteger.valueOf(timestamp));
    }

    public static Clock unpack(BigInteger packed) {
        if (packed.signum() < 0 || packed.bitLength() > 128) {
            throw new IllegalArgumentException("a packed clock is a uint128, got " + packed);
        }
        return new Clock(packed.shiftRight(64).longValueExact(), packed.and(U64_MASK).longValueExact());
    }

    /**
     * The time used by the team that would counter a claim with clock {@code claimClock} whose parent's clock is
     * {@code parentClock} (null for the root, whose parent duration counts as 0): the parent's duration plus the time
     * since the claim was made, capped at {@code maxClockDuration}.
     */
    public static long challengerDuration(Clock parentClock, Clock claimClock, long now, long maxClockDuration) {
        if (now < claimClock.timestamp) {
            throw new IllegalArgumentException("now " + now + " is before the claim's timestamp " + claimClock.timestamp
                + " (the contract's subtraction would underflow)");
        }
        long parentDuration = parentClock == null ? 0 : parentClock.duration;
        long d = parentDuration + (now - claimClock.timestamp);
        return Math.min(d, maxClockDuration);
    }

    /**
     * The duration stored on a new claim: the mover's used time, lowered to {@code max − extension} so the team
     * answering the new claim's children is left at least {@code extension} seconds.
     */
    public static long extendedDuration(long moverDuration, long maxClockDuration, long extension) {
        return moverDuration > maxClockDuration - extension ? maxClockDuration - extension : moverDuration;
    }

    @Override
    public String toString() {
        return "Clock[duration " + duration + " s, at t=" + timestamp + "]";
    }
}
