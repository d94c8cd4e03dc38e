package dev.faultscope.ui.model.game;

import dev.faultscope.agent.GameRunner;
import dev.faultscope.game.ClaimTable;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.Session;
import dev.faultscope.io.SessionFile;
import dev.faultscope.ui.model.diff.DisputedTrace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A session carrying its scenario opens with the honest agent's opinions wherever it is, and a re-save embeds it. */
class EmbeddedScenarioTest {
    static final Path CLASSROOM = Path.of("samples/scenarios/classroom.json");

    @TempDir
    Path dir;

    @Test
    void aPlayedSessionOpensWithHonestValuesAfterItsScenarioIsGone() throws Exception {
        Path scenario = Files.createDirectories(dir.resolve("author")).resolve("my-chain.json");
        Files.copy(CLASSROOM, scenario);
        GameRunner.Result played = GameRunner.play(scenario, "workshop", "invalid-transfers", "honest", -1, 1);
        Path mailed = Files.createDirectories(dir.resolve("participant")).resolve("game.json.gz");
        SessionFile.write(played.session(), mailed);
        Files.delete(scenario);

        Session read = SessionFile.read(mailed).session();
        assertArrayEquals(Files.readAllBytes(CLASSROOM), read.scenarioFile());
        GameModel m = GameModel.open(read, mailed);
        assertNotNull(m.honest(), m.honestProblem());
        assertNull(m.honest().scenarioPath());
        assertEquals("my-chain.json (embedded in the session)", m.honest().source());
        m.toEnd();
        FaultDisputeGame g = m.game();
        assertEquals(ClaimTable.of(played.game()).winner(), ClaimTable.of(g).winner());
        // The wrong proposer's root is disputed by the honest agent; the final step and the trace comparison work.
        assertEquals(HonestView.Agreement.DISAGREES, m.honest().agreement(g, 0));
        int leaf = -1;
        int deepest = -1;
        for (var c : g.claims()) {
            if (c.depth() == g.config().maxGameDepth() && c.isCountered()) {
                leaf = c.index();
            }
            if (c.depth() > g.config().splitDepth() && (deepest < 0 || c.depth() > g.claim(deepest).depth())) {
                deepest = c.index();
            }
        }
        assertTrue(leaf > 0, "the game ends with a step");
        LeafStep step = LeafStep.of(g, leaf, m.honest());
        assertTrue(step.preStateMatches(), step.verdict());
        assertTrue(step.verdict().startsWith("countered by"), step.verdict());
        DisputedTrace.Result diff = DisputedTrace.compare(g, deepest, m.honest().runs());
        assertNull(diff.problem(), diff.problem());

        // The same session without the embedded bytes has nothing to go on.
        Session bare = new Session(read.setup(), read.scenario(), read.scenarioHash(), read.programHash(), read.players(),
            read.actions());
        GameModel without = GameModel.open(bare, mailed);
        assertNull(without.honest());
        assertTrue(without.honestProblem().contains("is missing"), without.honestProblem());
    }

    @Test
    void aSessionNamingAPathFromAnotherMachineFindsTheScenarioByNameAndHash() throws Exception {
        Session old = SessionFile.read(GameModelTest.WORKSHOP).session();
        Session moved = new Session(old.setup(), "/home/author/chains/classroom.json", old.scenarioHash(),
            old.programHash(), old.players(), old.actions());
        // Beside the session (a copy mailed with it).
        Path mailed = Files.createDirectories(dir.resolve("mail")).resolve("game.json");
        Files.copy(CLASSROOM, mailed.resolveSibling("classroom.json"));
        HonestView.Found beside = HonestView.forSession(moved, mailed);
        assertNotNull(beside.view(), beside.problem());
        assertEquals(mailed.resolveSibling("classroom.json").toAbsolutePath(), beside.view().scenarioPath());
        // Among the bundled scenarios, when nothing is beside it.
        HonestView.Found bundled = HonestView.forSession(moved, dir.resolve("elsewhere/game.json"));
        assertNotNull(bundled.view(), bundled.problem());
        assertEquals("classroom.json", bundled.view().scenarioPath().getFileName().toString());
        // A file of that name with other bytes is not taken for it.
        Files.writeString(mailed.resolveSibling("classroom.json"), "{}");
        Session other = new Session(old.setup(), "/home/author/chains/classroom.json", new byte[32],
            old.programHash(), old.players(), old.actions());
        HonestView.Found wrong = HonestView.forSession(other, mailed);
        assertNull(wrong.view());
        assertTrue(wrong.problem().contains("has changed"), wrong.problem());
    }

    @Test
    void anOldSessionSavedFromTheAppCarriesItsScenario() throws Exception {
        Path sample = GameModelTest.WORKSHOP;
        SessionFile.Loaded old = SessionFile.read(sample);
        assertNull(old.session().scenarioFile());
        GameModel m = GameModel.open(old.session(), sample);
        assertNotNull(m.honest(), m.honestProblem());
        assertEquals("classroom.json", m.honest().source());
        assertFalse(m.dirty(), "embedding the found scenario is no unsaved change");

        Path copy = dir.resolve("copy.json.gz");
        new GameDocument(m, sample.getFileName().toString()).saveAs(copy);
        SessionFile.Loaded saved = SessionFile.read(copy);
        assertArrayEquals(Files.readAllBytes(CLASSROOM), saved.session().scenarioFile());
        assertEquals(ClaimTable.of(old.game()).rows(), ClaimTable.of(saved.game()).rows());
        assertEquals(old.game().status(), saved.game().status());
        assertEquals("classroom.json (embedded in the session)", GameModel.open(saved.session(), copy).honest().source());
    }
}
