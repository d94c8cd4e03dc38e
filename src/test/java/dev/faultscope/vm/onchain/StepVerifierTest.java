package dev.faultscope.vm.onchain;

import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.vm.Memory;
import dev.faultscope.vm.VmState;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verifier's checks of its inputs, and its memory-proof helpers against the emulator's memory. */
class StepVerifierTest {
    private static final int PC = 0x1000;
    private static final int DATA = StepVerifier.MEMORY_PROOF_BYTES;

    private static Memory populated() {
        Memory m = new Memory();
        int[] addrs = {0x0, 0x1000, 0x1004, 0x1FFC, 0x7FFFD000, 0x80000000, 0xFFFFFFFC};
        for (int i = 0; i < addrs.length; i++) {
            m.setWord(addrs[i], 0x10203040 * (i + 1));
        }
        return m;
    }

    @Test
    void memoryProofsOfTheEmulatorsMemoryVerify() {
        Memory m = populated();
        byte[] root = m.merkleRoot();
        for (int addr : new int[] {0x0, 0x1000, 0x1018, 0x1FFC, 0x2000, 0x7FFFD004, 0x80000000, 0xFFFFFFFC}) {
            assertTrue(StepVerifier.verifyMemoryProof(root, addr, m.proof(addr), 0), Integer.toHexString(addr));
        }
    }

    @Test
    void memoryProofsThatDoNotProveTheWordFail() {
        Memory m = populated();
        byte[] root = m.merkleRoot();
        byte[] proof = m.proof(0x1004);
        assertFalse(StepVerifier.verifyMemoryProof(root, 0x1024, proof, 0), "another leaf's address");
        assertFalse(StepVerifier.verifyMemoryProof(root, 0x80001004, proof, 0), "differs in the top bit");
        assertFalse(StepVerifier.verifyMemoryProof(root, 0x1006, proof, 0), "unaligned");
        assertFalse(StepVerifier.verifyMemoryProof(root, 0x1004, Arrays.copyOf(proof, 895), 0), "too short");
        for (int level = 0; level <= StepVerifier.TREE_DEPTH; level++) {
            byte[] bad = proof.clone();
            bad[32 * level + 17] ^= 1;
            assertFalse(StepVerifier.verifyMemoryProof(root, 0x1004, bad, 0), "flipped bit in node " + level);
        }
        byte[] shifted = new byte[100 + proof.length];
        System.arraycopy(proof, 0, shifted, 100, proof.length);
        assertTrue(StepVerifier.verifyMemoryProof(root, 0x1004, shifted, 100), "proof at an offset");
    }

    @Test
    void rootAfterWriteIsTheEmulatorsRootAfterTheWrite() {
        Memory m = populated();
        // A fresh page, then a page already present, then a second write to the same leaf.
        for (int addr : new int[] {0x5000, 0x1008, 0x1008, 0xFFFFFFF8}) {
            byte[] proof = m.proof(addr);
            int value = 0xC0FFEE00 ^ addr ^ m.getWord(addr);
            byte[] predicted = StepVerifier.rootAfterWrite(addr, value, proof, 0);
            m.setWord(addr, value);
            assertArrayEquals(m.merkleRoot(), predicted, Integer.toHexString(addr));
            assertEquals(value, StepVerifier.wordInProof(addr, m.proof(addr), 0));
        }
        assertThrows(IllegalArgumentException.class, () -> StepVerifier.rootAfterWrite(0x1002, 1, new byte[896], 0));
    }

    @Test
    void firstWriteToANewMemoryChangesTheRoot() {
        Memory m = new Memory();
        byte[] empty = m.merkleRoot();
        m.setWord(PC, 0x24080001);
        assertFalse(Arrays.equals(empty, m.merkleRoot()));
        assertArrayEquals(StepVerifier.rootAfterWrite(PC, 0x24080001, new Memory().proof(PC), 0), m.merkleRoot());
    }

    private static VmState oneInstruction(int insn) {
        VmState s = new VmState();
        s.setPc(PC);
        s.setNextPC(PC + 4);
        s.memory().setWord(PC, insn);
        return s;
    }

