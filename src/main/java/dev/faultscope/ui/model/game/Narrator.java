package dev.faultscope.ui.model.game;

import dev.faultscope.game.Claim;
import dev.faultscope.game.ContractError;
import dev.faultscope.game.ExecutionContext;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameAction;
import dev.faultscope.game.GameStatus;
import dev.faultscope.game.Position;
import dev.faultscope.game.StepContext;

import java.math.BigInteger;

/** Plain-words explanations of claims, actions and contract errors, for the narration panel and tooltips. */
public final class Narrator {
    private Narrator() {
    }

    public static String status(int b) {
        return switch (b) {
            case 0 -> "VALID";
            case 1 -> "INVALID";
            case 2 -> "PANIC";
            case 3 -> "UNFINISHED";
            default -> String.format("0x%02x (not a VM status: a made-up value)", b);
        };
    }

    /** The trace index of a claim inside its execution subgame (below the split), else its block's index. */
    public static BigInteger subgameTraceIndex(FaultDisputeGame game, Position p) {
        return p.traceIndexInSubgame(game.config().splitDepth(), game.config().maxGameDepth());
    }

    /** What a claim at {@code p} is about: "the output root of L2 block 5", "the VM state after step 1,024". */
    public static String about(FaultDisputeGame game, Position p) {
        if (p.depth() <= game.config().splitDepth()) {
            return "the output root of L2 block " + game.blockOf(p);
        }
        return String.format("the VM state after step %,d", subgameTraceIndex(game, p).add(BigInteger.ONE));
    }

    /** A claim named for a sentence: "claim #3 (the VM state after step 12)". */
    public static String claim(FaultDisputeGame game, int index) {
        if (index < 0) {
            return "ABSOLUTE_PRESTATE (the program's initial state)";
        }
        return "claim #" + index + " (" + about(game, game.claim(index).position()) + ")";
    }

