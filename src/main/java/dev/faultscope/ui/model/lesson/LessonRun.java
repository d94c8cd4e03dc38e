package dev.faultscope.ui.model.lesson;

/**
 * Where a room is in a lesson: the chapter, and whether its question is still open. The view asks it what to show
 * ({@link #target()}) and tells it what was answered; it knows nothing of the views.
 */
public final class LessonRun {
    /** What to show: the game after {@code actions} actions, {@code claim} selected, and the chapter's view. */
    public record Target(int actions, int claim, Lesson.Show show) {
    }

    private final Lesson lesson;
    private int chapter;
    private boolean asking;
    private int answered = -1;

    public LessonRun(Lesson lesson) {
        this.lesson = lesson;
        enter(0);
    }

    public Lesson lesson() {
        return lesson;
    }

    public int chapterIndex() {
        return chapter;
    }

    public Lesson.Chapter chapter() {
        return lesson.chapters().get(chapter);
    }

    /** Whether the chapter's question is open (its answer not yet shown). */
    public boolean asking() {
        return asking;
    }

    /** The choice given to the open or last question, or -1. */
    public int answered() {
        return answered;
    }

    public Target target() {
        Lesson.Chapter c = chapter();
        if (asking) {
            return new Target(c.ask().actions(), c.ask().claim(), Lesson.Show.TREE);
        }
        return new Target(c.actions(), c.claim(), c.show());
    }

    /** Answers the open question with choice {@code k}; returns whether it was right. The answer is then shown. */
    public boolean answer(int k) {
        if (!asking) {
            throw new IllegalStateException("no question is open");
        }
        answered = k;
        asking = false;
        return k == chapter().ask().answer();
    }

    /** Shows the answer without an answer from the room. */
    public void reveal() {
        asking = false;
    }

    /** To the next chapter; false at the last. */
    public boolean next() {
        if (chapter + 1 >= lesson.chapters().size()) {
            return false;
        }
        enter(chapter + 1);
        return true;
    }

    /** To the previous chapter (its question open again); false at the first. */
    public boolean previous() {
        if (chapter == 0) {
            return false;
        }
        enter(chapter - 1);
        return true;
    }

    public boolean atLast() {
        return chapter == lesson.chapters().size() - 1;
    }

    private void enter(int i) {
        chapter = i;
        asking = chapter().ask() != null;
        answered = -1;
    }
}
