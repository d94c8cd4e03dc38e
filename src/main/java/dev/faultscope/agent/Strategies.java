package dev.faultscope.agent;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.fpp.ChainModel;
import dev.faultscope.fpp.Proposer;
import dev.faultscope.fpp.Proposers;
import dev.faultscope.game.FaultDisputeGame;

import java.util.List;

/**
 * The named players of the workbench. Defenders post the root claim: {@code honest} or a wrong proposer of
 * {@link Proposers} (whose output-level moves come from its chain and whose execution claims are a real run with a
 * forced exit code), {@code timeout} or {@code random}. Challengers: {@code honest}, {@code attack-correct-root},
 * {@code fault-at}, {@code freeloader}, {@code timeout}, {@code random}.
 */
public final class Strategies {
    public static final String HONEST = "honest";
    public static final String ATTACK_CORRECT_ROOT = "attack-correct-root";
    public static final String FAULT_AT = "fault-at";
    public static final String FREELOADER = "freeloader";
    public static final String TIMEOUT = "timeout";
    public static final String RANDOM = "random";

    public static final List<String> DEFENDERS = List.of(HONEST, Proposers.INVALID_TRANSFERS, Proposers.SELF_CREDIT,
        Proposers.BEYOND_L1, TIMEOUT, RANDOM);
    public static final List<String> CHALLENGERS = List.of(HONEST, ATTACK_CORRECT_ROOT, FAULT_AT, FREELOADER, TIMEOUT,
        RANDOM);

    /** Freeloading claims a freeloader makes at most. */
    public static final int FREELOADER_BUDGET = 2;
    /** Claims a random player makes at most. */
    public static final int RANDOM_MOVES = 12;

    /**
     * What players of one game share: the chain, the real program runs (one per subgame inputs, whoever asks), the
     * fault index for {@code fault-at} (−1 for none) and the seed for {@code random}.
     */
    public record Context(ChainModel model, ExecutionTraceProvider.Runs runs, long faultAt, long seed) {
    }

    private Strategies() {
    }

    /** The honest agent's view: the honest chain capped at the game's L1 head, the real runs below the split. */
    public static SplitTraceProvider honestView(Context ctx) {
        return new SplitTraceProvider(OutputTraceProvider.honest(ctx.model()), ExecutionTraceProvider.honest(ctx.runs()));
    }

    /** A proposer's view: its chain's outputs, and below the split it holds its own outputs valid and others not. */
    public static SplitTraceProvider proposerView(Context ctx, Proposer proposer) {
        return new SplitTraceProvider(OutputTraceProvider.of(proposer), ExecutionTraceProvider.believing(ctx.runs(),
            (game, ec) -> proposer.claim(ec.disputedBlockNumber()).equals(ec.disputedOutputRoot()), -1));
    }

    /**
     * The root claim a defender posts for {@code rootBlock}: its chain's output (honest: the program's output from the
     * newest L1 block), or a made-up one for the strategies without a chain.
     */
    public static Bytes32 rootClaim(String defender, ChainModel model, long rootBlock) {
        return switch (defender) {
            case HONEST -> model.honestOutput(rootBlock, model.lastL1Block());
            case TIMEOUT, RANDOM -> Moves.junk(defender, "root claim for block " + rootBlock);
            default -> proposer(defender, model).claim(rootBlock);
        };
    }

    /** The root block a defender claims by default: the last L2 block, or past L1's data for {@code beyond-l1}. */
    public static long defaultRootBlock(String defender, ChainModel model) {
        return Proposers.BEYOND_L1.equals(defender) ? model.lastL2Block() + 2 : model.lastL2Block();
    }

    /** A defender by name, playing as {@code actor}. */
    public static Player defender(String strategy, String actor, Context ctx) {
        return switch (strategy) {
            case HONEST -> new HonestChallenger(actor, HONEST, honestView(ctx), true);
            case TIMEOUT -> new TimeoutPlayer(actor);
            case RANDOM -> new RandomPlayer(actor, ctx.seed(), RANDOM_MOVES);
            default -> {
                if (!Proposers.NAMES.contains(strategy)) {
                    throw new IllegalArgumentException("unknown defender \"" + strategy + "\" (known: "
                        + String.join(", ", DEFENDERS) + ")");
                }
                Proposer p = proposer(strategy, ctx.model());
                ctx.runs().host().serve(p);
                yield new HonestChallenger(actor, strategy, proposerView(ctx, p), false);
            }
        };
    }

    /** A challenger by name, playing as {@code actor}. */
    public static Player challenger(String strategy, String actor, Context ctx) {
        return switch (strategy) {
            case HONEST -> new HonestChallenger(actor, HONEST, honestView(ctx), true);
            case ATTACK_CORRECT_ROOT -> {
                // Believes a chain that is wrong from the middle block on (a self-credit there): it disputes a
                // correct root and keeps defending its own outputs all the way down.
                Proposer wrong = Proposers.selfCredit(ctx.model());
                ctx.runs().host().serve(wrong);
                yield new HonestChallenger(actor, ATTACK_CORRECT_ROOT, proposerView(ctx, wrong), false);
            }
            case FAULT_AT -> faultAt(actor, ctx);
            case FREELOADER -> new FreeloaderPlayer(actor, FREELOADER_BUDGET);
            case TIMEOUT -> new TimeoutPlayer(actor);
            case RANDOM -> new RandomPlayer(actor, ctx.seed(), RANDOM_MOVES);
            default -> throw new IllegalArgumentException("unknown challenger \"" + strategy + "\" (known: "
                + String.join(", ", CHALLENGERS) + ")");
        };
    }

    /**
     * Honest outputs, except that it calls a correct root's output wrong (so it has a game to play); in the execution
     * subgame it claims the real run with a lasting fault at instruction {@code ctx.faultAt()}, so the bisection has to
     * end on exactly that instruction.
     */
    private static Player faultAt(String actor, Context ctx) {
        if (ctx.faultAt() < 0) {
            throw new IllegalArgumentException("the fault-at challenger needs an instruction index (fault at k ≥ 0)");
        }
        OutputTraceProvider honest = OutputTraceProvider.honest(ctx.model());
        OutputTraceProvider.Outputs outputs = (game, block) -> {
            Bytes32 h = honest.outputAt(game, block);
            return block >= game.rootBlock() && rootIsHonest(game, honest)
                ? Moves.junk(actor, "output of block " + block) : h;
        };
        OutputTraceProvider out = new OutputTraceProvider("honest chain but a wrong root block", outputs);
        ExecutionTraceProvider exec = ExecutionTraceProvider.believing(ctx.runs(),
            (game, ec) -> outputs.outputAt(game, ec.disputedBlockNumber()).equals(ec.disputedOutputRoot()), ctx.faultAt());
        return new HonestChallenger(actor, FAULT_AT, new SplitTraceProvider(out, exec), false);
    }

    private static boolean rootIsHonest(FaultDisputeGame game, OutputTraceProvider honest) {
        return honest.outputAt(game, game.rootBlock()).equals(game.claim(0).value());
    }

    private static Proposer proposer(String name, ChainModel model) {
        return Proposers.named(name, model);
    }
}
