package dev.faultscope.ui.model.chain;

import dev.faultscope.agent.FaultProofProgram;
import dev.faultscope.chain.Calldata;
import dev.faultscope.chain.ChainClaim;
import dev.faultscope.chain.ChainEvent;
import dev.faultscope.chain.ChainException;
import dev.faultscope.chain.ChainGame;
import dev.faultscope.chain.ChainGameText;
import dev.faultscope.chain.ChainReplay;
import dev.faultscope.chain.ChainSession;
import dev.faultscope.chain.StepCall;
import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.ClaimTable;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.Session;
import dev.faultscope.game.StepContext;
import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.vm.disasm.Disassembler;
import dev.faultscope.vm.onchain.StepRejected;
import dev.faultscope.vm.onchain.StepVerifier;

import java.util.ArrayList;
import java.util.List;

/**
 * A game read from chain, for the app's chain view (plain Java): the session the game view replays (read-only), the
 * chain's facts and what the engine's replay found, the timeline of Move/Resolved events with block timestamps, the
 * calldata of the actions on a claim, and a stepped leaf's step as the contract checked it.
 */
public final class ChainGameModel {
    private final ChainGame game;
    private final String rpcUrl;
    private final ChainReplay replay;
    private final Session session;
    private final String problem;

    public ChainGameModel(ChainGame game, String rpcUrl) {
        this.game = game;
        this.rpcUrl = rpcUrl;
        ChainReplay r = null;
        Session s = null;
        String p = null;
        if (game.rules().isEmpty()) {
            p = "FaultDisputeGame " + game.version() + ": rules not modelled; the claims are listed read-only";
        } else {
            try {
                s = ChainSession.of(game, game.rules().get());
                r = ChainReplay.of(game);
            } catch (ChainException e) {
                p = e.getMessage();
                s = null;
            }
        }
        this.replay = r;
        this.session = s;
        this.problem = p;
    }

    public ChainGame game() {
        return game;
    }

    public String rpcUrl() {
        return rpcUrl;
    }

    /** The session the game view replays, or null when the engine cannot model this game ({@link #problem}). */
    public Session session() {
        return session;
    }

    public String problem() {
        return problem;
    }

    public ChainReplay replay() {
        return replay;
    }

    /** A short title: version, address, status. */
    public String title() {
        return "FaultDisputeGame " + game.version() + " · " + game.address() + " · " + game.status();
    }

    /** The chain's facts, the claims in list-claims columns, credits, and the replay's verdict. */
    public String factsText() {
        return ChainGameText.render(game, replay);
    }

    /** One line per event, in chain order, with its block and timestamp. */
    public List<String> timeline() {
        List<String> out = new ArrayList<>();
        out.add(String.format("t=%d  created (claim 0 by %s)", game.createdAt(), game.creator()));
        int moves = 0;
        for (ChainEvent e : game.events()) {
            if (e.kind().equals("Move")) {
                moves++;
                out.add(String.format("t=%d  block %d  Move: claim %d against %d by %s", e.timestamp(), e.block(),
                    moves, e.parentIndex(), e.sender()));
            } else {
                out.add(String.format("t=%d  block %d  Resolved: %s", e.timestamp(), e.block(), e.claim()));
            }
        }
        for (StepCall s : game.steps().values()) {
            out.add(String.format("t=%d  block %d  step (%s) countered claim %d by %s", s.timestamp(), s.block(),
                s.isAttack() ? "attack" : "defend", s.claimIndex(), s.sender()));
        }
        if (game.events().isEmpty()) {
            for (ChainClaim c : game.claims().subList(1, game.claims().size())) {
                out.add(String.format("t=%d  claim %d against %d by %s", c.clock().timestamp(), c.index(),
                    c.parentIndex(), c.claimant()));
            }
        }
        return out;
    }

    /**
     * The transactions of the actions on claim {@code index}, cast-style: the move that made it (with its bond), the
     * step that countered it (as sent), its {@code resolveClaim}, and attack/defend templates against it whose claim
     * value the user fills in.
     */
    public String calldataText(int index) {
        ChainClaim c = game.claims().get(index);
        String a = game.address();
        StringBuilder b = new StringBuilder();
        if (c.parentIndex() >= 0) {
            ChainClaim p = game.claims().get(c.parentIndex());
            boolean attack = c.position().equals(p.position().move(true));
            b.append("# the move that made claim ").append(index).append('\n')
                .append(Calldata.move(a, p.value(), c.parentIndex(), c.value(), attack, c.bond()).cast());
        }
        StepCall s = game.steps().get(index);
        if (s != null) {
            b.append("# the step that countered it (tx ").append(s.txHash()).append(")\n")
                .append(Calldata.step(a, index, s.isAttack(), s.stateData(), s.proof()).cast());
        }
        b.append("# resolveClaim(").append(index).append(", 0)\n").append(Calldata.resolveClaim(a, index, 0).cast());
        if (c.depth() < game.maxGameDepth()) {
            b.append("# attack / defend it: replace the claim word 0xff…ff with your claim; the bond is the next depth's\n");
            FaultDisputeGame g = replay == null ? null : replay.game();
            java.math.BigInteger bond = g == null ? java.math.BigInteger.ZERO : g.config().requiredBond(c.depth() + 1);
            Bytes32 yours = Bytes32.fromHex("0x" + "ff".repeat(32));
            b.append(Calldata.attack(a, c.value(), index, yours, bond).cast());
            if (index != 0 && c.depth() != game.splitDepth() + 1) {
                b.append(Calldata.defend(a, c.value(), index, yours, bond).cast());
            }
        }
        return b.toString();
    }

