package dev.faultscope.agent;

import dev.faultscope.oracle.PreimageOracle;

import java.util.Arrays;

/**
 * What a player submits to the game's {@code step} at a leaf of an execution subgame: the step from S(i) to
 * S(i+1) for trace index i, with everything the stateless verifier needs to re-execute it.
 *
 * @param traceIndex   the trace index i (the step's post-state is the claim at i)
 * @param preHash      state hash of S(i) (for i = 0, the absolute prestate)
 * @param postHash     state hash of the true post-state: what {@code StepVerifier.step(stateData, proofData, …)} returns
 * @param claimedPostHash the hash the trace claims at i; differs from {@code postHash} only at a faulty trace's fault
 * @param stateData    226-byte witness of S(i)
 * @param proofData    1792 bytes: the instruction word's memory proof, then the data word's (zeros when unused,
 *                     and all zeros for a padded step past the exit, which the verifier never reads)
 * @param oracleKey    the pre-image key the step reads (plain, not localized), or null
 * @param oracleValue  {@code uint64 length ‖ data} for that key, or null
 * @param oracleOffset the offset into {@code oracleValue} the read starts at
 */
public record StepData(long traceIndex, byte[] preHash, byte[] postHash, byte[] claimedPostHash, byte[] stateData,
                       byte[] proofData, byte[] oracleKey, byte[] oracleValue, int oracleOffset) {

    public boolean readsPreimage() {
        return oracleKey != null;
    }

    /** True when the trace's claim at this index is the real post-state: false exactly at an injected fault. */
    public boolean claimIsTrue() {
        return Arrays.equals(postHash, claimedPostHash);
    }

    /** True when this is a padding step: the pre-state has exited, so the step changes nothing. */
    public boolean padded() {
        return stateData[89] == 1;
    }

    /** The pre-image data (without its length prefix) the step reads, or null. */
    public byte[] preimage() {
        return oracleValue == null ? null : Arrays.copyOfRange(oracleValue, 8, oracleValue.length);
    }

    /**
     * An oracle serving just the pre-image this step reads, which is all the on-chain verifier may rely on: the
     * player must have loaded exactly that part into the pre-image oracle contract first.
     */
    public PreimageOracle oracle() {
        byte[] key = oracleKey;
        byte[] data = preimage();
        return k -> key != null && Arrays.equals(k, key) ? data.clone() : null;
    }

    /** The instruction the step executes, read from the instruction proof's leaf (its first 32 bytes). */
    public int instruction() {
        int off = pc() & 31 & ~3;
        return (proofData[off] & 0xFF) << 24 | (proofData[off + 1] & 0xFF) << 16
            | (proofData[off + 2] & 0xFF) << 8 | (proofData[off + 3] & 0xFF);
    }

    /** The pc of the pre-state. */
    public int pc() {
        return (stateData[68] & 0xFF) << 24 | (stateData[69] & 0xFF) << 16 | (stateData[70] & 0xFF) << 8 | (stateData[71] & 0xFF);
    }
}
