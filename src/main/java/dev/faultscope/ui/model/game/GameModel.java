package dev.faultscope.ui.model.game;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.agent.StepData;
import dev.faultscope.game.Claim;
import dev.faultscope.game.ExecutionContext;
import dev.faultscope.game.OnchainPreimageOracle;
import dev.faultscope.game.StepContext;
import dev.faultscope.oracle.PreimageKeys;
import dev.faultscope.game.ClaimTable;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameAction;
import dev.faultscope.game.GameError;
import dev.faultscope.game.GameStatus;
import dev.faultscope.game.Position;
import dev.faultscope.game.Replay;
import dev.faultscope.game.Session;

import java.math.BigInteger;
import java.nio.file.Path;
import dev.faultscope.ui.model.UndoStack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.Set;

/**
 * The game explorer's state, in plain Java: a session and a replay cursor over it, the honest agent's view (if the
 * scenario is there), which subtrees are collapsed, the selected claim. A move played before the end of the recorded
 * game (or of a branch) starts a new branch ({@link GameBranches}), so no recorded action is lost; every accepted
 * edit is a command on the {@link UndoStack}; a move the contract refuses changes nothing.
 */
public final class GameModel {
    /** One row of the timeline: action {@code k} (0-based) and what it did. */
    public record Entry(int k, long time, String actor, String summary) {
    }

    /** A team's chess clock at the cursor: seconds used on its most pressed branch, and on which claim it runs. */
    public record TeamClock(String team, long used, long left, int againstClaim, boolean running) {
    }

    private Session session;
    private final Path file;
    private final HonestView honest;
    private final String honestProblem;
    private Replay replay;
    private final Set<Integer> collapsed = new HashSet<>();
    private int selected = 0;
    private String lastError;
    private GameBranches branches;
    private final UndoStack undo = new UndoStack();
    /** The sessions that are in a file (the one opened, and each one saved), by identity. */
    private final Set<Session> written = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public GameModel(Session session, Path file, HonestView honest, String honestProblem) {
        this.session = session;
        this.file = file;
        this.honest = honest;
        this.honestProblem = honest == null ? (honestProblem == null ? "no scenario" : honestProblem) : null;
        this.replay = new Replay(session);
        this.branches = GameBranches.of(session);
        if (file != null) {
            written.add(session);
        }
    }

    /**
     * A session as read from its file, with the honest view found from its scenario. A scenario found as a file is
     * embedded in the session, so the next save carries it.
     */
    public static GameModel open(Session session, Path file) {
        HonestView.Found f = HonestView.forSession(session, file);
        return new GameModel(f.view() == null ? session : f.view().embedInto(session), file, f.view(), f.problem());
    }

    public Session session() {
        return session;
    }

    public Path file() {
        return file;
    }

    /** Whether some line of play exists only here: a branch never saved (or a new game never saved). */
    public boolean dirty() {
        return !unsavedBranches().isEmpty();
    }

    /** The branches whose actions are in no file. */
    public List<GameBranches.Branch> unsavedBranches() {
        return branches.all().stream().filter(b -> !written.contains(b.session())).toList();
    }

    /** Notes that {@code saved} (a session this model showed) is now in a file. */
    public void saved(Session saved) {
        written.add(saved);
        changed();
    }

    /** Called (on whichever thread made the change) after every edit, undo, redo, save or change of branch. */
    public void addChangeListener(Runnable r) {
        listeners.add(r);
    }

    private void changed() {
        for (Runnable r : listeners) {
            r.run();
        }
    }

    // ---- branches and undo ----

    public GameBranches branches() {
        return branches;
    }

    public UndoStack undoStack() {
        return undo;
    }

    /** Shows branch {@code i} at the same action (or its end, if shorter). Not an edit. */
    public void switchBranch(int i) {
        restore(new State(branches.withCurrent(i), Math.min(position(), branches.all().get(i).size()), selected));
        changed();
    }

    /** Takes back the last edit, restoring the game, branch, cursor and selection as they were; null if none. */
    public String undo() {
        String label = undo.undo();
        if (label != null) {
            changed();
        }
        return label;
    }

    /** Applies the last undone edit again; null if none. */
    public String redo() {
        String label = undo.redo();
        if (label != null) {
            changed();
        }
        return label;
    }

