package dev.faultscope.chain;

import dev.faultscope.game.Claim;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameAction;
import dev.faultscope.game.GameError;
import dev.faultscope.game.Session;
import dev.faultscope.game.RulesVersion;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's model of a game read from chain: every claim replayed as a move at its clock's timestamp, every
 * step found on chain replayed with its calldata, resolved subgames resolved bottom-up, all under the rules of the
 * game's version; then the model compared with what the chain says. Differences are listed, never hidden.
 *
 * @param game        the engine's game, as far as the replay got
 * @param differences where the model and the chain disagree, one line each (empty: they agree on every claim,
 *                    clock, bond, counter, credit and the status)
 * @param complete    every action on chain was replayed
 */
public record ChainReplay(FaultDisputeGame game, List<String> differences, boolean complete) {

    /** Replays {@code chain}; an unknown version is refused (read-only display only). */
    public static ChainReplay of(ChainGame chain) {
        return of(chain, chain.rules().orElseThrow(() -> new ChainException("FaultDisputeGame " + chain.version()
            + " at " + chain.address() + ": rules not modelled (known: 1.2.0, 1.3.x)")));
    }

    /** Replays {@code chain} under {@code rules}, whatever its version says (to see where releases differ). */
    public static ChainReplay of(ChainGame chain, RulesVersion rules) {
        Session session = ChainSession.of(chain, rules);
        FaultDisputeGame game = session.setup().newGame();
        List<String> diffs = new ArrayList<>();
        boolean complete = true;
        for (GameAction a : session.actions()) {
            try {
                a.applyTo(game);
            } catch (GameError | IllegalArgumentException e) {
                diffs.add(describe(a) + ": the engine refuses it: " + e.getMessage());
                complete = false;
                break;
            }
        }
        if (complete) {
            compare(chain, game, diffs);
        }
        return new ChainReplay(game, List.copyOf(diffs), complete);
    }

    private static String describe(GameAction a) {
        return switch (a) {
            case GameAction.Move m -> "the move against claim " + m.parentIndex() + " at t=" + m.time();
            case GameAction.Step s -> "the step against claim " + s.claimIndex();
            case GameAction.ResolveClaim r -> "resolveClaim(" + r.claimIndex() + ")";
            default -> a.getClass().getSimpleName();
        };
    }

    private static void compare(ChainGame chain, FaultDisputeGame game, List<String> diffs) {
        if (game.claimCount() != chain.claims().size()) {
            diffs.add("claims: chain " + chain.claims().size() + ", engine " + game.claimCount());
            return;
        }
        for (ChainClaim c : chain.claims()) {
            Claim m = game.claim(c.index());
            check(diffs, c.index(), "parent", c.parentIndex(), m.parentIndex());
            check(diffs, c.index(), "value", c.value(), m.value());
            check(diffs, c.index(), "position", c.position(), m.position());
            check(diffs, c.index(), "claimant", c.claimant(), m.claimant());
            check(diffs, c.index(), "bond", c.bond(), m.bond());
            check(diffs, c.index(), "clock", c.clock(), m.clock());
            check(diffs, c.index(), "counteredBy", c.counteredBy(), m.counteredBy());
            check(diffs, c.index(), "resolved", c.resolved(), game.isSubgameResolved(c.index()));
        }
        for (Map.Entry<String, BigInteger> e : chain.credits().entrySet()) {
            BigInteger model = game.credit(e.getKey());
            if (!model.equals(e.getValue())) {
                diffs.add("credit of " + e.getKey() + ": chain " + e.getValue() + ", engine " + model);
            }
        }
        for (Map.Entry<String, BigInteger> e : game.credits().entrySet()) {
            if (!chain.credits().containsKey(e.getKey()) && e.getValue().signum() > 0) {
                diffs.add("credit of " + e.getKey() + ": chain 0, engine " + e.getValue());
            }
        }
        if (game.status() != chain.status()) {
            diffs.add("status: chain " + chain.status() + ", engine " + game.status());
        }
    }

    private static void check(List<String> diffs, int index, String field, Object chain, Object model) {
        if (!Objects.equals(chain, model)) {
            diffs.add("claim " + index + " " + field + ": chain " + chain + ", engine " + model);
        }
    }
}
