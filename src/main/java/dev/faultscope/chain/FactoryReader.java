package dev.faultscope.chain;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.GameStatus;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Lists a {@code DisputeGameFactory}'s games, newest first, with each game's root claim, L2 block and status. */
public final class FactoryReader {
    /**
     * One game of the factory.
     *
     * @param index   its index in the factory ({@code gameAtIndex})
     * @param created the factory's creation timestamp of it
     */
    public record FactoryGame(long index, int gameType, long created, String address, Bytes32 rootClaim,
                              long l2BlockNumber, GameStatus status) {
    }

    private final Rpc rpc;

    public FactoryReader(Rpc rpc) {
        this.rpc = rpc;
    }

    public long gameCount(String factory) {
        String f = GameReader.checkAddress(factory, "factory");
        if (rpc.code(f).equals("0x")) {
            throw new ChainException("no contract at " + f + " on " + rpc.url());
        }
        try {
            return ((BigInteger) Abi.one(rpc, f, "gameCount", new TypeReference<Uint256>() { })).longValueExact();
        } catch (ChainException e) {
            throw new ChainException(f + " is not a DisputeGameFactory (gameCount(): " + e.getMessage() + ")");
        }
    }

    /**
     * Up to {@code count} games, newest first, starting at index {@code from} (counting down); a negative
     * {@code from} starts at the newest.
     */
    public List<FactoryGame> games(String factory, long from, int count) {
        String f = GameReader.checkAddress(factory, "factory");
        long n = gameCount(f);
        long start = from < 0 || from >= n ? n - 1 : from;
        List<FactoryGame> out = new ArrayList<>();
        for (long i = start; i >= 0 && out.size() < count; i--) {
            @SuppressWarnings("rawtypes")
            List<Type> g = Abi.call(rpc, f, "gameAtIndex", List.of(new TypeReference<Uint32>() { },
                new TypeReference<Uint64>() { }, new TypeReference<Address>() { }), new Uint256(i));
            String game = ((String) g.get(2).getValue()).toLowerCase();
            Bytes32 root = Bytes32.of((byte[]) Abi.one(rpc, game, "rootClaim",
                new TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() { }));
            long l2 = ((BigInteger) Abi.one(rpc, game, "l2BlockNumber", new TypeReference<Uint256>() { })).longValueExact();
            int st = ((BigInteger) Abi.one(rpc, game, "status", new TypeReference<Uint8>() { })).intValueExact();
            out.add(new FactoryGame(i, ((BigInteger) g.get(0).getValue()).intValueExact(),
                ((BigInteger) g.get(1).getValue()).longValueExact(), game, root, l2, GameStatus.values()[st]));
        }
        return out;
    }
}
