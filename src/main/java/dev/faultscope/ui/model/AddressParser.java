package dev.faultscope.ui.model;

import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.VmState;

import java.util.Locale;

/**
 * Reads what a user types into a go-to-address box: {@code 0x7fffd000}, {@code 4096}, a register
 * ({@code sp}, {@code $a0}, {@code r29}), {@code pc}, {@code nextpc}, {@code heap}, a symbol name, each
 * optionally followed by {@code +N} or {@code -N} (N hex with 0x, else decimal).
 */
public final class AddressParser {
    private AddressParser() {
    }

    /** The address, as the unsigned 32-bit value held in an int; IllegalArgumentException says what was wrong. */
    public static int parse(String text, VmState state, Symbols symbols) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("type an address: 0x…, a number, a register (sp), pc, heap or a symbol");
        }
        int split = Math.max(t.lastIndexOf('+'), t.lastIndexOf('-'));
        if (split > 0) {
            int base = parse(t.substring(0, split), state, symbols);
            long off = number(t.substring(split + 1).trim());
            return (int) (t.charAt(split) == '+' ? base + off : base - off);
        }
        String lower = t.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "pc" -> {
                return state.pc();
            }
            case "nextpc" -> {
                return state.nextPC();
            }
            case "heap" -> {
                return state.heap();
            }
            default -> {
            }
        }
        if (Character.isDigit(t.charAt(0))) {
            return (int) number(t);
        }
        int reg = RegisterNames.indexOf(t);
        if (reg >= 0) {
            return state.register(reg);
        }
        if (symbols != null) {
            var sym = symbols.byName(t);
            if (sym.isPresent()) {
                return sym.get().start();
            }
        }
        throw new IllegalArgumentException("\"" + t + "\" is not an address, a register, pc, heap or a known symbol");
    }

    private static long number(String s) {
        try {
            long v = s.toLowerCase(Locale.ROOT).startsWith("0x") ? Long.parseLong(s.substring(2).replace("_", ""), 16)
                : Long.parseLong(s.replace("_", ""));
            if (v < 0 || v > 0xFFFFFFFFL) {
                throw new IllegalArgumentException(s + " is outside the 32-bit address space");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + s + "\" is not a number (write hex as 0x…)");
        }
    }
}
