package dev.faultscope.ui.model.game;

import dev.faultscope.agent.ExecutionTraceProvider;
import dev.faultscope.agent.HonestChallenger;
import dev.faultscope.agent.SplitTraceProvider;
import dev.faultscope.agent.StepData;
import dev.faultscope.agent.Strategies;
import dev.faultscope.crypto.Keccak256;
import dev.faultscope.fpp.Bytes32;
import dev.faultscope.fpp.ChainModel;
import dev.faultscope.fpp.FppHost;
import dev.faultscope.fpp.Scenario;
import dev.faultscope.game.Claim;
import dev.faultscope.game.ExecutionContext;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.Session;
import dev.faultscope.ui.model.BundledSamples;

import java.math.BigInteger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the honest agent would claim, computed with the agent's own providers on the session's scenario: the
 * output roots of the honest chain above the split, the real program runs below it. Values are cached by
 * position and subgame, so they survive replays. Computing an execution value may run the fault proof program
 * (a fraction of a second per subgame): call from a worker thread.
 */
public final class HonestView {
    /** Whether the honest agent agrees with a claim. */
    public enum Agreement { AGREES, DISAGREES, UNKNOWN }

    private final ChainModel model;
    private final Path scenarioPath;
    private final byte[] scenarioFile;
    private final String source;
    private final SplitTraceProvider honest;
    private final ExecutionTraceProvider.Runs runs;
    private final Map<String, Bytes32> cache = new ConcurrentHashMap<>();
    private final Map<Bytes32, Long> runLengths = new ConcurrentHashMap<>();

    private HonestView(ChainModel model, Path scenarioPath, byte[] scenarioFile, String source) {
        this.model = model;
        this.scenarioPath = scenarioPath;
        this.scenarioFile = scenarioFile;
        this.source = source;
        this.runs = new ExecutionTraceProvider.Runs(new FppHost(model));
        this.honest = Strategies.honestView(new Strategies.Context(model, runs, -1, 1));
    }

    /** The outcome of looking for a session's scenario: a view, or why there is none. */
    public record Found(HonestView view, String problem) {
    }

    /**
     * Finds the session's scenario: the one embedded in the session, else the file as given, then relative to the
     * session file's folder and its parents, then the working folder, then by its file name alone next to the session,
     * in the working folder and among the bundled scenarios; a file must hash to the session's recorded keccak.
     */
    public static Found forSession(Session session, Path sessionFile) {
        String name = session.scenario();
        byte[] embedded = session.scenarioFile();
        if (embedded != null) {
            String shown = (name == null ? "scenario" : fileName(name)) + " (embedded in the session)";
            try {
                return new Found(new HonestView(ChainModel.of(Scenario.parse(embedded, null)), null, embedded, shown), null);
            } catch (RuntimeException e) {
                return new Found(null, "the session's embedded scenario cannot be used: " + e.getMessage());
            }
        }
        if (name == null || name.isBlank()) {
            return new Found(null, "the session names no scenario: honest values cannot be computed");
        }
        List<Path> candidates = new ArrayList<>();
        Path given = Path.of(name);
        candidates.add(given);
        if (!given.isAbsolute()) {
            for (Path dir = sessionFile == null ? null : sessionFile.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
                candidates.add(dir.resolve(name));
            }
            candidates.add(Path.of("").toAbsolutePath().resolve(name));
        }
        if (session.scenarioHash() != null && !fileName(name).isEmpty()) {
            // Then by its file name alone (an author's absolute path, a session mailed with the scenario beside it),
            // next to the session, in the working folder and among the bundled scenarios: the keccak says which is it.
            String file = fileName(name);
            if (sessionFile != null && sessionFile.toAbsolutePath().getParent() != null) {
                candidates.add(sessionFile.toAbsolutePath().getParent().resolve(file));
            }
            candidates.add(Path.of("").toAbsolutePath().resolve(file));
            for (Path samples : BundledSamples.roots()) {
                candidates.add(samples.resolve("scenarios").resolve(file));
            }
        }
        boolean changed = false;
        for (Path p : candidates) {
            if (!Files.isRegularFile(p)) {
                continue;
            }
            try {
                byte[] bytes = dev.faultscope.io.InputFiles.read(p, dev.faultscope.io.InputFiles.Limit.SCENARIO);
                if (session.scenarioHash() != null && session.scenarioHash().length > 0
                    && !Arrays.equals(Keccak256.hash(bytes), session.scenarioHash())) {
                    changed = true;
                    continue;
                }
                // The bytes just checked are the ones parsed (and the ones a re-save embeds).
                return new Found(new HonestView(ChainModel.of(Scenario.parse(bytes, p)), p, bytes,
                    String.valueOf(p.getFileName())), null);
            } catch (IOException | RuntimeException e) {
                return new Found(null, "the scenario " + p + " cannot be read: " + e.getMessage());
            }
        }
        return new Found(null, changed
            ? "the scenario " + name + " has changed since the game was played: honest values are not shown"
            : "the scenario " + name + " is missing: honest values are not shown");
    }

