package dev.faultscope.chain;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;

import java.util.Arrays;
import java.util.List;

/** web3j's ABI encoding and decoding in the two shapes Faultscope uses. */
final class Abi {
    private Abi() {
    }

    /** Calldata of {@code name(args…)}. */
    static String encode(String name, Type<?>... args) {
        return FunctionEncoder.encode(new Function(name, Arrays.asList(args), List.of()));
    }

    /** Calls the view {@code name(args…)} on {@code to} and decodes its outputs. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static List<Type> call(Rpc rpc, String to, String name, List<TypeReference<?>> outputs, Type<?>... args) {
        Function f = new Function(name, Arrays.asList(args), (List) outputs);
        String ret = rpc.call(to, FunctionEncoder.encode(f), name + "()");
        List<Type> out = FunctionReturnDecoder.decode(ret, f.getOutputParameters());
        if (out.size() != outputs.size()) {
            throw new ChainException(name + "() at " + to + " returned " + (ret == null ? 0 : (ret.length() - 2) / 2)
                + " bytes, not the expected " + outputs.size() + " value(s): is this the right contract?");
        }
        return out;
    }

    /** Calls a view with one output and returns its value. */
    static Object one(Rpc rpc, String to, String name, TypeReference<?> output, Type<?>... args) {
        return call(rpc, to, name, List.of(output), args).get(0).getValue();
    }
}
