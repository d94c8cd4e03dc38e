package dev.faultscope.agent;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.fpp.ChainModel;
import dev.faultscope.fpp.FppHost;
import dev.faultscope.game.Claim;
import dev.faultscope.game.ContractError;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameAction;
import dev.faultscope.game.GameStatus;
import dev.faultscope.game.StepContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole games on real fault proof program traces (classroom scenario), in the mainnet (73/30) and workshop (30/4)
 * configurations: the honest side wins against every dishonest player, and the honest agent keeps the invariants of
 * dispute-game.md section 8 in every game.
 */
class GameRunnerTest {
    static final Path CLASSROOM = Path.of("samples/scenarios/classroom.json");
    static ChainModel model;

    @BeforeAll
    static void load() throws IOException {
        model = ChainModel.load(CLASSROOM);
    }

    static GameRunner.Result play(String config, String defender, String challenger, long faultAt, long seed) {
        return GameRunner.play(new GameRunner.Match(CLASSROOM, config, defender, challenger, faultAt, seed), null);
    }

    @Test
    void honestRootAndHonestChallengerEndWithoutAMove() {
        GameRunner.Result r = play("mainnet", "honest", "honest", -1, 0);
        assertEquals(GameStatus.DEFENDER_WINS, r.status());
        assertEquals(1, r.game().claimCount());
        assertTrue(r.session().actions().stream().noneMatch(a -> a instanceof GameAction.Move), "no moves");
        assertEquals(r.game().claim(0).bond(), r.game().credit(GameRunner.DEFENDER));
        assertHonestInvariants(r, GameRunner.DEFENDER);
        assertHonestInvariants(r, GameRunner.CHALLENGER);
    }

    @ParameterizedTest(name = "{0} root vs honest challenger, {1}")
    @CsvSource({
        "invalid-transfers, workshop", "invalid-transfers, mainnet",
        "self-credit, workshop", "self-credit, mainnet",
        "beyond-l1, workshop", "beyond-l1, mainnet",
        "timeout, workshop", "timeout, mainnet",
        "random, workshop",
    })
    void honestChallengerBeatsEveryWrongDefender(String defender, String config) {
        GameRunner.Result r = play(config, defender, "honest", -1, 7);
        assertEquals(GameStatus.CHALLENGER_WINS, r.status(), () -> describe(r));
        assertHonestInvariants(r, GameRunner.CHALLENGER);
    }

    @ParameterizedTest(name = "honest root vs {0}, {1}")
    @CsvSource({
        "attack-correct-root, workshop", "attack-correct-root, mainnet",
        "freeloader, workshop", "freeloader, mainnet",
        "timeout, workshop", "timeout, mainnet",
        "random, workshop", "random, '24,4'",
    })
    void honestDefenderBeatsEveryDishonestChallenger(String challenger, String config) {
        GameRunner.Result r = play(config, "honest", challenger, -1, 11);
        assertEquals(GameStatus.DEFENDER_WINS, r.status(), () -> describe(r));
        assertTrue(r.game().claimCount() > 1, "the dishonest challenger made at least one claim");
        assertHonestInvariants(r, GameRunner.DEFENDER);
        if (List.of("freeloader", "timeout", "random").contains(challenger)) {
            // Strategies that make up values check legality first: none of their moves reverts.
            assertTrue(r.rejected().stream().noneMatch(x -> x.action().actor().equals(GameRunner.CHALLENGER)),
                () -> describe(r));
        }
    }

    /**
     * A wrong proposer's execution claims are the real run with its exit code forced to VALID: everything but the
     * exit syscall agrees with the honest run, so the honest challenger's step executes exactly that syscall.
     */
    @Test
    void aWrongProposerIsSteppedAtItsForcedExit() {
        GameRunner.Result r = play("workshop", "invalid-transfers", "honest", -1, 0);
        List<Stepped> steps = honestSteps(r, GameRunner.CHALLENGER);
        assertEquals(1, steps.size(), () -> describe(r));
        Stepped s = steps.get(0);
        ExecutionTrace real = realRun(s.game(), s.step().claimIndex());
        assertEquals(Fault.exitGroupIndex(real), s.context().instructionIndex().longValueExact());
    }

