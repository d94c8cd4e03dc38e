package dev.faultscope.vm;

/**
 * Everything the on-chain {@code MIPS.step} needs to re-execute one step: the pre-state witness, the two
 * memory proofs, and the pre-image part the step reads (null fields when it reads none).
 *
 * @param step          step counter of the pre-state
 * @param pre           pre-state hash
 * @param post          post-state hash computed by the emulator
 * @param stateData     226-byte pre-state witness
 * @param proofData     1792 bytes: proof of the instruction word, then of the data word (zeros if unused)
 * @param oracleKey     the pre-image key read by this step, or null
 * @param oracleValue   {@code uint64 length ‖ data} for that key, or null
 * @param oracleOffset  the pre-image offset the read starts at
 */
public record StepProof(long step, byte[] pre, byte[] post, byte[] stateData, byte[] proofData,
                        byte[] oracleKey, byte[] oracleValue, int oracleOffset) {
    public static final int PROOF_BYTES = 2 * Memory.PROOF_BYTES;

    public boolean readsPreimage() {
        return oracleKey != null;
    }
}