    /** What an edit changes: the branches (with the one shown), the cursor and the selected claim. */
    private record State(GameBranches branches, int position, int selected) {
    }

    private State state() {
        return new State(branches, position(), selected);
    }

    private void restore(State s) {
        branches = s.branches();
        session = branches.current().session();
        replay = new Replay(session);
        replay.seek(s.position());
        selected = s.selected();
        lastError = null;
    }

    /** An accepted edit as a command: it swaps between the states before and after it. */
    private final class Edit implements UndoStack.Command {
        private final String label;
        private final State before;
        private final State after;

        Edit(String label, State before, State after) {
            this.label = label;
            this.before = before;
            this.after = after;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public void undo() {
            restore(before);
        }

        @Override
        public void redo() {
            restore(after);
        }
    }

    /** The honest view, or null when the scenario is missing ({@link #honestProblem()} says why). */
    public HonestView honest() {
        return honest;
    }

    public String honestProblem() {
        return honestProblem;
    }

    public FaultDisputeGame game() {
        return replay.game();
    }

    public int position() {
        return replay.position();
    }

    public int size() {
        return replay.size();
    }

    /** Simulated time at the cursor. */
    public long now() {
        return replay.now();
    }

    public boolean forward() {
        return replay.forward();
    }

    public boolean back() {
        return replay.back();
    }

    public void seek(int k) {
        replay.seek(k);
    }

    public void toEnd() {
        replay.seek(replay.size());
    }

    public Set<Integer> collapsed() {
        return collapsed;
    }

    public void toggleCollapsed(int index) {
        if (!collapsed.remove(index)) {
            collapsed.add(index);
        }
    }

    public void expandAll() {
        collapsed.clear();
    }

    public int selected() {
        return selected < game().claimCount() ? selected : game().claimCount() - 1;
    }

    public void select(int index) {
        selected = index;
    }

    public String lastError() {
        return lastError;
    }

    public TreeLayout layout() {
        return TreeLayout.of(game(), collapsed);
    }

    /** "Root", "Attack" or "Defend", from the parent relation (never parity). */
    public String moveKind(int index) {
        return ClaimTable.moveKind(game(), index);
    }

    // ---- timeline ----

    public List<Entry> timeline() {
        List<Entry> out = new ArrayList<>();
        GameBranches.Branch b = branches.current();
        for (int k = 0; k < session.actions().size(); k++) {
            GameAction a = session.actions().get(k);
            // The first action of a branch of one's own is where it left its parent line.
            String mark = b.parent() >= 0 && k == b.forkAt() ? "» " : "";
            out.add(new Entry(k, a.time(), a.actor(), mark + summary(a)));
        }
        return out;
    }

    public static String summary(GameAction a) {
        if (a instanceof GameAction.Move mv) {
            return (mv.attack() ? "attack" : "defend") + " #" + mv.parentIndex();
        } else if (a instanceof GameAction.Step st) {
            return (st.attack() ? "attack step" : "defend step") + " on #" + st.claimIndex();
        } else if (a instanceof GameAction.AddLocalData ld) {
            return "local data " + ld.ident() + " for #" + ld.claimIndex();
        } else if (a instanceof GameAction.LoadKeccakPreimage kp) {
            return "keccak pre-image (" + kp.data().length + " B)";
        } else if (a instanceof GameAction.ResolveClaim rc) {
            return "resolve claim #" + rc.claimIndex();
        } else {
            return "resolve the game";
        }
    }

    /** "T+1h 05m" relative to the game's creation. */
    public String relativeTime(long time) {
        return "T+" + ClaimTable.duration(time - session.setup().createdAt());
    }

    /** The narration of the last applied action, or of the game's creation at position 0. */
    public String narration() {
        if (replay.position() == 0) {
            FaultDisputeGame g = game();
            return String.format("The %s proposes output root %s for L2 block %,d and creates the game "
                    + "(MAX_GAME_DEPTH %d, SPLIT_DEPTH %d): depths 0–%d bisect output roots (one per L2 block), "
                    + "depths %d–%d the VM trace of one block's fault proof program.%s",
                g.claim(0).claimant(), g.claim(0).value().shortHex(), g.rootBlock(), g.config().maxGameDepth(),
                g.config().splitDepth(), g.config().splitDepth(), g.config().splitDepth() + 1, g.config().maxGameDepth(),
                honest == null ? "" : honestAgreesWithRoot());
        }
        GameAction a = replay.action(replay.position() - 1);
        int newClaim = a instanceof GameAction.Move ? game().claimCount() - 1 : -1;
        return "Action " + replay.position() + " of " + replay.size() + ", " + relativeTime(a.time()) + ": "
            + Narrator.narrate(game(), a, newClaim);
    }