    /**
     * With a lasting fault at instruction k in the challenger's execution trace, bisection narrows to k: the honest
     * defender's step executes instruction k (M odd, so the challenger holds the leaves and the defender steps).
     */
    @ParameterizedTest(name = "fault at {0} of the run, {1}")
    @CsvSource({"0.004, mainnet", "0.66, '29,4'", "0, '29,4'"})
    void anInjectedFaultIsSteppedAtItsInstruction(double where, String config) {
        // The subgame the fault-at challenger ends up in: the last block's transition, from the newest L1 head.
        long top = model.lastL2Block();
        FppHost host = new FppHost(model);
        long length = ExecutionTrace.of(host.lazyStore(host.inputs(top - 1, top, model.outputRoot(top)))).length();
        long k = (long) (where * (length - 1));
        GameRunner.Result r = play(config, "honest", "fault-at", k, 0);
        assertEquals(GameStatus.DEFENDER_WINS, r.status(), () -> describe(r));
        assertHonestInvariants(r, GameRunner.DEFENDER);
        List<Stepped> steps = honestSteps(r, GameRunner.DEFENDER);
        assertFalse(steps.isEmpty(), () -> describe(r) + ((HonestChallenger) r.players().get(GameRunner.CHALLENGER)).skipped());
        Stepped last = steps.get(steps.size() - 1);
        assertEquals(k, last.context().instructionIndex().longValueExact());
        // The position arithmetic agrees: an attack executes the leaf's own trace index, a defence the next one.
        Claim leaf = last.game().claim(last.step().claimIndex());
        long leafIndex = leaf.position().traceIndexInSubgame(last.game().config().splitDepth(),
            last.game().config().maxGameDepth()).longValueExact();
        assertEquals(k, last.step().attack() ? leafIndex : leafIndex + 1);
    }

    /** The larger sample in the mainnet configuration: a 2-million-step transition, bisected over 2^42 indices. */
    @Test
    void largerScenarioMainnetGame() throws IOException {
        Path larger = Path.of("samples/scenarios/larger.json");
        GameRunner.Result r = GameRunner.play(larger, "mainnet", "invalid-transfers", "honest", -1, 0);
        assertEquals(GameStatus.CHALLENGER_WINS, r.status(), () -> describe(r));
        assertEquals(1 + 73, r.game().claimCount(), "one straight bisection: every depth from the root to M");
        assertTrue(r.game().credit(GameRunner.CHALLENGER).compareTo(bonds(r.game(), GameRunner.CHALLENGER)) > 0);
        assertEquals(BigInteger.ZERO, r.game().credit(GameRunner.DEFENDER));
    }

    /** A third player freeloading beside the honest challenger's counters gains nothing; the honest agent's bonds return. */
    @Test
    void freeloadersAgainstAWrongRootAreCounteredToo() {
        ExecutionTraceProvider.Runs runs = new ExecutionTraceProvider.Runs(new FppHost(model));
        Strategies.Context ctx = new Strategies.Context(model, runs, -1, 0);
        FaultDisputeGame game = new FaultDisputeGame(GameRunner.config("workshop", model),
            Strategies.rootClaim("invalid-transfers", model, model.lastL2Block()), model.lastL2Block(),
            GameRunner.DEFENDER, model.l1Head().timestamp());
        List<Player> players = List.of(Strategies.defender("invalid-transfers", GameRunner.DEFENDER, ctx),
            Strategies.challenger("honest", GameRunner.CHALLENGER, ctx), new FreeloaderPlayer("freeloader", 3));
        GameRunner runner = new GameRunner(game, players, null);
        runner.run();
        assertEquals(GameStatus.CHALLENGER_WINS, game.status());
        assertTrue(runner.rejected().stream().noneMatch(x -> x.action().actor().equals(GameRunner.CHALLENGER)
                && !lostARace(x)), () -> describe(game, runner.rejected()));
        long freeloads = game.claims().stream().filter(c -> c.claimant().equals("freeloader") && !c.isRoot()
            && game.claim(c.parentIndex()).claimant().equals("freeloader")).count();
        assertTrue(freeloads > 0, () -> "the freeloader freeloaded\n" + describe(game, runner.rejected()));
        assertTrue(game.credit(GameRunner.CHALLENGER).compareTo(bonds(game, GameRunner.CHALLENGER)) >= 0);
        assertTrue(game.credit("freeloader").compareTo(bonds(game, "freeloader")) < 0, "freeloading does not pay");
    }

    // ------------------------------------------------------------------------------------------------ invariants

    record Stepped(GameAction.Step step, StepContext context, FaultDisputeGame game) {
    }