    /** The last part of a recorded path, whichever separator the machine that played it used. */
    private static String fileName(String path) {
        return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    }

    /**
     * The session with its scenario embedded, when the scenario was found as a file whose bytes hash to the
     * recorded keccak (an older session, or one saved without it); otherwise the session unchanged.
     */
    public Session embedInto(Session session) {
        if (session.scenarioFile() != null || scenarioFile == null || session.scenarioHash() == null
            || !Arrays.equals(Keccak256.hash(scenarioFile), session.scenarioHash())) {
            return session;
        }
        return session.withScenarioFile(scenarioFile);
    }

    public ChainModel model() {
        return model;
    }

    /** The scenario file the view was built from, or null when the session carried the scenario. */
    public Path scenarioPath() {
        return scenarioPath;
    }

    /** Where the honest values come from, for the user: the scenario's file name, noting an embedded one. */
    public String source() {
        return source;
    }

    public SplitTraceProvider provider() {
        return honest;
    }

    public ExecutionTraceProvider.Runs runs() {
        return runs;
    }

    private static String key(FaultDisputeGame game, Claim c) {
        if (c.depth() <= game.config().splitDepth()) {
            return c.position().gindex().toString(16);
        }
        return c.position().gindex().toString(16) + "/" + game.executionContext(c.index()).localContext().hex();
    }

    /** The honest value at claim {@code index}'s position (in its subgame). */
    public Bytes32 value(FaultDisputeGame game, int index) {
        Claim c = game.claim(index);
        Bytes32 v = cache.computeIfAbsent(key(game, c), k -> honest.claimValue(game, index));
        if (c.depth() > game.config().splitDepth()) {
            runLength(game, index);
        }
        return v;
    }

    /**
     * The number of steps N the honest run of claim {@code index}'s subgame executes before the program exits (runs
     * it if needed: worker thread). Trace indices ≥ N lie in the padded region: they commit to the final state.
     */
    public long runLength(FaultDisputeGame game, int index) {
        ExecutionContext ec = game.executionContext(index);
        return runLengths.computeIfAbsent(ec.localContext(), k -> honest.execution().traceFor(game, ec).length());
    }

    /** The honest run's length for claim {@code index}'s subgame if already known (never computes). */
    public java.util.OptionalLong cachedRunLength(FaultDisputeGame game, int index) {
        Claim c = game.claim(index);
        if (c.depth() <= game.config().splitDepth()) {
            return java.util.OptionalLong.empty();
        }
        Long n = runLengths.get(game.executionContext(index).localContext());
        return n == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(n);
    }

    /** The cached honest value, or empty if it has not been computed yet. */
    public Optional<Bytes32> cached(FaultDisputeGame game, int index) {
        return Optional.ofNullable(cache.get(key(game, game.claim(index))));
    }

    public Agreement agreement(FaultDisputeGame game, int index) {
        try {
            return value(game, index).equals(game.claim(index).value()) ? Agreement.AGREES : Agreement.DISAGREES;
        } catch (RuntimeException | Error e) {
            return Agreement.UNKNOWN;
        }
    }

    /** The honest value for a new claim attacking or defending {@code parent}. */
    public Bytes32 proposal(FaultDisputeGame game, int parent, boolean isAttack) {
        return honest.moveValue(game, parent, isAttack);
    }

    /** The honest step data executing instruction {@code instruction} of the subgame {@code ctx}. */
    public StepData step(FaultDisputeGame game, ExecutionContext ctx, BigInteger instruction) {
        return honest.stepAt(game, ctx, instruction);
    }

    /** The honest agent playing as {@code actor}. */
    public HonestChallenger agent(String actor) {
        return new HonestChallenger(actor, honest);
    }
}