    private String honestAgreesWithRoot() {
        HonestView.Agreement ag = honest.agreement(game(), 0);
        return switch (ag) {
            case AGREES -> " The honest agent agrees with the proposal.";
            case DISAGREES -> " The honest agent disagrees with the proposal: it is wrong.";
            default -> "";
        };
    }

    // ---- clocks and resolution ----

    public static boolean isDefenderTeam(String actor) {
        return "defender".equals(actor) || "proposer".equals(actor);
    }

    /**
     * Both teams' chess clocks at the cursor. A team's clock runs on each branch tip the other team made (a claim
     * without answers); the one it has used most on is shown (the first to run out).
     */
    public List<TeamClock> clocks() {
        FaultDisputeGame g = game();
        long now = now();
        long max = g.config().maxClockDuration();
        List<TeamClock> out = new ArrayList<>();
        for (String team : List.of("defender", "challenger")) {
            long used = 0;
            int against = -1;
            boolean running = false;
            for (Claim c : g.claims()) {
                boolean otherTeam = isDefenderTeam(c.claimant()) != team.equals("defender");
                if (!otherTeam || c.isCountered()) {
                    continue;
                }
                boolean answered = false;
                for (int ch : g.children(c.index())) {
                    if (isDefenderTeam(g.claim(ch).claimant()) == team.equals("defender")) {
                        answered = true;
                        break;
                    }
                }
                long d = g.challengerDuration(c.index(), now);
                if (!answered && d >= used) {
                    used = d;
                    against = c.index();
                    running = d < max && g.status() == GameStatus.IN_PROGRESS;
                }
            }
            out.add(new TeamClock(team, used, max - used, against, running));
        }
        return out;
    }

    /**
     * How each claim resolves (or would resolve now, if the game ended here), bottom-up: a claim is countered iff
     * one of its children's subgames is uncountered; a leaf only by a step.
     */
    public boolean[] projectedCountered() {
        FaultDisputeGame g = game();
        int n = g.claimCount();
        boolean[] countered = new boolean[n];
        for (int i = n - 1; i >= 0; i--) {
            Claim c = g.claim(i);
            boolean any = false;
            for (int ch : g.children(i)) {
                if (!countered[ch]) {
                    any = true;
                    break;
                }
            }
            countered[i] = any || (c.isCountered() && g.children(i).isEmpty());
        }
        return countered;
    }

    /** Who wins if the game is resolved as it stands (or who won). */
    public String winnerText() {
        FaultDisputeGame g = game();
        if (g.status() == GameStatus.DEFENDER_WINS) {
            return "Defender wins (root uncountered)";
        } else if (g.status() == GameStatus.CHALLENGER_WINS) {
            return "Challenger wins (root countered)";
        }
        return projectedCountered()[0] ? "In progress · root would be countered"
            : "In progress · root would stand";
    }

    // ---- the padded regions ----

    /**
     * Whether claim {@code index} commits to the padded region: above the split, an output claim whose leaves all
     * name blocks past the proposal's; below it, a trace index at or past the honest run's exit (the run's length N,
     * known once the honest values of that subgame are computed) — such claims commit to the final state.
     */
    public boolean isPadded(int index) {
        FaultDisputeGame g = game();
        Claim c = g.claim(index);
        int s = g.config().splitDepth();
        if (c.isRoot()) {
            return false;
        }
        if (c.depth() <= s) {
            // The first leaf below c is at trace index traceIndex(c) - 2^(S-d) + 1: padded when even that names a
            // block past the proposal.
            BigInteger first = c.position().traceIndex(s).subtract(BigInteger.ONE.shiftLeft(s - c.depth())).add(BigInteger.ONE);
            return first.add(BigInteger.valueOf(g.config().anchor().blockNumber() + 1))
                .compareTo(BigInteger.valueOf(g.rootBlock())) > 0;
        }
        java.util.OptionalLong n = paddedFrom(index);
        return n.isPresent() && Narrator.subgameTraceIndex(g, c.position()).compareTo(BigInteger.valueOf(n.getAsLong())) >= 0;
    }

