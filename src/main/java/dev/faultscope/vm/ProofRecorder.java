package dev.faultscope.vm;

import java.util.Arrays;

/**
 * Collects a step's proof while the emulator executes it: the witness and instruction proof before the
 * step, the data word's proof at its first access (before any write), the pre-image part it reads.
 */
final class ProofRecorder {
    final byte[] stateData = new byte[VmState.WITNESS_BYTES];
    final byte[] proof = new byte[StepProof.PROOF_BYTES];
    private boolean dataCaptured;
    byte[] oracleKey;
    byte[] oracleValue;
    int oracleOffset;

    void begin(VmState s) {
        s.encodeWitness(stateData, 0);
        s.memory.proof(s.pc & ~3, proof, 0);
        Arrays.fill(proof, Memory.PROOF_BYTES, proof.length, (byte) 0);
        dataCaptured = false;
        oracleKey = null;
        oracleValue = null;
        oracleOffset = 0;
    }

    void dataAccess(Memory memory, int alignedAddr) {
        if (!dataCaptured) {
            memory.proof(alignedAddr, proof, Memory.PROOF_BYTES);
            dataCaptured = true;
        }
    }

    void preimageRead(byte[] key, byte[] lengthPrefixedValue, int offset) {
        oracleKey = key.clone();
        oracleValue = lengthPrefixedValue;
        oracleOffset = offset;
    }
}
