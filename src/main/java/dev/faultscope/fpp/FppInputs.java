package dev.faultscope.fpp;

import dev.faultscope.oracle.PreimageKeys;
import dev.faultscope.oracle.PreimageStore;

/**
 * The five local inputs of one program run (docs/fpp.md, "Local inputs"): what the game's execution subgame
 * fixes for a block transition.
 *
 * @param disputedBlock L2 block number the disputed output root claims to be at
 */
public record FppInputs(Bytes32 l1Head, Bytes32 agreedOutputRoot, Bytes32 disputedOutputRoot, long disputedBlock, long chainId) {

    /** The bytes of local input {@code index} (1–5): 32-byte hashes, or 8-byte big-endian numbers. */
    public byte[] local(long index) {
        if (index == PreimageKeys.LOCAL_L1_HEAD) {
            return l1Head.bytes();
        } else if (index == PreimageKeys.LOCAL_AGREED_OUTPUT_ROOT) {
            return agreedOutputRoot.bytes();
        } else if (index == PreimageKeys.LOCAL_DISPUTED_OUTPUT_ROOT) {
            return disputedOutputRoot.bytes();
        } else if (index == PreimageKeys.LOCAL_DISPUTED_BLOCK_NUMBER) {
            return u64(disputedBlock);
        } else if (index == PreimageKeys.LOCAL_CHAIN_ID) {
            return u64(chainId);
        }
        throw new IllegalArgumentException("the program has local inputs 1..5, not " + index);
    }

    /** Puts local inputs 1–5 into {@code store}. */
    public void putLocals(PreimageStore store) {
        for (long i = PreimageKeys.LOCAL_L1_HEAD; i <= PreimageKeys.LOCAL_CHAIN_ID; i++) {
            store.putLocal(i, local(i));
        }
    }

    private static byte[] u64(long v) {
        byte[] b = new byte[8];
        Layouts.putU64(b, 0, v);
        return b;
    }
}
