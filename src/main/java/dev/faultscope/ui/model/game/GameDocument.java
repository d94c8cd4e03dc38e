package dev.faultscope.ui.model.game;

import dev.faultscope.io.SessionFile;
import dev.faultscope.ui.model.BundledSamples;
import dev.faultscope.ui.model.Document;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A game open in the app as a document: its model (branches, undo), the file it came from, and where Save writes.
 * Save never writes over the file the game was opened from on its own: until the user picks a file (Save As), Save
 * asks for one; a bundled sample is never a target at all.
 */
public final class GameDocument implements Document {
    private final GameModel model;
    private final String name;
    private Path saveTarget;

    /** {@code name}: the file's name, or a description of a game played here. */
    public GameDocument(GameModel model, String name) {
        this.model = model;
        this.name = name;
    }

    public GameModel model() {
        return model;
    }

    /** The file the game was opened from, or null. */
    public Path openedFrom() {
        return model.file();
    }

    /** Where Save writes without asking: a file the user chose with Save As in this session, else null. */
    public Path saveTarget() {
        return saveTarget;
    }

    /** Why the game may not be saved to {@code target}, or null when it may. */
    public static String refusal(Path target) {
        if (BundledSamples.contains(target)) {
            return target.getFileName() + " is a bundled sample, which stays as shipped: choose a file outside samples/";
        }
        String n = target.getFileName() == null ? "" : target.getFileName().toString();
        if (!n.endsWith(".json") && !n.endsWith(".json.gz")) {
            return n + ": a session file's name ends in .json or .json.gz";
        }
        return null;
    }

    /**
     * Writes the shown line of play to {@code target} (which the user chose) and makes it the Save target. Refuses a
     * bundled sample or a bad name with an IllegalArgumentException naming it; nothing is written then.
     */
    public void saveAs(Path target) throws IOException {
        String why = refusal(target);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        var session = model.session();
        SessionFile.write(session, target);
        saveTarget = target;
        model.saved(session);
    }

    /**
     * The file the user meant from what the save dialog returned: GTK's dialog appends the ".json.gz" filter's
     * last part to a name that already ends in it ("g.json.gz" comes back as "g.json.gz.gz"), so that is undone.
     */
    public static Path chosenFile(Path returned) {
        String n = returned.getFileName().toString();
        for (String ext : new String[] {".json.gz", ".json"}) {
            String tail = ext.substring(ext.lastIndexOf('.'));
            if (n.endsWith(ext + tail)) {
                return returned.resolveSibling(n.substring(0, n.length() - tail.length()));
            }
        }
        return returned;
    }

    /** A file name to offer in Save As: the opened file's name with the branch, never the opened file itself. */
    public String suggestedName() {
        String base = name.replaceAll("\\.json(\\.gz)?$", "").replaceAll("[^A-Za-z0-9._-]+", "-");
        int b = model.branches().currentIndex();
        return base + (b == 0 ? "-copy" : "-branch" + b) + ".json.gz";
    }

    @Override
    public String title() {
        return "Game · " + name + (model.branches().currentIndex() == 0 ? "" : " · branch " + model.branches().currentIndex())
            + (modified() ? " •" : "");
    }

    @Override
    public boolean modified() {
        return model.dirty();
    }

    @Override
    public String unsavedSummary() {
        List<GameBranches.Branch> unsaved = model.unsavedBranches();
        if (unsaved.isEmpty()) {
            return "Nothing is unsaved.";
        }
        StringBuilder sb = new StringBuilder(unsaved.size() == 1 ? "One line of play is in no file: "
            : unsaved.size() + " lines of play are in no file: ");
        for (int i = 0; i < unsaved.size(); i++) {
            GameBranches.Branch b = unsaved.get(i);
            sb.append(i == 0 ? "" : "; ").append(b.name()).append(" (").append(b.size()).append(" actions)");
        }
        return sb.append(unsaved.size() == 1 ? ". Save asks for a file for it." : ". Save asks for a file for each.").toString();
    }

    /**
     * Shows the first line of play that is in no file, if the one shown is already in one (so that Save, asked
     * before closing, writes what would be lost). Returns false when nothing is unsaved.
     */
    public boolean showFirstUnsaved() {
        List<GameBranches.Branch> unsaved = model.unsavedBranches();
        if (unsaved.isEmpty()) {
            return false;
        }
        if (!unsaved.contains(model.branches().current())) {
            model.switchBranch(model.branches().all().indexOf(unsaved.get(0)));
        }
        return true;
    }
}
