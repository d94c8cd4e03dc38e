package dev.faultscope.agent;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.Claim;
import dev.faultscope.game.ExecutionContext;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameAction;
import dev.faultscope.game.GameError;
import dev.faultscope.game.GameStatus;
import dev.faultscope.game.OnchainPreimageOracle;
import dev.faultscope.game.Position;
import dev.faultscope.game.StepContext;
import dev.faultscope.oracle.PreimageKeys;
import dev.faultscope.vm.VmFault;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * op-challenger's solver (dispute-game.md section 8) over a {@link TraceProvider}. With the correct view it is the
 * honest agent; with a wrong proposer's view it is that proposer defending its claim just as consistently, which is
 * how the dishonest proposers of the workbench play.
 *
 * <p>Every call to {@link #act} starts from the game alone, as op-challenger does on each new block: it walks the
 * claims in index order keeping a tracker of honest claims by identity (position, value, parent index) and, per
 * parent, the honest counter (which may already be on chain, posted by someone else: it is then adopted, not posted
 * again). Team membership is never read from depth parity: a claim is honest iff the tracker holds it.
 */
public final class HonestChallenger implements Player {
    /** A claim's identity in the tracker; the contract's own uniqueness key. */
    private record Identity(Position position, Bytes32 value, int parentIndex) {
    }

    /** Why the agent left a claim alone, for tests and the UI. */
    public record Skipped(int claimIndex, String reason) {
    }

    private final String name;
    private final String strategy;
    private final TraceProvider trace;
    private final boolean resolves;
    private final List<Skipped> skipped = new ArrayList<>();

    public HonestChallenger(String name, TraceProvider trace) {
        this(name, "honest", trace, true);
    }

    /**
     * @param strategy the name shown for this player ({@code honest}, or the wrong proposer it plays for)
     * @param resolves whether it also sends {@code resolveClaim}/{@code resolve} once clocks allow
     */
    public HonestChallenger(String name, String strategy, TraceProvider trace, boolean resolves) {
        this.name = Objects.requireNonNull(name, "name");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.trace = Objects.requireNonNull(trace, "trace");
        this.resolves = resolves;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String strategy() {
        return strategy;
    }

    public TraceProvider trace() {
        return trace;
    }

    /** Claims the last {@link #act} chose not to counter although it disagreed (e.g. a poisoned pre-state). */
    public List<Skipped> skipped() {
        return List.copyOf(skipped);
    }

    /** True if this player's view agrees with the root claim (value at position 1 equals it). */
    public boolean agreesWithRoot(FaultDisputeGame game) {
        return trace.claimValue(game, 0).equals(game.claim(0).value());
    }

    @Override
    public List<GameAction> act(FaultDisputeGame game, long now) {
        skipped.clear();
        List<GameAction> out = new ArrayList<>();
        if (game.status() != GameStatus.IN_PROGRESS) {
            return out;
        }
        Tracker tracker = new Tracker();
        if (agreesWithRoot(game)) {
            tracker.honest.add(identity(game.claim(0)));
        }
        int m = game.config().maxGameDepth();
        for (Claim claim : game.claims()) {
            try {
                if (claim.depth() == m) {
                    step(game, claim, tracker, now, out);
                } else {
                    move(game, claim, tracker, now, out);
                }
            } catch (GameError | IllegalArgumentException | IllegalStateException e) {
                // A claim this view cannot evaluate (e.g. a subgame starting from an output nobody can open) is left
                // alone rather than stopping the agent's answers to every other claim.
                skipped.add(new Skipped(claim.index(), "cannot evaluate: " + e.getMessage()));
            } catch (VmFault e) {
                skipped.add(new Skipped(claim.index(), "no trace for its subgame: " + e.getMessage()));
            }
        }
        if (resolves) {
            resolve(game, now, out);
        }
        return out;
    }

    /** dispute-game.md section 8, {@code shouldCounter}. */
    private boolean shouldCounter(FaultDisputeGame game, Claim claim, Tracker tracker) {
        if (tracker.isHonest(claim)) {
            return false;
        }
        if (claim.isRoot()) {
            return true;
        }
        Claim parent = game.claim(claim.parentIndex());
        if (tracker.isHonest(parent)) {
            return true;
        }
        Identity counter = tracker.counters.get(claim.parentIndex());
        if (counter == null) {
            return false; // hangs below a claim the agent ignored
        }
        int m = game.config().maxGameDepth();
        // Freeloaders at or left of the honest response would take the parent's bond; right of it they cannot.
        return claim.position().traceIndex(m).compareTo(counter.position().traceIndex(m)) <= 0;
    }

    private void move(FaultDisputeGame game, Claim claim, Tracker tracker, long now, List<GameAction> out) {
        if (!shouldCounter(game, claim, tracker)) {
            return;
        }
        boolean agree = trace.claimValue(game, claim.index()).equals(claim.value());
        boolean isAttack = !agree;
        if (!isAttack && (claim.isRoot() || claim.depth() == game.config().splitDepth() + 1)) {
            // Agreeing with a claim that can only be attacked: nothing honest to say against it.
            skipped.add(new Skipped(claim.index(), "agrees with a claim that can only be attacked"));
            return;
        }
        Bytes32 value = trace.moveValue(game, claim.index(), isAttack);
        Identity response = new Identity(claim.position().move(isAttack), value, claim.index());
        tracker.honest.add(response);
        tracker.counters.put(claim.index(), response);
        if (GameRules.exists(game, claim.index(), response.position(), value)) {
            return; // already on chain: adopted
        }
        if (game.timeLeft(claim.index(), now) <= 0) {
            skipped.add(new Skipped(claim.index(), "its clock ran out"));
            return;
        }
        Claim parent = game.claim(claim.index());
        out.add(new GameAction.Move(now, name, claim.index(), parent.value(), value, isAttack,
            game.requiredBond(response.position())));
    }

    private void step(FaultDisputeGame game, Claim claim, Tracker tracker, long now, List<GameAction> out) {
        if (claim.isCountered() || !shouldCounter(game, claim, tracker)) {
            return;
        }
        boolean agree = trace.claimValue(game, claim.index()).equals(claim.value());
        boolean isAttack = !agree;
        StepContext ctx = game.stepContext(claim.index(), isAttack);
        if (!ctx.preStateIsAbsolute()) {
            Claim pre = game.claim(ctx.preStateClaimIndex());
            if (!sameIgnoringStatus(trace.claimValue(game, pre.index()), pre.value())) {
                skipped.add(new Skipped(claim.index(), "poisoned pre-state: claim " + pre.index() + " is not this view's"));
                return;
            }
        }
        ExecutionContext exec = game.executionContext(claim.index());
        StepData data = trace.stepAt(game, exec, ctx.instructionIndex());
        boolean validStep = Arrays.equals(data.postHash(), ctx.postStateValue().bytes());
        if (ctx.parentPostAgree() == validStep) {
            // The VM does not back this view here (only a wrong view gets here): the contract would say ValidStep.
            skipped.add(new Skipped(claim.index(), "the VM's post-state does not counter it"));
            return;
        }
        if (data.readsPreimage()) {
            loadPreimage(game, claim.index(), exec, data, now, out);
        }
        out.add(new GameAction.Step(now, name, claim.index(), isAttack, data.stateData(), data.proofData()));
    }

    /** Loads what the step's instruction reads into the game's oracle unless that part is already there. */
    private void loadPreimage(FaultDisputeGame game, int claimIndex, ExecutionContext exec, StepData data, long now,
                              List<GameAction> out) {
        byte[] key = data.oracleKey();
        OnchainPreimageOracle oracle = game.preimageOracle();
        if (PreimageKeys.type(key) == PreimageKeys.TYPE_LOCAL) {
            long ident = new BigInteger(1, Arrays.copyOfRange(key, 24, 32)).longValueExact();
            Bytes32 localized = OnchainPreimageOracle.localizeIdent(ident, game.config().gameAddress(), exec.localContext());
            if (!oracle.partOk(localized, data.oracleOffset())) {
                out.add(new GameAction.AddLocalData(now, name, ident, claimIndex));
            }
        } else if (!oracle.partOk(Bytes32.of(key), data.oracleOffset())) {
            out.add(new GameAction.LoadKeccakPreimage(now, name, data.preimage()));
        }
    }

    /**
     * Resolves every claim whose subgame can be resolved now, children before parents (a claim's children always
     * have larger indices), then the game once the root is resolved.
     */
    private void resolve(FaultDisputeGame game, long now, List<GameAction> out) {
        Set<Integer> willResolve = new HashSet<>();
        for (int i = game.claimCount() - 1; i >= 0; i--) {
            if (game.isSubgameResolved(i) || now < game.claim(i).clock().timestamp()
                || game.challengerDuration(i, now) < game.config().maxClockDuration()) {
                continue;
            }
            boolean childrenDone = true;
            for (int child : game.children(i)) {
                if (!game.isSubgameResolved(child) && !willResolve.contains(child)) {
                    childrenDone = false;
                    break;
                }
            }
            if (childrenDone) {
                willResolve.add(i);
                out.add(new GameAction.ResolveClaim(now, name, i, 0));
            }
        }
        if (game.isSubgameResolved(0) || willResolve.contains(0)) {
            out.add(new GameAction.Resolve(now, name));
        }
    }

    private static boolean sameIgnoringStatus(Bytes32 a, Bytes32 b) {
        return Arrays.equals(a.bytes(), 1, 32, b.bytes(), 1, 32);
    }

    private static Identity identity(Claim c) {
        return new Identity(c.position(), c.value(), c.parentIndex());
    }

    private static final class Tracker {
        final Set<Identity> honest = new HashSet<>();
        final Map<Integer, Identity> counters = new HashMap<>();

        boolean isHonest(Claim c) {
            return honest.contains(identity(c));
        }
    }
}
