package dev.faultscope.ui.model.game;

import dev.faultscope.game.Claim;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.io.SessionFile;
import dev.faultscope.ui.model.game.TreePicture.Circle;
import dev.faultscope.ui.model.game.TreePicture.Shape;
import dev.faultscope.ui.model.game.TreePicture.Text;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tree's level-of-detail labels, caption bands, ranges and search, without JavaFX. */
class TreeReadabilityTest {
    static final Path WORKSHOP = Path.of("samples/sessions/wrong-proposer-workshop.json.gz");
    static final Path MAINNET = Path.of("samples/sessions/wrong-proposer-mainnet.json.gz");
    static final Path FREELOADER = Path.of("samples/sessions/freeloader.json.gz");

    static GameModel atEnd(Path p) throws Exception {
        GameModel m = GameModel.open(SessionFile.read(p).session(), p);
        m.toEnd();
        return m;
    }

    /** The shapes of a canvas of w × h after Fit (legend reserved as on screen). */
    static List<Shape> fitted(GameModel m, double w, double h, double font) {
        TreeLayout l = m.layout();
        TreeProjection p = new TreeProjection(l);
        p.setFont(font);
        p.fit(l, w, h, TreeLegend.width(font) + 16);
        List<Shape> out = new ArrayList<>();
        new TreeDrawing(m, l, p, new TreeDrawing.Options(TreePalette.of(false), Set.of(), true),
            TreeDrawing.attackFlags(m), m.projectedCountered(), m.paddedFlags()).draw(out, w, h);
        return out;
    }

    /** Each claim's box: its disc, range bar and label texts (rings excluded), as {x0, y0, x1, y1}. */
    static Map<Integer, double[]> nodeBoxes(List<Shape> shapes) {
        Map<Integer, double[]> boxes = new HashMap<>();
        for (Shape s : shapes) {
            double[] b = null;
            int claim = -1;
            if (s instanceof Circle c && c.fill() != null && c.claim() >= 0) {
                b = new double[] {c.cx() - c.r(), c.cy() - c.r(), c.cx() + c.r(), c.cy() + c.r()};
                claim = c.claim();
            } else if (s instanceof TreePicture.Rect r && r.claim() >= 0) {
                b = new double[] {r.x(), r.y(), r.x() + r.w(), r.y() + r.h()};
                claim = r.claim();
            } else if (s instanceof Text t && t.claim() >= 0) {
                b = new double[] {t.left(), t.top(), t.left() + t.width(), t.bottom()};
                claim = t.claim();
            }
            if (b != null) {
                boxes.merge(claim, b, (a, c) -> new double[] {Math.min(a[0], c[0]), Math.min(a[1], c[1]),
                    Math.max(a[2], c[2]), Math.max(a[3], c[3])});
            }
        }
        return boxes;
    }

    static boolean overlap(double[] a, double[] b) {
        return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    }

    @Test
    void atFitEveryClaimShowsItsNumberAndSideAndNoClaimCoversACaption() throws Exception {
        // The tree's canvas at 1280×720 with presentation fonts, and at 1600×1000 with the normal font.
        double[][] views = {{760, 420, 13}, {760, 420, 20}, {880, 640, 13}};
        for (Path p : List.of(WORKSHOP, MAINNET, FREELOADER)) {
            GameModel m = atEnd(p);
            FaultDisputeGame g = m.game();
            for (double[] v : views) {
                List<Shape> shapes = fitted(m, v[0], v[1], v[2]);
                String where = p.getFileName() + " at " + v[0] + "×" + v[1] + " font " + v[2];
                Map<Integer, double[]> boxes = nodeBoxes(shapes);
                for (Claim c : g.claims()) {
                    String side = c.isRoot() ? "R" : m.moveKind(c.index()).substring(0, 1);
                    boolean labelled = shapes.stream().anyMatch(s -> s instanceof Text t && t.claim() == c.index()
                        && t.text().replace(" ", "").replace("root", "R").replace("#", "").startsWith(c.index() + side));
                    assertTrue(labelled, where + ": claim #" + c.index() + " has no label with its number and side");
                }
                List<Text> captions = shapes.stream().filter(s -> s instanceof Text t && t.role().equals("caption"))
                    .map(s -> (Text) s).toList();
                assertEquals(3, captions.size());
                for (Text cap : captions) {
                    // The caption's band spans the view's width: no node box may reach into its text's rows.
                    double[] band = {0, cap.top(), v[0], cap.bottom()};
                    for (var e : boxes.entrySet()) {
                        assertFalse(overlap(band, e.getValue()), where + ": claim #" + e.getKey() + " covers \""
                            + cap.text() + "\"");
                    }
                    assertTrue(cap.top() >= 0 && cap.bottom() <= v[1], where + ": caption outside the view: " + cap.text());
                }
            }
        }
    }

