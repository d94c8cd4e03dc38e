package dev.faultscope.vm.elf;

import dev.faultscope.vm.Memory;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.VmState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loading rules of cannon-mips32.md section 7, on ELF files written by {@link ElfWriter}. */
class ElfLoaderTest {
    private static final int SP = 0x7FFFD000;

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static ElfWriter minimal() {
        ElfWriter w = new ElfWriter();
        w.entry = 0x400010;
        w.load(0x400000, ElfWriter.words(0x24020001, 0x0000000c, 0, 0, 0x3c04abcd), 20);
        return w;
    }

    @Test
    void registersAndCountersStartAsCannonSetsThem() {
        VmState s = ElfLoader.load(minimal().build()).state();
        assertEquals(0x400010, s.pc());
        assertEquals(0x400014, s.nextPC());
        assertEquals(0x05000000, s.heap());
        assertEquals(0, s.step());
        assertEquals(0, s.lo());
        assertEquals(0, s.hi());
        assertFalse(s.exited());
        int[] r = s.registers();
        for (int i = 0; i < 32; i++) {
            assertEquals(i == 29 ? SP : 0, r[i], "register " + i);
        }
    }

    @Test
    void loadSegmentIsCopiedAndZeroFilledToItsMemorySize() {
        // The zero fill lands on memory the segment before it already wrote, so it must overwrite, not skip.
        byte[] text = filled(10, 0x5A);
        ElfWriter w = new ElfWriter();
        w.load(0x10000, filled(0x3000, 0xEE), 0x3000);
        w.load(0x10ffe, text, 0x2100);
        VmState s = ElfLoader.load(w.build()).state();
        Memory m = s.memory();
        assertEquals(0xEE, m.getByte(0x10ffd));
        assertArrayEquals(text, m.readBytes(0x10ffe, 10));
        for (int a = 0x10ffe + 10; a < 0x10ffe + 0x2100; a++) {
            if (m.getByte(a) != 0) {
                throw new AssertionError("byte at 0x" + Integer.toHexString(a) + " not zeroed");
            }
        }
        // The .bss-like tail is memory the loader wrote, so its pages exist, as in Cannon's state.
        assertTrue(m.hasPage((0x10ffe + 0x20ff) >>> 12));
        assertEquals(0, m.getByte(0x10ffe + 0x2100));
    }

    @Test
    void otherSegmentTypesAreCopiedToo() {
        ElfWriter w = minimal();
        byte[] note = "note-bytes!!".getBytes(StandardCharsets.US_ASCII);
        w.segment(ElfWriter.PT_NOTE, 0x480000, note, note.length, 4);
        VmState s = ElfLoader.load(w.build()).state();
        assertArrayEquals(note, s.memory().readBytes(0x480000, note.length));
    }

    @Test
    void abiFlagsSegmentIsSkippedBeforeAnyCheck() {
        ElfWriter w = minimal();
        // Sizes that differ and an address past the heap would each be an error for any other segment type.
        w.segment(0x70000003L, 0x06000000, filled(24, 0x77), 48, 4);
        VmState s = ElfLoader.load(w.build()).state();
        assertEquals(0, s.memory().getWord(0x06000000));
        assertFalse(s.memory().hasPage(0x06000000 >>> 12));
    }

