package dev.faultscope.ui.model;

import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.VmState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmallModelsTest {
    @Test
    void formatsNumbers() {
        assertEquals("0x7fffd000", Radix.HEX.format(0x7fffd000));
        assertEquals("0xffffffff", Radix.HEX.format(-1));
        assertEquals("-1", Radix.DECIMAL.format(-1));
        assertEquals("0x00000041  =  65 unsigned  =  65 signed  =  \"...A\"", Numbers.describe(65));
        assertEquals("0011223344…ccddeeff", Numbers.shortHex(dev.faultscope.crypto.Hex.decode("0x00112233445566778899aabbccddeeff")).replace("0x", ""));
    }

    @Test
    void parsesAddressesRegistersAndSymbols() {
        VmState s = new VmState();
        s.setRegister(29, 0x7fffd000);
        s.setPc(0x400cf0);
        s.setHeap(0x05000000);
        Symbols syms = new Symbols(List.of(new Symbols.Symbol("main", 0x4000d0, 64)));
        assertEquals(0x7fffd000, AddressParser.parse("sp", s, syms));
        assertEquals(0x7fffd000, AddressParser.parse("$29", s, syms));
        assertEquals(0x7fffd000, AddressParser.parse("r29", s, syms));
        assertEquals(0x7fffd010, AddressParser.parse("sp+0x10", s, syms));
        assertEquals(0x7fffcff0, AddressParser.parse("sp - 16", s, syms));
        assertEquals(0x400cf0, AddressParser.parse("PC", s, syms));
        assertEquals(0x05000000, AddressParser.parse("heap", s, syms));
        assertEquals(0x4000d4, AddressParser.parse("main+4", s, syms));
        assertEquals(0xffffffff, AddressParser.parse("0xffffffff", s, syms));
        assertEquals(4096, AddressParser.parse("4096", s, syms));
        assertThrows(IllegalArgumentException.class, () -> AddressParser.parse("nosuch", s, syms));
        assertThrows(IllegalArgumentException.class, () -> AddressParser.parse("0x1_0000_0000", s, syms));
        assertThrows(IllegalArgumentException.class, () -> AddressParser.parse("", s, syms));
        assertThrows(IllegalArgumentException.class, () -> AddressParser.parse("12zz", s, syms));
    }

    @Test
    void namesRegisters() {
        assertEquals(29, RegisterNames.indexOf("sp"));
        assertEquals(30, RegisterNames.indexOf("s8"));
        assertEquals(0, RegisterNames.indexOf("$zero"));
        assertEquals(-1, RegisterNames.indexOf("r32"));
        assertEquals(-1, RegisterNames.indexOf("29"), "a bare number is an address, not a register");
        assertEquals("ra", RegisterNames.abi(31));
    }

    @Test
    void breakpointsToggleOnAlignedAddresses() {
        Breakpoints b = new Breakpoints();
        assertTrue(b.toggle(0x400002));
        assertTrue(b.contains(0x400000));
        assertEquals(List.of(0x400000), b.sorted());
        assertEquals(false, b.toggle(0x400000));
        assertTrue(b.isEmpty());
    }

    @Test
    void hintLogKeepsOrderAndDropsReplays() {
        HintLog log = new HintLog();
        log.record(5, "a");
        log.record(9, "b");
        log.record(5, "a");
        log.record(12, "c");
        assertEquals(List.of(new HintLog.Entry(5, "a"), new HintLog.Entry(9, "b")), log.upTo(11, 10));
        assertEquals(List.of(new HintLog.Entry(12, "c")), log.upTo(100, 1));
        assertEquals(3, log.countUpTo(12));
    }

    @Test
    void fontScaleStepsAndPresets() {
        FontScale f = new FontScale();
        assertEquals(14, f.larger());
        assertEquals(13, f.smaller());
        assertEquals(12, f.smaller());
        assertEquals(13, f.reset());
        assertEquals(22, f.large());
        assertEquals(169, f.percent());
        for (int i = 0; i < 50; i++) {
            f.larger();
        }
        assertEquals(36, f.size());
    }

    @Test
    void recentFilesNewestFirstWithoutDuplicates() throws Exception {
        Preferences node = Preferences.userRoot().node("dev/faultscope/ui-test-" + System.nanoTime());
        try {
            RecentFiles r = new RecentFiles(node);
            r.add(Path.of("/tmp/a.elf"));
            r.add(Path.of("/tmp/b.json"));
            r.add(Path.of("/tmp/a.elf"));
            assertEquals(List.of(Path.of("/tmp/a.elf"), Path.of("/tmp/b.json")), r.list());
            for (int i = 0; i < 20; i++) {
                r.add(Path.of("/tmp/f" + i));
            }
            assertEquals(RecentFiles.MAX, r.list().size());
            assertEquals(Path.of("/tmp/f19"), r.list().get(0));
        } finally {
            node.removeNode();
        }
    }

    @Test
    void tellsFileKindsByContent(@TempDir Path dir) throws Exception {
        assertEquals(FileKind.ELF, FileKind.detect(Path.of("samples/programs/hello.elf")));
        assertEquals(FileKind.SCENARIO, FileKind.detect(Path.of("samples/scenarios/classroom.json")));
        Path proof = Files.writeString(dir.resolve("p.json"), "{\"step\":1,\"state-data\":\"0x\",\"proof-data\":\"0x\"}");
        assertEquals(FileKind.CANNON_PROOF, FileKind.detect(proof));
        Path state = Files.writeString(dir.resolve("s"), "{\"memory\":[],\"pc\":0}");
        assertEquals(FileKind.CANNON_STATE, FileKind.detect(state));
        Path session = Files.writeString(dir.resolve("x.json"), "{\"format\":\"faultscope-session\",\"version\":1}");
        assertEquals(FileKind.SESSION, FileKind.detect(session));
        Path junk = Files.writeString(dir.resolve("junk.json"), "{\"memory\": [1, 2");
        var e = assertThrows(FileKind.Unrecognised.class, () -> FileKind.detect(junk));
        assertTrue(e.getMessage().startsWith("it is not valid JSON"), e.getMessage());
        Path empty = Files.writeString(dir.resolve("empty"), "");
        assertThrows(FileKind.Unrecognised.class, () -> FileKind.detect(empty));
        Path other = Files.writeString(dir.resolve("other.json"), "{\"hello\": 1}");
        assertThrows(FileKind.Unrecognised.class, () -> FileKind.detect(other));
    }
}