    /** For an execution claim: the honest run's length N (trace indices ≥ N are padded), if known. */
    public java.util.OptionalLong paddedFrom(int index) {
        return honest == null ? java.util.OptionalLong.empty() : honest.cachedRunLength(game(), index);
    }

    /** {@link #isPadded} for every claim at the cursor. */
    public boolean[] paddedFlags() {
        boolean[] out = new boolean[game().claimCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = isPadded(i);
        }
        return out;
    }

    /** The inspector's note on a value's status byte (execution claims). */
    public static String statusNote(Bytes32 value) {
        int b = value.bytes()[0] & 0xFF;
        if (b <= 3) {
            return String.format("status byte 0x%02x = %s", b, Narrator.status(b));
        }
        return String.format("status byte 0x%02x — not a VM status (VALID 0, INVALID 1, PANIC 2, UNFINISHED 3): "
            + "a made-up value", b);
    }

    // ---- the inspector ----

    /** Label/value rows describing claim {@code index} at the cursor. */
    public List<String[]> details(int index) {
        FaultDisputeGame g = game();
        long now = now();
        ClaimTable.Row r = ClaimTable.of(g, Math.max(now, g.latestTime())).rows().get(index);
        Claim c = g.claim(index);
        int s = g.config().splitDepth();
        int m = g.config().maxGameDepth();
        List<String[]> rows = new ArrayList<>();
        rows.add(row("Claim", "#" + index + (c.isRoot() ? " (root)" : " · " + r.move().toLowerCase()
            + "s #" + c.parentIndex())));
        rows.add(row("Position (gindex)", c.position().gindex().toString() + " = 0x" + c.position().gindex().toString(16)));
        rows.add(row("Depth", c.depth() + " of " + m + (c.depth() <= s ? " · output part (≤ split " + s + ")"
            : " · execution part (split " + s + ")")));
        rows.add(row("Index at depth", c.position().indexAtDepth().toString()));
        rows.add(row("Trace index", r.traceIndex().toString() + " (at MAX_GAME_DEPTH)"));
        rows.add(row("Trace range", TraceRange.of(g, index).text(g, c)));
        if (c.depth() <= s) {
            rows.add(row("L2 block", String.format("%,d", g.blockOf(c.position()))
                + (g.blockOf(c.position()) == g.rootBlock() && !c.isRoot() ? " (capped at the proposal's block)" : "")));
        } else {
            BigInteger t = Narrator.subgameTraceIndex(g, c.position());
            var ec = g.executionContext(index);
            rows.add(row("VM step", String.format("state after step %,d (subgame trace index %,d)", t.add(BigInteger.ONE), t)));
            rows.add(row("Subgame", String.format("block %,d → %,d (from claim #%d)", ec.startingBlockNumber(),
                ec.disputedBlockNumber(), ec.outputClaimIndex())));
        }
        String v = c.value().hex();
        rows.add(row("Value", v));
        if (c.depth() > s) {
            rows.add(row("Status", statusNote(c.value())));
            java.util.OptionalLong n = paddedFrom(index);
            if (n.isPresent()) {
                BigInteger t = Narrator.subgameTraceIndex(g, c.position());
                rows.add(row("Padded?", t.compareTo(BigInteger.valueOf(n.getAsLong())) >= 0
                    ? String.format("padded: the program exited at step %,d; this claim commits to the final state", n.getAsLong())
                    : String.format("no: inside the run (the program exits at step %,d)", n.getAsLong())));
            }
        } else if (isPadded(index)) {
            rows.add(row("Padded?", String.format("padded: past the proposal's block %,d; it repeats the proposal's output root",
                g.rootBlock())));
        }
        rows.add(row("Claimant", c.claimant()));
        rows.add(row("Bond", ClaimTable.eth(c.bond())));
        rows.add(row("Clock (packed)", "duration " + ClaimTable.duration(c.clock().duration()) + " · timestamp "
            + relativeTime(c.clock().timestamp())));
        rows.add(row("Counter's clock", "used " + ClaimTable.duration(r.challengerDuration()) + ", left "
            + ClaimTable.duration(Math.max(0, r.timeLeft())) + (r.expired() ? " · expired" : "")));
        rows.add(row("Expires / resolvable", relativeTime(r.clockExpiresAt()) + " / " + relativeTime(r.resolvableAt())
            + (r.resolvableAt() > r.clockExpiresAt() ? " (waits on a descendant's clock)" : "")));
        rows.add(row("Countered by", c.counteredBy() == null ? "—" : c.counteredBy() + (r.stepped() ? " (step)" : "")));
        boolean proj = projectedCountered()[index];
        rows.add(row("Subgame", (r.resolved() ? "resolved: " : "would resolve: ") + (proj ? "countered" : "uncountered")));
        rows.add(row("Honest agent", honestText(index)));
        return rows;
    }