    private static byte[] proofOf(VmState s, int dataAddr) {
        byte[] p = new byte[StepVerifier.STEP_PROOF_BYTES];
        s.memory().proof(s.pc(), p, 0);
        s.memory().proof(dataAddr, p, DATA);
        return p;
    }

    private static StepRejected.Reason rejection(byte[] stateData, byte[] proof) {
        return assertThrows(StepRejected.class, () -> StepVerifier.step(stateData, proof, PreimageOracle.NONE)).reason();
    }

    @Test
    void inputsOfTheWrongLengthAreRejected() {
        VmState s = oneInstruction(0);
        byte[] w = s.witness();
        byte[] p = proofOf(s, 0);
        assertEquals(StepRejected.Reason.WRONG_STATE_DATA_LENGTH, rejection(Arrays.copyOf(w, 225), p));
        assertEquals(StepRejected.Reason.WRONG_STATE_DATA_LENGTH, rejection(null, p));
    }

    /**
     * The proof is calldata to MIPS.sol: zero-padded to whole 32-byte words, and checked only for the memory proofs
     * the instruction reads. An ALU instruction needs the instruction's proof alone; a load needs both; extra
     * bytes are ignored.
     */
    @Test
    void proofsAreReadAsCalldata() {
        VmState alu = oneInstruction(0x24080001); // addiu t0, zero, 1
        byte[] w = alu.witness();
        byte[] p = proofOf(alu, 0);
        byte[] post = StepVerifier.step(w, p, PreimageOracle.NONE).postHash();
        assertArrayEquals(post, StepVerifier.step(w, Arrays.copyOf(p, 896), PreimageOracle.NONE).postHash());
        assertArrayEquals(post, StepVerifier.step(w, Arrays.copyOf(p, 3000), PreimageOracle.NONE).postHash());
        assertEquals(StepRejected.Reason.NOT_ENOUGH_CALLDATA, rejection(w, Arrays.copyOf(p, 864)));
        assertEquals(StepRejected.Reason.NOT_ENOUGH_CALLDATA, rejection(w, new byte[0]));
        assertEquals(StepRejected.Reason.NOT_ENOUGH_CALLDATA, rejection(w, null));
        // 865 bytes pad to 896: the instruction's proof is there but its last sibling's tail reads as zeros.
        assertEquals(StepRejected.Reason.INVALID_INSTRUCTION_PROOF, rejection(w, Arrays.copyOf(p, 865)));

        VmState load = oneInstruction(0x8C091000); // lw t1, 0x1000(zero)
        byte[] lw = load.witness();
        byte[] lp = proofOf(load, 0x1000);
        assertEquals(StepRejected.Reason.NOT_ENOUGH_CALLDATA, rejection(lw, Arrays.copyOf(lp, 896)));
        assertEquals(StepRejected.Reason.NOT_ENOUGH_CALLDATA, rejection(lw, Arrays.copyOf(lp, 1760)));
        assertArrayEquals(StepVerifier.step(lw, lp, PreimageOracle.NONE).postHash(),
            StepVerifier.step(lw, Arrays.copyOf(lp, 1792 + 64), PreimageOracle.NONE).postHash());
    }

    @Test
    void anExitedByteOtherThanZeroOrOneIsAnInvalidWitness() {
        VmState s = oneInstruction(0);
        byte[] w = s.witness();
        w[89] = 2;
        StepRejected e = assertThrows(StepRejected.class, () -> StepVerifier.step(w, proofOf(s, 0), null));
        assertEquals(StepRejected.Reason.INVALID_WITNESS, e.reason());
        assertTrue(e.getMessage().contains("exited byte is 2"), e.getMessage());
    }

