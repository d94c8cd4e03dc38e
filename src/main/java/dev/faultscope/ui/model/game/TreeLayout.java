package dev.faultscope.ui.model.game;

import dev.faultscope.game.Claim;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.Position;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each claim of a game is drawn, in world units (the view scales and pans them).
 *
 * <p>y is the claim's depth ({@link #ROW} units per level), so the split depth is a horizontal boundary. x follows
 * the trace index the claim commits to: an attack goes left of its parent, a defend right, by half the parent's
 * range. Ranges halve at each level, and 2^73 leaves cannot be drawn linearly, so the mapping is linear while a
 * half-range is at least {@link #MIN_SPREAD} units wide and constant below that (a log scale of the remaining range:
 * each node's bar width is proportional to log2 of the leaves it covers, which shows the narrowing to one leaf).
 * Claims that would overlap in a row are pushed apart, keeping left-to-right order by trace index.
 */
public final class TreeLayout {
    public static final double WIDTH = 2048;
    public static final double ROW = 44;
    public static final double MIN_SPREAD = 30;
    public static final double NODE_GAP = 26;
    public static final double RADIUS = 9;

    /**
     * One drawn claim.
     *
     * @param barHalfWidth half the width of the bar showing its committed range (log scale of the range's leaves)
     * @param hiddenBelow  claims hidden under it because it is collapsed (0 when expanded)
     */
    public record Node(int index, int parentIndex, double x, double y, int depth, double barHalfWidth,
                       int hiddenBelow) {
    }

    private final List<Node> nodes;
    private final Map<Integer, Node> byIndex;
    private final int maxDepth;
    private final int splitDepth;
    private final double minX;
    private final double maxX;
    private final double minRowGap;

    private TreeLayout(List<Node> nodes, int maxDepth, int splitDepth) {
        this.nodes = List.copyOf(nodes);
        this.byIndex = new HashMap<>();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        Map<Double, List<Double>> rows = new HashMap<>();
        for (Node n : nodes) {
            byIndex.put(n.index(), n);
            lo = Math.min(lo, n.x() - n.barHalfWidth());
            hi = Math.max(hi, n.x() + n.barHalfWidth());
            rows.computeIfAbsent(n.y(), y -> new ArrayList<>()).add(n.x());
        }
        double gap = Double.POSITIVE_INFINITY;
        for (List<Double> row : rows.values()) {
            row.sort(null);
            for (int k = 1; k < row.size(); k++) {
                gap = Math.min(gap, row.get(k) - row.get(k - 1));
            }
        }
        this.maxDepth = maxDepth;
        this.splitDepth = splitDepth;
        this.minX = nodes.isEmpty() ? 0 : lo;
        this.maxX = nodes.isEmpty() ? WIDTH : hi;
        this.minRowGap = gap;
    }

    /** Half the horizontal distance from a claim at {@code depth} to its children (before overlap is resolved). */
    public static double spread(int depth) {
        return Math.max(WIDTH / Math.pow(2, depth + 2), MIN_SPREAD);
    }

    /** The y of a depth's row. */
    public static double rowY(int depth) {
        return depth * ROW;
    }

    /** Half the bar width for a claim at {@code depth} of a game of {@code maxDepth}: log2 of its leaves, scaled. */
    public static double barHalfWidth(int depth, int maxDepth) {
        int log2Leaves = maxDepth - depth;
        return Math.min(WIDTH / 2, 3 + 2.2 * log2Leaves);
    }

    /** Lays out every claim not hidden under a collapsed one. */
    public static TreeLayout of(FaultDisputeGame game, Set<Integer> collapsed) {
        int m = game.config().maxGameDepth();
        int s = game.config().splitDepth();
        List<Claim> claims = game.claims();
        int n = claims.size();
        double[] x = new double[n];
        boolean[] hidden = new boolean[n];
        int[] hiddenBelow = new int[n];
        List<Node> out = new ArrayList<>();
        // Claims are appended after their parents, so index order visits parents first.
        for (Claim c : claims) {
            int i = c.index();
            if (c.isRoot()) {
                x[i] = WIDTH / 2;
                continue;
            }
            int p = c.parentIndex();
            hidden[i] = hidden[p] || collapsed.contains(p);
            if (hidden[i]) {
                int top = p;
                while (hidden[top]) {
                    top = claims.get(top).parentIndex();
                }
                hiddenBelow[top]++;
            }
            Position pp = claims.get(p).position();
            BigInteger parentTrace = pp.traceIndex(m);
            BigInteger mine = c.position().traceIndex(m);
            int cmp = mine.compareTo(parentTrace);
            double dir = cmp < 0 ? -1 : cmp > 0 ? 1 : 0;
            x[i] = x[p] + dir * spread(pp.depth());
        }
        // Resolve overlaps row by row, ordered by trace index then insertion.
        Map<Integer, List<Integer>> rows = new HashMap<>();
        for (Claim c : claims) {
            if (!hidden[c.index()]) {
                rows.computeIfAbsent(c.depth(), d -> new ArrayList<>()).add(c.index());
            }
        }
        for (List<Integer> row : rows.values()) {
            row.sort(Comparator.<Integer>comparingDouble(i -> x[i])
                .thenComparing(i -> claims.get(i).position().traceIndex(m)).thenComparingInt(i -> i));
            for (int k = 1; k < row.size(); k++) {
                int a = row.get(k - 1), b = row.get(k);
                if (x[b] < x[a] + NODE_GAP) {
                    x[b] = x[a] + NODE_GAP;
                }
            }
        }
        for (Claim c : claims) {
            int i = c.index();
            if (!hidden[i]) {
                out.add(new Node(i, c.parentIndex(), x[i], rowY(c.depth()), c.depth(), barHalfWidth(c.depth(), m),
                    collapsed.contains(i) ? hiddenBelow[i] : 0));
            }
        }
        return new TreeLayout(out, m, s);
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** The drawn node of claim {@code index}, or null if it is hidden. */
    public Node node(int index) {
        return byIndex.get(index);
    }

    public int maxDepth() {
        return maxDepth;
    }

    public int splitDepth() {
        return splitDepth;
    }

    /** The y of the boundary between the output part (depth ≤ split) and the execution part. */
    public double splitY() {
        return (rowY(splitDepth) + rowY(splitDepth + 1)) / 2;
    }

    /** The smallest distance between two neighbours in one row (infinite when every row holds one claim). */
    public double minRowGap() {
        return minRowGap;
    }

    /** Left edge of the drawn claims and their range bars. */
    public double minX() {
        return minX;
    }

    public double maxX() {
        return maxX;
    }

    public double height() {
        return rowY(maxDepth) + ROW;
    }

    /** The claim whose node is nearest to (wx, wy) within {@code radius} world units, or -1. */
    public int hit(double wx, double wy, double radius) {
        int best = -1;
        double bestD = radius * radius;
        for (Node n : nodes) {
            double dx = n.x() - wx, dy = n.y() - wy;
            double d = dx * dx + dy * dy;
            if (d <= bestD) {
                bestD = d;
                best = n.index();
            }
        }
        return best;
    }
}