    public String honestText(int index) {
        if (honest == null) {
            return "";
        }
        var cached = honest.cached(game(), index);
        if (cached.isEmpty()) {
            return "computing…";
        }
        return cached.get().equals(game().claim(index).value()) ? "agrees" : "disagrees (honest: " + cached.get().shortHex() + ")";
    }

    /** The agreement if already computed (never computes), for drawing. */
    public HonestView.Agreement agreementIfKnown(int index) {
        if (honest == null) {
            return HonestView.Agreement.UNKNOWN;
        }
        return honest.cached(game(), index).map(v -> v.equals(game().claim(index).value())
            ? HonestView.Agreement.AGREES : HonestView.Agreement.DISAGREES).orElse(HonestView.Agreement.UNKNOWN);
    }

    /** Computes the honest value of every claim of the full session (worker thread). */
    public void computeHonest(java.util.function.BooleanSupplier cancelled) {
        if (honest == null) {
            return;
        }
        FaultDisputeGame g = session.replay();
        for (int i = 0; i < g.claimCount() && !cancelled.getAsBoolean(); i++) {
            honest.agreement(g, i);
        }
    }

    private static String[] row(String a, String b) {
        return new String[] {a, b};
    }

    // ---- playing ----

    /** The response delay used for moves played here: a third of the clock extension, as the game runner. */
    public long delay() {
        return Math.max(1, game().config().clockExtension() / 3);
    }

    /** The honest value for a move on {@code parent}, or null without a scenario. */
    public Bytes32 proposal(int parent, boolean isAttack) {
        return honest == null ? null : honest.proposal(game(), parent, isAttack);
    }

    /**
     * Sends a move at the cursor (dropping any later actions). Returns null when the contract accepted it, else the
     * error explained; the game is then unchanged.
     */
    public String move(int parent, boolean isAttack, Bytes32 value, String actor) {
        FaultDisputeGame g = game();
        Claim p;
        try {
            p = g.claim(parent);
        } catch (RuntimeException e) {
            return lastError = "No claim #" + parent + ".";
        }
        Position pos = p.position().move(isAttack);
        BigInteger bond = pos.depth() <= g.config().maxGameDepth() ? g.config().requiredBond(pos.depth()) : BigInteger.ZERO;
        GameAction a = new GameAction.Move(now() + delay(), actor, parent, p.value(), value, isAttack, bond);
        return send(List.of(a));
    }

