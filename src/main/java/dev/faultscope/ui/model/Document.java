package dev.faultscope.ui.model;

/**
 * An open thing the shell hosts (a game, a run): its title, whether it holds edits that would be lost on close, and
 * what those are in words for the "save changes?" question.
 *
 * <p>What counts as an edit is the document's call: in a game, moves, steps, the honest agent's answers and
 * resolutions played in the app; a VM run has none (breakpoints, the cursor and the radix are views, not edits).
 */
public interface Document {
    String title();

    boolean modified();

    /** The unsaved edits in a sentence, for the question asked before they would be lost. */
    String unsavedSummary();
}
