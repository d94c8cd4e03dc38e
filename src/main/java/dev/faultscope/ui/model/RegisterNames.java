package dev.faultscope.ui.model;

import java.util.Locale;

/** The MIPS o32 ABI names of r0–r31, in the order the disassembler writes them. */
public final class RegisterNames {
    private static final String[] ABI = {
        "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
        "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
        "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
        "t8", "t9", "k0", "k1", "gp", "sp", "fp", "ra"};

    private RegisterNames() {
    }

    public static String abi(int i) {
        return ABI[i];
    }

    /** The register named {@code name} ("sp", "$sp", "r29", "$29"), or -1. */
    public static int indexOf(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.startsWith("$")) {
            n = n.substring(1);
        }
        for (int i = 0; i < 32; i++) {
            if (ABI[i].equals(n)) {
                return i;
            }
        }
        if (n.equals("s8")) {
            return 30;
        }
        String digits = n.startsWith("r") ? n.substring(1) : n;
        if (!digits.isEmpty() && digits.length() <= 2 && digits.chars().allMatch(Character::isDigit)
            && (n.startsWith("r") || name.trim().startsWith("$"))) {
            int i = Integer.parseInt(digits);
            return i < 32 ? i : -1;
        }
        return -1;
    }
}
