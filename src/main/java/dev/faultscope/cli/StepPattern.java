package dev.faultscope.cli;

/** Cannon's step patterns: {@code never}, {@code always}, {@code =N} (exactly step N), {@code %N} (every N steps). */
public record StepPattern(Kind kind, long n) {
    public enum Kind { NEVER, ALWAYS, EXACTLY, EVERY }

    public static final StepPattern NEVER = new StepPattern(Kind.NEVER, 0);

    public static StepPattern parse(String text) {
        String t = text.trim();
        if (t.equals("never") || t.isEmpty()) {
            return NEVER;
        }
        if (t.equals("always")) {
            return new StepPattern(Kind.ALWAYS, 0);
        }
        if (t.startsWith("=") || t.startsWith("%")) {
            String digits = t.substring(1);
            long n;
            try {
                // Only ASCII digits, as Go's ParseUint: Java's parser would also take "+5" and other scripts' digits.
                if (!digits.matches("[0-9]+")) {
                    throw new NumberFormatException();
                }
                n = Long.parseUnsignedLong(digits);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("step pattern '" + text + "': '" + digits
                    + "' is not a step number (decimal digits 0-9, no sign, at most 2^64-1)");
            }
            if (t.startsWith("%") && n == 0) {
                throw new IllegalArgumentException("step pattern '" + text + "': %0 would divide by zero");
            }
            return new StepPattern(t.startsWith("=") ? Kind.EXACTLY : Kind.EVERY, n);
        }
        throw new IllegalArgumentException("step pattern '" + text + "' is not one of never, always, =N, %N");
    }

    public boolean matches(long step) {
        return switch (kind) {
            case NEVER -> false;
            case ALWAYS -> true;
            case EXACTLY -> step == n;
            case EVERY -> Long.remainderUnsigned(step, n) == 0;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NEVER -> "never";
            case ALWAYS -> "always";
            case EXACTLY -> "=" + Long.toUnsignedString(n);
            case EVERY -> "%" + Long.toUnsignedString(n);
        };
    }
}
