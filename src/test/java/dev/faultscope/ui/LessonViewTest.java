package dev.faultscope.ui;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.Claim;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.Session;
import dev.faultscope.io.SessionFile;
import dev.faultscope.ui.game.GameView;
import dev.faultscope.ui.lesson.LessonPanel;
import dev.faultscope.ui.model.game.GameModel;
import dev.faultscope.ui.model.game.LeafStep;
import dev.faultscope.ui.model.lesson.Lesson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import static dev.faultscope.ui.AppFixture.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled lesson end to end, headless: each chapter's game, claim, VM state and step are the engine's. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LessonViewTest {
    static final Lesson LESSON = Lesson.bundled();
    static MainWindow window;
    static Session session;

    @BeforeAll
    static void open() throws Exception {
        session = SessionFile.read(LESSON.sessionPath()).session();
        window = AppFixture.show(w -> {
            w.setUnsavedQuestion((doc, what) -> UnsavedQuestion.Answer.DISCARD);
            w.startLesson(LESSON);
        });
        AppFixture.waitUntil(() -> window.lessonPanel() != null && window.gameView() != null);
    }

    @AfterAll
    static void close() throws Exception {
        AppFixture.close(window);
    }


    /** The game view shows the engine's game after {@code actions} actions, with {@code claim} selected. */
    static void assertShows(int actions, int claim, String where) {
        GameModel m = window.gameView().model();
        FaultDisputeGame engine = session.replay(actions);
        assertEquals(0, m.branches().currentIndex(), where);
        assertEquals(actions, m.position(), where);
        assertEquals(claim, m.selected(), where);
        assertEquals(engine.claimCount(), m.game().claimCount(), where);
        assertEquals(engine.status(), m.game().status(), where);
        for (Claim c : engine.claims()) {
            Claim shown = m.game().claim(c.index());
            assertEquals(c.value(), shown.value(), where + " claim #" + c.index());
            assertEquals(c.position(), shown.position(), where + " claim #" + c.index());
            assertEquals(c.counteredBy(), shown.counteredBy(), where + " claim #" + c.index());
        }
    }

    @Test
    @Order(1)
    void everyChapterShowsTheEnginesClaimsVmStateAndStep() throws Exception {
        LessonPanel p = window.lessonPanel();
        for (int i = 0; i < LESSON.chapters().size(); i++) {
            Lesson.Chapter c = LESSON.chapters().get(i);
            String where = "chapter " + (i + 1) + " (" + c.title() + ")";
            if (i > 0) {
                fx(p::next);
            }
            assertEquals(i, p.run().chapterIndex(), where);
            if (c.ask() != null) {
                assertTrue(p.run().asking(), where);
                assertShows(c.ask().actions(), c.ask().claim(), where + ", asking");
                int answer = c.ask().answer();
                fx(() -> p.answer(answer));
                assertFalse(p.run().asking(), where);
            }
            switch (c.show()) {
                case TREE -> assertShows(c.actions(), c.claim(), where);
                case VM -> {
                    FaultDisputeGame g = session.replay(c.actions());
                    GameModel m = window.gameView().model();
                    long traceIndex = g.claim(c.claim()).position().traceIndexInSubgame(g.config().splitDepth(),
                        g.config().maxGameDepth()).longValueExact();
                    long runLength = m.honest().runLength(g, c.claim());
                    // The VM stops at the state the claim commits to: after its step, or at the exit when padded.
                    long expected = Math.min(traceIndex + 1, runLength);
                    AppFixture.waitUntil(() -> window.workbench() != null && !window.workbench().runningProperty().get()
                        && window.workbench().currentFrame() != null && window.workbench().currentFrame().step() > 0);
                    assertEquals(expected, window.workbench().currentFrame().step(), where);
                    Bytes32 honest = m.honest().value(g, c.claim());
                    assertEquals(honest.hex(), window.workbench().stateHash(), where + ": the VM's state is the honest claim");
                }
                case STEP -> {
                    AppFixture.waitUntil(() -> window.gameView().lastStep() != null);
                    assertShows(c.actions(), c.claim(), where);
                    GameView v = window.gameView();
                    LeafStep expected = LeafStep.of(session.replay(c.actions()), c.claim(), v.model().honest());
                    assertEquals(expected.instructionIndex(), v.lastStep().instructionIndex(), where);
                    assertEquals(expected.verdict(), v.lastStep().verdict(), where);
                    assertEquals(expected.text(), v.lastStep().text(), where);
                }
                default -> throw new AssertionError(c.show());
            }
        }
        assertTrue(p.run().atLast());
    }

    @Test
    @Order(2)
    void whatIfPlaysOnABranchAndComesBackToTheRecordedGame() throws Exception {
        LessonPanel p = window.lessonPanel();
        while (p.run().chapterIndex() > 2) {
            fx(p::previous);
        }
        fx(p::next);
        Lesson.Chapter c = p.run().chapter();
        assertFalse(p.run().asking());
        assertShows(c.actions(), c.claim(), "before what if");
        fx(p::toggleWhatIf);
        assertTrue(p.playingWhatIf());
        GameView v = window.gameView();
        // A move the recorded game never made: the defender attacks its own claim #4 with an INVALID final state.
        String[] err = new String[1];
        fx(() -> err[0] = v.playNow(4, true, Bytes32.fromHex("0x01" + "12".repeat(31)), "defender"));
        assertNull(err[0]);
        GameModel m = v.model();
        assertEquals(2, m.branches().all().size());
        assertEquals(1, m.branches().currentIndex());
        assertEquals(c.actions() + 1, m.size());
        assertTrue(window.gameDocument().modified());
        AppFixture.waitUntil(() -> window.scene().getWindow() instanceof javafx.stage.Stage s && s.getTitle().endsWith("•"));
        fx(p::toggleWhatIf);
        assertShows(c.actions(), c.claim(), "back from what if");
        assertEquals(session.actions().size(), m.size(), "the recorded game is whole");
        // The branch is still there to go back to, and undo takes the move back.
        assertEquals(2, m.branches().all().size());
        fx(() -> m.undo());
        assertFalse(window.gameDocument().modified());
    }

    /** A room's projector: 1280x720 at the largest text; the game view's parts and the lesson strip do not overlap. */
    @Test
    @Order(3)
    void fitsA1280x720ProjectorAtTheLargestText() throws Exception {
        javafx.stage.Stage stage = FxToolkit.toolkitContext().getRegisteredStage();
        fx(() -> {
            stage.setWidth(1280);
            stage.setHeight(720);
        });
        fx(window::fontReset);
        for (int i = 0; i < dev.faultscope.ui.model.FontScale.SIZES.length; i++) {
            fx(window::fontLarger);
        }
        for (int i = 0; i < 5; i++) {
            fx(() -> window.scene().getRoot().layout());
            Thread.sleep(50);
        }
        GameView v = window.gameView();
        javafx.geometry.Bounds top = sceneBounds(((javafx.scene.layout.BorderPane) v).getTop());
        javafx.geometry.Bounds centre = sceneBounds(((javafx.scene.layout.BorderPane) v).getCenter());
        javafx.geometry.Bounds strip = sceneBounds(window.lessonPanel());
        assertTrue(centre.getMinY() >= top.getMaxY() - 1, "the tree and panels below the game's bars: " + centre + " / " + top);
        assertTrue(centre.getMaxY() <= strip.getMinY() + 1, "the game view above the lesson strip: " + centre + " / " + strip);
        assertTrue(top.getMinY() >= 0 && strip.getMaxY() <= window.scene().getHeight() + 1, "all inside the window");
    }

    private static javafx.geometry.Bounds sceneBounds(javafx.scene.Node n) {
        return n.localToScene(n.getBoundsInLocal());
    }
}
