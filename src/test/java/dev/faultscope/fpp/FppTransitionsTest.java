package dev.faultscope.fpp;

import dev.faultscope.agent.FaultProofProgram;
import dev.faultscope.oracle.PreimageStore;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.StepProof;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.onchain.StepVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fault proof program in the VM on every block transition of the bundled samples. */
class FppTransitionsTest {
    record Run(int exit, String stdout, long steps) {
    }

    static Run run(FppHost host, FppInputs inputs) {
        VmState state = FaultProofProgram.load().state();
        Mips32Emulator emu = new Mips32Emulator(state, host.lazyStore(inputs));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        emu.setOutput(out, out);
        emu.run(Long.MAX_VALUE);
        assertTrue(state.exited());
        return new Run(state.exitCode(), out.toString(StandardCharsets.UTF_8), state.step());
    }

    @ParameterizedTest
    @ValueSource(strings = {"samples/scenarios/classroom.json", "samples/scenarios/larger.json"})
    void honestClaimsPassAndEachWrongProposalFailsOnEveryTransition(String scenario) throws IOException {
        ChainModel model = ChainModel.load(Path.of(scenario));
        long last = model.lastL2Block();
        for (String name : new String[] {Proposers.HONEST, Proposers.INVALID_TRANSFERS, Proposers.SELF_CREDIT}) {
            Proposer proposer = Proposers.named(name, model);
            FppHost host = new FppHost(model);
            int caught = 0;
            for (long n = 0; n < last; n++) {
                Bytes32 claim = proposer.claim(n + 1);
                Run r = run(host, host.inputs(n, n + 1, claim));
                // The program's own line for the block names the output root it computed.
                assertTrue(r.stdout().contains("block " + (n + 1) + ": ") && r.stdout().contains("output " + model.outputRoot(n + 1).hex()),
                    name + " " + n + "->" + (n + 1) + ": " + r.stdout());
                boolean right = claim.equals(model.outputRoot(n + 1));
                assertEquals(right ? 0 : 1, r.exit(), name + " " + n + "->" + (n + 1));
                caught += right ? 0 : 1;
            }
            if (!name.equals(Proposers.HONEST)) {
                assertTrue(caught > 0, name + " never proposed a wrong output on " + scenario);
            } else {
                assertEquals(0, caught);
            }
        }
        // A claim beyond the L1 data is checked at the safe head, where it is wrong.
        Proposer beyond = Proposers.beyondL1(model);
        FppHost host = new FppHost(model);
        assertEquals(1, run(host, host.inputs(last - 1, last + 2, beyond.claim(last + 2))).exit());
    }

    /** Every step of a whole run, pre-image reads included, re-checked by the stateless verifier. */
    @Test
    void statelessVerifierAgreesWithTheEmulatorOnEveryStepOfARun() throws IOException {
        ChainModel model = ChainModel.load(Path.of("samples/scenarios/classroom.json"));
        FppHost host = new FppHost(model);
        PreimageStore store = host.lazyStore(host.inputs(1, 2, model.outputRoot(2)));
        VmState state = FaultProofProgram.load().state();
        Mips32Emulator emu = new Mips32Emulator(state, store);
        int preimageReads = 0;
        while (!state.exited()) {
            StepProof proof = emu.stepWithProof();
            preimageReads += proof.readsPreimage() ? 1 : 0;
            assertArrayEquals(proof.post(), StepVerifier.step(proof.stateData(), proof.proofData(), store).postHash(),
                "step " + proof.step());
        }
        assertEquals(0, state.exitCode());
        assertTrue(preimageReads > 100, "only " + preimageReads + " pre-image reads");
    }
}
