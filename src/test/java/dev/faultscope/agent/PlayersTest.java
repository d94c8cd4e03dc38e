package dev.faultscope.agent;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.fpp.ChainModel;
import dev.faultscope.fpp.FppHost;
import dev.faultscope.fpp.Proposers;
import dev.faultscope.game.Claim;
import dev.faultscope.game.ContractError;
import dev.faultscope.game.ExecutionContext;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameAction;
import dev.faultscope.game.GameConfig;
import dev.faultscope.game.GameError;
import dev.faultscope.game.Position;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trace providers, the honest agent's single decisions and the move checks, on the classroom scenario. */
class PlayersTest {
    static ChainModel model;

    @BeforeAll
    static void load() throws IOException {
        model = ChainModel.load(Path.of("samples/scenarios/classroom.json"));
    }

    static Strategies.Context context() {
        return new Strategies.Context(model, new ExecutionTraceProvider.Runs(new FppHost(model)), -1, 0);
    }

    static FaultDisputeGame game(String config, Bytes32 root, long rootBlock) {
        return new FaultDisputeGame(GameRunner.config(config, model), root, rootBlock, "proposer", 1000);
    }

    /** Past the L1 data the honest value is the safe head's output; the beyond-l1 proposer claims invented blocks. */
    @Test
    void honestOutputsStopAtTheSafeHeadOfTheGamesL1Head() {
        long last = model.lastL2Block();
        FaultDisputeGame g = game("mainnet", Proposers.beyondL1(model).claim(last + 2), last + 2);
        OutputTraceProvider honest = OutputTraceProvider.honest(model);
        OutputTraceProvider beyond = OutputTraceProvider.of(Proposers.beyondL1(model));
        assertEquals(model.outputRoot(last), honest.valueAt(g, Position.root()));
        assertNotEquals(model.outputRoot(last), beyond.valueAt(g, Position.root()));
        // Position 2^S (the first output leaf) names block anchor + 1, where both chains agree.
        Position first = Position.of(g.config().splitDepth(), 0);
        assertEquals(1, g.blockOf(first));
        assertEquals(model.outputRoot(1), honest.valueAt(g, first));
        assertEquals(honest.valueAt(g, first), beyond.valueAt(g, first));
    }

    /**
     * The first execution claim carries the honest run's verdict on the disputed output (VALID when it is the honest
     * challenger's own output, INVALID when it is the wrong proposer's); the proposer claims the opposite with a forced
     * exit, and both traces agree everywhere before the exit syscall.
     */
    @Test
    void statusBytesAtTheSplitComeFromTheRuns() {
        GameRunner.Result r = GameRunner.play(Path.of("samples/scenarios/classroom.json"), "workshop",
            "invalid-transfers", "honest", -1, 0);
        FaultDisputeGame g = r.game();
        int s = g.config().splitDepth();
        Claim execRoot = g.claims().stream().filter(c -> c.depth() == s + 1).findFirst().orElseThrow();
        assertEquals(GameRunner.CHALLENGER, execRoot.claimant());
        // The honest run's verdict on the disputed output is the status byte; the proposer claims the opposite.
        ExecutionContext ec = g.executionContext(execRoot.index());
        boolean disputedHonest = ec.disputedOutputRoot().equals(model.honestOutput(ec.disputedBlockNumber(),
            model.lastL1Block()));
        assertEquals(disputedHonest ? 0 : 1, execRoot.value().bytes()[0]);
        Strategies.Context ctx = context();
        ctx.runs().host().serve(Proposers.invalidTransfers(model));
        SplitTraceProvider proposer = Strategies.proposerView(ctx, Proposers.invalidTransfers(model));
        assertEquals(disputedHonest ? 1 : 0, proposer.claimValue(g, execRoot.index()).bytes()[0]);
        ExecutionTrace real = ctx.runs().run(g.executionContext(execRoot.index()).fppInputs());
        ExecutionTrace own = proposer.execution().traceFor(g, g.executionContext(execRoot.index()));
        long exit = Fault.exitGroupIndex(real);
        assertEquals(Bytes32.of(real.stateHashAt(exit - 1)), Bytes32.of(own.stateHashAt(exit - 1)));
        assertNotEquals(Bytes32.of(real.stateHashAt(exit)), Bytes32.of(own.stateHashAt(exit)));
    }