    @Test
    void detailGrowsWithRoomAndTheFontNeverFallsBelowTheMinimum() {
        TreeLabels.Style tight = TreeLabels.choose(5, Double.POSITIVE_INFINITY, 13);
        assertEquals(TreeLabels.Detail.MINIMAL, tight.detail());
        assertEquals(TreeLabels.MIN_FONT, tight.font());
        TreeLabels.Style oneLine = TreeLabels.choose(14, Double.POSITIVE_INFINITY, 13);
        assertEquals(TreeLabels.Detail.SHORT, oneLine.detail());
        assertTrue(oneLine.lineHeight() <= 14, "one line fits its row");
        TreeLabels.Style full = TreeLabels.choose(TreeLabels.fullPitch(13), TreeLabels.fullGap(13), 13);
        assertEquals(TreeLabels.Detail.FULL, full.detail());
        // Crowded rows fall back to the short form even when rows are far apart.
        assertEquals(TreeLabels.Detail.MINIMAL, TreeLabels.choose(60, 20, 13).detail());
        // Larger fonts (presentation) give larger nodes and labels.
        TreeLabels.Style big = TreeLabels.choose(200, Double.POSITIVE_INFINITY, 26);
        assertTrue(big.radius() > full.radius() && big.font() > full.font());
        // A node and its bar stay inside its row.
        for (double pitch = 6; pitch < 80; pitch += 3) {
            TreeLabels.Style s = TreeLabels.choose(pitch, Double.POSITIVE_INFINITY, 13);
            assertTrue(s.nodeHalfHeight() <= pitch / 2 + 1.2 || s.radius() == 2.5, "pitch " + pitch);
        }
    }

    @Test
    void rangesAreTheLeavesBelowAClaimAndItCommitsToTheLast() throws Exception {
        GameModel m = atEnd(WORKSHOP);
        FaultDisputeGame g = m.game();
        int s = g.config().splitDepth(), mx = g.config().maxGameDepth();
        TraceRange root = TraceRange.of(g, 0);
        assertEquals(new TraceRange(false, BigInteger.ZERO, BigInteger.ONE.shiftLeft(s)), root);
        assertTrue(root.text(g, g.claim(0)).startsWith("output trace [0, 16), commits to index 15 = the output root of L2 block"),
            root.text(g, g.claim(0)));
        for (Claim c : g.claims()) {
            TraceRange r = TraceRange.of(g, c.index());
            int leafDepth = r.execution() ? mx : s;
            assertEquals(BigInteger.ONE.shiftLeft(leafDepth - c.depth()), r.end().subtract(r.start()), "#" + c.index());
            if (r.execution()) {
                assertEquals(c.position().traceIndexInSubgame(s, mx), r.committed());
                assertTrue(r.text(g, c).endsWith(String.format("after step %,d", r.committed().longValueExact() + 1)));
            } else {
                assertEquals(c.position().traceIndex(s), r.committed());
            }
            if (!c.isRoot()) {
                // An attack's range is the left half of its parent's (a defend's lies right of it).
                TraceRange pr = TraceRange.of(g, c.parentIndex());
                if (pr.execution() == r.execution() && m.moveKind(c.index()).equals("Attack")) {
                    assertEquals(pr.start(), r.start(), "#" + c.index());
                    assertTrue(pr.contains(r.start()) && pr.contains(r.committed()), "#" + c.index());
                }
            }
        }
        boolean inInspector = m.details(1).stream().anyMatch(row -> row[0].equals("Trace range")
            && row[1].equals(TraceRange.of(g, 1).text(g, g.claim(1))));
        assertTrue(inInspector);
        assertTrue(TreeLabels.tooltip(m, 1).contains(TraceRange.of(g, 1).text(g, g.claim(1))));
    }

