package dev.faultscope.ui.model.game;

import dev.faultscope.agent.FaultProofProgram;
import dev.faultscope.agent.StepData;
import dev.faultscope.crypto.Keccak256;
import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.Claim;
import dev.faultscope.game.ExecutionContext;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.StepContext;
import dev.faultscope.vm.disasm.Disassembler;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A step at a leaf (depth M) as the contract checks it (dispute-game.md section 4): which claim is the pre-state and
 * which the post-state, the instruction executed from the honest pre-state, the verifier's post-state against the
 * claimed one, and the verdict. The step shown is the one the honest agent would send: an attack if it disagrees with
 * the leaf, a defend if it agrees (an attack when there is no honest view).
 */
public record LeafStep(int leaf, boolean isAttack, StepContext context, BigInteger instructionIndex, int pc, String instruction,
                       Bytes32 preStateHash, boolean preStateMatches, Bytes32 computedPost, boolean validStep,
                       String verdict, String counteredBy) {

    public static LeafStep of(FaultDisputeGame game, int leaf, HonestView honest) {
        Claim c = game.claim(leaf);
        if (c.depth() != game.config().maxGameDepth()) {
            throw new IllegalArgumentException("claim #" + leaf + " is at depth " + c.depth() + ", not at MAX_GAME_DEPTH "
                + game.config().maxGameDepth());
        }
        boolean attack = honest == null || honest.agreement(game, leaf) != HonestView.Agreement.AGREES;
        StepContext ctx = game.stepContext(leaf, attack);
        if (honest == null) {
            return new LeafStep(leaf, attack, ctx, ctx.instructionIndex(), 0, "(needs the scenario)",
                null, false, null, false, "unknown: the scenario is missing, the step cannot be computed", c.counteredBy());
        }
        ExecutionContext ec = game.executionContext(leaf);
        BigInteger k = ctx.instructionIndex();
        StepData sd = honest.step(game, ec, k);
        byte[] pre = Keccak256.hash(sd.stateData());
        byte[] want = ctx.preStateValue().bytes();
        boolean preOk = Arrays.equals(Arrays.copyOfRange(pre, 1, 32), Arrays.copyOfRange(want, 1, 32));
        Bytes32 post = Bytes32.of(sd.postHash());
        boolean valid = post.equals(ctx.postStateValue());
        String insn = sd.padded() ? "(none: the program has exited; a padded step changes nothing)"
            : Disassembler.disassemble(sd.instruction(), sd.pc(), FaultProofProgram.load().symbols());
        String verdict;
        if (c.isCountered()) {
            verdict = "countered by " + c.counteredBy() + " (another step would fail: DuplicateStep)";
        } else if (!preOk) {
            verdict = "InvalidPrestate: the honest pre-state does not hash to the pre-state claim, so this step cannot be "
                + "made (the leaf stands on a poisoned pre-state)";
        } else if (ctx.parentPostAgree() == valid) {
            verdict = "ValidStep: the VM's post-state " + (valid ? "matches" : "differs from") + " claim #"
                + ctx.postStateClaimIndex() + " as the leaf says, so the step would not counter it";
        } else {
            verdict = "the step would counter claim #" + leaf + ": the VM's post-state " + (valid ? "matches" : "differs from")
                + " claim #" + ctx.postStateClaimIndex() + ", " + (ctx.parentPostAgree() ? "which the leaf agrees with"
                : "which the leaf disputes");
        }
        return new LeafStep(leaf, attack, ctx, k, sd.pc(), insn, Bytes32.of(pre), preOk, post, valid, verdict,
            c.counteredBy());
    }

    /** The claims to highlight in the tree: the pre-state (if not ABSOLUTE_PRESTATE) and the post-state. */
    public int[] highlighted() {
        return context.preStateIsAbsolute() ? new int[] {context.postStateClaimIndex()}
            : new int[] {context.preStateClaimIndex(), context.postStateClaimIndex()};
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%s step on leaf #%d: executes instruction %,d (the step from state %,d to %,d)%n",
            isAttack ? "Attack" : "Defend", leaf, instructionIndex, instructionIndex, instructionIndex.add(BigInteger.ONE)));
        b.append("Pre-state:  ").append(context.preStateIsAbsolute() ? "ABSOLUTE_PRESTATE"
            : "claim #" + context.preStateClaimIndex()).append("  ").append(context.preStateValue().hex()).append('\n');
        b.append("Post-state: claim #").append(context.postStateClaimIndex()).append("  ")
            .append(context.postStateValue().hex()).append('\n');
        if (preStateHash != null) {
            b.append("keccak(stateData) ").append(preStateHash.hex()).append(preStateMatches ? "  = pre-state (byte 0 ignored)"
                : "  ≠ pre-state").append('\n');
            b.append(String.format("Instruction at pc 0x%08x: %s%n", pc, instruction));
            b.append("Verifier's post-state: ").append(computedPost.hex()).append(validStep ? "  = claimed" : "  ≠ claimed")
                .append('\n');
        }
        b.append("parentPostAgree = ").append(context.parentPostAgree()).append(" (leaf and post-state claim ")
            .append(context.parentPostAgree() ? "on the same team" : "on opposite teams").append("), validStep = ")
            .append(validStep).append('\n');
        b.append("Verdict: ").append(verdict);
        return b.toString();
    }
}
