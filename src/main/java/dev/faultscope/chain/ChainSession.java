package dev.faultscope.chain;

import dev.faultscope.game.Address;
import dev.faultscope.game.Anchor;
import dev.faultscope.game.GameAction;
import dev.faultscope.game.GameConfig;
import dev.faultscope.game.GameError;
import dev.faultscope.game.GameSetup;
import dev.faultscope.game.GameStatus;
import dev.faultscope.game.RulesVersion;
import dev.faultscope.game.Session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A game read from chain as a session: its setup (the chain's parameters, root bond and version's rules) and the
 * actions the chain saw, in time order: each claim as a move at its clock's timestamp, each step found at its
 * block's timestamp, the resolved subgames bottom-up and {@code resolve} at the resolution time. The game view
 * replays it like any played session.
 */
public final class ChainSession {
    private ChainSession() {
    }

    public static Session of(ChainGame chain, RulesVersion rules) {
        List<ChainClaim> claims = chain.claims();
        ChainClaim root = claims.get(0);
        GameSetup setup;
        try {
            GameConfig config = new GameConfig(chain.maxGameDepth(), chain.splitDepth(), chain.maxClockDuration(),
                chain.clockExtension(), rules == RulesVersion.V1_2_0 ? 0 : chain.oracleChallengePeriod(),
                chain.absolutePrestate(), new Anchor(chain.startingBlockNumber(), chain.startingRootHash()),
                chain.l1Head(), chain.l2ChainId(), Address.fromHex(chain.address()));
            setup = new GameSetup(config, chain.rootClaim(), chain.l2BlockNumber(), root.claimant(),
                chain.createdAt(), root.bond(), rules);
            setup.newGame();
        } catch (GameError | IllegalArgumentException e) {
            throw new ChainException("the engine cannot model game " + chain.address() + ": " + e.getMessage());
        }
        // Within one second, the blocks give the order (the k-th Move event made claim k); without events, a
        // claim's step comes after it.
        record Timed(long time, long block, int order, GameAction action) {
        }
        List<Long> moveBlocks = chain.events().stream().filter(e -> e.kind().equals("Move")).map(ChainEvent::block)
            .toList();
        List<Timed> timed = new ArrayList<>();
        for (ChainClaim c : claims.subList(1, claims.size())) {
            ChainClaim parent = claims.get(c.parentIndex());
            boolean attack = c.position().equals(parent.position().move(true));
            long block = moveBlocks.size() == claims.size() - 1 ? moveBlocks.get(c.index() - 1) : 0;
            timed.add(new Timed(c.clock().timestamp(), block, c.index() * 2, new GameAction.Move(c.clock().timestamp(),
                c.claimant(), c.parentIndex(), parent.value(), c.value(), attack, c.bond())));
        }
        for (StepCall s : chain.steps().values()) {
            long block = moveBlocks.size() == claims.size() - 1 ? s.block() : 0;
            timed.add(new Timed(s.timestamp(), block, s.claimIndex() * 2 + 1, new GameAction.Step(s.timestamp(),
                s.sender(), s.claimIndex(), s.isAttack(), s.stateData(), s.proof())));
        }
        timed.sort(Comparator.comparingLong(Timed::time).thenComparingLong(Timed::block)
            .thenComparingInt(Timed::order));
        List<GameAction> actions = new ArrayList<>();
        long last = chain.createdAt();
        for (Timed t : timed) {
            actions.add(t.action());
            last = Math.max(last, t.time());
        }
        // The chain does not say when each subgame was resolved; all of them were by the resolution (or the read).
        long resolveTime = Math.max(last, chain.resolvedAt() > 0 ? chain.resolvedAt() : chain.readTimestamp());
        for (int i = claims.size() - 1; i >= 0; i--) {
            if (claims.get(i).resolved()) {
                actions.add(new GameAction.ResolveClaim(resolveTime, "resolver", i, 0));
            }
        }
        if (chain.status() != GameStatus.IN_PROGRESS) {
            actions.add(new GameAction.Resolve(resolveTime, "resolver"));
        }
        return new Session(setup, null, null, null, Map.of("chain", chain.address()), actions);
    }
}
