package dev.faultscope.chain;

import dev.faultscope.game.Address;
import dev.faultscope.game.Anchor;
import dev.faultscope.game.Claim;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameConfig;
import dev.faultscope.game.GameError;
import dev.faultscope.game.RulesVersion;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
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
        GameConfig config;
        FaultDisputeGame game;
        List<ChainClaim> claims = chain.claims();
        ChainClaim root = claims.get(0);
        try {
            config = new GameConfig(chain.maxGameDepth(), chain.splitDepth(), chain.maxClockDuration(),
                chain.clockExtension(), rules == RulesVersion.V1_2_0 ? 0 : chain.oracleChallengePeriod(),
                chain.absolutePrestate(), new Anchor(chain.startingBlockNumber(), chain.startingRootHash()),
                chain.l1Head(), chain.l2ChainId(), Address.fromHex(chain.address()));
            game = new FaultDisputeGame(config, chain.rootClaim(), chain.l2BlockNumber(), root.claimant(), root.bond(),
                chain.createdAt());
        } catch (GameError | IllegalArgumentException e) {
            throw new ChainException("the engine cannot model game " + chain.address() + ": " + e.getMessage());
        }
        game.useRules(rules);

        // Moves at their clock timestamps and steps at their blocks' timestamps, in time order (claims by index).
        record Action(long time, int order, ChainClaim move, StepCall step) {
        }
        List<Action> actions = new ArrayList<>();
        for (ChainClaim c : claims.subList(1, claims.size())) {
            actions.add(new Action(c.clock().timestamp(), c.index() * 2, c, null));
        }
        for (StepCall s : chain.steps().values()) {
            actions.add(new Action(s.timestamp(), s.claimIndex() * 2 + 1, null, s));
        }
        actions.sort(Comparator.comparingLong(Action::time).thenComparingInt(Action::order));
        List<String> diffs = new ArrayList<>();
        boolean complete = true;
        for (Action a : actions) {
            try {
                if (a.move() != null) {
                    ChainClaim c = a.move();
                    ChainClaim parent = claims.get(c.parentIndex());
                    boolean attack = c.position().parent().equals(parent.position())
                        && c.position().equals(parent.position().move(true));
                    game.move(parent.value(), c.parentIndex(), c.value(), attack, c.claimant(), c.bond(), a.time());
                } else {
                    StepCall s = a.step();
                    game.step(s.claimIndex(), s.isAttack(), s.stateData(), s.proof(), s.sender(), a.time());
                }
            } catch (GameError | IllegalArgumentException e) {
                diffs.add((a.move() != null ? "claim " + a.move().index() : "step against claim " + a.step().claimIndex())
                    + ": the engine refuses it: " + e.getMessage());
                complete = false;
                break;
            }
        }
        long resolveTime = chain.resolvedAt() > 0 ? chain.resolvedAt() : chain.readTimestamp();
        if (complete) {
            for (int i = claims.size() - 1; i >= 0; i--) {
                if (!claims.get(i).resolved()) {
                    continue;
                }
                try {
                    game.resolveClaim(i, 0, Math.max(resolveTime, game.latestTime()));
                } catch (GameError e) {
                    diffs.add("resolveClaim(" + i + "): the engine refuses it: " + e.getMessage());
                    complete = false;
                    break;
                }
            }
        }
        if (complete && chain.status() != dev.faultscope.game.GameStatus.IN_PROGRESS) {
            try {
                game.resolve(Math.max(resolveTime, game.latestTime()));
            } catch (GameError e) {
                diffs.add("resolve(): the engine refuses it: " + e.getMessage());
                complete = false;
            }
        }
        if (complete) {
            compare(chain, game, diffs);
        }
        return new ChainReplay(game, List.copyOf(diffs), complete);
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
