package dev.faultscope.diff;

import dev.faultscope.agent.ExecutionTrace;
import dev.faultscope.agent.Fault;
import dev.faultscope.io.TraceBundle;
import dev.faultscope.io.TraceFixture;
import dev.faultscope.vm.Symbols;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceDiffTest {
    @TempDir
    static Path dir;
    static Path bundle;
    static ExecutionTrace honest;

    @BeforeAll
    static void setUp() throws IOException {
        bundle = dir.resolve("a.fstrace");
        TraceFixture.record(bundle);
        honest = ExecutionTrace.of(TraceFixture.program().state(), TraceFixture.hostSources());
    }

    private static Divergence againstFault(Fault f) throws IOException {
        try (TraceBundle b = TraceBundle.open(bundle)) {
            return TraceDiff.compare(new BundleSide(b), new ExecutionTraceSide("faulty", honest.withFault(f), Symbols.NONE));
        }
    }

    @Test
    void aFaultAtTheStartIsFoundAtItsStep() throws IOException {
        Divergence d = againstFault(new Fault.FlipBit(0, 29, 6));
        assertFalse(d.identical());
        assertEquals(0, d.preStep());
        assertTrue(d.difference().registerDiffers(29));
    }

    @Test
    void aFaultInTheMiddleIsFoundAtItsStep() throws IOException {
        long k = honest.length() / 2 + 17;
        Divergence d = againstFault(new Fault.FlipBit(k, 29, 4));
        assertEquals(k, d.preStep());
        assertEquals(k + 1, d.postA().step());
        assertEquals(d.preState().pc(), honest.stateAtStep(k).pc());
        assertArrayEquals(honest.stateHashAt(k), d.postHashA());
        assertTrue(d.difference().registerDiffers(29));
        assertTrue(d.comparisons() < 40, d.comparisons() + " comparisons");
    }

    @Test
    void aWrongExitCodeAtTheEndIsFoundAtTheExitSyscall() throws IOException {
        Fault f = Fault.forceExitCode(honest, 0);
        Divergence d = againstFault(f);
        assertEquals(honest.length() - 1, d.preStep());
        assertEquals(1, d.postA().exitCode());
        assertEquals(0, d.postB().exitCode());
        assertTrue(d.report().get(0).contains("syscall"), d.report().get(0));
    }

    @Test
    void identicalRunsAreIdentical() throws IOException {
        Path other = dir.resolve("b.fstrace");
        TraceFixture.record(other);
        try (TraceBundle a = TraceBundle.open(bundle); TraceBundle b = TraceBundle.open(other)) {
            assertTrue(TraceDiff.compare(new BundleSide(a), new BundleSide(b)).identical());
            CursorSide run = new CursorSide("run", TraceFixture.program().state(), TraceFixture.hostSources(), Symbols.NONE);
            Divergence d = TraceDiff.compare(new BundleSide(a), run);
            assertTrue(d.identical(), String.join("\n", d.report()));
        }
    }
}
