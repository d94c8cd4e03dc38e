package dev.faultscope.ui.model;

import dev.faultscope.crypto.Keccak256;
import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.vm.Memory;
import dev.faultscope.vm.StepProof;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.onchain.StepRejected;
import dev.faultscope.vm.onchain.StepVerifier;
import dev.faultscope.vm.onchain.VerifiedStep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What proves one step on chain, laid out for reading: the pre-state witness field by field, the state hash
 * and its status byte, the two memory proofs as paths from the touched word up to the memory root, and what
 * the stateless verifier ({@link StepVerifier}, written apart from the emulator) makes of it.
 *
 * @param proof        the step proof, or null when the step could not be executed
 * @param verdict      one line: whether the verifier accepts the step and reaches the emulator's post-state
 * @param agrees       the verifier accepted the step and its post-state hash equals the proof's
 */
public record StepEvidence(StepProof proof, List<Field> witness, String preHash, String preStatus,
                           String postHash, String postStatus, MemoryPath instructionPath, MemoryPath dataPath,
                           String verdict, boolean agrees) {

    /** A witness field: its name, byte range and value. */
    public record Field(String name, int offset, int length, String value) {
    }

    /** One level of a memory proof: the sibling given in the proof, and the node computed from it. */
    public record Level(int level, boolean nodeIsRight, String sibling, String node) {
    }

    /**
     * A memory proof read as a path: the 32-byte leaf holding the word, then 27 levels up to the root.
     *
     * @param matchesRoot whether the path ends at the witness's memory root
     */
    public record MemoryPath(String title, int address, int word, String leaf, List<Level> levels, String root, boolean matchesRoot) {
    }

    public static StepEvidence of(StepProof proof, PreimageOracle oracle) {
        byte[] w = proof.stateData();
        PreimageOracle stepOracle = proof.readsPreimage() ? fixedOracle(proof) : oracle;
        String verdict;
        boolean agrees = false;
        int dataAddress = -1;
        String postHash = proof.post() == null ? null : Numbers.hex(proof.post());
        try {
            VerifiedStep v = StepVerifier.step(w, proof.proofData(), stepOracle);
            dataAddress = v.dataAddress();
            agrees = proof.post() != null && Arrays.equals(v.postHash(), proof.post());
            verdict = agrees
                ? "The stateless verifier accepts this step and reaches the same post-state " + Numbers.shortHex(v.postHash())
                : "The stateless verifier accepts this step but reaches post-state " + Numbers.hex(v.postHash())
                    + ", not the claimed " + postHash;
        } catch (StepRejected e) {
            dataAddress = e.dataAddress();
            verdict = "The stateless verifier rejects this step: " + e.getMessage();
        }
        byte[] root = Arrays.copyOfRange(w, 0, 32);
        int pc = readInt(w, 68);
        MemoryPath insn = path("instruction word at pc", pc, proof.proofData(), 0, root);
        MemoryPath data = dataAddress < 0 ? null
            : path("data word the step reads or writes", dataAddress, proof.proofData(), Memory.PROOF_BYTES, root);
        return new StepEvidence(proof, fields(w), Numbers.hex(proof.pre()), statusName(proof.pre()[0]),
            postHash, proof.post() == null ? null : statusName(proof.post()[0]), insn, data, verdict, agrees);
    }

    /** When the step cannot be executed at all (a VM fault): only the pre-state is shown. */
    public static StepEvidence failed(byte[] witness, String reason) {
        byte[] pre = VmState.stateHashOf(witness);
        return new StepEvidence(null, fields(witness), Numbers.hex(pre), statusName(pre[0]), null, null, null, null,
            "This step cannot be executed, so there is no proof: " + reason, false);
    }

    /** A proof file carries the pre-image part its step reads; the verifier gets exactly that. */
    private static PreimageOracle fixedOracle(StepProof proof) {
        byte[] framed = proof.oracleValue();
        byte[] data = Arrays.copyOfRange(framed, 8, framed.length);
        return key -> Arrays.equals(key, proof.oracleKey()) ? data : null;
    }

    static List<Field> fields(byte[] w) {
        List<Field> f = new ArrayList<>();
        f.add(new Field("memRoot", 0, 32, Numbers.hex(Arrays.copyOfRange(w, 0, 32))));
        f.add(new Field("preimageKey", 32, 32, Numbers.hex(Arrays.copyOfRange(w, 32, 64))));
        f.add(new Field("preimageOffset", 64, 4, Numbers.hex32(readInt(w, 64))));
        f.add(new Field("pc", 68, 4, Numbers.hex32(readInt(w, 68))));
        f.add(new Field("nextPC", 72, 4, Numbers.hex32(readInt(w, 72))));
        f.add(new Field("lo", 76, 4, Numbers.hex32(readInt(w, 76))));
        f.add(new Field("hi", 80, 4, Numbers.hex32(readInt(w, 80))));
        f.add(new Field("heap", 84, 4, Numbers.hex32(readInt(w, 84))));
        f.add(new Field("exitCode", 88, 1, Integer.toString(w[88] & 0xFF)));
        f.add(new Field("exited", 89, 1, Integer.toString(w[89] & 0xFF)));
        long step = ((long) readInt(w, 90) << 32) | (readInt(w, 94) & 0xFFFFFFFFL);
        f.add(new Field("step", 90, 8, Long.toUnsignedString(step)));
        for (int i = 0; i < 32; i++) {
            f.add(new Field("r" + i + " (" + RegisterNames.abi(i) + ")", 98 + 4 * i, 4, Numbers.hex32(readInt(w, 98 + 4 * i))));
        }
        return f;
    }

    /** The status byte that replaces byte 0 of keccak(witness) in a state hash. */
    public static String statusName(byte status) {
        return switch (status) {
            case VmState.STATUS_VALID -> "0 · exited, valid";
            case VmState.STATUS_INVALID -> "1 · exited, invalid";
            case VmState.STATUS_PANIC -> "2 · exited, panic";
            case VmState.STATUS_UNFINISHED -> "3 · unfinished";
            default -> (status & 0xFF) + " · not a status";
        };
    }

    /** Folds a memory proof as the contract does, keeping every intermediate node for display. */
    static MemoryPath path(String title, int address, byte[] proof, int offset, byte[] root) {
        byte[] node = Arrays.copyOfRange(proof, offset, offset + 32);
        String leaf = Numbers.hex(node);
        int word = readInt(node, address & 31);
        List<Level> levels = new ArrayList<>(Memory.TREE_DEPTH);
        byte[] pair = new byte[64];
        int path = address >>> 5;
        for (int level = 1; level <= Memory.TREE_DEPTH; level++, path >>>= 1) {
            byte[] sibling = Arrays.copyOfRange(proof, offset + 32 * level, offset + 32 * level + 32);
            boolean right = (path & 1) != 0;
            if (right) {
                System.arraycopy(sibling, 0, pair, 0, 32);
                System.arraycopy(node, 0, pair, 32, 32);
            } else {
                System.arraycopy(node, 0, pair, 0, 32);
                System.arraycopy(sibling, 0, pair, 32, 32);
            }
            node = Keccak256.hash(pair);
            levels.add(new Level(level, right, Numbers.hex(sibling), Numbers.hex(node)));
        }
        return new MemoryPath(title, address, word, leaf, levels, Numbers.hex(root), Arrays.equals(node, root));
    }

    static int readInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }
}
