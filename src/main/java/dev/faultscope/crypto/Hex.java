package dev.faultscope.crypto;

/** 0x-prefixed lower-case hex, as Cannon's files and Ethereum tools write bytes. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    public static String encode(byte[] b) {
        char[] c = new char[2 + 2 * b.length];
        c[0] = '0';
        c[1] = 'x';
        for (int i = 0; i < b.length; i++) {
            c[2 + 2 * i] = DIGITS[(b[i] >>> 4) & 0xF];
            c[3 + 2 * i] = DIGITS[b[i] & 0xF];
        }
        return new String(c);
    }

    /** Decodes hex with or without the 0x prefix; odd length or a non-hex (non-ASCII) digit is an error naming the position. */
    public static byte[] decode(String s) {
        String h = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        if (h.length() % 2 != 0) {
            throw new IllegalArgumentException("hex string has an odd number of digits (" + h.length() + ")");
        }
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = digit(h.charAt(2 * i));
            int lo = digit(h.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not a hex digit at position " + (2 * i + (hi < 0 ? 0 : 1)) + " of \"" + abbreviate(s) + "\"");
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /**
     * One ASCII hex digit's value, or -1: {@link Character#digit} also takes other scripts' digits (U+0661) and
     * fullwidth letters, which no hex format allows.
     */
    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }

    public static String word(int v) {
        return String.format("0x%08x", v);
    }
}
