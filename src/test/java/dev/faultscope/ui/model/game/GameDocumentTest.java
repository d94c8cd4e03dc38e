package dev.faultscope.ui.model.game;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.Claim;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.Session;
import dev.faultscope.io.SessionFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Never losing work, without JavaFX: branches keep the recorded game, undo/redo restore exact states, Save's targets. */
class GameDocumentTest {
    static final Path WORKSHOP = Path.of("samples/sessions/wrong-proposer-workshop.json.gz");
    /** A made-up execution claim value (status byte 1, INVALID) that no recorded claim has. */
    static final Bytes32 MADE_UP = Bytes32.fromHex("0x01" + "ab".repeat(31));

    static GameDocument open() throws Exception {
        return new GameDocument(GameModel.open(SessionFile.read(WORKSHOP).session(), WORKSHOP), "wrong-proposer-workshop.json.gz");
    }

    /** What a user sees of a game: every claim's fields, the cursor and the selection. */
    static List<String> picture(GameModel m) {
        FaultDisputeGame g = m.game();
        List<String> out = new java.util.ArrayList<>();
        out.add("position " + m.position() + "/" + m.size() + " selected " + m.selected() + " branch "
            + m.branches().currentIndex() + " status " + g.status());
        for (Claim c : g.claims()) {
            out.add(c.index() + " " + c.parentIndex() + " " + c.position().gindex() + " " + c.value().hex() + " "
                + c.claimant() + " " + c.bond() + " " + c.counteredBy() + " " + c.clock().duration());
        }
        return out;
    }

    @Test
    void aMoveOnAReplayedGameStartsABranchAndKeepsTheRecordedActions() throws Exception {
        Session recorded = SessionFile.read(WORKSHOP).session();
        GameDocument doc = open();
        GameModel m = doc.model();
        assertFalse(doc.modified());
        // The case: back to action 6, select claim #6, attack.
        m.seek(6);
        m.select(6);
        assertNull(m.move(6, true, MADE_UP, "challenger"));
        assertEquals(7, m.size());
        assertEquals(7, m.position());
        assertEquals(2, m.branches().all().size());
        assertEquals(1, m.branches().currentIndex());
        GameBranches.Branch b = m.branches().current();
        assertEquals(0, b.parent());
        assertEquals(6, b.forkAt());
        assertEquals(recorded.actions().subList(0, 6), b.session().actions().subList(0, 6)); // moves only: records compare
        assertTrue(m.timeline().get(6).summary().startsWith("» "), m.timeline().get(6).summary());
        assertTrue(doc.modified());
        assertTrue(doc.title().endsWith(" •"), doc.title());
        assertTrue(doc.unsavedSummary().contains("branch 1"), doc.unsavedSummary());
        // The recorded game is all there: back to it, every action of the file, to the same end.
        m.switchBranch(0);
        // (Opening embedded the scenario it found, so the line carries it beside the file's fields.)
        assertArrayEquals(SessionFile.toJson(recorded.withScenarioFile(Files.readAllBytes(
            Path.of("samples/scenarios/classroom.json")))), SessionFile.toJson(m.session()));
        assertEquals(7, m.position(), "the same action on the other line");
        m.toEnd();
        assertEquals(SessionFile.read(WORKSHOP).game().claimCount(), m.game().claimCount());
        assertEquals(SessionFile.read(WORKSHOP).game().status(), m.game().status());
        // A second move on the branch's tip grows the branch; one inside it forks again.
        m.switchBranch(1);
        m.toEnd();
        assertNull(m.move(7, true, MADE_UP, "defender"));
        assertEquals(2, m.branches().all().size());
        assertEquals(8, m.size());
        m.seek(7);
        assertNull(m.move(7, false, MADE_UP, "defender"));
        assertEquals(3, m.branches().all().size());
        assertEquals(1, m.branches().current().parent());
        assertEquals(7, m.branches().current().forkAt());
        assertEquals(8, m.branches().all().get(1).size(), "the forked-from branch keeps its actions");
    }

