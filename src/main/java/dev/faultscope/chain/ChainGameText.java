package dev.faultscope.chain;

import dev.faultscope.game.ClaimTable;

import java.math.BigInteger;
import java.util.Map;

/**
 * A read game as text: its immutables and state, then the claims in op-challenger's {@code list-claims} columns
 * (the engine's {@link ClaimTable} of the replay at the read block's time), the credits, and what the replay found.
 */
public final class ChainGameText {
    private ChainGameText() {
    }

    public static String render(ChainGame g, ChainReplay replay) {
        StringBuilder sb = new StringBuilder();
        sb.append("FaultDisputeGame ").append(g.version()).append(" at ").append(g.address())
            .append(" (chain ").append(g.chainId()).append(", read at block ").append(g.readBlock())
            .append(", t=").append(g.readTimestamp()).append(")\n");
        line(sb, "game type", g.gameType());
        line(sb, "root claim", g.rootClaim().hex() + " for L2 block " + g.l2BlockNumber());
        line(sb, "anchor", g.startingRootHash().hex() + " at L2 block " + g.startingBlockNumber());
        line(sb, "l1 head", g.l1Head().hex());
        line(sb, "creator", g.creator());
        line(sb, "absolute prestate", g.absolutePrestate().hex());
        line(sb, "depths", "max " + g.maxGameDepth() + ", split " + g.splitDepth());
        line(sb, "clocks", "max " + ClaimTable.duration(g.maxClockDuration()) + ", extension "
            + ClaimTable.duration(g.clockExtension()));
        line(sb, "vm", g.vm() + (g.vmVersion() == null ? "" : " (MIPS " + g.vmVersion() + ")"));
        line(sb, "oracle", g.oracle() + " (challenge period " + ClaimTable.duration(g.oracleChallengePeriod()) + ")");
        line(sb, "status", g.status() + ", created t=" + g.createdAt()
            + (g.resolvedAt() > 0 ? ", resolved t=" + g.resolvedAt() : ""));
        line(sb, "rules", g.rules().map(r -> r.label()).orElse("unknown: read-only"));
        for (String w : g.warnings()) {
            sb.append("warning: ").append(w).append('\n');
        }
        sb.append('\n');
        if (replay != null && replay.complete()) {
            long now = Math.max(g.readTimestamp(), replay.game().latestTime());
            sb.append(ClaimTable.of(replay.game(), now).table());
        } else {
            for (ChainClaim c : g.claims()) {
                sb.append(String.format("%3d  parent %3d  depth %2d  %s  %s  bond %s  clock %d s @ %d%s%n", c.index(),
                    c.parentIndex(), c.depth(), c.value().hex(), c.claimant(), ClaimTable.eth(c.bond()),
                    c.clock().duration(), c.clock().timestamp(),
                    c.counteredBy() == null ? "" : "  countered by " + c.counteredBy()));
            }
        }
        if (!g.credits().isEmpty()) {
            sb.append("\nCredits:\n");
            for (Map.Entry<String, BigInteger> e : g.credits().entrySet()) {
                sb.append("  ").append(e.getKey()).append("  ").append(ClaimTable.eth(e.getValue())).append(" ETH\n");
            }
        }
        if (replay != null) {
            sb.append('\n');
            if (replay.differences().isEmpty()) {
                sb.append("The engine's replay under ").append(replay.game().rules().label())
                    .append(" rules agrees with the chain on every claim, clock, bond, counter, credit and the status.\n");
            } else {
                sb.append("The engine's replay differs from the chain:\n");
                replay.differences().forEach(d -> sb.append("  ").append(d).append('\n'));
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, Object value) {
        sb.append(String.format("  %-18s %s%n", key, value));
    }
}