    /**
     * A stepped leaf's step as the contract checked it: pre- and post-state claims, the instruction, the stateless
     * verifier's post-state and the verdict; or why it cannot be shown (not stepped, step transaction not found, a VM
     * other than the single-threaded MIPS32 one).
     */
    public String stepText(int index) {
        ChainClaim c = game.claims().get(index);
        if (c.depth() != game.maxGameDepth()) {
            return "Claim " + index + " is at depth " + c.depth() + "; steps counter claims at MAX_GAME_DEPTH "
                + game.maxGameDepth() + ".";
        }
        StepCall s = game.steps().get(index);
        if (s == null) {
            return c.counteredBy() == null ? "Leaf " + index + " has not been stepped against."
                : "Leaf " + index + " was countered by " + c.counteredBy() + ", but its step transaction was not found "
                + "in the blocks searched.";
        }
        if (!game.vmSupported()) {
            return "The game's VM at " + game.vm() + " is " + (game.vmVersion() == null ? "unknown" : "MIPS "
                + game.vmVersion()) + ": only the single-threaded MIPS32 VM (MIPS.sol 1.x) is supported; the step "
                + "is not shown.";
        }
        StringBuilder b = new StringBuilder();
        b.append(s.isAttack() ? "Attack" : "Defend").append(" step on leaf #").append(index).append(" by ")
            .append(s.sender()).append(" (tx ").append(s.txHash()).append(", block ").append(s.block()).append(")\n");
        byte[] st = s.stateData();
        if (st.length != StepVerifier.WITNESS_BYTES) {
            return b.append("stateData has ").append(st.length).append(" bytes, not a MIPS state's ")
                .append(StepVerifier.WITNESS_BYTES).toString();
        }
        int pc = ((st[68] & 0xFF) << 24) | ((st[69] & 0xFF) << 16) | ((st[70] & 0xFF) << 8) | (st[71] & 0xFF);
        int off = pc & 0x1C;
        byte[] proof = s.proof();
        if (proof.length >= off + 4) {
            int insn = ((proof[off] & 0xFF) << 24) | ((proof[off + 1] & 0xFF) << 16) | ((proof[off + 2] & 0xFF) << 8)
                | (proof[off + 3] & 0xFF);
            b.append(String.format("Instruction at pc 0x%08x: %s%n", pc,
                Disassembler.disassemble(insn, pc, FaultProofProgram.load().symbols())));
        }
        Bytes32 pre = Bytes32.keccak(st);
        b.append("keccak(stateData) ").append(pre.hex()).append('\n');
        Bytes32 post;
        try {
            post = Bytes32.of(StepVerifier.step(st, proof, PreimageOracle.NONE).postHash());
        } catch (StepRejected e) {
            return b.append("The verifier cannot run this step without the chain's pre-image oracle data: ")
                .append(e.getMessage()).toString();
        }
        b.append("Verifier's post-state: ").append(post.hex()).append('\n');
        if (replay != null) {
            StepContext ctx = replay.game().stepContext(index, s.isAttack());
            boolean valid = post.equals(ctx.postStateValue());
            b.append("Pre-state:  ").append(ctx.preStateIsAbsolute() ? "ABSOLUTE_PRESTATE" : "claim #"
                + ctx.preStateClaimIndex()).append("  ").append(ctx.preStateValue().hex()).append('\n');
            b.append("Post-state: claim #").append(ctx.postStateClaimIndex()).append("  ")
                .append(ctx.postStateValue().hex()).append(valid ? "  = verifier's" : "  != verifier's").append('\n');
            b.append("Verdict: ").append(ctx.parentPostAgree() != valid
                ? "the step counters leaf #" + index + " (the contract accepted it: countered by " + c.counteredBy() + ")"
                : "the verifier says this step would not counter the leaf, yet the chain accepted it").append('\n');
        }
        return b.toString();
    }

    /** Whether {@code newer} (a later read of the same game) shows anything new: claims, counters, status. */
    public boolean changedIn(ChainGame newer) {
        if (newer.claims().size() != game.claims().size() || newer.status() != game.status()) {
            return true;
        }
        for (int i = 0; i < newer.claims().size(); i++) {
            ChainClaim a = newer.claims().get(i);
            ChainClaim b = game.claims().get(i);
            if (!java.util.Objects.equals(a.counteredBy(), b.counteredBy()) || a.resolved() != b.resolved()) {
                return true;
            }
        }
        return false;
    }

    /** The claims as list-claims shows them, when the engine could model the game. */
    public String claimTable() {
        return replay == null || !replay.complete() ? "" : ClaimTable.of(replay.game(),
            Math.max(game.readTimestamp(), replay.game().latestTime())).table();
    }
}
