package dev.faultscope.agent;

import dev.faultscope.crypto.Keccak256;
import dev.faultscope.fpp.Bytes32;
import dev.faultscope.fpp.ChainModel;
import dev.faultscope.fpp.FppHost;
import dev.faultscope.fpp.L1Block;
import dev.faultscope.fpp.Scenario;
import dev.faultscope.game.Anchor;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameAction;
import dev.faultscope.game.GameConfig;
import dev.faultscope.game.GameError;
import dev.faultscope.game.GameSetup;
import dev.faultscope.game.GameStatus;
import dev.faultscope.game.Session;
import dev.faultscope.io.InputFiles;
import dev.faultscope.vm.TraceCursor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Plays whole games in simulated time. Each round every player looks at the same game at the same {@code now} and its
 * actions are applied in order; the next round is {@link #responseDelay} later, so every answer comes that long after
 * the claim it answers (a third of the clock extension, so even a team whose clock is nearly spent always answers in
 * time). When a round brings nothing, time jumps to when the root's subgame becomes resolvable and the players act
 * again (the honest agent resolves); if nobody resolves, the runner resolves bottom-up itself. Every applied action is
 * recorded; rejected ones (GameError) are reported to the listener and kept apart.
 */
public final class GameRunner {
    public static final String DEFENDER = "defender";
    public static final String CHALLENGER = "challenger";
    /** Who resolves when no player does (anyone may call resolveClaim and resolve). */
    public static final String RESOLVER = "resolver";
    private static final int MAX_ROUNDS = 100_000;

    /** Sees every action as it happens, for live printing. */
    public interface Listener {
        /** {@code action} was applied; {@code claimIndex} is the new claim's index for a move, else -1. */
        void applied(GameAction action, int claimIndex, FaultDisputeGame game);

        /** {@code action} was sent and reverted. */
        default void rejected(GameAction action, GameError error, FaultDisputeGame game) {
        }
    }

    /** An action the game rejected, with why. */
    public record Rejected(GameAction action, GameError error) {
    }

    /**
     * The outcome of one played game.
     *
     * @param vmStepsExecuted VM instructions executed while playing (every player, replays from checkpoints included)
     * @param runLengths      the length (instructions until exit) of each distinct program run the game needed
     */
    public record Result(Session session, FaultDisputeGame game, List<Rejected> rejected, Map<String, Player> players,
                         long vmStepsExecuted, List<Long> runLengths) {
        public GameStatus status() {
            return game.status();
        }

        /**
         * Why this game's verdict says nothing about the claim, when the configuration is too shallow for the program:
         * an execution subgame's root commits to trace index 2^(M−S−1) − 1, and when a run is longer than that, its
         * exit (the verdict the contract checks at depth S + 1) lies out of reach, so by the rules no side can show it.
         */
        public Optional<String> shallowExecutionWarning() {
            BigInteger leaves = BigInteger.ONE.shiftLeft(game.config().executionTraceBits());
            long longest = runLengths.stream().mapToLong(Long::longValue).max().orElse(0);
            if (BigInteger.valueOf(longest).compareTo(leaves) <= 0) {
                return Optional.empty();
            }
            return Optional.of(String.format("warning: MAX_GAME_DEPTH − SPLIT_DEPTH − 1 = %d gives each execution subgame "
                    + "%,d trace indices, but the program's run takes %,d steps: its exit lies past the subgame's reach, "
                    + "so this result does not reflect whether the root claim is right (use a deeper configuration)",
                game.config().executionTraceBits(), leaves, longest));
        }
    }

    /**
     * A game to play between a named defender and challenger.
     *
     * @param config    {@code mainnet}, {@code workshop}, or {@code M,S} (workshop clocks)
     * @param faultAt   the instruction the {@code fault-at} challenger faults, or −1
     * @param rootBlock the root claim's L2 block, or −1 for the defender's default
     *                  ({@link Strategies#defaultRootBlock})
     */
    public record Match(Path scenario, String config, String defender, String challenger, long faultAt, long seed,
                        long rootBlock) {
        public Match {
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(defender, "defender");
            Objects.requireNonNull(challenger, "challenger");
        }

        public Match(Path scenario, String config, String defender, String challenger, long faultAt, long seed) {
            this(scenario, config, defender, challenger, faultAt, seed, -1);
        }
    }

    private final FaultDisputeGame game;
    private final List<Player> players;
    private final Listener listener;
    private final long responseDelay;
    private final List<GameAction> actions = new ArrayList<>();
    private final List<Rejected> rejected = new ArrayList<>();

    public GameRunner(FaultDisputeGame game, List<Player> players, Listener listener) {
        this.game = Objects.requireNonNull(game, "game");
        this.players = List.copyOf(players);
        this.listener = listener;
        this.responseDelay = Math.max(1, game.config().clockExtension() / 3);
    }

    /** The simple entry point: plays {@code defender} against {@code challenger} on a scenario. */
    public static Result play(Path scenario, String configName, String defender, String challenger, long faultAt,
                              long seed) {
        return play(new Match(scenario, configName, defender, challenger, faultAt, seed), null);
    }

    /** Plays a match, telling {@code listener} (may be null) about every action. */
    public static Result play(Match match, Listener listener) {
        byte[] scenarioBytes;
        ChainModel model;
        try {
            scenarioBytes = InputFiles.read(match.scenario(), InputFiles.Limit.SCENARIO);
            model = ChainModel.of(Scenario.parse(scenarioBytes, match.scenario()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long rootBlock = match.rootBlock() >= 0 ? match.rootBlock() : Strategies.defaultRootBlock(match.defender(), model);
        L1Block head = model.l1Head();
        GameConfig config = config(match.config(), model);
        requireReachable(config, rootBlock);
        GameSetup setup = new GameSetup(config, Strategies.rootClaim(match.defender(), model, rootBlock), rootBlock,
            DEFENDER, head.timestamp());
        Strategies.Context ctx = new Strategies.Context(model, new ExecutionTraceProvider.Runs(new FppHost(model)),
            match.faultAt(), match.seed());
        Player defender = Strategies.defender(match.defender(), DEFENDER, ctx);
        Player challenger = Strategies.challenger(match.challenger(), CHALLENGER, ctx);

        long stepsBefore = TraceCursor.totalExecuted();
        FaultDisputeGame game = setup.newGame();
        GameRunner runner = new GameRunner(game, List.of(defender, challenger), listener);
        runner.run();
        long steps = TraceCursor.totalExecuted() - stepsBefore;

        Map<String, String> roles = new LinkedHashMap<>();
        roles.put(DEFENDER, match.defender());
        roles.put(CHALLENGER, match.challenger());
        Session session = new Session(setup, match.scenario().toString(), Keccak256.hash(scenarioBytes),
            FaultProofProgram.elfHash(), roles, runner.actions(), scenarioBytes);
        Map<String, Player> byName = new LinkedHashMap<>();
        byName.put(DEFENDER, defender);
        byName.put(CHALLENGER, challenger);
        return new Result(session, game, runner.rejected(), byName, steps, ctx.runs().lengths());
    }

    /**
     * The output bisection names blocks anchor + 1 … anchor + 2^S: a root block beyond that is never compared with
     * anything, so a game about it would be decided by the rules' blind spot, not by the chain. Refused up front.
     */
    static void requireReachable(GameConfig config, long rootBlock) {
        long anchor = config.anchor().blockNumber();
        if (rootBlock <= anchor) {
            throw new IllegalArgumentException("the root claim's block " + rootBlock + " must come after the anchor block "
                + anchor);
        }
        BigInteger leaves = BigInteger.ONE.shiftLeft(config.splitDepth());
        if (BigInteger.valueOf(rootBlock - anchor).compareTo(leaves) > 0) {
            throw new IllegalArgumentException(String.format("SPLIT_DEPTH %d gives %,d output leaves (blocks %d to %d), "
                    + "but the root claim is for block %d: choose a root block up to %d or a deeper split",
                config.splitDepth(), leaves, anchor + 1, anchor + leaves.longValue(), rootBlock, anchor + leaves.longValue()));
        }
    }

    /** {@code mainnet}, {@code workshop} or {@code M,S}, anchored at block 0 with the newest L1 block as L1 head. */
    public static GameConfig config(String name, ChainModel model) {
        Bytes32 prestate = Bytes32.of(FaultProofProgram.absolutePrestate());
        Anchor anchor = new Anchor(0, model.outputRoot(0));
        Bytes32 l1Head = model.l1Head().hash();
        long chainId = model.chainId();
        String n = name.trim();
        if (n.equals("mainnet")) {
            return GameConfig.mainnet(prestate, anchor, l1Head, chainId);
        }
        if (n.equals("workshop")) {
            return GameConfig.workshop(prestate, anchor, l1Head, chainId);
        }
        String[] parts = n.split(",");
        if (parts.length == 2) {
            try {
                return GameConfig.custom(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()), prestate,
                    anchor, l1Head, chainId);
            } catch (NumberFormatException ignored) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("game configuration \"" + name + "\": expected mainnet, workshop or M,S (e.g. 30,4)");
    }

    /** Plays until the game is resolved; returns it. */
    public FaultDisputeGame run() {
        long now = Math.max(game.createdAt(), game.latestTime());
        for (int round = 0; round < MAX_ROUNDS && game.status() == GameStatus.IN_PROGRESS; round++) {
            if (round(now)) {
                now += responseDelay;
                continue;
            }
            long resolvable = game.resolvableAt(0);
            if (resolvable > now) {
                now = resolvable; // nothing to do until the clocks run out
                continue;
            }
            resolveAll(now);
        }
        if (game.status() == GameStatus.IN_PROGRESS) {
            throw new IllegalStateException("the game did not end within " + MAX_ROUNDS + " rounds");
        }
        return game;
    }

    /** One round: every player decides on the same game, then the actions are applied in order. */
    private boolean round(long now) {
        List<GameAction> batch = new ArrayList<>();
        for (Player p : players) {
            batch.addAll(p.act(game, now));
        }
        boolean any = false;
        for (GameAction a : batch) {
            any |= apply(a);
        }
        return any;
    }

    private boolean apply(GameAction a) {
        if (redundant(a)) {
            return false;
        }
        try {
            int index = a.applyTo(game);
            actions.add(a);
            if (listener != null) {
                listener.applied(a, index, game);
            }
            return true;
        } catch (GameError e) {
            rejected.add(new Rejected(a, e));
            if (listener != null) {
                listener.rejected(a, e, game);
            }
            return false;
        }
    }

    /**
     * A resolution another player already sent this round: two agents deciding on the same state both resolve, and on
     * chain the second transaction would merely revert, so it is not sent.
     */
    private boolean redundant(GameAction a) {
        if (a instanceof GameAction.Resolve) {
            return game.status() != GameStatus.IN_PROGRESS;
        }
        return a instanceof GameAction.ResolveClaim r && (game.status() != GameStatus.IN_PROGRESS
            || r.claimIndex() < game.claimCount() && game.isSubgameResolved(r.claimIndex()));
    }

    /** Resolution nobody else sent: every subgame, children first, then the game. */
    private void resolveAll(long now) {
        for (int i = game.claimCount() - 1; i >= 0; i--) {
            if (!game.isSubgameResolved(i)) {
                apply(new GameAction.ResolveClaim(now, RESOLVER, i, 0));
            }
        }
        apply(new GameAction.Resolve(now, RESOLVER));
        if (game.status() == GameStatus.IN_PROGRESS) {
            throw new IllegalStateException("the game could not be resolved at t=" + now + ": " + rejected.get(rejected.size() - 1).error().getMessage());
        }
    }

    public List<GameAction> actions() {
        return List.copyOf(actions);
    }

    public List<Rejected> rejected() {
        return List.copyOf(rejected);
    }
}