    /** Every step {@code actor} sent, with the game just before it and what the contract checked it against. */
    static List<Stepped> honestSteps(GameRunner.Result r, String actor) {
        List<Stepped> out = new ArrayList<>();
        List<GameAction> actions = r.session().actions();
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i) instanceof GameAction.Step s && s.actor().equals(actor)) {
                FaultDisputeGame before = r.session().replay(i);
                out.add(new Stepped(s, before.stepContext(s.claimIndex(), s.attack()), before));
            }
        }
        return out;
    }

    /** The real program run of claim {@code index}'s subgame, computed afresh. */
    static ExecutionTrace realRun(FaultDisputeGame game, int index) {
        FppHost host = new FppHost(model);
        return new ExecutionTraceProvider.Runs(host).run(game.executionContext(index).fppInputs());
    }

    static boolean lostARace(GameRunner.Rejected x) {
        return x.error().error() == ContractError.ClaimAlreadyExists || x.error().error() == ContractError.DuplicateStep;
    }

    static BigInteger bonds(FaultDisputeGame game, String actor) {
        return game.claims().stream().filter(c -> c.claimant().equals(actor)).map(Claim::bond)
            .reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** dispute-game.md section 8's invariants for the honest agent playing as {@code actor}. */
    static void assertHonestInvariants(GameRunner.Result r, String actor) {
        FaultDisputeGame game = r.game();
        // Players deciding on the same state may post the same claim or step the same leaf in one round: the later
        // transaction reverts (the agent adopts the claim next round). Anything else rejected is the agent's mistake.
        assertTrue(r.rejected().stream().noneMatch(x -> x.action().actor().equals(actor) && !lostARace(x)),
            () -> "the honest agent sent a rejected action: " + r.rejected());
        // Its claims are all correct: an independent honest view agrees with each.
        TraceProvider view = Strategies.honestView(new Strategies.Context(model,
            new ExecutionTraceProvider.Runs(new FppHost(model)), -1, 0));
        for (Claim c : game.claims()) {
            if (c.claimant().equals(actor)) {
                assertEquals(view.claimValue(game, c.index()), c.value(), "honest claim " + c.index());
            }
        }
        // It gets back every bond it posted.
        assertTrue(game.credit(actor).compareTo(bonds(game, actor)) >= 0,
            () -> actor + " credit " + game.credit(actor) + " < bonds " + bonds(game, actor) + "\n" + describe(r));
        List<GameAction> actions = r.session().actions();
        for (int i = 0; i < actions.size(); i++) {
            GameAction a = actions.get(i);
            if (!a.actor().equals(actor)) {
                continue;
            }
            if (a instanceof GameAction.Move m) {
                assertNotEquals(actor, game.claim(m.parentIndex()).claimant(), "it countered its own claim " + m.parentIndex());
                assertFalse(m.parentIndex() == 0 && !m.attack(), "it defended the root");
            }
        }
        for (Stepped s : honestSteps(r, actor)) {
            Claim target = s.game().claim(s.step().claimIndex());
            assertEquals(null, target.counteredBy(), "it stepped a countered claim");
            assertNotEquals(actor, target.claimant(), "it stepped its own claim");
            StepContext ctx = s.context();
            if (!ctx.preStateIsAbsolute()) {
                Bytes32 honestPre = view.claimValue(s.game(), ctx.preStateClaimIndex());
                assertTrue(Arrays.equals(honestPre.bytes(), 1, 32, ctx.preStateValue().bytes(), 1, 32),
                    "it stepped from a poisoned pre-state (claim " + ctx.preStateClaimIndex() + ")");
            }
        }
        // The session replays to the same game.
        FaultDisputeGame replayed = r.session().replay();
        assertEquals(game.claims(), replayed.claims());
        assertEquals(game.status(), replayed.status());
        assertEquals(game.credits(), replayed.credits());
    }

    static String describe(GameRunner.Result r) {
        return describe(r.game(), r.rejected());
    }

    static String describe(FaultDisputeGame game, List<GameRunner.Rejected> rejected) {
        StringBuilder sb = new StringBuilder("status " + game.status() + ", credits " + game.credits() + "\n");
        for (Claim c : game.claims()) {
            sb.append(c.index()).append(" <- ").append(c.parentIndex()).append(" d").append(c.depth()).append(' ')
                .append(c.claimant()).append(' ').append(c.value().shortHex()).append(" countered by ")
                .append(c.counteredBy()).append('\n');
        }
        for (GameRunner.Rejected x : rejected) {
            sb.append("rejected ").append(x.action().getClass().getSimpleName()).append(" by ").append(x.action().actor())
                .append(": ").append(x.error().getMessage()).append('\n');
        }
        return sb.toString();
    }
}
