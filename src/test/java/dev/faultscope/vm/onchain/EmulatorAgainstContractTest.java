package dev.faultscope.vm.onchain;

import dev.faultscope.crypto.Hex;
import dev.faultscope.vm.Memory;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.VmFault;
import dev.faultscope.vm.VmState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Holds the emulator to the contract's results: each vector's pre-state is rebuilt as a {@link VmState}
 * whose memory holds only the leaves the proofs reveal, stepped by the emulator, and compared with what the
 * verifier (itself checked against the vectors) makes of the same bytes.
 */
class EmulatorAgainstContractTest {
    /** The words the emulator's fault reasons must contain for each kind of rejection. */
    private static final Map<StepRejected.Reason, String> EMULATOR_WORDING = Map.of(
        StepRejected.Reason.INVALID_INSTRUCTION, "invalid instruction",
        StepRejected.Reason.DIVISION_BY_ZERO, "division by zero",
        StepRejected.Reason.BRANCH_IN_DELAY_SLOT, "branch in delay slot",
        StepRejected.Reason.JUMP_IN_DELAY_SLOT, "jump in delay slot",
        StepRejected.Reason.MISSING_PREIMAGE, "missing pre-image",
        StepRejected.Reason.PREIMAGE_READ_PAST_END, "past the end");

    @Test
    void emulatorAgreesWithTheVerifierOnEveryVector() {
        List<String> failures = new ArrayList<>();
        for (StepVectors.Vector v : StepVectors.all()) {
            String problem;
            try {
                problem = compare(v);
            } catch (RuntimeException e) {
                problem = "crashed: " + e;
            }
            if (problem != null) {
                failures.add(v.name() + " (" + Hex.word(v.insn()) + "): " + problem);
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " vectors disagree:\n" + String.join("\n", failures));
    }

    private static String compare(StepVectors.Vector v) {
        VerifiedStep expected = null;
        StepRejected rejection = null;
        try {
            expected = StepVerifier.step(v.stateData(), v.proof(), v.oracle());
        } catch (StepRejected e) {
            rejection = e;
        }
        int dataAddress = expected != null ? expected.dataAddress() : rejection.dataAddress();
        VmState state = rebuild(v.stateData(), v.proof(), dataAddress);
        if (!Arrays.equals(Arrays.copyOfRange(state.witness(), 32, 226), Arrays.copyOfRange(v.stateData(), 32, 226))) {
            return "the rebuilt state does not reproduce the witness fields";
        }
        byte[] before = state.witness();
        Mips32Emulator emu = new Mips32Emulator(state, v.oracle());
        try {
            emu.step();
        } catch (VmFault fault) {
            if (rejection == null) {
                return "emulator faulted (" + fault.getMessage() + ") where the contract gives a post-state";
            }
            if (!Arrays.equals(before, state.witness())) {
                return "emulator faulted but changed the state";
            }
            String wording = EMULATOR_WORDING.get(rejection.reason());
            if (wording == null || !fault.reason().contains(wording)) {
                return "emulator faulted with \"" + fault.reason() + "\", verifier rejected with " + rejection.reason();
            }
            return null;
        }
        if (rejection != null) {
            return "emulator stepped where the verifier rejects: " + rejection.getMessage();
        }
        byte[] after = state.witness();
        byte[] post = expected.postWitness();
        for (int i = 32; i < VmState.WITNESS_BYTES; i++) {
            if (after[i] != post[i]) {
                return "post witness differs first at byte " + i + ": emulator " + Hex.encode(Arrays.copyOfRange(after, 32, 226))
                    + ", verifier " + Hex.encode(Arrays.copyOfRange(post, 32, 226));
            }
        }
        if (emu.lastDataAddress() != expected.dataAddress()) {
            return "emulator touched data word " + Hex.word(emu.lastDataAddress()) + ", verifier " + Hex.word(expected.dataAddress());
        }
        if (expected.dataAddress() != -1) {
            int word = state.memory().getWord(expected.dataAddress());
            if (word != expected.dataWord()) {
                return "data word at " + Hex.word(expected.dataAddress()) + " is " + Hex.word(word) + " in the emulator, "
                    + Hex.word(expected.dataWord()) + " in the verifier";
            }
            // The emulator's word, hashed up the proof's siblings, must give the root the contract computed.
            byte[] root = StepVerifier.rootAfterWrite(expected.dataAddress(), word, v.proof(), StepVerifier.MEMORY_PROOF_BYTES);
            if (!Arrays.equals(root, Arrays.copyOfRange(post, 0, 32))) {
                return "the emulator's data word does not give the verifier's memory root";
            }
        } else if (!Arrays.equals(Arrays.copyOfRange(post, 0, 32), Arrays.copyOfRange(v.stateData(), 0, 32))) {
            return "verifier changed the memory root without touching a data word";
        }
        return null;
    }

    /** A state with the witness's fields and a memory holding just the instruction's and data word's leaves. */
    private static VmState rebuild(byte[] w, byte[] proof, int dataAddress) {
        Memory memory = new Memory();
        int pc = StepVerifier.getInt(w, 68);
        memory.writeBytes(pc & ~31, proof, 0, 32);
        if (dataAddress != -1) {
            memory.writeBytes(dataAddress & ~31, proof, StepVerifier.MEMORY_PROOF_BYTES, 32);
        }
        VmState s = new VmState(memory);
        s.setPreimageKey(Arrays.copyOfRange(w, 32, 64));
        s.setPreimageOffset(StepVerifier.getInt(w, 64));
        s.setPc(pc);
        s.setNextPC(StepVerifier.getInt(w, 72));
        s.setLo(StepVerifier.getInt(w, 76));
        s.setHi(StepVerifier.getInt(w, 80));
        s.setHeap(StepVerifier.getInt(w, 84));
        s.setExit(w[89] != 0, w[88] & 0xFF);
        s.setStep((long) StepVerifier.getInt(w, 90) << 32 | (StepVerifier.getInt(w, 94) & 0xFFFFFFFFL));
        for (int i = 0; i < 32; i++) {
            s.setRegister(i, StepVerifier.getInt(w, 98 + 4 * i));
        }
        return s;
    }
}