    /**
     * Sends an attack or defend step at leaf {@code leaf} (depth MAX_GAME_DEPTH) as {@code actor}, with the honest
     * trace's step data for the instruction the contract picks (dispute-game.md section 4): first the pre-image part
     * the instruction reads, when the game's oracle lacks it (addLocalData or loadKeccakPreimage, as the honest agent
     * does), then the step. Returns null when accepted, else the contract's error explained (ValidStep,
     * InvalidPrestate, DuplicateStep...); the game is then unchanged.
     */
    public String step(int leaf, boolean isAttack, String actor) {
        FaultDisputeGame g = game();
        if (leaf < 0 || leaf >= g.claimCount()) {
            return lastError = "No claim #" + leaf + ".";
        }
        Claim c = g.claim(leaf);
        if (c.depth() != g.config().maxGameDepth()) {
            return lastError = "Claim #" + leaf + " is at depth " + c.depth() + ": a step answers a leaf at MAX_GAME_DEPTH "
                + g.config().maxGameDepth() + "; attack or defend it with a move instead.";
        }
        if (honest == null) {
            return lastError = "A step needs the VM's pre-state and proof from the session's scenario: " + honestProblem;
        }
        StepContext ctx = g.stepContext(leaf, isAttack);
        ExecutionContext ec = g.executionContext(leaf);
        StepData sd = honest.step(g, ec, ctx.instructionIndex());
        long t = now() + delay();
        List<GameAction> actions = new ArrayList<>();
        if (sd.readsPreimage()) {
            byte[] key = sd.oracleKey();
            OnchainPreimageOracle oracle = g.preimageOracle();
            if (PreimageKeys.type(key) == PreimageKeys.TYPE_LOCAL) {
                long ident = new BigInteger(1, java.util.Arrays.copyOfRange(key, 24, 32)).longValueExact();
                Bytes32 localized = OnchainPreimageOracle.localizeIdent(ident, g.config().gameAddress(), ec.localContext());
                if (!oracle.partOk(localized, sd.oracleOffset())) {
                    actions.add(new GameAction.AddLocalData(t, actor, ident, leaf));
                }
            } else if (!oracle.partOk(Bytes32.of(key), sd.oracleOffset())) {
                actions.add(new GameAction.LoadKeccakPreimage(t, actor, sd.preimage()));
            }
        }
        actions.add(new GameAction.Step(t, actor, leaf, isAttack, sd.stateData(), sd.proofData()));
        return send(actions);
    }

    /** How {@link #honestAnswer} begins when the agent has no move: not a refusal, nothing was sent. */
    public static final String NOTHING_TO_ANSWER = "Nothing to answer: ";

    /** Lets the honest agent, as {@code actor}, answer everything it would at the cursor (plus the response delay). */
    public String honestAnswer(String actor) {
        if (honest == null) {
            return lastError = "The honest agent needs the session's scenario: " + honestProblem;
        }
        long t = now() + delay();
        List<GameAction> actions = honest.agent(actor).act(game(), t);
        if (actions.isEmpty()) {
            return lastError = NOTHING_TO_ANSWER + "as the " + actor + ", the honest agent has no move to make at "
                + relativeTime(t) + ": every claim it disagrees with is already countered, or the game is over.";
        }
        return send(actions);
    }

    /** Jumps to when the root's subgame is resolvable and lets the honest agent resolve everything. */
    public String resolveWhenClocksAllow() {
        if (honest == null) {
            return lastError = "The honest agent needs the session's scenario: " + honestProblem;
        }
        long t = Math.max(now(), game().resolvableAt(0));
        List<GameAction> actions = honest.agent("resolver").act(game(), t);
        List<GameAction> resolves = actions.stream().filter(a -> a instanceof GameAction.ResolveClaim
            || a instanceof GameAction.Resolve).toList();
        if (resolves.isEmpty()) {
            return lastError = "Nothing can be resolved yet.";
        }
        return send(resolves);
    }

    /**
     * Applies {@code actions} after the cursor on a copy; if every one is accepted the session becomes the extended
     * one, else nothing changes and the first refusal is returned, explained.
     */
    public String send(List<GameAction> actions) {
        int at = replay.position();
        List<GameAction> all = new ArrayList<>(session.actions().subList(0, at));
        all.addAll(actions);
        Session next = session.withActions(all);
        Replay r = new Replay(next);
        r.seek(at);
        for (GameAction a : actions) {
            try {
                r.forward();
            } catch (GameError e) {
                lastError = e.error().reported() + ": " + Narrator.explain(e.error());
                return lastError;
            }
        }
        State before = state();
        branches = branches.played(at, next);
        session = next;
        replay = r;
        lastError = null;
        if (actions.get(actions.size() - 1) instanceof GameAction.Move) {
            selected = game().claimCount() - 1;
        }
        GameAction last = actions.get(actions.size() - 1);
        undo.push(new Edit(last.actor() + ": " + summary(last) + (actions.size() > 1 ? " (+" + (actions.size() - 1) + ")" : ""),
            before, state()));
        changed();
        return null;
    }
}