    @Test
    void undoAndRedoRestoreExactGameStates() throws Exception {
        GameModel m = open().model();
        m.seek(6);
        m.select(6);
        List<String> start = picture(m);
        assertNull(m.move(6, true, MADE_UP, "challenger"));
        List<String> afterMove = picture(m);
        assertNull(m.move(7, true, MADE_UP, "defender"));
        List<String> afterSecond = picture(m);
        assertEquals("defender: attack #7", m.undoStack().undoLabel());

        assertEquals("defender: attack #7", m.undo());
        assertEquals(afterMove, picture(m));
        assertEquals("challenger: attack #6", m.undo());
        assertEquals(start, picture(m));
        assertFalse(m.dirty(), "undoing every edit leaves nothing unsaved");
        assertNull(m.undo());
        assertEquals(start, picture(m));

        assertEquals("challenger: attack #6", m.redo());
        assertEquals(afterMove, picture(m));
        assertEquals("defender: attack #7", m.redo());
        assertEquals(afterSecond, picture(m));
        assertNull(m.redo());
        // A new edit after an undo drops the redo.
        m.undo();
        assertNull(m.move(7, false, MADE_UP, "defender"));
        assertFalse(m.undoStack().canRedo());
        // A refused move is no edit.
        String label = m.undoStack().undoLabel();
        assertNotNull(m.move(0, false, Bytes32.ZERO, "challenger"));
        assertEquals(label, m.undoStack().undoLabel());
    }

    @Test
    void saveNeverWritesOverTheOpenedFileOrASample(@TempDir Path dir) throws Exception {
        byte[] sample = Files.readAllBytes(WORKSHOP);
        GameDocument doc = open();
        GameModel m = doc.model();
        m.seek(6);
        assertNull(m.move(6, true, MADE_UP, "challenger"));
        // Save has no target of its own until the user picks one: it goes to Save As.
        assertNull(doc.saveTarget());
        assertTrue(doc.suggestedName().endsWith("-branch1.json.gz"), doc.suggestedName());
        // The opened file is a bundled sample: refused even when chosen, and left as it was.
        assertNotNull(GameDocument.refusal(WORKSHOP));
        assertThrows(IllegalArgumentException.class, () -> doc.saveAs(WORKSHOP));
        assertThrows(IllegalArgumentException.class, () -> doc.saveAs(Path.of("samples/sessions/new.json.gz")));
        assertArrayEquals(sample, Files.readAllBytes(WORKSHOP));
        assertFalse(Files.exists(Path.of("samples/sessions/new.json.gz")));
        assertTrue(doc.modified());

        Path out = dir.resolve("mine.json.gz");
        doc.saveAs(out);
        assertEquals(out, doc.saveTarget());
        assertFalse(doc.modified());
        assertFalse(doc.title().endsWith("•"));
        assertArrayEquals(SessionFile.toJson(m.session()), SessionFile.toJson(SessionFile.read(out).session()));
        assertArrayEquals(sample, Files.readAllBytes(WORKSHOP));
        // A further move makes it modified again.
        assertNull(m.move(7, true, MADE_UP, "defender"));
        assertTrue(doc.modified());
        assertNull(GameDocument.refusal(dir.resolve("other.json")));
        // Before closing, the unsaved line is shown so that Save writes it, not the recorded game already on disk.
        m.switchBranch(0);
        assertTrue(doc.showFirstUnsaved());
        assertEquals(1, m.branches().currentIndex());
        doc.saveAs(dir.resolve("branch.json.gz"));
        assertFalse(doc.showFirstUnsaved());
        assertNotNull(GameDocument.refusal(dir.resolve("other.txt")));
    }

    @Test
    void aNewGameIsUnsavedUntilSaved(@TempDir Path dir) throws Exception {
        Session s = SessionFile.read(WORKSHOP).session();
        GameModel fresh = new GameModel(s, null, null, "no scenario");
        GameDocument doc = new GameDocument(fresh, "honest vs invalid-transfers · workshop");
        assertTrue(doc.modified());
        assertSame(null, doc.saveTarget());
        doc.saveAs(dir.resolve("played.json"));
        assertFalse(doc.modified());
    }

    @Test
    void aDoubledExtensionFromTheSaveDialogIsUndone() {
        assertEquals(Path.of("/tmp/g.json.gz"), GameDocument.chosenFile(Path.of("/tmp/g.json.gz.gz")));
        assertEquals(Path.of("/tmp/g.json"), GameDocument.chosenFile(Path.of("/tmp/g.json.json")));
        assertEquals(Path.of("/tmp/g.json.gz"), GameDocument.chosenFile(Path.of("/tmp/g.json.gz")));
        assertEquals(Path.of("/tmp/g.gz"), GameDocument.chosenFile(Path.of("/tmp/g.gz")));
    }
}
