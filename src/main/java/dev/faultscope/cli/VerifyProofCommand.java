package dev.faultscope.cli;

import dev.faultscope.crypto.Hex;
import dev.faultscope.io.CannonProofFile;
import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.oracle.PreimageKeys;
import dev.faultscope.oracle.PreimageStore;
import dev.faultscope.vm.StepProof;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.onchain.StepRejected;
import dev.faultscope.vm.onchain.StepVerifier;
import dev.faultscope.vm.onchain.VerifiedStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.Arrays;

@Command(name = "verify-proof", mixinStandardHelpOptions = true, description = "Re-check a step proof with the stateless (on-chain) verifier.")
final class VerifyProofCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--proof", required = true, description = "a proof JSON written by 'run --proof-at'")
    Path proofPath;

    @Override
    public Integer call() throws IOException {
        StepProof proof = CannonProofFile.read(proofPath);
        byte[] pre = VmState.stateHashOf(proof.stateData());
        if (!Arrays.equals(pre, proof.pre())) {
            throw new Main.CommandFailure(proofPath + ": \"pre\" " + Hex.encode(proof.pre())
                + " is not the hash of its state-data " + Hex.encode(pre), 1);
        }
        PreimageOracle oracle = PreimageOracle.NONE;
        if (proof.readsPreimage()) {
            PreimageStore store = new PreimageStore();
            byte[] key = proof.oracleKey();
            byte[] value = Arrays.copyOfRange(proof.oracleValue(), 8, proof.oracleValue().length);
            int type = PreimageKeys.type(key);
            if (type == PreimageKeys.TYPE_KECCAK || type == PreimageKeys.TYPE_SHA256) {
                try {
                    store.put(key, value);
                } catch (IllegalArgumentException e) {
                    throw new Main.CommandFailure(proofPath + ": oracle-value: " + e.getMessage(), 1);
                }
            } else {
                // The contract's oracle holds these; the value is checked by whoever loaded it there, not here.
                store.putUnchecked(key, value);
                main.err.println("note: " + proofPath + ": the oracle-value is under a " + PreimageKeys.typeName(type)
                    + " key (type " + type + "), which cannot be checked against its data here; the step is verified assuming the oracle holds it");
            }
            oracle = store;
        }
        VerifiedStep result;
        try {
            result = StepVerifier.step(proof.stateData(), proof.proofData(), oracle);
        } catch (StepRejected e) {
            throw new Main.CommandFailure(proofPath + ": the verifier rejects step " + proof.step() + ": " + e.getMessage(), 1);
        }
        if (!Arrays.equals(result.postHash(), proof.post())) {
            throw new Main.CommandFailure(proofPath + ": step " + proof.step() + " verifies to post-state "
                + Hex.encode(result.postHash()) + ", but the file claims " + Hex.encode(proof.post()), 1);
        }
        main.out.println("ok: step " + proof.step() + " " + Hex.encode(proof.pre()) + " -> " + Hex.encode(proof.post()));
        return 0;
    }
}
