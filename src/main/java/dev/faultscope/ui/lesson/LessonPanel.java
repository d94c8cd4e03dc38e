package dev.faultscope.ui.lesson;

import dev.faultscope.ui.game.GameView;
import dev.faultscope.ui.model.lesson.Lesson;
import dev.faultscope.ui.model.lesson.LessonRun;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/**
 * The lesson strip below the views: the chapter's title and text, its question with one button per choice, and the
 * way on (previous, next, what if…, end). Each chapter drives the real game view: it puts the game at the chapter's
 * action, selects its claim, and opens the VM or the step where the chapter says so. "What if…" lets the room play
 * moves (they go on a branch of the game); "Back to the lesson" shows the recorded game again where the chapter was.
 */
public final class LessonPanel extends VBox {
    /** What the panel needs from the window hosting the game. */
    public interface Host {
        /** The game view, shown (coming back from the VM workbench if needed). */
        GameView showGame();

        void status(String text);

        void notice(String title, String text);

        void endLesson();
    }

    private final LessonRun run;
    private final Host host;
    private final Label heading = new Label();
    private final Label text = new Label();
    private final Label question = new Label();
    private final HBox choices = new HBox();
    private final Label feedback = new Label();
    private final Button previous = new Button("◀ Previous");
    private final Button next = new Button("Next ▶");
    private final Button whatIf = new Button("What if…?");
    private boolean playing;
    private Consumer<LessonRun.Target> shown = t -> { };

