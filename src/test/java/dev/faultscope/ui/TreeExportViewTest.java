package dev.faultscope.ui;

import dev.faultscope.ui.game.GameView;
import dev.faultscope.ui.game.PngExport;
import dev.faultscope.ui.model.game.TreeLabels;
import dev.faultscope.ui.model.game.TreeLegend;
import dev.faultscope.ui.model.game.TreePicture;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static dev.faultscope.ui.AppFixture.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tree's exports and search in the real game view, headless. */
class TreeExportViewTest {
    static final Path SAMPLE = Path.of("samples/sessions/wrong-proposer-workshop.json.gz");
    static MainWindow window;

    @BeforeAll
    static void open() throws Exception {
        window = AppFixture.show(w -> w.open(SAMPLE));
        AppFixture.waitUntil(() -> window.gameView() != null);
        fx(() -> window.gameView().toEnd());
    }

    @AfterAll
    static void close() throws Exception {
        AppFixture.close(window);
    }


    @Test
    void thePngIsTheWholeTreeAtTheChosenScale(@TempDir Path dir) throws Exception {
        GameView v = window.gameView();
        for (int scale : new int[] {1, 3}) {
            Path png = dir.resolve("tree-" + scale + ".png");
            int[][] wh = new int[1][];
            TreePicture[] pic = new TreePicture[1];
            fx(() -> {
                try {
                    pic[0] = v.exportPicture();
                    wh[0] = v.exportPng(png, scale);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals((int) Math.ceil(pic[0].width() * scale), img.getWidth());
            assertEquals((int) Math.ceil(pic[0].height() * scale), img.getHeight());
            assertEquals(img.getWidth(), wh[0][0]);
            // The whole tree, not the viewport: taller than the canvas, and drawn (many colours, not one).
            assertTrue(img.getHeight() > v.canvas().getHeight(), img.getHeight() + " vs " + v.canvas().getHeight());
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < img.getHeight(); y += 3) {
                for (int x = 0; x < img.getWidth(); x += 3) {
                    colours.add(img.getRGB(x, y));
                }
            }
            assertTrue(colours.size() > 20, colours.size() + " colours");
        }
    }

    @Test
    void theSvgHasEveryLabelAndTheLegend(@TempDir Path dir) throws Exception {
        GameView v = window.gameView();
        Path svg = dir.resolve("tree.svg");
        fx(() -> {
            try {
                v.exportSvg(svg);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        String text = Files.readString(svg);
        for (int i = 0; i < v.model().game().claimCount(); i++) {
            assertTrue(text.contains(">" + TreeLabels.first(v.model(), i, TreeLabels.Detail.FULL, 0) + "</text>"), "#" + i);
        }
        for (String l : TreeLegend.TEXTS) {
            assertTrue(text.contains(l), l);
        }
    }

    @Test
    void theViewSnapshotIsTheShownPanels(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("view.png");
        int[][] wh = new int[1][];
        fx(() -> {
            try {
                wh[0] = PngExport.snapshot(window.content(), 2, png);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(wh[0][0], img.getWidth());
        assertEquals(Math.round(window.content().getLayoutBounds().getWidth() * 2), img.getWidth(), 2);
    }

    @Test
    void aFittedTreeStaysFittedWhenTheWindowIsResized() throws Exception {
        GameView v = window.gameView();
        var stage = FxToolkit.toolkitContext().getRegisteredStage();
        double width = stage.getWidth();
        fx(() -> v.canvas().fit());
        assertTrue(v.canvas().fitted());
        double before = v.canvas().getWidth();
        try {
            fx(() -> stage.setWidth(width - 400));
            AppFixture.waitUntil(() -> v.canvas().getWidth() < before - 100);
            assertTrue(v.canvas().fitted());
            for (var n : v.canvas().layout().nodes()) {
                double x = v.canvas().screenX(n.x());
                assertTrue(x >= 0 && x <= v.canvas().getWidth(), "claim #" + n.index() + " at " + x + " of "
                    + v.canvas().getWidth());
            }
            fx(() -> v.canvas().pan(30, 0));
            assertTrue(!v.canvas().fitted(), "a pan leaves Fit");
        } finally {
            fx(() -> stage.setWidth(width));
        }
    }

    @Test
    void goToAndSearchSelectAndCentreTheClaim() throws Exception {
        GameView v = window.gameView();
        FxRobot robot = new FxRobot();
        fx(() -> v.canvas().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.G).release(KeyCode.G, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        TextField field = robot.lookup("#tree-search").queryAs(TextField.class);
        assertTrue(field.isFocused(), "Ctrl+G focuses the search field");
        assertEquals("#", field.getText());
        robot.write("7").type(KeyCode.ENTER);
        assertEquals("#7", field.getText());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(7, v.model().selected());
        var n = v.canvas().layout().node(7);
        assertEquals(v.canvas().getWidth() / 2, v.canvas().screenX(n.x()), 1);
        int[] found = new int[1];
        String value = v.model().game().claim(5).value().hex().substring(0, 16);
        fx(() -> found[0] = v.searchFor(value));
        assertEquals(v.model().selected(), found[0]);
        assertTrue(v.model().game().claim(found[0]).value().hex().startsWith(value));
    }
}
