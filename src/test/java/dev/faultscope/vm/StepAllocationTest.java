package dev.faultscope.vm;

import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.vm.elf.ElfLoader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The plain step loop must allocate nothing per step (DESIGN.md, "Fast where it matters"). */
class StepAllocationTest {
    @Test
    void aMillionStepsOfTheBenchmarkAllocateNothing() throws IOException {
        var threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "this JVM cannot count allocated bytes");
        var counter = (com.sun.management.ThreadMXBean) threads;
        byte[] elf;
        try (InputStream in = getClass().getResourceAsStream("/programs/bench.elf")) {
            elf = in.readAllBytes();
        }
        VmState state = ElfLoader.load(elf).state();
        Mips32Emulator emu = new Mips32Emulator(state, PreimageOracle.NONE);
        emu.run(2_000_000); // past set-up: pages the program touches are allocated by now, and the JIT has settled
        long tid = Thread.currentThread().getId();
        long before = counter.getThreadAllocatedBytes(tid);
        emu.run(1_000_000);
        long allocated = counter.getThreadAllocatedBytes(tid) - before;
        // A few hundred bytes of slack for the measurement itself; one object per step would be megabytes.
        assertTrue(allocated < 4096, "1,000,000 steps allocated " + allocated + " bytes");
    }
}
