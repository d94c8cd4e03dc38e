package dev.faultscope.ui.model.lesson;

import dev.faultscope.io.SessionFile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lesson file and a room's way through it, without JavaFX. */
class LessonTest {
    static Lesson parse(String json) {
        return Lesson.parse(json.getBytes(StandardCharsets.UTF_8), "t.json");
    }

    static String error(String json) {
        return assertThrows(LessonFormatException.class, () -> parse(json)).getMessage();
    }

    static final String CHAPTER = "{\"title\":\"T\",\"text\":\"x\",\"actions\":1,\"claim\":1}";

    static String lesson(String chapters) {
        return "{\"format\":\"faultscope-lesson\",\"version\":1,\"title\":\"L\","
            + "\"session\":\"samples/sessions/wrong-proposer-workshop.json.gz\",\"chapters\":[" + chapters + "]}";
    }

    @Test
    void theBundledLessonFitsItsSession() throws Exception {
        Lesson l = Lesson.bundled();
        assertEquals(7, l.chapters().size());
        l.check(SessionFile.read(l.sessionPath()).session());
        assertTrue(l.chapters().stream().anyMatch(c -> c.show() == Lesson.Show.VM));
        assertTrue(l.chapters().stream().anyMatch(c -> c.show() == Lesson.Show.STEP));
        assertTrue(l.chapters().stream().anyMatch(c -> c.ask() != null));
    }

    @Test
    void badFilesAreRefusedNamingTheField() throws Exception {
        assertTrue(error("[1]").contains("t.json: (file): a lesson is a JSON object"));
        assertTrue(error("{").contains("not JSON"));
        assertTrue(error(lesson("")).contains("t.json: chapters: a non-empty list"));
        assertTrue(error(lesson(CHAPTER.replace("\"actions\":1", "\"actions\":-2"))).contains("chapters[0].actions: a whole number"));
        assertTrue(error(lesson(CHAPTER + "," + CHAPTER.replace("\"title\":\"T\",", ""))).contains("chapters[1].title: a non-empty string"));
        assertTrue(error(lesson(CHAPTER.replace("}", ",\"show\":\"movie\"}"))).contains("chapters[0].show: \"movie\" is not one of"));
        assertTrue(error(lesson(CHAPTER.replace("}", ",\"colour\":1}"))).contains("chapters[0].colour: unknown field"));
        assertTrue(error(lesson(CHAPTER.replace("}", ",\"ask\":{\"question\":\"q\",\"choices\":[\"A\",\"B\"],"
            + "\"answer\":\"C\",\"why\":\"w\",\"actions\":0,\"claim\":0}}"))).contains("chapters[0].ask.answer: \"C\" is not one of"));
        assertTrue(error(lesson(CHAPTER).replace("faultscope-lesson", "other")).contains("t.json: format: must be"));

        var session = SessionFile.read(Lesson.bundled().sessionPath()).session();
        String past = assertThrows(LessonFormatException.class, () -> parse(lesson(CHAPTER.replace("\"actions\":1", "\"actions\":64")))
            .check(session)).getMessage();
        assertTrue(past.contains("chapters[0].actions: 64 is past the game's 63 actions"), past);
        String noClaim = assertThrows(LessonFormatException.class, () -> parse(lesson(CHAPTER.replace("\"claim\":1", "\"claim\":2")))
            .check(session)).getMessage();
        assertTrue(noClaim.contains("chapters[0].claim: no claim #2 after 1 actions"), noClaim);
        String vm = assertThrows(LessonFormatException.class, () -> parse(lesson(CHAPTER.replace("}", ",\"show\":\"vm\"}")))
            .check(session)).getMessage();
        assertTrue(vm.contains("chapters[0].show: \"vm\" needs an execution claim"), vm);
    }

    @Test
    void aRoomAnswersTheQuestionThenSeesTheChapter() {
        LessonRun r = new LessonRun(Lesson.bundled());
        assertFalse(r.asking());
        assertEquals(new LessonRun.Target(0, 0, Lesson.Show.TREE), r.target());
        assertFalse(r.previous());
        assertTrue(r.next());
        assertTrue(r.asking());
        assertEquals(new LessonRun.Target(0, 0, Lesson.Show.TREE), r.target());
        assertFalse(r.answer(1), "defend is the wrong answer");
        assertFalse(r.asking());
        assertEquals(1, r.answered());
        assertEquals(new LessonRun.Target(1, 1, Lesson.Show.TREE), r.target());
        assertThrows(IllegalStateException.class, () -> r.answer(0));
        assertTrue(r.previous());
        assertTrue(r.next());
        assertTrue(r.asking(), "coming back opens the question again");
        r.reveal();
        assertEquals(1, r.target().actions());
        while (r.next()) {
            r.reveal();
        }
        assertTrue(r.atLast());
        assertEquals(new LessonRun.Target(63, 0, Lesson.Show.TREE), r.target());
    }
}
