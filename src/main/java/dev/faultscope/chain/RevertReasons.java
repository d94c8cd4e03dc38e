package dev.faultscope.chain;

import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names a revert from its data: the custom errors of FaultDisputeGame (1.2.0 and 1.3.x), DisputeGameFactory,
 * PreimageOracle, MIPS and the RLP reader by their 4-byte selectors, Solidity's {@code Error(string)} and
 * {@code Panic(uint256)}. Signatures are the contracts' ABI, so the names match a transaction trace.
 */
public final class RevertReasons {
    private static final String[] SIGNATURES = {
        "ActiveProposal()", "AlreadyFinalized()", "AlreadyInitialized()", "AnchorRootNotFound()", "BadExtraData()",
        "BadProposal()", "BlockNumberMatches()", "BondTransferFailed()", "CannotDefendRootClaim()", "ClaimAboveSplit()",
        "ClaimAlreadyExists()", "ClaimAlreadyResolved()", "ClockNotExpired()", "ClockTimeExceeded()",
        "ContentLengthMismatch()", "DuplicateStep()", "EmptyItem()", "GameAlreadyExists(bytes32)",
        "GameDepthExceeded()", "GameNotInProgress()", "IncorrectBondAmount()", "InsufficientBond()",
        "InvalidClockExtension()", "InvalidDataRemainder()", "InvalidDisputedClaimIndex()", "InvalidHeader()",
        "InvalidHeaderRLP()", "InvalidInputSize()", "InvalidLocalIdent()", "InvalidOutputRootProof()", "InvalidParent()",
        "InvalidPreimage()", "InvalidPrestate()", "InvalidProof()", "InvalidSplitDepth()", "L2BlockNumberChallenged()",
        "MaxDepthTooLarge()", "NoCreditToClaim()", "NoImplementation(uint32)", "NotEOA()", "NotInitialized()",
        "OutOfOrderResolution()", "PartOffsetOOB()", "PostStateMatches()", "StatesNotContiguous()",
        "TreeSizeOverflow()", "UnexpectedList()", "UnexpectedRootClaim(bytes32)", "UnexpectedString()", "ValidStep()",
        "WrongStartingBlock()", "GameNotResolved()", "GameNotFinalized()", "InvalidBondDistributionMode()",
        "ReservedGameType()",
    };
    private static final String ERROR_STRING = "0x08c379a0";
    private static final String PANIC = "0x4e487b71";
    private static final Map<String, String> BY_SELECTOR = new HashMap<>();

    static {
        for (String sig : SIGNATURES) {
            BY_SELECTOR.put(selector(sig), sig.substring(0, sig.indexOf('(')));
        }
    }

    private RevertReasons() {
    }

    /** {@code 0x} and the first 4 bytes of {@code keccak256(signature)}. */
    public static String selector(String signature) {
        return Hash.sha3String(signature).substring(0, 10);
    }

    /**
     * The error's name ({@code ClockTimeExceeded}), {@code Error("…")}, {@code Panic(0x32)}, or for data no ABI here
     * knows, the raw selector; an empty revert is "revert without data".
     */
    public static String describe(String data) {
        if (data == null || data.replace("\"", "").equals("0x") || data.isBlank()) {
            return "revert without data";
        }
        // Nodes send the data as a JSON string; web3j hands it over with its quotes.
        String hex = data.toLowerCase().replace("\"", "").trim();
        if (!hex.startsWith("0x")) {
            hex = "0x" + hex;
        }
        if (hex.length() < 10) {
            return "revert data " + hex;
        }
        String sel = hex.substring(0, 10);
        if (sel.equals(ERROR_STRING)) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            List<Type> out = FunctionReturnDecoder.decode("0x" + hex.substring(10),
                (List) List.of(new TypeReference<Utf8String>() { }));
            return out.isEmpty() ? "Error(?)" : "Error(\"" + out.get(0).getValue() + "\")";
        }
        if (sel.equals(PANIC) && hex.length() >= 74) {
            return "Panic(0x" + new BigInteger(hex.substring(10, 74), 16).toString(16) + ")";
        }
        String name = BY_SELECTOR.get(sel);
        return name != null ? name : "unknown error " + sel;
    }

    /** The selector's bytes of revert data, for tests and callers that match by value. */
    public static byte[] selectorBytes(String signature) {
        return Numeric.hexStringToByteArray(selector(signature));
    }
}
