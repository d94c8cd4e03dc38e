package dev.faultscope.ui.model;

import dev.faultscope.fpp.ChainModel;
import dev.faultscope.fpp.Proposers;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.VmState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkbenchTest {
    static ChainModel model;

    @BeforeAll
    static void loadChain() throws Exception {
        model = ChainModel.load(Path.of("samples/scenarios/classroom.json"));
    }

    static LoadedRun sample() {
        return LoadedRun.faultProof(model, "classroom", 1, 2, Proposers.INVALID_TRANSFERS);
    }

    /** The engine's own state after n steps of a fresh run, the reference every position must equal. */
    static VmState reference(long n) {
        LoadedRun r = sample();
        Mips32Emulator emu = new Mips32Emulator(r.initial(), r.store());
        emu.setOutput(null, null);
        emu.run(n);
        return r.initial();
    }

    @Test
    void stepsAndStepsBackToTheEnginesStates() {
        Workbench w = new Workbench(sample());
        for (int i = 0; i < 10; i++) {
            assertTrue(w.stepForward());
        }
        assertArrayEquals(reference(10).witness(), w.state().witness());
        for (int i = 0; i < 3; i++) {
            assertTrue(w.stepBack());
        }
        assertEquals(7, w.step());
        assertArrayEquals(reference(7).witness(), w.state().witness());
        Frame f = w.frame();
        assertEquals(reference(7).pc(), f.pc());
        assertArrayEquals(reference(7).registers(), f.registers());
    }

    @Test
    void stepBackStopsAtTheFirstStep() {
        Workbench w = new Workbench(sample());
        assertFalse(w.stepBack());
        w.stepForward();
        assertTrue(w.stepBack());
        assertEquals(0, w.step());
        assertFalse(w.frame().hasLastStep());
    }

    @Test
    void marksExactlyTheRegistersTheLastStepChanged() {
        Workbench w = new Workbench(sample());
        for (int n = 1; n <= 40; n++) {
            VmState before = reference(n - 1);
            w.stepForward();
            Frame f = w.frame();
            for (int i = 0; i < 32; i++) {
                assertEquals(before.register(i) != f.registers()[i], f.registerChanged(i), "r" + i + " at step " + n);
            }
            assertTrue(f.specialChanged(Frame.PC), "pc always moves");
        }
    }

    @Test
    void arrivingByGoToShowsTheSameChangesAsStepping() {
        Workbench stepped = new Workbench(sample());
        for (int i = 0; i < 25; i++) {
            stepped.stepForward();
        }
        Workbench jumped = new Workbench(sample());
        jumped.goTo(200);
        jumped.goTo(25);
        Frame a = stepped.frame();
        Frame b = jumped.frame();
        assertEquals(a.changedRegisters(), b.changedRegisters());
        assertEquals(a.changedSpecial(), b.changedSpecial());
        assertEquals(a.dataAddress(), b.dataAddress());
        assertArrayEquals(stepped.state().witness(), jumped.state().witness());
    }

    @Test
    void runsToTheEndAndKnowsTheExitStep() {
        Workbench w = new Workbench(sample());
        Workbench.Stop stop;
        do {
            stop = w.runFast(1 << 20, Long.MAX_VALUE, false, () -> false);
        } while (stop == Workbench.Stop.LIMIT);
        assertEquals(Workbench.Stop.EXITED, stop);
        w.settle();
        Frame f = w.frame();
        assertTrue(f.exited());
        assertEquals(1, f.exitCode(), "the invalid-transfers claim is wrong");
        assertTrue(w.run().faultProof());
        assertEquals("exited 1 (INVALID)", f.exitStatus(w.run().faultProof()));
        assertEquals(f.step(), f.endStep());
        assertTrue(f.hasLastStep(), "settle re-arrives by a real step");
        assertTrue(f.console().stream().anyMatch(c -> c.text().contains("INVALID")));
        // Past the end is the end.
        assertEquals(f.endStep(), w.goTo(f.endStep() + 1000));
    }

    @Test
    void anotherProgramsExitCodeIsNotAVerdict() throws Exception {
        Workbench w = new Workbench(LoadedRun.elf("hello.elf", java.nio.file.Files.readAllBytes(java.nio.file.Path.of("samples/programs/hello.elf"))));
        assertFalse(w.run().faultProof());
        while (w.runFast(1 << 20, Long.MAX_VALUE, false, () -> false) == Workbench.Stop.LIMIT) {
            // on to the exit
        }
        w.settle();
        assertEquals("exited 0", w.frame().exitStatus(w.run().faultProof()));
    }

    @Test
    void consoleShowsOnlyWhatWasPrintedUpToTheStep() {
        Workbench w = new Workbench(sample());
        w.runFast(Long.MAX_VALUE, Long.MAX_VALUE, false, () -> false);
        String all = text(w.frame());
        assertTrue(all.contains("verdict"));
        w.goTo(10);
        assertEquals("", text(w.frame()));
    }

    private static String text(Frame f) {
        StringBuilder sb = new StringBuilder();
        f.console().forEach(c -> sb.append(c.text()));
        return sb.toString();
    }

    @Test
    void stopsAtABreakpointBeforeExecutingIt() {
        Workbench w = new Workbench(sample());
        int mainAddress = w.run().symbols().byName("main").orElseThrow().start();
        w.breakpoints().toggle(mainAddress);
        assertEquals(Workbench.Stop.BREAKPOINT, w.runFast(Long.MAX_VALUE, Long.MAX_VALUE, true, () -> false));
        assertEquals(mainAddress, w.state().pc());
        assertTrue(w.frame().disassembly().stream().anyMatch(l -> l.current() && l.breakpoint() && "main".equals(l.label())));
        // Continuing leaves the breakpoint first: it does not stop again at once.
        long at = w.step();
        w.breakpoints().toggle(mainAddress);
        assertFalse(w.breakpoints().contains(mainAddress));
        w.runFast(5, Long.MAX_VALUE, true, () -> false);
        assertEquals(at + 5, w.step());
    }

    @Test
    void runStopsAtATargetStepAndWhenCancelled() {
        Workbench w = new Workbench(sample());
        assertEquals(Workbench.Stop.TARGET, w.runFast(Long.MAX_VALUE, 12_345, false, () -> false));
        assertEquals(12_345, w.step());
        assertEquals(Workbench.Stop.CANCELLED, w.runFast(Long.MAX_VALUE, Long.MAX_VALUE, false, () -> true));
        assertEquals(12_345, w.step());
    }

    @Test
    void disassemblyMarksPcAndTheDelaySlotAfterAJump() {
        Workbench w = new Workbench(sample());
        // Step until pc sits in a delay slot (nextPC is not pc + 4): the jump before it was taken.
        while (w.state().nextPC() == w.state().pc() + 4) {
            w.stepForward();
        }
        var lines = w.frame().disassembly();
        DisasmLine current = lines.stream().filter(DisasmLine::current).findFirst().orElseThrow();
        assertEquals(w.state().pc(), current.address());
        assertTrue(current.delaySlot());
        assertTrue(lines.stream().filter(DisasmLine::nextAfterSlot).allMatch(l -> l.address() == w.state().nextPC()));
        int index = lines.indexOf(current);
        assertTrue(Workbench.isControlTransfer(lines.get(index - 1).word(), lines.get(index - 1).address()));
    }

    @Test
    void coloursTheWordTheLastStepTouched() {
        Workbench w = new Workbench(sample());
        while (true) {
            w.stepForward();
            if (w.frame().dataAddress() >= 0) {
                break;
            }
        }
        Frame f = w.frame();
        int a = f.dataAddress();
        long marked = f.memory().stream().filter(r -> r.accessMask() != 0).count();
        assertEquals(1, marked, "the memory window follows the access");
        MemoryRow row = f.memory().stream().filter(r -> r.accessMask() != 0).findFirst().orElseThrow();
        assertEquals(a & ~15, row.address());
        assertEquals(0xF << (a & 15), row.accessMask());
    }

    @Test
    void memoryWindowMovesAndStaysInsideTheAddressSpace() {
        Workbench w = new Workbench(sample());
        w.setMemoryFollowsAccess(false);
        w.showMemoryAt(0x1234_5678);
        assertEquals(0x1234_5630, w.memoryBase(), "four rows of context above the row holding the address");
        w.scrollMemory(2);
        assertEquals(0x1234_5650, w.memoryBase());
        w.showMemoryAt(0xFFFF_FFF0);
        assertEquals(0xFFFF_FE00, w.memoryBase(), "the last window ends at the top of memory");
        w.scrollMemory(100);
        assertEquals(0xFFFF_FE00, w.memoryBase());
        w.showMemoryAt(8);
        assertEquals(0, w.memoryBase());
        w.scrollMemory(-5);
        assertEquals(0, w.memoryBase());
        int pagesBefore = w.state().memory().pageCount();
        w.showMemoryAt(0x3000_0000);
        Frame f = w.frame();
        assertFalse(f.memory().get(4).mapped());
        assertEquals(pagesBefore, w.state().memory().pageCount(), "looking at untouched memory creates no pages");
    }

    @Test
    void evidenceOfTheNextStepIsAcceptedByTheVerifierAndLeavesTheRunAlone() {
        Workbench w = new Workbench(sample());
        w.goTo(500);
        byte[] before = w.state().witness();
        StepEvidence e = w.nextStepEvidence();
        assertTrue(e.agrees(), e.verdict());
        assertArrayEquals(before, w.state().witness());
        assertTrue(e.instructionPath().matchesRoot());
        assertEquals(w.state().pc(), e.instructionPath().address());
        assertEquals(w.state().memory().getWord(w.state().pc()), e.instructionPath().word());
        assertEquals(27, e.instructionPath().levels().size());
        assertEquals("3 · unfinished", e.preStatus());
        w.stepForward();
        assertArrayEquals(e.proof().post(), w.state().stateHash());
    }

    @Test
    void aTamperedProofIsRejected() {
        Workbench w = new Workbench(sample());
        w.goTo(500);
        var proof = w.nextStepEvidence().proof();
        byte[] bad = proof.proofData().clone();
        bad[40] ^= 1;
        var tampered = new dev.faultscope.vm.StepProof(proof.step(), proof.pre(), proof.post(), proof.stateData(), bad,
            proof.oracleKey(), proof.oracleValue(), proof.oracleOffset());
        StepEvidence e = StepEvidence.of(tampered, null);
        assertFalse(e.agrees());
        assertTrue(e.verdict().contains("rejects"), e.verdict());
        assertFalse(e.instructionPath().matchesRoot());
    }

    @Test
    void hintsAreListedUpToTheStepAndOnceDespiteReplays() {
        Workbench w = new Workbench(sample());
        w.runFast(Long.MAX_VALUE, Long.MAX_VALUE, false, () -> false);
        int all = w.frame().hintCount();
        assertTrue(all > 0);
        w.goTo(1);
        assertEquals(0, w.frame().hintCount());
        w.runFast(Long.MAX_VALUE, Long.MAX_VALUE, false, () -> false);
        assertEquals(all, w.frame().hintCount(), "replaying the run records no hint twice");
        assertTrue(w.frame().hints().get(0).hint().startsWith("l2-output") || w.frame().hints().get(0).hint().contains(" 0x"));
    }

    @Test
    void preimagePanelShowsTheSelectedKeyAndTheNextRead() {
        Workbench w = new Workbench(sample());
        // The program's first read is a local input: run until a key is selected.
        while (!w.frame().preimage().selected()) {
            assertTrue(w.stepForward());
        }
        PreimageInfo p = w.frame().preimage();
        assertEquals("local", p.type());
        assertTrue(p.length() > 0);
        assertNotEquals(null, p.nextRead());
    }
}
