package dev.faultscope.ui.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** The files opened last, newest first, kept in the user's preferences between runs. */
public final class RecentFiles {
    public static final int MAX = 10;
    private static final String KEY = "recent.";

    private final Preferences prefs;

    public RecentFiles(Preferences prefs) {
        this.prefs = prefs;
    }

    public List<Path> list() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            String s = prefs.get(KEY + i, null);
            if (s != null) {
                out.add(Path.of(s));
            }
        }
        return out;
    }

    /** Puts {@code path} first, dropping an older mention of it and the oldest beyond {@link #MAX}. */
    public void add(Path path) {
        Path p = path.toAbsolutePath().normalize();
        List<Path> list = list();
        list.remove(p);
        list.add(0, p);
        save(list);
    }

    public void remove(Path path) {
        List<Path> list = list();
        list.remove(path.toAbsolutePath().normalize());
        save(list);
    }

    public void clear() {
        save(List.of());
    }

    private void save(List<Path> list) {
        for (int i = 0; i < MAX; i++) {
            if (i < list.size()) {
                prefs.put(KEY + i, list.get(i).toString());
            } else {
                prefs.remove(KEY + i);
            }
        }
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            // Recent files are a convenience: losing the list must not disturb opening the file.
        }
    }
}
