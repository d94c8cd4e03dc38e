package dev.faultscope.game;

import dev.faultscope.crypto.Keccak256;
import dev.faultscope.fpp.Bytes32;
import dev.faultscope.vm.onchain.StepRejected;
import dev.faultscope.vm.onchain.StepVerifier;
import dev.faultscope.vm.onchain.VerifiedStep;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The rules of the OP Stack {@code FaultDisputeGame} (the version with {@code move(disputed, …)}, the depth-dependent
 * clock extension and chunked {@code resolveClaim}), as a state machine over simulated time
 * (dispute-game.md sections 2-7).
 *
 * <p>Every action checks what the contract checks, in the contract's order, and throws {@link GameError} with the
 * contract's error name before changing anything: a failed action leaves the game exactly as it was. Actors are
 * names standing in for addresses. Time is whatever {@code now} the caller passes (seconds), never the wall clock,
 * and may not run backwards across actions.
 *
 * <p>Not modelled: {@code challengeRootL2Block}, DelayedWETH (credit is a balance here), refund-mode bond
 * distribution of later versions, and the large pre-image proposal flow.
 */
public final class FaultDisputeGame {
    private final GameConfig config;
    private final long rootBlock;
    private final long createdAt;

    private final List<Claim> claims = new ArrayList<>();
    private final List<List<Integer>> subgames = new ArrayList<>();
    /** The contract's {@code claims} mapping: (value, position, parent index) already posted. */
    private final Set<ClaimKey> claimKeys = new HashSet<>();
    private final BitSet resolvedSubgames = new BitSet();
    private final Map<Integer, Checkpoint> checkpoints = new HashMap<>();
    private final Map<String, BigInteger> credit = new LinkedHashMap<>();
    private final OnchainPreimageOracle oracle = new OnchainPreimageOracle();

    private GameStatus status = GameStatus.IN_PROGRESS;
    private RulesVersion rules = RulesVersion.V1_3_1;
    private long resolvedAt = -1;
    private long latestTime;

    private record ClaimKey(Bytes32 value, Position position, int parentIndex) {
    }

    /** The contract's {@code ResolutionCheckpoint} for one subgame. */
    private record Checkpoint(boolean initialCheckpointComplete, int subgameIndex, Position leftmostPosition,
                              String counteredBy) {
    }

    /** A game whose creator posts the depth-0 bond (the mainnet init bond equals it). */
    public FaultDisputeGame(GameConfig config, Bytes32 rootClaim, long rootBlock, String rootClaimant, long createdAt) {
        this(config, rootClaim, rootBlock, rootClaimant, config.requiredBond(0), createdAt);
    }