    public LessonPanel(Lesson lesson, Host host) {
        this.run = new LessonRun(lesson);
        this.host = host;
        setId("lesson-panel");
        getStyleClass().addAll("panel", "lesson-panel");
        heading.getStyleClass().add("panel-title");
        text.setWrapText(true);
        text.getStyleClass().add("narration");
        text.setId("lesson-text");
        question.setWrapText(true);
        question.getStyleClass().add("panel-title");
        question.setId("lesson-question");
        choices.getStyleClass().add("lesson-choices");
        feedback.setWrapText(true);
        feedback.setId("lesson-feedback");
        previous.setOnAction(e -> previous());
        next.setOnAction(e -> next());
        whatIf.setOnAction(e -> toggleWhatIf());
        whatIf.setTooltip(new Tooltip("Play a different move on the selected claim (Attack, Defend, Honest agent answers): "
            + "it goes on a branch and the recorded game stays; press again to come back to the lesson"));
        Button end = new Button("End lesson");
        end.setOnAction(e -> host.endLesson());
        Pane gap = new Pane();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(heading, gap, previous, whatIf, next, end);
        top.getStyleClass().add("panel-header");
        top.setSpacing(6);
        getChildren().addAll(top, text, question, choices, feedback);
        setSpacing(4);
        next.setTooltip(new Tooltip("Next (Page Down, as a presenter's remote sends)"));
        previous.setTooltip(new Tooltip("Previous (Page Up)"));
        javafx.event.EventHandler<KeyEvent> keys = e -> {
            if (playing || e.getCode() != KeyCode.PAGE_DOWN && e.getCode() != KeyCode.PAGE_UP) {
                return;
            }
            if (e.getCode() == KeyCode.PAGE_DOWN) {
                next();
            } else {
                previous();
            }
            e.consume();
        };
        sceneProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
            }
            if (now != null) {
                now.addEventFilter(KeyEvent.KEY_PRESSED, keys);
            }
        });
    }

    public LessonRun run() {
        return run;
    }

    /** Called after each chapter state is shown (tests wait on it). */
    public void setOnShown(Consumer<LessonRun.Target> c) {
        shown = c;
    }

    public void start() {
        show();
    }

    public void next() {
        if (run.asking()) {
            run.reveal();
            show();
        } else if (run.next()) {
            show();
        } else {
            host.status("That was the last chapter. End lesson closes the strip; the game stays open.");
        }
    }

    public void previous() {
        if (run.previous()) {
            show();
        }
    }

    /** Answers the open question with choice {@code k}. */
    public void answer(int k) {
        boolean right = run.answer(k);
        Lesson.Question q = run.chapter().ask();
        feedback.setText((right ? "✓ Right: " : "✗ Not quite: the answer is " + q.choices().get(q.answer()) + ". ") + q.why());
        host.notice(right ? "Right" : "Not quite", q.choices().get(q.answer()));
        show();
    }

    /** Starts or ends playing a different move on a branch. */
    public void toggleWhatIf() {
        playing = !playing;
        whatIf.setText(playing ? "Back to the lesson" : "What if…?");
        previous.setDisable(playing);
        next.setDisable(playing);
        showChoices();
        if (playing) {
            GameView v = host.showGame();
            host.status("What if… Select a claim and play Attack or Defend (or let the honest agent answer): the moves go on "
                + "a branch of their own (the Line list above the timeline); Ctrl+Z undoes one. Back to the lesson returns.");
            v.requestFocus();
        } else {
            show();
        }
    }

    public boolean playingWhatIf() {
        return playing;
    }

    private void show() {
        Lesson.Chapter c = run.chapter();
        int n = run.lesson().chapters().size();
        heading.setText("Lesson · " + (run.chapterIndex() + 1) + " / " + n + " · " + c.title());
        previous.setDisable(run.chapterIndex() == 0);
        next.setText(run.asking() ? "Show the answer ▶" : run.atLast() ? "Last chapter" : "Next ▶");
        text.setText(c.text());
        if (run.asking()) {
            question.setText("What happens next? " + c.ask().question());
            feedback.setText("");
        } else {
            question.setText(c.ask() == null ? "" : "Q: " + c.ask().question());
            if (c.ask() != null && run.answered() < 0) {
                feedback.setText("Answer: " + c.ask().choices().get(c.ask().answer()) + ". " + c.ask().why());
            } else if (c.ask() == null) {
                feedback.setText("");
            }
        }
        question.setVisible(!question.getText().isEmpty());
        question.setManaged(question.isVisible());
        feedback.setVisible(!feedback.getText().isEmpty());
        feedback.setManaged(feedback.isVisible());
        showChoices();
        drive(run.target());
    }

    /** The open question's choices; during a what-if, moves on the selected claim instead. */
    private void showChoices() {
        choices.getChildren().clear();
        if (playing) {
            GameView v = host.showGame();
            Button attack = new Button("Attack the selected claim");
            attack.setOnAction(e -> v.attack());
            Button defend = new Button("Defend the selected claim");
            defend.setOnAction(e -> v.defend());
            Button honest = new Button("Honest agent answers");
            honest.setOnAction(e -> v.honestAnswer());
            Button undo = new Button("↶ Undo");
            undo.setOnAction(e -> v.model().undo());
            choices.getChildren().addAll(new Label("What if…"), attack, defend, honest, undo);
        } else if (run.asking()) {
            Lesson.Question q = run.chapter().ask();
            for (int i = 0; i < q.choices().size(); i++) {
                int k = i;
                Button b = new Button(q.choices().get(i));
                b.setId("lesson-choice-" + i);
                b.setOnAction(e -> answer(k));
                choices.getChildren().add(b);
            }
        }
        boolean any = !choices.getChildren().isEmpty();
        choices.setVisible(any);
        choices.setManaged(any);
    }

    /** Puts the real views where the chapter says: the game at its action, its claim selected, the VM or the step. */
    private void drive(LessonRun.Target t) {
        GameView v = host.showGame();
        var model = v.model();
        if (model.branches().currentIndex() != 0) {
            model.switchBranch(0);
        }
        v.seek(t.actions());
        v.select(t.claim());
        v.canvas().reveal(t.claim());
        switch (t.show()) {
            case VM -> v.openInVm();
            case STEP -> v.showStep();
            case TREE -> { }
        }
        host.status("Lesson: " + run.chapter().title() + (t.show() == Lesson.Show.VM
            ? " · the VM workbench opens at claim #" + t.claim() + "'s state; Next returns to the game" : ""));
        shown.accept(t);
    }
}