    @Test
    void searchFindsClaimsByNumberValueTraceIndexStepAndBlock() throws Exception {
        GameModel m = atEnd(MAINNET);
        FaultDisputeGame g = m.game();
        assertEquals(List.of(12), TreeSearch.find(g, "#12").matches());
        assertEquals(List.of(12), TreeSearch.find(g, " 12 ").matches());
        assertTrue(TreeSearch.find(g, "#9999").matches().isEmpty());
        assertTrue(TreeSearch.find(g, "#9999").message().contains("no claim #9999"));
        String v = g.claim(40).value().hex().substring(0, 14);
        List<Integer> byValue = TreeSearch.find(g, v).matches();
        assertTrue(byValue.contains(40), byValue.toString());
        for (int i : byValue) {
            assertTrue(g.claim(i).value().hex().startsWith(v));
        }
        assertTrue(TreeSearch.find(g, "0xzz").matches().isEmpty());
        // A trace index: the claim committing to it comes first; then those whose range holds it, deepest first.
        int leaf = g.claimCount() - 1;
        long t = TraceRange.of(g, leaf).committed().longValueExact();
        List<Integer> byTrace = TreeSearch.find(g, "t " + t).matches();
        assertEquals(leaf, byTrace.get(0));
        for (int i : byTrace) {
            assertTrue(TraceRange.of(g, i).contains(BigInteger.valueOf(t)), "#" + i);
        }
        assertEquals(byTrace, TreeSearch.find(g, "trace " + String.format("%,d", t)).matches());
        assertEquals(leaf, TreeSearch.find(g, "step " + (t + 1)).matches().get(0));
        long block = g.blockOf(g.claim(0).position());
        List<Integer> byBlock = TreeSearch.find(g, "block " + block).matches();
        assertFalse(byBlock.isEmpty());
        for (int i : byBlock) {
            assertEquals(block, g.blockOf(g.claim(i).position()));
        }
        assertTrue(TreeSearch.find(g, "hello world").message().contains("is not a claim number"));
    }

    @Test
    void theExportHasEveryClaimsLabelTheLegendTitleAndNarration() throws Exception {
        for (Path p : List.of(WORKSHOP, MAINNET)) {
            GameModel m = atEnd(p);
            TreePicture pic = TreeExport.picture(m, m.layout(), TreeExport.name(m), false, 13, Set.of());
            String svg = TreeSvg.svg(pic, i -> TreeLabels.tooltip(m, i));
            for (Claim c : m.game().claims()) {
                String label = TreeLabels.first(m, c.index(), TreeLabels.Detail.FULL, 0);
                assertTrue(svg.contains(">" + label + "</text>"), p + ": no label " + label);
                assertTrue(svg.contains("id=\"claim-" + c.index() + "\""));
            }
            for (String legend : TreeLegend.TEXTS) {
                assertTrue(svg.contains(legend), "legend entry " + legend);
            }
            assertTrue(svg.contains("Faultscope · " + p.getFileName()));
            assertTrue(svg.contains("MAX_GAME_DEPTH " + m.game().config().maxGameDepth() + " · SPLIT_DEPTH"));
            String narrationStart = m.narration().substring(0, 20);
            assertTrue(svg.contains(narrationStart), "narration");
            // Full labels at export: every claim has its second line.
            Map<Integer, double[]> boxes = nodeBoxes(pic.shapes());
            assertEquals(m.game().claimCount(), boxes.size());
            for (double[] b : boxes.values()) {
                assertTrue(b[0] >= 0 && b[2] <= pic.width() && b[1] >= 0 && b[3] <= pic.height(), "inside the picture");
            }
            // The tree is centred: as much room left of the left-most box as right of the right-most label.
            double left = boxes.values().stream().mapToDouble(b -> b[0]).min().orElseThrow();
            double right = boxes.values().stream().mapToDouble(b -> b[2]).max().orElseThrow();
            assertTrue(Math.abs(left - (pic.width() - right)) < TreeLabels.fullGap(13) + 60,
                p + ": left " + left + " right margin " + (pic.width() - right));
        }
    }
}
