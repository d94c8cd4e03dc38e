package dev.faultscope.game;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.fpp.FppInputs;
import dev.faultscope.oracle.PreimageKeys;

/**
 * Which block transition an execution subgame disputes (dispute-game.md section 3): the output claims on both
 * sides of it, the local inputs its fault proof program reads, and the local context that localizes them.
 *
 * @param outputClaimIndex    the claim at SPLIT_DEPTH the subgame hangs from
 * @param execRootPosition    the subgame root's position (depth S + 1)
 * @param execRootAttacked    true if the subgame root attacked that output claim (it is then the disputed one)
 * @param startingOutputRoot  the agreed output root the program starts from
 * @param startingPosition    its claim's position, or null when it is the anchor (the contract's position 0)
 * @param startingBlockNumber the L2 block of the starting output root
 * @param disputedOutputRoot  the output root the program checks
 * @param disputedPosition    its claim's position
 * @param disputedBlockNumber {@code min(anchor + traceIndex(disputedPosition, S) + 1, rootBlock)}
 * @param l1Head              the game's L1 head (local ident 1)
 * @param l2ChainId           local ident 5
 * @param localContext        the hash that localizes this subgame's local pre-image keys
 */
public record ExecutionContext(int outputClaimIndex, Position execRootPosition, boolean execRootAttacked,
                               Bytes32 startingOutputRoot, Position startingPosition, long startingBlockNumber,
                               Bytes32 disputedOutputRoot, Position disputedPosition, long disputedBlockNumber,
                               Bytes32 l1Head, long l2ChainId, Bytes32 localContext) {
    public static final long IDENT_L1_HEAD = PreimageKeys.LOCAL_L1_HEAD;
    public static final long IDENT_STARTING_OUTPUT_ROOT = PreimageKeys.LOCAL_AGREED_OUTPUT_ROOT;
    public static final long IDENT_DISPUTED_OUTPUT_ROOT = PreimageKeys.LOCAL_DISPUTED_OUTPUT_ROOT;
    public static final long IDENT_DISPUTED_L2_BLOCK_NUMBER = PreimageKeys.LOCAL_DISPUTED_BLOCK_NUMBER;
    public static final long IDENT_CHAIN_ID = PreimageKeys.LOCAL_CHAIN_ID;

    /** True when the subgame starts from the anchor (an attack on the first output leaf). */
    public boolean startsFromAnchor() {
        return startingPosition == null;
    }

    /** The boot inputs of the fault proof program for this subgame, as the offline VM reads them. */
    public FppInputs fppInputs() {
        return new FppInputs(l1Head, startingOutputRoot, disputedOutputRoot, disputedBlockNumber, l2ChainId);
    }

    /**
     * The local data the contract loads for {@code ident}: 32-byte words for idents 1-3, big-endian uint64s
     * (8 bytes) for 4 and 5; null for any other ident (the contract reverts InvalidLocalIdent).
     */
    public byte[] localData(long ident) {
        if (ident == IDENT_L1_HEAD) {
            return l1Head.bytes();
        } else if (ident == IDENT_STARTING_OUTPUT_ROOT) {
            return startingOutputRoot.bytes();
        } else if (ident == IDENT_DISPUTED_OUTPUT_ROOT) {
            return disputedOutputRoot.bytes();
        } else if (ident == IDENT_DISPUTED_L2_BLOCK_NUMBER) {
            return u64(disputedBlockNumber);
        } else if (ident == IDENT_CHAIN_ID) {
            return u64(l2ChainId);
        }
        return null;
    }

    private static byte[] u64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[7 - i] = (byte) (v >>> (8 * i));
        }
        return b;
    }
}
