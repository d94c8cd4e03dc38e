package dev.faultscope.ui.model;

/** How register and word values are written: hexadecimal, or signed decimal as a program sees an int. */
public enum Radix {
    HEX, DECIMAL;

    public String format(int v) {
        return this == HEX ? Numbers.hex32(v) : Integer.toString(v);
    }
}
