package dev.faultscope.agent;

import dev.faultscope.fpp.ChainModel;
import dev.faultscope.fpp.FppHost;
import dev.faultscope.fpp.FppInputs;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.elf.ElfLoader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every load shares one initial state's pages; each must still behave as a fresh load from the ELF. */
class FaultProofProgramTest {
    @Test
    void aLoadEqualsAFreshLoadOfTheElf() {
        VmState fresh = ElfLoader.load(FaultProofProgram.elf()).state();
        VmState shared = FaultProofProgram.load().state();
        assertArrayEquals(fresh.stateHash(), shared.stateHash());
        assertArrayEquals(fresh.stateHash(), FaultProofProgram.absolutePrestate());
        assertEquals(fresh.memory().pageCount(), shared.memory().pageCount());
        assertEquals(ElfLoader.load(FaultProofProgram.elf()).symbols().all(), FaultProofProgram.load().symbols().all());
    }

    @Test
    void loadsDoNotSeeEachOthersWritesOrRuns() throws IOException {
        byte[] prestate = FaultProofProgram.absolutePrestate();
        VmState a = FaultProofProgram.load().state();
        VmState b = FaultProofProgram.load().state();
        assertNotSame(a.memory(), b.memory());
        int pc = a.pc();
        int word = a.memory().getWord(pc);
        a.memory().setWord(pc, ~word);
        a.setRegister(29, 0x1234);
        assertEquals(word, b.memory().getWord(pc));
        assertArrayEquals(prestate, b.stateHash());
        assertArrayEquals(prestate, FaultProofProgram.load().state().stateHash());

        // Running one load to its exit leaves the next one untouched, and the next takes exactly the same steps
        // to the same final state (its code pages come with what the first run decoded and translated).
        ChainModel model = ChainModel.load(Path.of("samples/scenarios/classroom.json"));
        FppHost host = new FppHost(model);
        FppInputs inputs = host.inputs(0, 1, model.outputRoot(1));
        VmState first = FaultProofProgram.load().state();
        new Mips32Emulator(first, host.lazyStore(inputs)).run(Long.MAX_VALUE);
        assertTrue(first.exited() && first.exitCode() == 0, "the honest transition 0 -> 1 is valid");
        VmState second = FaultProofProgram.load().state();
        assertArrayEquals(prestate, second.stateHash());
        new Mips32Emulator(second, host.lazyStore(inputs)).run(Long.MAX_VALUE);
        assertEquals(first.step(), second.step());
        assertArrayEquals(first.stateHash(), second.stateHash());
        assertArrayEquals(prestate, FaultProofProgram.load().state().stateHash());
    }

}
