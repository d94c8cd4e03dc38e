package dev.faultscope.ui.model;

import dev.faultscope.crypto.Hex;

/** Number formatting shared by the views, so an address looks the same in every panel. */
public final class Numbers {
    private Numbers() {
    }

    public static String hex32(int v) {
        return String.format("0x%08x", v);
    }

    public static String hex8(int v) {
        return String.format("%02x", v & 0xFF);
    }

    /** Every way a reader may want a word: hex, unsigned, signed, and its bytes as ASCII. */
    public static String describe(int v) {
        return hex32(v) + "  =  " + Integer.toUnsignedString(v) + " unsigned  =  " + v + " signed  =  \""
            + ascii(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v}) + "\"";
    }

    /** Printable ASCII kept, everything else as a dot, as hex dumps do. */
    public static String ascii(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        for (byte x : b) {
            sb.append(x >= 0x20 && x < 0x7F ? (char) x : '.');
        }
        return sb.toString();
    }

    public static String hex(byte[] b) {
        return b == null ? "—" : Hex.encode(b);
    }

    /** A long hex string cut in the middle, for table cells; the full value goes in the tooltip. */
    public static String shortHex(byte[] b) {
        String s = hex(b);
        return s.length() <= 22 ? s : s.substring(0, 12) + "…" + s.substring(s.length() - 8);
    }
}
