package dev.faultscope.vm;

import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.vm.elf.ElfLoader;
import dev.faultscope.vm.onchain.StepVerifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The C programs of src/test/mips, run in the VM: their output and exit code must equal what qemu-mips
 * gave (recorded by build.sh), and the stateless verifier must agree with the emulator on their steps.
 */
class CompiledProgramsTest {
    static byte[] resource(String name) throws IOException {
        return RecordedPrograms.resource(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"arith", "memory", "control", "keccak", "heap", "int64", "exit3"})
    void outputAndExitCodeEqualQemus(String program) throws IOException {
        RecordedPrograms.assertRunsAsRecorded(program, program);
    }

    /**
     * Every step of the programs below a million steps, and of the two larger ones (keccak, heap) the first
     * million steps in full and one in 97 after, go through the stateless verifier, which must compute the
     * emulator's post-state from the proof alone.
     */
    @ParameterizedTest
    @ValueSource(strings = {"arith", "memory", "control", "keccak", "heap", "int64", "exit3"})
    void statelessVerifierAgreesWithTheEmulatorOnTheProgramsSteps(String program) throws IOException {
        VmState state = ElfLoader.load(resource(program + ".elf")).state();
        Mips32Emulator emu = new Mips32Emulator(state, PreimageOracle.NONE);
        long checked = 0;
        while (!state.exited()) {
            long step = state.step();
            if (step < 1_000_000 || step % 97 == 0) {
                StepProof proof = emu.stepWithProof();
                byte[] post = StepVerifier.step(proof.stateData(), proof.proofData(), PreimageOracle.NONE).postHash();
                assertArrayEquals(proof.post(), post, program + " step " + step);
                checked++;
            } else {
                emu.step();
            }
        }
        assertTrue(checked >= Math.min(state.step(), 1_000_000), "checked " + checked + " of " + state.step());
    }
}
