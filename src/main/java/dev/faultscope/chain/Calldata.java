package dev.faultscope.chain;

import dev.faultscope.fpp.Bytes32;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.utils.Numeric;

import java.math.BigInteger;

/**
 * The exact transaction of every game action (web3j's ABI encoding): target, value (the bond for a move, the init
 * bond for a create) and calldata. Printed as {@code cast} takes them, an operator can send it with any tool.
 */
public final class Calldata {
    /** One transaction to send: {@code to}, {@code value} in wei, {@code data} as 0x hex. */
    public record Tx(String to, BigInteger value, String data) {
        /** cast-style lines: {@code to}, {@code value}, {@code data}. */
        public String cast() {
            return "to: " + to + "\nvalue: " + value + "\ndata: " + data + "\n";
        }
    }

    private Calldata() {
    }

    public static Tx attack(String game, Bytes32 disputed, int parentIndex, Bytes32 claim, BigInteger bond) {
        return new Tx(game, bond, Abi.encode("attack", b32(disputed), new Uint256(parentIndex), b32(claim)));
    }

    public static Tx defend(String game, Bytes32 disputed, int parentIndex, Bytes32 claim, BigInteger bond) {
        return new Tx(game, bond, Abi.encode("defend", b32(disputed), new Uint256(parentIndex), b32(claim)));
    }

    public static Tx move(String game, Bytes32 disputed, int parentIndex, Bytes32 claim, boolean isAttack,
                          BigInteger bond) {
        return new Tx(game, bond, Abi.encode("move", b32(disputed), new Uint256(parentIndex), b32(claim),
            new Bool(isAttack)));
    }

    /**
     * A move against claim {@code parentIndex} of a live game: the disputed value is read from {@code claimData} and
     * the bond from the game's own {@code getRequiredBond} of the new position.
     */
    public static Tx moveAgainst(Rpc rpc, String game, int parentIndex, Bytes32 claim, boolean isAttack) {
        String g = GameReader.checkAddress(game, "game");
        java.util.List<org.web3j.abi.datatypes.Type> c = Abi.call(rpc, g, "claimData", java.util.List.of(
            new org.web3j.abi.TypeReference<Uint32>() { },
            new org.web3j.abi.TypeReference<org.web3j.abi.datatypes.Address>() { },
            new org.web3j.abi.TypeReference<org.web3j.abi.datatypes.Address>() { },
            new org.web3j.abi.TypeReference<org.web3j.abi.datatypes.generated.Uint128>() { },
            new org.web3j.abi.TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() { },
            new org.web3j.abi.TypeReference<org.web3j.abi.datatypes.generated.Uint128>() { },
            new org.web3j.abi.TypeReference<org.web3j.abi.datatypes.generated.Uint128>() { }), new Uint256(parentIndex));
        Bytes32 disputed = Bytes32.of((byte[]) c.get(4).getValue());
        dev.faultscope.game.Position next = dev.faultscope.game.Position.ofGindex((BigInteger) c.get(5).getValue())
            .move(isAttack);
        BigInteger bond = (BigInteger) Abi.one(rpc, g, "getRequiredBond",
            new org.web3j.abi.TypeReference<Uint256>() { },
            new org.web3j.abi.datatypes.generated.Uint128(next.gindex()));
        return isAttack ? attack(g, disputed, parentIndex, claim, bond) : defend(g, disputed, parentIndex, claim, bond);
    }

    public static Tx step(String game, int claimIndex, boolean isAttack, byte[] stateData, byte[] proof) {
        return new Tx(game, BigInteger.ZERO, Abi.encode("step", new Uint256(claimIndex), new Bool(isAttack),
            new DynamicBytes(stateData), new DynamicBytes(proof)));
    }

    public static Tx addLocalData(String game, long ident, int execLeafIndex, long partOffset) {
        return new Tx(game, BigInteger.ZERO, Abi.encode("addLocalData", new Uint256(ident), new Uint256(execLeafIndex),
            new Uint256(partOffset)));
    }

    /** {@code PreimageOracle.loadLocalData(ident, localContext, word, size, partOffset)}. */
    public static Tx loadLocalData(String oracle, long ident, Bytes32 localContext, Bytes32 word, long size,
                                   long partOffset) {
        return new Tx(oracle, BigInteger.ZERO, Abi.encode("loadLocalData", new Uint256(ident), b32(localContext),
            b32(word), new Uint256(size), new Uint256(partOffset)));
    }

    /** {@code PreimageOracle.loadKeccak256PreimagePart(partOffset, preimage)}. */
    public static Tx loadKeccak256PreimagePart(String oracle, long partOffset, byte[] preimage) {
        return new Tx(oracle, BigInteger.ZERO, Abi.encode("loadKeccak256PreimagePart", new Uint256(partOffset),
            new DynamicBytes(preimage)));
    }

    public static Tx resolveClaim(String game, int claimIndex, int numToResolve) {
        return new Tx(game, BigInteger.ZERO, Abi.encode("resolveClaim", new Uint256(claimIndex),
            new Uint256(numToResolve)));
    }

    public static Tx resolve(String game) {
        return new Tx(game, BigInteger.ZERO, Abi.encode("resolve"));
    }

    /** {@code DisputeGameFactory.create(gameType, rootClaim, abi.encode(l2BlockNumber))} with the init bond. */
    public static Tx create(String factory, int gameType, Bytes32 rootClaim, long l2BlockNumber, BigInteger initBond) {
        byte[] word = Numeric.toBytesPadded(BigInteger.valueOf(l2BlockNumber), 32);
        return new Tx(factory, initBond, Abi.encode("create", new Uint32(gameType), b32(rootClaim),
            new DynamicBytes(word)));
    }

    private static org.web3j.abi.datatypes.generated.Bytes32 b32(Bytes32 v) {
        return new org.web3j.abi.datatypes.generated.Bytes32(v.bytes());
    }
}
