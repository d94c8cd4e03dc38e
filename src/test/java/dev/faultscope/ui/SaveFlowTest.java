package dev.faultscope.ui;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.io.SessionFile;
import dev.faultscope.ui.model.game.GameModel;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shell's Save and close questions headless, with the file chooser and the question answered by the test. */
class SaveFlowTest {
    static final Path SAMPLE = Path.of("samples/sessions/wrong-proposer-workshop.json.gz");
    static MainWindow window;

    @BeforeAll
    static void open() throws Exception {
        window = AppFixture.show(w -> w.open(SAMPLE));
        AppFixture.waitUntil(() -> window.gameView() != null);
    }

    @AfterAll
    static void close() throws Exception {
        AppFixture.close(window);
    }

    static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        Object[] out = new Object[1];
        FxToolkit.setupFixture(() -> {
            try {
                out[0] = c.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        T t = (T) out[0];
        return t;
    }

    static String title() throws Exception {
        return fx(() -> ((Stage) window.scene().getWindow()).getTitle());
    }

    @Test
    void saveGoesToSaveAsNeverOverTheSampleAndCloseAsks(@TempDir Path dir) throws Exception {
        byte[] sample = Files.readAllBytes(SAMPLE);
        GameModel m = window.gameView().model();
        assertFalse(title().endsWith("•"), title());
        fx(() -> {
            m.seek(6);
            m.select(6);
            return window.gameView().playNow(6, true, Bytes32.fromHex("0x01" + "ab".repeat(31)), "challenger");
        });
        assertEquals(63, m.branches().all().get(0).size());
        assertTrue(title().endsWith("•"), title());

        // Save with no file chosen yet asks for one; choosing the sample itself is refused and writes nothing.
        List<Path> offered = new ArrayList<>();
        window.setSaveChooser(doc -> {
            offered.add(Path.of(doc.suggestedName()));
            return SAMPLE;
        });
        assertFalse(fx(window::saveSession));
        assertEquals(1, offered.size());
        assertTrue(offered.get(0).toString().endsWith("-branch1.json.gz"), offered.toString());
        assertArrayEquals(sample, Files.readAllBytes(SAMPLE));
        assertTrue(title().endsWith("•"));

        // Closing (or opening another game) with the unsaved branch asks; Cancel keeps everything.
        List<String> asked = new ArrayList<>();
        window.setUnsavedQuestion((doc, what) -> {
            asked.add(what);
            return UnsavedQuestion.Answer.CANCEL;
        });
        assertFalse(fx(() -> window.confirmLeave("closing the window")));
        assertEquals(List.of("closing the window"), asked);

        // Save As to a file of the user's: written, the mark goes, and the next Save writes there without asking.
        Path mine = dir.resolve("mine.json.gz");
        window.setSaveChooser(doc -> mine);
        assertTrue(fx(window::saveSession));
        assertFalse(title().endsWith("•"), title());
        assertEquals(m.session().actions().size(), SessionFile.read(mine).session().actions().size());
        window.setSaveChooser(doc -> {
            throw new AssertionError("Save asked again for a file");
        });
        fx(() -> window.gameView().playNow(7, true, Bytes32.fromHex("0x01" + "cd".repeat(31)), "defender"));
        assertTrue(title().endsWith("•"));
        assertTrue(fx(window::saveSession));
        assertEquals(8, SessionFile.read(mine).session().actions().size(), "6 recorded actions and the two moves");
        assertNull(fx(() -> window.gameDocument().modified() ? "modified" : null));
        assertTrue(fx(() -> window.confirmLeave("closing the window")), "nothing unsaved: no question");
        assertEquals(1, asked.size());
        assertArrayEquals(sample, Files.readAllBytes(SAMPLE));
    }
}