    public static String who(String actor) {
        return actor == null ? "nobody" : "the " + actor;
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * Explains {@code action}, which has just been applied to {@code game} ({@code newClaim} is the claim a move
     * made, else -1).
     */
    public static String narrate(FaultDisputeGame game, GameAction action, int newClaim) {
        int s = game.config().splitDepth();
        int m = game.config().maxGameDepth();
        String actor = who(action.actor());
        if (action instanceof GameAction.Move mv) {
            Claim parent = game.claim(mv.parentIndex());
            Claim mine = game.claim(newClaim);
            Position p = mine.position();
            StringBuilder b = new StringBuilder();
            String target = parent.isRoot() ? "the proposal (" + about(game, parent.position()) + ")"
                : "claim #" + parent.index() + " (" + about(game, parent.position()) + ")";
            if (mv.attack()) {
                b.append(cap(actor)).append(" disagrees with ").append(target).append(" and attacks");
            } else {
                b.append(cap(actor)).append(" agrees with ").append(target).append(" and defends");
            }
            if (p.depth() == s + 1) {
                ExecutionContext ec = game.executionContext(newClaim);
                int status = mine.value().bytes()[0] & 0xFF;
                b.append(String.format(": the bisection has reached one block transition, block %,d → %,d. "
                        + "The fault proof program now checks it; claim #%d is the program's final state after its "
                        + "whole run (step %,d at most), with status %s: ", ec.startingBlockNumber(),
                    ec.disputedBlockNumber(), newClaim, subgameTraceIndex(game, p).add(BigInteger.ONE), status(status)));
                b.append(status == 0 ? "the program accepts the disputed output root of block " + ec.disputedBlockNumber()
                    : "the program rejects the disputed output root of block " + ec.disputedBlockNumber());
                b.append(". From here the claims bisect the program's execution trace.");
                return b.toString();
            }
            if (mv.attack()) {
                b.append(": it says the fault lies in the first half of the disputed range, and posts its own ")
                    .append(about(game, p)).append(", half-way into it");
            } else {
                b.append(": it says the fault lies past it, in the second half, and posts its own ")
                    .append(about(game, p)).append(", half-way into it");
            }
            BigInteger leaves = BigInteger.ONE.shiftLeft(Math.max(0, (p.depth() <= s ? s : m) - p.depth()));
            b.append(" (claim #").append(newClaim).append(", depth ").append(p.depth());
            if (p.depth() <= s && p.depth() > 0) {
                b.append(String.format(", %s output leaves below it", leaves.toString()));
            } else if (p.depth() > s) {
                b.append(String.format(", %,d trace leaves below it", leaves));
            }
            b.append(").");
            if (p.depth() <= s && parent.depth() <= s && p.depth() > 0
                && game.blockOf(p) == game.blockOf(parent.position()) && game.blockOf(p) == game.rootBlock()) {
                b.append(" It names the same block as its parent: every output leaf past the proposal's block repeats "
                    + "the proposal, so the first levels all name block ").append(game.rootBlock()).append('.');
            }
            if (p.depth() == m) {
                b.append(" This is the deepest level: the next answer is a step, executing one instruction on chain.");
            }
            return b.toString();
        }
        if (action instanceof GameAction.Step st) {
            Claim leaf = game.claim(st.claimIndex());
            StepContext ctx = game.stepContext(st.claimIndex(), st.attack());
            return String.format("%s steps against claim #%d (%s) with an %s step: the contract executes instruction %,d "
                    + "on chain from the pre-state %s and compares the result with %s. %s claim #%d is countered.",
                cap(actor), leaf.index(), about(game, leaf.position()), st.attack() ? "attack" : "defend",
                ctx.instructionIndex(), claim(game, ctx.preStateClaimIndex()), claim(game, ctx.postStateClaimIndex()),
                ctx.parentPostAgree() ? "The result differs from that claim, which the leaf agrees with, so"
                    : "The result matches that claim, which the leaf disputes, so",
                leaf.index());
        }
        if (action instanceof GameAction.AddLocalData ld) {
            return String.format("%s loads local input %d (%s) of claim #%d's subgame into the pre-image oracle, "
                + "so the coming step can read it.", cap(actor), ld.ident(), localName(ld.ident()), ld.claimIndex());
        }
        if (action instanceof GameAction.LoadKeccakPreimage kp) {
            return String.format("%s loads a %,d-byte keccak pre-image into the oracle: the instruction the step "
                + "executes reads it.", cap(actor), kp.data().length);
        }
        if (action instanceof GameAction.ResolveClaim rc) {
            Claim c = game.claim(rc.claimIndex());
            return String.format("%s resolves claim #%d's subgame (its clock and all its descendants' have run out): "
                    + "it is %s; its bond of %s goes to %s.", cap(actor), c.index(),
                c.isCountered() ? "countered by " + c.counteredBy() : "uncountered",
                dev.faultscope.game.ClaimTable.eth(c.bond()),
                c.isCountered() ? "the " + c.counteredBy() : "its claimant, the " + c.claimant());
        }
        if (action instanceof GameAction.Resolve) {
            return game.status() == GameStatus.DEFENDER_WINS
                ? cap(actor) + " resolves the game: the root claim stands uncountered, the defender wins."
                : cap(actor) + " resolves the game: the root claim was countered, the challenger wins.";
        }
        return action.toString();
    }

    public static String localName(long ident) {
        return switch ((int) ident) {
            case 1 -> "L1 head";
            case 2 -> "starting output root";
            case 3 -> "disputed output root";
            case 4 -> "disputed L2 block number";
            case 5 -> "L2 chain id";
            default -> "unknown";
        };
    }

    /** A sentence explaining why the contract refused a transaction. */
    public static String explain(ContractError e) {
        return switch (e) {
            case GameNotInProgress -> "The game is already resolved: no more moves, steps or resolutions are accepted.";
            case IndexOutOfBounds -> "There is no claim with that index.";
            case InvalidDisputedClaimIndex -> "The move names a disputed value that is not the parent claim's value "
                + "(the contract checks this so a transaction cannot land on a different claim than intended).";
            case CannotDefendRootClaim -> "The root claim and the first claim of an execution subgame (depth S+1) can "
                + "only be attacked: defending them has no meaning, there is nothing to their right to bisect.";
            case GameDepthExceeded -> "The move would go below MAX_GAME_DEPTH: at the deepest level claims are "
                + "answered by a step, not a move.";
            case UnexpectedRootClaim -> "At the first execution level the claim's status byte must match its meaning: "
                + "an attack, or disputing the other team's output, must claim INVALID or PANIC; agreeing with your own "
                + "team's output must claim VALID.";
            case IncorrectBondAmount -> "The bond sent is not exactly the bond required at the new claim's depth.";
            case ClockTimeExceeded -> "The mover's chess clock has run out on this branch: the claim can no longer be "
                + "countered.";
            case ClaimAlreadyExists -> "An identical claim (same value, position and parent) already exists.";
            case InvalidParent -> "A step can only target a claim at MAX_GAME_DEPTH.";
            case InvalidPrestate -> "The state data does not hash to the pre-state claim: the step must start from the "
                + "claim (or ABSOLUTE_PRESTATE) the contract picks, ignoring its status byte.";
            case ValidStep -> "The step does not counter the claim: the VM's post-state agrees with what the leaf says.";
            case DuplicateStep -> "The claim has already been countered by a step.";
            case ClaimAboveSplit -> "Local data belongs to execution subgames: the claim must be below the split depth.";
            case InvalidLocalIdent -> "There is no local input with that identifier (valid: 1 to 5).";
            case PartOffsetOOB -> "The pre-image oracle has no data at that offset.";
            case PreimageMustExist -> "The instruction reads a pre-image that was not loaded into the oracle first "
                + "(loadKeccak256PreimagePart or addLocalData).";
            case PreimageReadPastEnd -> "The instruction reads a pre-image at or past its end.";
            case InvalidMemoryProof -> "A memory proof in the step does not match the pre-state's memory root.";
            case NotEnoughCalldata -> "The proof is too short: it lacks a memory proof the instruction needs.";
            case InvalidExitedValue -> "The state data's exited byte must be 0 or 1.";
            case InvalidInstruction, DivisionByZero, BranchInDelaySlot, JumpInDelaySlot ->
                "The VM has no valid post-state for this instruction, so no step can be made from that state.";
            case VmStepReverted -> "The VM cannot execute the instruction from that state (the contract reverts "
                + "without a reason).";
            case ClockNotExpired -> "It is too early to resolve: the clock of whoever could still counter this claim "
                + "has not run out.";
            case ClaimAlreadyResolved -> "That subgame is already resolved.";
            case OutOfOrderResolution -> "Subgames resolve bottom-up: a child subgame (or, for the game, the root's "
                + "subgame) must be resolved first.";
            default -> e.meaning();
        };
    }
}
