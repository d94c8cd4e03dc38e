package dev.faultscope.ui.model.game;

import dev.faultscope.game.Claim;
import dev.faultscope.game.FaultDisputeGame;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The game view's "go to claim" and search field. A query is a claim number ({@code 12} or {@code #12}), a value
 * prefix ({@code 0x03ab…}), a trace index ({@code t 4096}: the claims committing to it, then those whose range holds
 * it, deepest first), a VM step ({@code step 4097}: the state after it, trace index 4096) or an L2 block
 * ({@code block 7}).
 */
public final class TreeSearch {
    /** The claims found, best first, or none with {@code message} saying why. */
    public record Result(List<Integer> matches, String message) {
    }

    private TreeSearch() {
    }

    public static Result find(FaultDisputeGame game, String query) {
        String q = query.trim().toLowerCase(Locale.ROOT).replace(",", "").replace("_", "");
        if (q.isEmpty()) {
            return none("type a claim number (#12), a value prefix (0x03ab), a trace index (t 4096), a step or a block");
        }
        try {
            if (q.matches("#?\\d+")) {
                int i = Integer.parseInt(q.replace("#", ""));
                return i < game.claimCount() ? new Result(List.of(i), "claim #" + i)
                    : none("no claim #" + i + " (the game has " + game.claimCount() + " claims at this action)");
            }
            if (q.matches("(0x)?[0-9a-f]+") && (q.startsWith("0x") || q.matches(".*[a-f].*"))) {
                String prefix = q.startsWith("0x") ? q : "0x" + q;
                List<Integer> out = new ArrayList<>();
                for (Claim c : game.claims()) {
                    if (c.value().hex().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                        out.add(c.index());
                    }
                }
                return out.isEmpty() ? none("no claim's value starts with " + prefix) : found(out, "value " + prefix + "…");
            }
            String[] words = q.split("\\s+|(?<=[a-z])(?=\\d)");
            if (words.length == 2 && words[1].matches("\\d+")) {
                BigInteger n = new BigInteger(words[1]);
                switch (words[0]) {
                    case "t", "trace", "index" -> {
                        return byTrace(game, n, "trace index " + TraceRange.num(n));
                    }
                    case "s", "step" -> {
                        return n.signum() == 0 ? none("step 0 is the absolute prestate; the first state is after step 1")
                            : byTrace(game, n.subtract(BigInteger.ONE), "the state after step " + TraceRange.num(n), true);
                    }
                    case "b", "blk", "block" -> {
                        return byBlock(game, n.longValueExact());
                    }
                    default -> {
                    }
                }
            }
        } catch (NumberFormatException | ArithmeticException e) {
            return none("the number in \"" + query.trim() + "\" is too large");
        }
        return none("\"" + query.trim() + "\" is not a claim number (#12), a value (0x…), a trace index (t 4096), "
            + "a step (step 4097) or a block (block 7)");
    }

    private static Result byTrace(FaultDisputeGame game, BigInteger t, String what) {
        return byTrace(game, t, what, false);
    }

    /** Claims committing to {@code t} first, then claims whose range holds it; deeper claims first in each group. */
    private static Result byTrace(FaultDisputeGame game, BigInteger t, String what, boolean executionOnly) {
        List<Integer> exact = new ArrayList<>();
        List<Integer> holding = new ArrayList<>();
        for (Claim c : game.claims()) {
            TraceRange r = TraceRange.of(game, c.index());
            if (executionOnly && !r.execution()) {
                continue;
            }
            if (r.committed().equals(t)) {
                exact.add(c.index());
            } else if (r.contains(t)) {
                holding.add(c.index());
            }
        }
        Comparator<Integer> deepestFirst = Comparator.comparingInt((Integer i) -> -game.claim(i).depth())
            .thenComparingInt(i -> i);
        exact.sort(deepestFirst);
        holding.sort(deepestFirst);
        exact.addAll(holding);
        return exact.isEmpty() ? none("no claim's range holds " + what) : found(exact, what);
    }

    private static Result byBlock(FaultDisputeGame game, long block) {
        List<Integer> out = new ArrayList<>();
        for (Claim c : game.claims()) {
            if (c.depth() <= game.config().splitDepth() && game.blockOf(c.position()) == block) {
                out.add(c.index());
            }
        }
        out.sort(Comparator.comparingInt((Integer i) -> -game.claim(i).depth()).thenComparingInt(i -> i));
        return out.isEmpty() ? none("no output claim names L2 block " + block) : found(out, "L2 block " + block);
    }

    private static Result found(List<Integer> m, String what) {
        return new Result(List.copyOf(m), m.size() == 1 ? what + ": claim #" + m.get(0)
            : what + ": " + m.size() + " claims");
    }

    private static Result none(String why) {
        return new Result(List.of(), why);
    }
}
