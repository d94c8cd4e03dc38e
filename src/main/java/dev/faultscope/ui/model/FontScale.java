package dev.faultscope.ui.model;

/**
 * The app's font size for presentation mode: Ctrl + and Ctrl − step through sizes, Ctrl 0 resets, and the
 * large preset is readable from the back of a room on a projector. The window sets a ceiling: text larger than
 * the window can lay out (every panel, tool bar and register whole) is not offered, and a window made smaller shows
 * the chosen size brought down to its ceiling (the choice comes back when the window grows again).
 */
public final class FontScale {
    public static final double[] SIZES = {9, 10, 11, 12, 13, 14, 16, 18, 20, 22, 24, 28, 32, 36};
    public static final double DEFAULT = 13;
    public static final double LARGE = 22;
    /** The window must be this many lines of text tall and this many characters wide for a font size. */
    static final double LINES = 31;
    static final double COLUMNS = 53;

    private double size = DEFAULT;
    private double ceiling = SIZES[SIZES.length - 1];
    private boolean presentation;
    private double beforePresentation = DEFAULT;

    /** The size shown: the chosen one, at most the window's ceiling. */
    public double size() {
        return Math.min(size, ceiling);
    }

    /** The size the user chose (kept in the settings). */
    public double chosen() {
        return size;
    }

    public double larger() {
        double now = size();
        for (double s : SIZES) {
            if (s > now && s <= ceiling) {
                return size = s;
            }
        }
        return size();
    }

    public double smaller() {
        double now = size();
        for (int i = SIZES.length - 1; i >= 0; i--) {
            if (SIZES[i] < now) {
                return size = SIZES[i];
            }
        }
        return size();
    }

    public double reset() {
        presentation = false;
        size = DEFAULT;
        return size();
    }

    public double large() {
        size = LARGE;
        return size();
    }

    /** Presentation mode on (the large preset) or off (back to the size before it). */
    public boolean togglePresentation() {
        if (presentation) {
            presentation = false;
            size = beforePresentation;
        } else {
            presentation = true;
            beforePresentation = size();
            large();
        }
        return presentation;
    }

    public boolean presentation() {
        return presentation;
    }

    /** Restores a remembered state (settings). */
    public void restore(double size, boolean presentation, double beforePresentation) {
        this.size = size;
        this.presentation = presentation;
        this.beforePresentation = beforePresentation;
    }

    public double beforePresentation() {
        return beforePresentation;
    }

    public double ceiling() {
        return ceiling;
    }

    /** Makes the largest preset that fits a window of this size the ceiling. Returns true when the shown size changed. */
    public boolean fitWindow(double width, double height) {
        return fitWindow(width, height, 0);
    }

    /** The same with {@code extraLines} more lines of text to fit (the lesson strip under the game view). */
    public boolean fitWindow(double width, double height, double extraLines) {
        double before = size();
        double most = SIZES[0];
        for (double s : SIZES) {
            if (s * (LINES + extraLines) <= height && s * COLUMNS <= width) {
                most = s;
            }
        }
        ceiling = most;
        return size() != before;
    }

    /** Relative to the default, for status text ("150 %"). */
    public int percent() {
        return (int) Math.round(100 * size() / DEFAULT);
    }
}
