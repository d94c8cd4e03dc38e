package dev.faultscope.ui.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the app remembers between runs: the window's place and size, the theme, the font size and presentation mode,
 * and the split-pane divider positions of each view. Kept in a preferences node (the UI tests use their own node,
 * so a test run never changes a user's settings). Missing or damaged entries fall back to the defaults.
 */
public final class Settings {
    private static final String SPLIT = "split.";

    /** The window's bounds; NaN until the window was placed once. */
    public double x = Double.NaN;
    public double y = Double.NaN;
    public double width = Double.NaN;
    public double height = Double.NaN;
    public boolean maximized;
    public boolean dark;
    public double fontSize = FontScale.DEFAULT;
    public boolean presentation;
    public double fontBeforePresentation = FontScale.DEFAULT;
    /** Divider positions (fractions) by split-pane name, e.g. "workbench.columns". */
    private final Map<String, double[]> splits = new LinkedHashMap<>();

    public boolean hasWindowBounds() {
        return !Double.isNaN(x) && !Double.isNaN(y) && width > 0 && height > 0;
    }

    public double[] split(String name) {
        double[] d = splits.get(name);
        return d == null ? null : d.clone();
    }

    public void setSplit(String name, double[] positions) {
        splits.put(name, positions.clone());
    }

    public void forgetSplits() {
        splits.clear();
    }

    public void forgetSplit(String name) {
        splits.remove(name);
    }

    public static Settings load(Preferences prefs) {
        Settings s = new Settings();
        s.x = prefs.getDouble("window.x", Double.NaN);
        s.y = prefs.getDouble("window.y", Double.NaN);
        s.width = prefs.getDouble("window.width", Double.NaN);
        s.height = prefs.getDouble("window.height", Double.NaN);
        s.maximized = prefs.getBoolean("window.maximized", false);
        s.dark = prefs.getBoolean("theme.dark", false);
        s.fontSize = sane(prefs.getDouble("font.size", FontScale.DEFAULT));
        s.presentation = prefs.getBoolean("font.presentation", false);
        s.fontBeforePresentation = sane(prefs.getDouble("font.beforePresentation", FontScale.DEFAULT));
        try {
            for (String key : prefs.keys()) {
                if (key.startsWith(SPLIT)) {
                    double[] d = parse(prefs.get(key, ""));
                    if (d != null) {
                        s.splits.put(key.substring(SPLIT.length()), d);
                    }
                }
            }
        } catch (BackingStoreException e) {
            // Without the stored dividers each view lays itself out to fit.
        }
        return s;
    }

    public void save(Preferences prefs) {
        putOrRemove(prefs, "window.x", x);
        putOrRemove(prefs, "window.y", y);
        putOrRemove(prefs, "window.width", width);
        putOrRemove(prefs, "window.height", height);
        prefs.putBoolean("window.maximized", maximized);
        prefs.putBoolean("theme.dark", dark);
        prefs.putDouble("font.size", fontSize);
        prefs.putBoolean("font.presentation", presentation);
        prefs.putDouble("font.beforePresentation", fontBeforePresentation);
        try {
            for (String key : prefs.keys()) {
                if (key.startsWith(SPLIT) && !splits.containsKey(key.substring(SPLIT.length()))) {
                    prefs.remove(key);
                }
            }
            for (Map.Entry<String, double[]> e : splits.entrySet()) {
                prefs.put(SPLIT + e.getKey(), format(e.getValue()));
            }
            prefs.flush();
        } catch (BackingStoreException e) {
            // Settings are a convenience: failing to keep them must not disturb closing the app.
        }
    }

    private static void putOrRemove(Preferences prefs, String key, double v) {
        if (Double.isNaN(v)) {
            prefs.remove(key);
        } else {
            prefs.putDouble(key, v);
        }
    }

    /** A font size outside the presets' range (a hand-edited or damaged entry) is the default. */
    private static double sane(double size) {
        return size >= FontScale.SIZES[0] && size <= FontScale.SIZES[FontScale.SIZES.length - 1] ? size : FontScale.DEFAULT;
    }

    private static String format(double[] d) {
        StringBuilder b = new StringBuilder();
        for (double v : d) {
            b.append(b.isEmpty() ? "" : ",").append(v);
        }
        return b.toString();
    }

    /** Fractions in (0, 1), ascending; anything else is ignored. */
    static double[] parse(String s) {
        try {
            double[] d = Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
            for (int i = 0; i < d.length; i++) {
                if (!(d[i] > 0 && d[i] < 1) || i > 0 && d[i] < d[i - 1]) {
                    return null;
                }
            }
            return d.length == 0 ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
