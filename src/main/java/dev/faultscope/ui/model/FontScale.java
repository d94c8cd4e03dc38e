package dev.faultscope.ui.model;

/**
 * The app's font size for presentation mode: Ctrl + and Ctrl − step through sizes, Ctrl 0 resets, and the
 * large preset is readable from the back of a room on a projector.
 */
public final class FontScale {
    public static final double[] SIZES = {9, 10, 11, 12, 13, 14, 16, 18, 20, 22, 24, 28, 32, 36};
    public static final double DEFAULT = 13;
    public static final double LARGE = 22;

    private double size = DEFAULT;

    public double size() {
        return size;
    }

    public double larger() {
        for (double s : SIZES) {
            if (s > size) {
                return size = s;
            }
        }
        return size;
    }

    public double smaller() {
        for (int i = SIZES.length - 1; i >= 0; i--) {
            if (SIZES[i] < size) {
                return size = SIZES[i];
            }
        }
        return size;
    }

    public double reset() {
        return size = DEFAULT;
    }

    public double large() {
        return size = LARGE;
    }

    /** Relative to the default, for status text ("150 %"). */
    public int percent() {
        return (int) Math.round(100 * size / DEFAULT);
    }
}
