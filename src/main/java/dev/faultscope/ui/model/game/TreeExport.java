package dev.faultscope.ui.model.game;

import dev.faultscope.game.ClaimTable;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.ui.model.game.TreePicture.Align;
import dev.faultscope.ui.model.game.TreePicture.Shape;
import dev.faultscope.ui.model.game.TreePicture.Text;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole tree as one slide: a title (the game, its configuration and status), the current narration and the
 * legend on top, then every claim with full labels, centred and using the picture's width. Both exports (PNG at a
 * chosen scale, SVG) are this picture.
 */
public final class TreeExport {
    private static final double MARGIN = 16;
    private static final double MIN_WIDTH = 1000;

    private TreeExport() {
    }

    /** The title's lines: what the game is, its configuration, where the replay stands. */
    public static List<String> title(GameModel model, String name) {
        FaultDisputeGame g = model.game();
        return List.of(
            "Faultscope · " + name,
            String.format("MAX_GAME_DEPTH %d · SPLIT_DEPTH %d · clock %s · root claim for L2 block %,d · %d claims",
                g.config().maxGameDepth(), g.config().splitDepth(), ClaimTable.duration(g.config().maxClockDuration()),
                g.rootBlock(), g.claimCount()),
            String.format("action %d / %d (%s) · %s", model.position(), model.size(), model.relativeTime(model.now()),
                model.winnerText()));
    }

    /** The name a game goes by in a title: its file's name, or "a new game". */
    public static String name(GameModel model) {
        return model.file() == null ? "a new game" : model.file().getFileName().toString();
    }

    /** The picture of the whole tree of {@code model} at the cursor, fonts at {@code baseFont} pixels. */
    public static TreePicture picture(GameModel model, TreeLayout layout, String name, boolean dark, double baseFont,
                                      java.util.Set<Integer> highlighted) {
        TreePalette c = TreePalette.of(dark);
        TreeProjection p = new TreeProjection(layout);
        p.setFont(baseFont);
        p.forExport(layout);
        double labelRoom = TreeLabels.fullGap(baseFont) + TreePicture.textWidth("d000", p.captionFont(), false);
        double treeW = (layout.maxX() - layout.minX()) * p.scaleX() + labelRoom + 2 * MARGIN;
        double legendW = TreeLegend.width(baseFont);
        double width = Math.max(Math.max(MIN_WIDTH, treeW), legendW * 2.4);
        // The header: title and narration wrapped on the left, the legend on the right.
        List<Shape> out = new ArrayList<>();
        double textW = width - legendW - 3 * MARGIN;
        double y = MARGIN;
        double titleFont = baseFont * 1.3;
        List<String> title = title(model, name);
        for (int k = 0; k < title.size(); k++) {
            double f = k == 0 ? titleFont : baseFont;
            for (String line : wrap(title.get(k), f, textW, false)) {
                y += f * 1.3;
                out.add(new Text(MARGIN, y, line, f, false, k == 0, c.foreground(), Align.LEFT, "title", -1));
            }
        }
        y += baseFont * 0.6;
        for (String line : wrap(model.narration(), baseFont, textW, false)) {
            y += baseFont * 1.35;
            out.add(new Text(MARGIN, y, line, baseFont, false, false, c.foreground(), Align.LEFT, "narration", -1));
        }
        TreeLegend.draw(out, width - legendW - MARGIN, MARGIN, baseFont, c);
        double header = Math.max(y, MARGIN + TreeLegend.height(baseFont)) + MARGIN;
        // The tree below the header, centred.
        double used = (layout.maxX() - layout.minX()) * p.scaleX() + labelRoom;
        p.pan((width - used) / 2 - MARGIN, header);
        double height = header + p.treeHeight() + MARGIN;
        new TreeDrawing(model, layout, p, new TreeDrawing.Options(c, highlighted, true), TreeDrawing.attackFlags(model),
            model.projectedCountered(), model.paddedFlags()).draw(out, width, height);
        return new TreePicture(Math.ceil(width), Math.ceil(height), c.background(), out);
    }

    /** Greedy word wrap by estimated text width. */
    static List<String> wrap(String text, double size, double width, boolean mono) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String next = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && TreePicture.textWidth(next, size, mono) > width) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(next);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