    /** A fault chosen at k lasts: the faulty run's final state differs, so every index from k on differs. */
    @Test
    void faultsAtAnInstructionLastToTheEnd() {
        ExecutionTraceProvider.Runs runs = context().runs();
        FppHost host = runs.host();
        ExecutionTrace real = runs.run(host.inputs(1, 2, model.outputRoot(2)));
        for (long k : new long[]{0, 12_345, real.length() / 2, real.length() - 1}) {
            ExecutionTrace faulty = real.withFault(ExecutionTraceProvider.faultAt(real, k));
            if (k > 0) {
                assertArrayEquals(real.stateHashAt(k - 1), faulty.stateHashAt(k - 1));
            }
            assertFalse(Arrays.equals(real.stateHashAt(k), faulty.stateHashAt(k)));
            assertFalse(Arrays.equals(real.finalHash(), faulty.finalHash()));
        }
        assertThrows(IllegalArgumentException.class, () -> ExecutionTraceProvider.faultAt(real, real.length()));
    }

    /** A correct counter posted by someone else is adopted: the agent does not post it again, nor counter it. */
    @Test
    void anIdenticalHonestCounterIsAdoptedNotReposted() {
        long last = model.lastL2Block();
        FaultDisputeGame g = game("workshop", Proposers.invalidTransfers(model).claim(last), last);
        HonestChallenger agent = new HonestChallenger("agent", Strategies.honestView(context()));
        List<GameAction> first = agent.act(g, 1000);
        GameAction.Move m = (GameAction.Move) first.get(0);
        assertEquals(1, first.size());
        assertTrue(m.attack());
        // Someone else sends exactly that move first.
        new GameAction.Move(1000, "bystander", m.parentIndex(), m.disputed(), m.value(), true, m.bond()).applyTo(g);
        assertEquals(List.of(), agent.act(g, 1100));
        // The proposer answers the bystander's claim; the agent answers that, as it would have its own.
        int answer = g.move(g.claim(1).value(), 1, Bytes32.keccak(new byte[]{1}), true, "proposer",
            g.requiredBond(g.claim(1).position().move(true)), 1200);
        List<GameAction> next = agent.act(g, 1300);
        assertEquals(1, next.size());
        assertEquals(answer, ((GameAction.Move) next.get(0)).parentIndex());
    }

    /** The move checks give exactly the game's verdict, error for error, on random moves. */
    @Test
    void moveChecksAgreeWithTheGame() {
        GameConfig config = GameConfig.custom(10, 4, Bytes32.keccak(new byte[]{3}), new dev.faultscope.game.Anchor(0,
            model.outputRoot(0)), model.l1Head().hash(), model.chainId());
        FaultDisputeGame g = new FaultDisputeGame(config, Bytes32.keccak(new byte[]{9}), 7, "proposer", 0);
        Random rnd = new Random(5);
        long now = 0;
        Set<ContractError> seen = EnumSet.noneOf(ContractError.class);
        int accepted = 0;
        for (int i = 0; i < 600; i++) {
            now += rnd.nextInt(3) == 0 ? rnd.nextInt(400) : 0;
            // Half the time the newest claim, so that chains reach MAX_GAME_DEPTH.
            int parent = rnd.nextBoolean() ? g.claimCount() - 1 : rnd.nextInt(g.claimCount());
            boolean attack = rnd.nextBoolean();
            byte[] v = new byte[32];
            rnd.nextBytes(v);
            v[0] = (byte) rnd.nextInt(4);
            if (rnd.nextInt(5) == 0 && !g.children(parent).isEmpty()) {
                // Re-post an existing child now and then, to meet ClaimAlreadyExists.
                Claim c = g.claim(g.children(parent).get(0));
                attack = c.position().isAttackOf(g.claim(parent).position());
                v = c.value().bytes();
            }
            Bytes32 value = Bytes32.of(v);
            ContractError expected = GameRules.checkMove(g, parent, value, attack, now);
            Claim p = g.claim(parent);
            try {
                g.move(p.value(), parent, value, attack, "x", g.requiredBond(p.position().move(attack)), now);
                assertNull(expected, "the game accepted a move the checks reject");
                accepted++;
            } catch (GameError e) {
                assertEquals(expected, e.error(), e.getMessage());
                seen.add(e.error());
            }
        }
        assertTrue(accepted > 20);
        assertTrue(seen.containsAll(EnumSet.of(ContractError.CannotDefendRootClaim, ContractError.GameDepthExceeded,
            ContractError.UnexpectedRootClaim, ContractError.ClockTimeExceeded, ContractError.ClaimAlreadyExists)), seen::toString);
    }

    private static void assertArrayEquals(byte[] a, byte[] b) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
    }
}