    @Test
    void otherSegmentWithDifferentSizesIsAnError() {
        ElfWriter w = minimal();
        w.segment(ElfWriter.PT_NOTE, 0x480000, filled(8, 1), 16, 4);
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfLoader.load(w.build()));
        assertTrue(e.getMessage().startsWith("segment 1 "), e.getMessage());
        assertTrue(e.getMessage().contains("file size 8 but memory size 16"), e.getMessage());
    }

    @Test
    void loadSegmentWithMoreFileBytesThanMemoryIsAnError() {
        ElfWriter w = minimal();
        w.load(0x480000, filled(32, 1), 16);
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfLoader.load(w.build()));
        assertTrue(e.getMessage().startsWith("segment 1 "), e.getMessage());
    }

    @Test
    void segmentReachingTheHeapIsAnError() {
        // Ending one byte below the heap is fine; ending exactly at it is not (Cannon's check is >=).
        ElfWriter ok = minimal();
        ok.load(0x04FFF000, filled(16, 3), 0xFFF);
        assertEquals(0x03030303, ElfLoader.load(ok.build()).state().memory().getWord(0x04FFF000));

        ElfWriter bad = minimal();
        bad.load(0x04FFF000, filled(16, 3), 0x1000);
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfLoader.load(bad.build()));
        assertTrue(e.getMessage().startsWith("segment 1 out of range"), e.getMessage());
    }

    @Test
    void segmentWrappingPastFourGigabytesIsOutOfRange() {
        ElfWriter w = minimal();
        w.load(0xFFFFF000, new byte[0], 0x2000);
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfLoader.load(w.build()));
        assertTrue(e.getMessage().startsWith("segment 1 out of range"), e.getMessage());
    }

    @Test
    void goRuntimeFunctionsBecomeImmediateReturns() {
        ElfWriter w = new ElfWriter();
        w.load(0x400000, filled(0x100, 0xFF), 0x100);
        List<String> patched = List.of("runtime.gcenable", "runtime.init.5", "runtime.main.func1",
            "runtime.deductSweepCredit", "runtime.(*gcControllerState).commit",
            "github.com/prometheus/client_golang/prometheus.init", "github.com/prometheus/client_golang/prometheus.init.0",
            "github.com/prometheus/procfs.init", "github.com/prometheus/common/model.init",
            "github.com/prometheus/client_model/go.init", "github.com/prometheus/client_model/go.init.0",
            "github.com/prometheus/client_model/go.init.1", "flag.init", "runtime.check");
        for (int i = 0; i < patched.size(); i++) {
            w.symbol(patched.get(i), 0x400000 + 8 * i, 8, 2);
        }
        w.symbol("runtime.main", 0x400000 + 8 * patched.size(), 8, 2);
        Memory m = ElfLoader.load(w.build()).state().memory();
        for (int i = 0; i < patched.size(); i++) {
            assertEquals(0x03E00008, m.getWord(0x400000 + 8 * i), patched.get(i));
            assertEquals(0, m.getWord(0x400004 + 8 * i), patched.get(i));
        }
        assertEquals(0xFFFFFFFF, m.getWord(0x400000 + 8 * patched.size()), "runtime.main is not patched");
    }

    @Test
    void initialStackHoldsArgvEnvAndAuxv() {
        Memory m = ElfLoader.load(minimal().build()).state().memory();
        int[] expected = {1, SP + 84, 0, SP + 56, 0, 6, 4096, 25, SP + 40, 0};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], m.getWord(SP + 4 * i), "stack word " + i);
        }
        assertEquals("4;byfairdiceroll", new String(m.readBytes(SP + 40, 16), StandardCharsets.US_ASCII));
        assertArrayEquals("GODEBUG=memprofilerate=0\0\0\0\0".getBytes(StandardCharsets.US_ASCII), m.readBytes(SP + 56, 28));
        assertArrayEquals("op-program\0\0".getBytes(StandardCharsets.US_ASCII), m.readBytes(SP + 84, 12));
        assertEquals(0, m.getWord(SP + 96));
        // [sp - 16 KiB, sp + 4 KiB) is written with zeros: five whole pages exist.
        for (int page = (SP >>> 12) - 4; page <= SP >>> 12; page++) {
            assertTrue(m.hasPage(page), "stack page " + Integer.toHexString(page));
        }
        assertFalse(m.hasPage((SP >>> 12) - 5));
        assertFalse(m.hasPage((SP >>> 12) + 1));
    }

    @Test
    void loadedMemoryIsExactlySegmentsAndStack() {
        VmState s = ElfLoader.load(minimal().build()).state();
        int[] pages = new int[7];
        int[] n = {0};
        s.memory().forEachPage(p -> pages[n[0]++] = p);
        assertEquals(6, n[0]);
        assertEquals(0x400, pages[0]);
    }

    @Test
    void symbolsKeepNamedFunctionsObjectsAndLabelsSorted() {
        ElfWriter w = minimal();
        w.symbol("zeta", 0x400010, 4, 2);
        w.symbol("alpha", 0x400020, 8, 1);
        w.symbol("label", 0x400000, 0, 0);
        w.symbol(".text", 0x400000, 0, ElfWriter.STT_SECTION);
        w.symbol("hello.c", 0, 0, ElfWriter.STT_FILE);
        w.symbol("", 0x400004, 4, 2);
        Symbols syms = ElfLoader.load(w.build()).symbols();
        assertEquals(List.of(new Symbols.Symbol("label", 0x400000, 0), new Symbols.Symbol("zeta", 0x400010, 4),
            new Symbols.Symbol("alpha", 0x400020, 8)), syms.all());
    }

    @Test
    void fileWithoutSectionsLoadsWithNoSymbols() {
        ElfWriter w = minimal();
        w.withSections = false;
        LoadedProgram p = ElfLoader.load(w.build());
        assertTrue(p.symbols().isEmpty());
        assertEquals(0x3c04abcd, p.state().memory().getWord(0x400010));
    }
}