    @Test
    void anExitedStateStaysAsItIsWhateverTheProof() {
        for (int code : new int[] {0, 1, 2, 0xFF}) {
            VmState s = oneInstruction(0xFFFFFFFF);
            s.setExit(true, code);
            s.setStep(41);
            byte[] w = s.witness();
            VerifiedStep v = StepVerifier.step(w, new byte[StepVerifier.STEP_PROOF_BYTES], null);
            assertArrayEquals(w, v.postWitness());
            assertArrayEquals(VmState.stateHashOf(w), v.postHash(), "status byte for exit code " + code);
            assertEquals(-1, v.dataAddress());
        }
    }

    @Test
    void aTamperedInstructionProofIsRejected() {
        VmState s = oneInstruction(0x24080001);
        byte[] p = proofOf(s, 0);
        p[3] ^= 0x01; // claims addiu $t0, $zero, 0 instead
        StepRejected e = assertThrows(StepRejected.class, () -> StepVerifier.step(s.witness(), p, null));
        assertEquals(StepRejected.Reason.INVALID_INSTRUCTION_PROOF, e.reason());
        assertTrue(e.getMessage().contains("0x00001000"), e.getMessage());
    }

    @Test
    void aDataProofForTheWrongWordIsRejected() {
        VmState s = oneInstruction(0x8D090000); // lw $t1, 0($t0)
        s.setRegister(8, 0x2000);
        s.memory().setWord(0x2000, 7);
        s.memory().setWord(0x3000, 9);
        StepRejected e = assertThrows(StepRejected.class, () -> StepVerifier.step(s.witness(), proofOf(s, 0x3000), null));
        assertEquals(StepRejected.Reason.INVALID_DATA_PROOF, e.reason());
        assertTrue(e.getMessage().contains("0x00002000"), e.getMessage());

        byte[] tampered = proofOf(s, 0x2000);
        tampered[DATA + 3] = 8;
        assertEquals(StepRejected.Reason.INVALID_DATA_PROOF, rejection(s.witness(), tampered));

        assertEquals(7, StepVerifier.step(s.witness(), proofOf(s, 0x2000), null).postWitness()[98 + 4 * 9 + 3]);
    }

    @Test
    void theDataProofIsCheckedBeforeTheOpcodeAsOnChain() {
        VmState s = oneInstruction(0x9D090000); // opcode 0x27, no such load
        s.setRegister(8, 0x2000);
        byte[] bad = proofOf(s, 0x2000);
        bad[DATA + 40] ^= 1;
        assertEquals(StepRejected.Reason.INVALID_DATA_PROOF, rejection(s.witness(), bad));
        StepRejected e = assertThrows(StepRejected.class, () -> StepVerifier.step(s.witness(), proofOf(s, 0x2000), null));
        assertEquals(StepRejected.Reason.INVALID_INSTRUCTION, e.reason());
        assertEquals(0x2000, e.dataAddress());
        assertTrue(e.getMessage().startsWith("invalid instruction: 0x9d090000"), e.getMessage());
    }

    @Test
    void anUnalignedPcIsRejected() {
        VmState s = oneInstruction(0);
        s.setPc(PC + 2);
        assertEquals(StepRejected.Reason.UNALIGNED_PC, rejection(s.witness(), proofOf(s, 0)));
    }

    @Test
    void stateHashStatusMatchesTheEmulators() {
        VmState s = oneInstruction(0);
        assertArrayEquals(s.stateHash(), StepVerifier.stateHash(s.witness()));
        for (int code : new int[] {0, 1, 2, 200}) {
            s.setExit(true, code);
            assertArrayEquals(s.stateHash(), StepVerifier.stateHash(s.witness()), "exit code " + code);
        }
    }

    @Test
    void errorMessagesNameTheStep() {
        VmState s = oneInstruction(0x0109001A); // div $t0, $t1 with $t1 = 0
        s.setStep(99);
        StepRejected e = assertThrows(StepRejected.class, () -> StepVerifier.step(s.witness(), proofOf(s, 0), null));
        assertEquals(StepRejected.Reason.DIVISION_BY_ZERO, e.reason());
        assertTrue(e.getMessage().contains("step 100") && e.getMessage().contains("pc 0x00001000")
            && e.getMessage().contains("0x0109001a"), e.getMessage());
    }
}
