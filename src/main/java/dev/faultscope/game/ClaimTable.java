package dev.faultscope.game;

import dev.faultscope.fpp.Bytes32;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A game's claims as op-challenger's {@code list-claims} shows them, one row per claim in index order, read at a
 * simulated time {@code now}; then how the game resolved (status, winner, credit per actor).
 *
 * <p>The move kind comes from the parent relation ({@link Position#isAttackOf}): every non-root position is even,
 * so parity cannot tell an attack from a defend. The clock column is the time used by the team that would counter
 * the claim (the contract's {@code getChallengerDuration}), which is what decides whether it can still be answered.
 */
public final class ClaimTable {
    /**
     * One claim.
     *
     * @param move              "Root", "Attack" or "Defend"
     * @param parentIndex       the parent claim, {@link Claim#NO_PARENT} for the root
     * @param traceIndex        the trace index the claim commits to, at MAX_GAME_DEPTH
     * @param block             the L2 block an output claim (depth ≤ split) is about (the root: the proposal's), else -1
     * @param challengerDuration seconds used by the team that would counter this claim, at {@code now}
     * @param expired           that team's clock has run out: nobody can counter the claim any more
     * @param counteredBy       who countered it (a stepper, or after resolution the winning child's claimant), or null
     * @param stepped           countered by a step (a leaf at MAX_GAME_DEPTH; resolution never marks those)
     * @param resolved          its subgame has been resolved
     */
    public record Row(int index, String move, int parentIndex, Position position, int depth, BigInteger traceIndex,
                      long block, Bytes32 value, String claimant, BigInteger bond, Clock clock,
                      long challengerDuration, long timeLeft, boolean expired, long clockExpiresAt,
                      long resolvableAt, String counteredBy, boolean stepped, boolean resolved) {
    }

    private static final BigInteger WEI_PER_ETH = BigInteger.TEN.pow(18);

    private final FaultDisputeGame game;
    private final long now;
    private final List<Row> rows;

    private ClaimTable(FaultDisputeGame game, long now) {
        this.game = game;
        this.now = now;
        this.rows = buildRows(game, now);
    }

    /** The table read at the game's latest action (for a finished session: when it ended). */
    public static ClaimTable of(FaultDisputeGame game) {
        return new ClaimTable(game, game.latestTime());
    }

    /** The table read at {@code now}, which may not be before any claim was made. */
    public static ClaimTable of(FaultDisputeGame game, long now) {
        if (now < game.latestTime()) {
            throw new IllegalArgumentException("now " + now + " is before the game's latest action at " + game.latestTime());
        }
        return new ClaimTable(game, now);
    }

    public List<Row> rows() {
        return rows;
    }

    public long now() {
        return now;
    }

    /** The label of claim {@code index}'s move, from its position relative to its parent's. */
    public static String moveKind(FaultDisputeGame game, int index) {
        Claim c = game.claim(index);
        if (c.isRoot()) {
            return "Root";
        }
        return c.position().isAttackOf(game.claim(c.parentIndex()).position()) ? "Attack" : "Defend";
    }

    private static List<Row> buildRows(FaultDisputeGame game, long now) {
        GameConfig cfg = game.config();
        List<Row> out = new ArrayList<>(game.claimCount());
        for (Claim c : game.claims()) {
            int i = c.index();
            long used = game.challengerDuration(i, now);
            boolean leaf = c.depth() == cfg.maxGameDepth();
            out.add(new Row(i, moveKind(game, i), c.parentIndex(), c.position(), c.depth(),
                c.position().traceIndex(cfg.maxGameDepth()),
                // The root asserts the proposal's block by definition; with few output leaves (a small split depth)
                // the position formula would name an earlier one.
                c.isRoot() ? game.rootBlock() : c.depth() <= cfg.splitDepth() ? game.blockOf(c.position()) : -1,
                c.value(), c.claimant(), c.bond(), c.clock(), used, cfg.maxClockDuration() - used,
                used >= cfg.maxClockDuration(), game.clockExpiresAt(i), game.resolvableAt(i), c.counteredBy(),
                leaf && c.counteredBy() != null, game.isSubgameResolved(i)));
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------------------------------------ text

    /** The table, then the resolution summary. */
    public String text() {
        return table() + summary();
    }

    /** The header line and one line per claim, as {@code list-claims} prints them. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        GameConfig cfg = game.config();
        sb.append("Status: ").append(game.status())
            .append(" • L2 blocks: ").append(cfg.anchor().blockNumber()).append(" to ").append(game.rootBlock())
            .append(" • Split depth: ").append(cfg.splitDepth())
            .append(" • Max depth: ").append(cfg.maxGameDepth())
            .append(" • Claims: ").append(rows.size())
            .append(" • Time: ").append(now).append('\n');
        String[] head = {"Idx", "Move", "Parent", "Depth", "Trace", "Value", "Claimant", "Bond (ETH)", "Clock", "Countered By"};
        // Numbers right-aligned as op-challenger prints them; text left-aligned.
        boolean[] right = {true, false, true, true, true, false, false, true, false, false};
        List<String[]> cells = new ArrayList<>();
        cells.add(head);
        for (Row r : rows) {
            cells.add(new String[] {
                Integer.toString(r.index()),
                r.move(),
                // "-" rather than blank keeps every row's columns split the same way for scripts.
                r.parentIndex() == Claim.NO_PARENT ? "-" : Integer.toString(r.parentIndex()),
                Integer.toString(r.depth()),
                r.traceIndex().toString(),
                r.value().shortHex(),
                r.claimant(),
                eth(r.bond()),
                duration(r.challengerDuration()) + (r.expired() ? " expired" : " (" + duration(r.timeLeft()) + " left)"),
                r.counteredBy() == null ? "-" : r.counteredBy() + (r.stepped() ? " (step)" : "")});
        }
        int[] width = new int[head.length];
        for (String[] row : cells) {
            for (int k = 0; k < row.length; k++) {
                width[k] = Math.max(width[k], row[k].length());
            }
        }
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < row.length; k++) {
                if (k > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(width[k] - row[k].length());
                line.append(right[k] ? pad + row[k] : row[k] + pad);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** Status, winner and credits, one item per line. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        GameStatus status = game.status();
        sb.append("Resolution: ").append(status == GameStatus.IN_PROGRESS ? "not yet" : status.name());
        game.resolvedAt().ifPresent(t -> sb.append(" at t=").append(t));
        sb.append('\n');
        sb.append("Winner: ").append(winner()).append('\n');
        if (status == GameStatus.IN_PROGRESS) {
            sb.append("Resolvable from t=").append(game.resolvableAt(0)).append('\n');
        }
        Map<String, BigInteger> credits = new TreeMap<>(game.credits());
        if (credits.isEmpty()) {
            sb.append("Credits: none yet (bonds are paid out as subgames resolve)\n");
        } else {
            sb.append("Credits:\n");
            int w = credits.keySet().stream().mapToInt(String::length).max().orElse(0);
            credits.forEach((actor, wei) -> sb.append("  ").append(actor).append(" ".repeat(w - actor.length()))
                .append("  ").append(eth(wei)).append(" ETH\n"));
        }
        return sb.toString();
    }

    /** Who won, in words; "none yet" while in progress. */
    public String winner() {
        Claim root = game.claim(0);
        return switch (game.status()) {
            case IN_PROGRESS -> "none yet";
            case DEFENDER_WINS -> "defender: the root claim by " + root.claimant() + " stands";
            case CHALLENGER_WINS -> "challenger: the root claim by " + root.claimant() + " was countered by "
                + root.counteredBy();
        };
    }

    /** Wei as exact ETH: every decimal kept (a bond can have 10+ significant digits), no trailing zeros. */
    public static String eth(BigInteger wei) {
        BigDecimal e = new BigDecimal(wei).divide(new BigDecimal(WEI_PER_ETH)).stripTrailingZeros();
        return e.scale() < 0 ? e.setScale(0).toPlainString() : e.toPlainString();
    }

    /** Seconds as {@code 1h 2m 3s} ({@code 2m 3s}, {@code 3s} when shorter); days are shown as hours. */
    public static String duration(long seconds) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        if (h > 0) {
            return h + "h " + m + "m " + s + "s";
        }
        return m > 0 ? m + "m " + s + "s" : s + "s";
    }

    // ------------------------------------------------------------------------------------------------ JSON

    /**
     * The table as one JSON document: {@code {"status", "now", "claims": [one object per claim, full values],
     * "resolution": {...}}}. Numbers that can pass 2^53 (positions, trace indices, wei) are decimal strings.
     */
    public String json() {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"status\":").append(str(game.status().name()))
            .append(",\"now\":").append(now)
            .append(",\"maxGameDepth\":").append(game.config().maxGameDepth())
            .append(",\"splitDepth\":").append(game.config().splitDepth())
            .append(",\"rootBlock\":").append(game.rootBlock())
            .append(",\"claims\":[");
        for (int k = 0; k < rows.size(); k++) {
            Row r = rows.get(k);
            sb.append(k == 0 ? "" : ",").append('{')
                .append("\"index\":").append(r.index())
                .append(",\"move\":").append(str(r.move()))
                .append(",\"parentIndex\":").append(r.parentIndex() == Claim.NO_PARENT ? "null" : Integer.toString(r.parentIndex()))
                .append(",\"position\":").append(str(r.position().gindex().toString()))
                .append(",\"depth\":").append(r.depth())
                .append(",\"indexAtDepth\":").append(str(r.position().indexAtDepth().toString()))
                .append(",\"traceIndex\":").append(str(r.traceIndex().toString()))
                .append(",\"block\":").append(r.block() < 0 ? "null" : Long.toString(r.block()))
                .append(",\"value\":").append(str(r.value().hex()))
                .append(",\"claimant\":").append(str(r.claimant()))
                .append(",\"bond\":").append(str(r.bond().toString()))
                .append(",\"bondEth\":").append(str(eth(r.bond())))
                .append(",\"clockDuration\":").append(r.clock().duration())
                .append(",\"clockTimestamp\":").append(r.clock().timestamp())
                .append(",\"challengerDuration\":").append(r.challengerDuration())
                .append(",\"timeLeft\":").append(r.timeLeft())
                .append(",\"expired\":").append(r.expired())
                .append(",\"clockExpiresAt\":").append(r.clockExpiresAt())
                .append(",\"resolvableAt\":").append(r.resolvableAt())
                .append(",\"counteredBy\":").append(r.counteredBy() == null ? "null" : str(r.counteredBy()))
                .append(",\"stepped\":").append(r.stepped())
                .append(",\"resolved\":").append(r.resolved())
                .append('}');
        }
        sb.append("],\"resolution\":{\"status\":").append(str(game.status().name()))
            .append(",\"winner\":").append(game.status() == GameStatus.IN_PROGRESS ? "null"
                : str(game.status() == GameStatus.DEFENDER_WINS ? "defender" : "challenger"))
            .append(",\"resolvedAt\":").append(game.resolvedAt().isPresent() ? Long.toString(game.resolvedAt().getAsLong()) : "null")
            .append(",\"credits\":{");
        boolean first = true;
        for (Map.Entry<String, BigInteger> e : new TreeMap<>(game.credits()).entrySet()) {
            sb.append(first ? "" : ",").append(str(e.getKey())).append(':').append(str(e.getValue().toString()));
            first = false;
        }
        sb.append("}}}\n");
        return sb.toString();
    }

    /** A JSON string literal (the game package keeps no JSON library; actor names are the only free text). */
    private static String str(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