    /**
     * Creates and initializes a game. The root claim asserts {@code rootClaim} is the output root at L2 block
     * {@code rootBlock}; the bond is whatever the factory charged.
     */
    public FaultDisputeGame(GameConfig config, Bytes32 rootClaim, long rootBlock, String rootClaimant,
                            BigInteger rootBond, long createdAt) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(rootClaim, "rootClaim");
        requireActor(rootClaimant);
        Objects.requireNonNull(rootBond, "rootBond");
        if (createdAt < 0) {
            throw new IllegalArgumentException("negative creation time " + createdAt);
        }
        if (rootBlock <= config.anchor().blockNumber()) {
            throw new GameError(ContractError.UnexpectedRootClaim, "root claim block " + rootBlock
                + " is not after the anchor block " + config.anchor().blockNumber());
        }
        this.rootBlock = rootBlock;
        this.createdAt = createdAt;
        this.latestTime = createdAt;
        claims.add(new Claim(0, Claim.NO_PARENT, null, rootClaimant, rootBond, rootClaim, Position.root(),
            new Clock(0, createdAt)));
        subgames.add(new ArrayList<>());
    }

    /**
     * Plays this game by another release's rules (a game read from chain under 1.2.0); only before the first move,
     * so one game never mixes rules.
     */
    public void useRules(RulesVersion version) {
        Objects.requireNonNull(version, "version");
        if (claims.size() > 1) {
            throw new IllegalStateException("the rules are chosen before the first move");
        }
        rules = version;
    }

    public RulesVersion rules() {
        return rules;
    }

    // ------------------------------------------------------------------------------------------------ actions

    /**
     * Attacks ({@code isAttack}) or defends the claim at {@code parentIndex} with {@code value}, paying
     * {@code bondPaid} wei. Returns the new claim's index.
     */
    public int move(Bytes32 disputed, int parentIndex, Bytes32 value, boolean isAttack, String actor,
                    BigInteger bondPaid, long now) {
        Objects.requireNonNull(disputed, "disputed");
        Objects.requireNonNull(value, "value");
        requireActor(actor);
        BigInteger paid = bondPaid == null ? BigInteger.ZERO : bondPaid;
        checkTime(now);

        requireInProgress();
        Claim parent = claimAt(parentIndex);
        if (!parent.value().equals(disputed)) {
            throw new GameError(ContractError.InvalidDisputedClaimIndex, "claim " + parentIndex + " is "
                + parent.value().shortHex() + ", not the disputed " + disputed.shortHex());
        }
        Position parentPos = parent.position();
        Position next = parentPos.move(isAttack);
        int nextDepth = next.depth();
        int s = config.splitDepth();
        if ((parentIndex == 0 || nextDepth == s + 2) && !isAttack) {
            throw new GameError(ContractError.CannotDefendRootClaim, parentIndex == 0
                ? "the root claim can only be attacked"
                : "claim " + parentIndex + " is the root of an execution subgame and can only be attacked");
        }
        if (nextDepth > config.maxGameDepth()) {
            throw new GameError(ContractError.GameDepthExceeded, "claim " + parentIndex + " is at MAX_GAME_DEPTH "
                + config.maxGameDepth() + "; counter it with step");
        }
        if (nextDepth == s + 1) {
            verifyExecBisectionRoot(value, parentIndex, parentPos, isAttack);
        }
        BigInteger required = config.requiredBond(nextDepth);
        if (!required.equals(paid)) {
            throw new GameError(ContractError.IncorrectBondAmount, "paid " + paid + " wei, depth " + nextDepth
                + " requires " + required);
        }
        long nextDuration = challengerDurationAt(parentIndex, now);
        if (nextDuration == config.maxClockDuration()) {
            throw new GameError(ContractError.ClockTimeExceeded, "the clock for countering claim " + parentIndex
                + " ran out at t=" + clockExpiresAt(parentIndex));
        }
        nextDuration = rules.nextDuration(nextDuration, config, nextDepth);
        ClaimKey key = new ClaimKey(value, next, parentIndex);
        if (claimKeys.contains(key)) {
            throw new GameError(ContractError.ClaimAlreadyExists, "claim " + value.shortHex() + " at " + next
                + " against claim " + parentIndex + " already exists");
        }

        int index = claims.size();
        claimKeys.add(key);
        claims.add(new Claim(index, parentIndex, null, actor, paid, value, next, new Clock(nextDuration, now)));
        subgames.add(new ArrayList<>());
        subgames.get(parentIndex).add(index);
        latestTime = now;
        return index;
    }

    /**
     * Counters the leaf {@code claimIndex} (depth M) by executing one VM instruction from {@code stateData} with
     * {@code proof} (dispute-game.md section 4). Adds no claim; on success the leaf is countered by {@code actor}.
     * The contract checks no clock here.
     */
    public void step(int claimIndex, boolean isAttack, byte[] stateData, byte[] proof, String actor, long now) {
        Objects.requireNonNull(stateData, "stateData");
        Objects.requireNonNull(proof, "proof");
        requireActor(actor);
        checkTime(now);

        requireInProgress();
        StepContext ctx = stepTargets(claimIndex, isAttack);
        byte[] stateHash = Keccak256.hash(stateData);
        byte[] pre = ctx.preStateValue().bytes();
        if (!Arrays.equals(stateHash, 1, 32, pre, 1, 32)) {
            throw new GameError(ContractError.InvalidPrestate, "keccak(stateData) " + Bytes32.of(stateHash).shortHex()
                + " is not the pre-state " + ctx.preStateValue().shortHex()
                + (ctx.preStateIsAbsolute() ? " (ABSOLUTE_PRESTATE)" : " (claim " + ctx.preStateClaimIndex() + ")"));
        }
        // The contract finds the local context only after the pre-state check (it matters for which error wins).
        Bytes32 localContext = executionContext(claimIndex).localContext();
        VerifiedStep result;
        try {
            result = StepVerifier.step(stateData, proof,
                oracle.forStep(config.gameAddress(), localContext, preimageOffsetOf(stateData)));
        } catch (StepRejected e) {
            throw new GameError(ContractError.ofStepRejection(e.reason()), e.getMessage(), e);
        }
        boolean validStep = Arrays.equals(result.postHash(), ctx.postStateValue().bytes());
        if (ctx.parentPostAgree() == validStep) {
            throw new GameError(ContractError.ValidStep, "the VM's post-state " + Bytes32.of(result.postHash()).shortHex()
                + (validStep ? " equals " : " differs from ") + "claim " + ctx.postStateClaimIndex() + " ("
                + ctx.postStateValue().shortHex() + "), which does not counter claim " + claimIndex);
        }
        Claim parent = claims.get(claimIndex);
        if (parent.counteredBy() != null) {
            throw new GameError(ContractError.DuplicateStep, "claim " + claimIndex + " was already countered by "
                + parent.counteredBy());
        }
        claims.set(claimIndex, parent.withCounteredBy(actor));
        latestTime = now;
    }

    /**
     * The pre- and post-state a step against {@code claimIndex} would be checked with, found as the contract finds
     * them. Throws the contract's errors for a claim that cannot be stepped (not at depth M: InvalidParent).
     */
    public StepContext stepContext(int claimIndex, boolean isAttack) {
        StepContext t = stepTargets(claimIndex, isAttack);
        return new StepContext(t.claimIndex(), t.isAttack(), t.preStateValue(), t.preStateClaimIndex(),
            t.postStateClaimIndex(), t.postStateValue(), t.parentPostAgree(), t.instructionIndex(),
            executionContext(claimIndex).localContext());
    }

    /** {@link #stepContext} without the local context, in the contract's order of lookups. */
    private StepContext stepTargets(int claimIndex, boolean isAttack) {
        Claim parent = claimAt(claimIndex);
        Position parentPos = parent.position();
        Position stepPos = parentPos.move(isAttack);
        int m = config.maxGameDepth();
        int s = config.splitDepth();
        if (stepPos.depth() != m + 1) {
            throw new GameError(ContractError.InvalidParent, "claim " + claimIndex + " is at depth "
                + parentPos.depth() + ", steps counter claims at MAX_GAME_DEPTH " + m);
        }
        BigInteger leafTrace = parentPos.traceIndex(m).mod(config.executionTraceLength());
        Bytes32 preValue;
        int preIndex;
        int postIndex;
        if (isAttack) {
            boolean first = stepPos.indexAtDepth().mod(BigInteger.ONE.shiftLeft(m - s)).signum() == 0;
            if (first) {
                preIndex = -1;
                preValue = config.absolutePrestate();
            } else {
                preIndex = findTraceAncestor(parentPos.offset(-1), parent.parentIndex(), false);
                preValue = claims.get(preIndex).value();
            }
            postIndex = claimIndex;
        } else {
            preIndex = claimIndex;
            preValue = parent.value();
            postIndex = findTraceAncestor(parentPos.offset(1), parent.parentIndex(), false);
        }
        Claim post = claims.get(postIndex);
        boolean agree = (parentPos.depth() - post.position().depth()) % 2 == 0;
        return new StepContext(claimIndex, isAttack, preValue, preIndex, postIndex, post.value(), agree,
            isAttack ? leafTrace : leafTrace.add(BigInteger.ONE), null);
    }

    /**
     * {@code addLocalData} for every part of local input {@code ident} of the execution subgame of
     * {@code claimIndex} (as calling the contract once per part offset). Returns the localized key.
     */
    public Bytes32 addLocalData(long ident, int claimIndex, String actor) {
        return addLocalData(ident, claimIndex, -1, actor);
    }

    /**
     * {@code addLocalData(ident, claimIndex, partOffset)}: loads the part at {@code partOffset} of local input
     * {@code ident} (1 L1 head, 2 starting output root, 3 disputed output root, 4 disputed L2 block number, 5 chain
     * id) into the oracle. A negative {@code partOffset} loads every part. Anyone may call it.
     */
    public Bytes32 addLocalData(long ident, int claimIndex, long partOffset, String actor) {
        requireActor(actor);
        requireInProgress();
        ExecutionContext ctx = executionContext(claimIndex);
        byte[] data = ctx.localData(ident);
        if (data == null) {
            throw new GameError(ContractError.InvalidLocalIdent, "local data ident " + ident + " (valid: 1-5)");
        }
        byte[] word = Arrays.copyOf(data, 32);
        return partOffset < 0
            ? oracle.loadLocalDataAllParts(ident, ctx.localContext(), word, data.length, config.gameAddress())
            : oracle.loadLocalData(ident, ctx.localContext(), word, data.length, partOffset, config.gameAddress());
    }

    /** Loads every part of a keccak pre-image into the game's oracle; returns its key (type 2). */
    public Bytes32 loadKeccakPreimage(byte[] data) {
        return oracle.loadKeccakPreimage(data);
    }

    /** {@code loadKeccakPreimagePart}: one part of a keccak pre-image. */
    public Bytes32 loadKeccakPreimagePart(long partOffset, byte[] data) {
        return oracle.loadKeccakPreimagePart(partOffset, data);
    }

    /**
     * {@code resolveClaim}: resolves the subgame rooted at {@code claimIndex} once the clock of its would-be counter
     * has run out, looking at up to {@code numToResolve} more children (0 on the first call means all). Pays the
     * claim's bond when the subgame is complete.
     */
    public void resolveClaim(int claimIndex, int numToResolve, long now) {
        if (numToResolve < 0) {
            throw new IllegalArgumentException("numToResolve is a uint256, got " + numToResolve);
        }
        checkTime(now);
        requireInProgress();
        Claim root = claimAt(claimIndex);
        long challengerDuration = challengerDurationAt(claimIndex, now);
        if (challengerDuration < config.maxClockDuration()) {
            throw new GameError(ContractError.ClockNotExpired, "claim " + claimIndex + " can be countered until t="
                + clockExpiresAt(claimIndex));
        }
        if (resolvedSubgames.get(claimIndex)) {
            throw new GameError(ContractError.ClaimAlreadyResolved, "claim " + claimIndex + " is resolved");
        }
        List<Integer> children = subgames.get(claimIndex);
        if (children.isEmpty() && claimIndex != 0) {
            // A leaf of the DAG: its bond goes to whoever stepped against it, else back to its claimant.
            String recipient = root.counteredBy() == null ? root.claimant() : root.counteredBy();
            distributeBond(recipient, root);
            resolvedSubgames.set(claimIndex);
            latestTime = now;
            return;
        }
        Checkpoint cp = checkpoints.get(claimIndex);
        int toResolve = numToResolve;
        if (cp == null) {
            cp = new Checkpoint(true, 0, null, null);
            if (toResolve == 0) {
                toResolve = children.size();
            }
        }
        int finalCursor = (int) Math.min((long) cp.subgameIndex() + toResolve, children.size());
        Position leftmost = cp.leftmostPosition();
        String counteredBy = cp.counteredBy();
        for (int i = cp.subgameIndex(); i < finalCursor; i++) {
            int child = children.get(i);
            if (!resolvedSubgames.get(child)) {
                throw new GameError(ContractError.OutOfOrderResolution, "child claim " + child + " of claim "
                    + claimIndex + " is not resolved");
            }
            Claim c = claims.get(child);
            // Left-most uncountered child wins the bond; the contract starts from type(uint128).max, so the
            // first uncountered child always qualifies and ties go to the earlier one.
            if (c.counteredBy() == null && (leftmost == null || leftmost.compareTo(c.position()) > 0)) {
                counteredBy = c.claimant();
                leftmost = c.position();
            }
        }
        Checkpoint updated = new Checkpoint(true, finalCursor, leftmost, counteredBy);
        checkpoints.put(claimIndex, updated);
        if (finalCursor == children.size()) {
            resolvedSubgames.set(claimIndex);
            distributeBond(counteredBy == null ? root.claimant() : counteredBy, root);
            claims.set(claimIndex, root.withCounteredBy(counteredBy));
        }
        latestTime = now;
    }

    /** {@code resolve}: ends the game once the root subgame is resolved. */
    public GameStatus resolve(long now) {
        checkTime(now);
        requireInProgress();
        if (!resolvedSubgames.get(0)) {
            throw new GameError(ContractError.OutOfOrderResolution, "the root subgame (claim 0) is not resolved");
        }
        status = claims.get(0).counteredBy() == null ? GameStatus.DEFENDER_WINS : GameStatus.CHALLENGER_WINS;
        resolvedAt = now;
        latestTime = now;
        return status;
    }

    // ------------------------------------------------------------------------------------------------ readers

    public GameConfig config() {
        return config;
    }

    public GameStatus status() {
        return status;
    }

    /** The L2 block number the root claim is about. */
    public long rootBlock() {
        return rootBlock;
    }

    public long createdAt() {
        return createdAt;
    }

    public OptionalLong resolvedAt() {
        return resolvedAt < 0 ? OptionalLong.empty() : OptionalLong.of(resolvedAt);
    }

    /** The latest time any successful action happened at; actions may not use an earlier {@code now}. */
    public long latestTime() {
        return latestTime;
    }

    /** All claims in index order (a read-only live view). */
    public List<Claim> claims() {
        return Collections.unmodifiableList(claims);
    }

    public int claimCount() {
        return claims.size();
    }

    public Claim claim(int index) {
        return claimAt(index);
    }

    /** Indices of the claims that moved against claim {@code index}, in insertion order. */
    public List<Integer> children(int index) {
        claimAt(index);
        return Collections.unmodifiableList(subgames.get(index));
    }

    /** Wei credited to {@code actor} by resolved subgames. */
    public BigInteger credit(String actor) {
        return credit.getOrDefault(actor, BigInteger.ZERO);
    }

    /** All credit balances (read-only view). */
    public Map<String, BigInteger> credits() {
        return Collections.unmodifiableMap(credit);
    }

    public boolean isSubgameResolved(int index) {
        claimAt(index);
        return resolvedSubgames.get(index);
    }

    /** {@code getNumToResolve}: children of {@code index} a chunked resolution has not looked at yet. */
    public int numToResolve(int index) {
        claimAt(index);
        Checkpoint cp = checkpoints.get(index);
        return subgames.get(index).size() - (cp == null ? 0 : cp.subgameIndex());
    }

    /** The model of the on-chain pre-image oracle this game steps with. */
    public OnchainPreimageOracle preimageOracle() {
        return oracle;
    }

    /** {@code getRequiredBond(position)}. */
    public BigInteger requiredBond(Position position) {
        return config.requiredBond(position.depth());
    }

    /**
     * The L2 block an output-level position (depth ≤ S) commits to: {@code anchor + traceIndex(p, S) + 1}, capped at
     * the root claim's block (the output leaves past the proposal all repeat its root).
     */
    public long blockOf(Position position) {
        if (position.depth() > config.splitDepth()) {
            throw new IllegalArgumentException("position " + position + " is below the split depth "
                + config.splitDepth() + "; it commits to a VM step, not a block");
        }
        BigInteger b = BigInteger.valueOf(config.anchor().blockNumber()).add(position.traceIndex(config.splitDepth()))
            .add(BigInteger.ONE);
        return b.min(BigInteger.valueOf(rootBlock)).longValueExact();
    }

    /**
     * {@code getChallengerDuration}: the time used by the team that would counter claim {@code index}, capped at
     * MAX_CLOCK_DURATION. Unlike the contract it also answers after resolution, for display.
     */
    public long challengerDuration(int index, long now) {
        claimAt(index);
        return challengerDurationAt(index, now);
    }

    /** Seconds left to counter claim {@code index}. */
    public long timeLeft(int index, long now) {
        return config.maxClockDuration() - challengerDuration(index, now);
    }

    /** The time at which nobody can counter claim {@code index} any more (its challenger's clock hits MAX). */
    public long clockExpiresAt(int index) {
        Claim c = claimAt(index);
        long parentDuration = c.isRoot() ? 0 : claims.get(c.parentIndex()).clock().duration();
        return c.clock().timestamp() + Math.max(0, config.maxClockDuration() - parentDuration);
    }

    /**
     * The earliest time claim {@code index} can be resolved: its own clock and every descendant's must have run out
     * (a subgame resolves only after its children), so an expired claim may still wait on a running descendant.
     */
    public long resolvableAt(int index) {
        claimAt(index);
        long t = clockExpiresAt(index);
        // Children always have larger indices than their parent, so one backward pass settles every subtree.
        long[] latest = new long[claims.size()];
        for (int i = claims.size() - 1; i >= index; i--) {
            long own = clockExpiresAt(i);
            for (int child : subgames.get(i)) {
                own = Math.max(own, latest[child]);
            }
            latest[i] = own;
        }
        return Math.max(t, latest[index]);
    }

    /**
     * True if {@code resolveClaim(index, all remaining children, now)} would succeed: game in progress, subgame
     * not resolved, the would-be counter's clock expired, every child resolved.
     */
    public boolean isResolvable(int index, long now) {
        claimAt(index);
        if (status != GameStatus.IN_PROGRESS || resolvedSubgames.get(index) || now < claims.get(index).clock().timestamp()) {
            return false;
        }
        if (challengerDurationAt(index, now) < config.maxClockDuration()) {
            return false;
        }
        for (int child : subgames.get(index)) {
            if (!resolvedSubgames.get(child)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The execution subgame claim {@code index} (below the split) belongs to, found as the contract's
     * {@code _findStartingAndDisputedOutputs} finds it.
     */
    public ExecutionContext executionContext(int index) {
        Claim c = claimAt(index);
        int s = config.splitDepth();
        if (c.depth() <= s) {
            throw new GameError(ContractError.ClaimAboveSplit, "claim " + index + " at depth " + c.depth()
                + " is not below the split depth " + s);
        }
        int cur = index;
        Position execRoot = c.position();
        while (claims.get(cur).depth() > s) {
            Claim k = claims.get(cur);
            if (k.depth() == s + 1) {
                execRoot = k.position();
            }
            cur = k.parentIndex();
        }
        return contextFor(cur, execRoot);
    }

    /**
     * The execution context a new claim would have if it moved against {@code parentIndex} (at or below the split):
     * lets a player run the right program before posting the first execution claim.
     */
    public ExecutionContext executionContextOfMove(int parentIndex, boolean isAttack) {
        Claim p = claimAt(parentIndex);
        int s = config.splitDepth();
        if (p.depth() < s) {
            throw new GameError(ContractError.ClaimAboveSplit, "a move against claim " + parentIndex + " at depth "
                + p.depth() + " stays above the split depth " + s);
        }
        if (p.depth() > s) {
            return executionContext(parentIndex);
        }
        return contextFor(parentIndex, p.position().move(isAttack));
    }

    /** The local context of claim {@code index}'s execution subgame. */
    public Bytes32 localContext(int index) {
        return executionContext(index).localContext();
    }

    // ------------------------------------------------------------------------------------------------ internals

    private ExecutionContext contextFor(int outputIndex, Position execRootPos) {
        Claim output = claims.get(outputIndex);
        Position outputPos = output.position();
        boolean wasAttack = execRootPos.parent().equals(outputPos);
        Bytes32 starting;
        Position startingPos;
        Bytes32 disputed;
        Position disputedPos;
        if (wasAttack) {
            if (outputPos.indexAtDepth().signum() > 0) {
                Claim st = claims.get(findTraceAncestor(outputPos.offset(-1), outputIndex, true));
                starting = st.value();
                startingPos = st.position();
            } else {
                starting = config.anchor().outputRoot();
                startingPos = null;
            }
            disputed = output.value();
            disputedPos = outputPos;
        } else {
            Claim d = claims.get(findTraceAncestor(outputPos.offset(1), outputIndex, true));
            starting = output.value();
            startingPos = outputPos;
            disputed = d.value();
            disputedPos = d.position();
        }
        long startingBlock = startingPos == null ? config.anchor().blockNumber() : blockOf(startingPos);
        return new ExecutionContext(outputIndex, execRootPos, wasAttack, starting, startingPos, startingBlock,
            disputed, disputedPos, blockOf(disputedPos), config.l1Head(), config.l2ChainId(),
            computeLocalContext(starting, startingPos, disputed, disputedPos));
    }

    /**
     * {@code keccak(abi.encode(starting, startingPos, disputed, disputedPos))}, or without the starting pair when
     * the subgame starts from the anchor (the contract's position 0).
     */
    static Bytes32 computeLocalContext(Bytes32 starting, Position startingPos, Bytes32 disputed, Position disputedPos) {
        byte[] buf;
        if (startingPos == null) {
            buf = new byte[64];
            System.arraycopy(disputed.bytes(), 0, buf, 0, 32);
            putWord(buf, 32, disputedPos.gindex());
        } else {
            buf = new byte[128];
            System.arraycopy(starting.bytes(), 0, buf, 0, 32);
            putWord(buf, 32, startingPos.gindex());
            System.arraycopy(disputed.bytes(), 0, buf, 64, 32);
            putWord(buf, 96, disputedPos.gindex());
        }
        return Bytes32.keccak(buf);
    }

    private static void putWord(byte[] out, int off, BigInteger v) {
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, off + 32 - n, n);
    }

    private void verifyExecBisectionRoot(Bytes32 value, int parentIndex, Position parentPos, boolean isAttack) {
        int disputedIndex = findTraceAncestor(parentPos.offset(1), parentIndex, true);
        int disputedDepth = claims.get(disputedIndex).depth();
        int vmStatus = value.bytes()[0] & 0xFF;
        if (isAttack || disputedDepth % 2 == config.splitDepth() % 2) {
            if (vmStatus != 1 && vmStatus != 2) {
                throw new GameError(ContractError.UnexpectedRootClaim, "the first execution claim "
                    + (isAttack ? "attacking an output" : "against the other team's output (claim " + disputedIndex + ")")
                    + " must have status INVALID (1) or PANIC (2), got " + vmStatus);
            }
        } else if (vmStatus != 0) {
            throw new GameError(ContractError.UnexpectedRootClaim, "the first execution claim defending its own "
                + "team's output (claim " + disputedIndex + ") must have status VALID (0), got " + vmStatus);
        }
    }

    /**
     * {@code _findTraceAncestor}: walks up from claim {@code start} to the claim at the (bounded unless
     * {@code global}) trace ancestor of {@code pos}. Past the root the contract would index {@code uint32.max}.
     */
    private int findTraceAncestor(Position pos, int start, boolean global) {
        Position target = global ? pos.traceAncestor() : pos.traceAncestorBounded(config.splitDepth());
        int cur = start;
        while (true) {
            if (cur < 0) {
                throw new GameError(ContractError.IndexOutOfBounds, "no claim at " + target + " above claim " + start);
            }
            Claim k = claims.get(cur);
            if (k.position().equals(target)) {
                return cur;
            }
            cur = k.parentIndex();
        }
    }

    private long challengerDurationAt(int index, long now) {
        Claim c = claims.get(index);
        Clock parentClock = c.isRoot() ? null : claims.get(c.parentIndex()).clock();
        return Clock.challengerDuration(parentClock, c.clock(), now, config.maxClockDuration());
    }

    private void distributeBond(String recipient, Claim bonded) {
        credit.merge(recipient, bonded.bond(), BigInteger::add);
    }

    private Claim claimAt(int index) {
        if (index < 0 || index >= claims.size()) {
            throw new GameError(ContractError.IndexOutOfBounds, "no claim " + index + " (" + claims.size() + " claims)");
        }
        return claims.get(index);
    }

    private void requireInProgress() {
        if (status != GameStatus.IN_PROGRESS) {
            throw new GameError(ContractError.GameNotInProgress, "the game ended: " + status);
        }
    }

    private void checkTime(long now) {
        if (now < latestTime) {
            throw new IllegalArgumentException("time runs forward: now " + now + " is before the last action at " + latestTime);
        }
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isEmpty()) {
            throw new IllegalArgumentException("an actor needs a name (it stands in for an address; none is address(0))");
        }
    }

    private static long preimageOffsetOf(byte[] stateData) {
        if (stateData.length < 68) {
            return 0;
        }
        return ((stateData[64] & 0xFFL) << 24) | ((stateData[65] & 0xFFL) << 16) | ((stateData[66] & 0xFFL) << 8)
            | (stateData[67] & 0xFFL);
    }
}
