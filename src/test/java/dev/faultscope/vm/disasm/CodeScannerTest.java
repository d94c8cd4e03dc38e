package dev.faultscope.vm.disasm;

import dev.faultscope.vm.elf.ElfWriter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodeScannerTest {
    private static final int TEQ = 0x00a001f4;
    private static final int SEB = 0x7c041420;
    private static final int ROTR = 0x00220002;

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CodeScannerTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    /** Every program Faultscope ships or runs in tests passes the build-time check of spec section 10. */
    @Test
    void everyShippedAndTestProgramIsClean() throws IOException {
        for (String name : List.of("/fpp/fpp.elf", "/programs/bench.elf", "/programs/bench-long.elf", "/mips/arith.elf", "/mips/memory.elf",
            "/mips/control.elf", "/mips/keccak.elf", "/mips/heap.elf", "/mips/int64.elf", "/mips/exit3.elf")) {
            assertEquals(List.of(), CodeScanner.scan(resource(name)), name);
        }
        assertEquals(List.of(), CodeScanner.scan(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("samples/programs/hello.elf"))));
    }

    @Test
    void programBuiltWithTheRecommendedFlagsIsClean() throws IOException {
        assertEquals(List.of(), CodeScanner.scan(resource("/elf/hello.elf")));
        assertEquals(List.of(), CodeScanner.scan(resource("/elf/catalogue.elf")));
    }

    /** The same C source built for MIPS32r2 with gcc's default divide check: teq and seh appear. */
    @Test
    void defaultMips32r2BuildIsRefused() throws IOException {
        List<CodeScanner.Finding> found = CodeScanner.scan(resource("/elf/hello-r2.elf"));
        assertTrue(found.stream().anyMatch(f -> f.reason().equals("invalid instruction (teq)") && f.symbol().startsWith("mix+")),
            found.toString());
        assertTrue(found.stream().anyMatch(f -> f.reason().equals("invalid instruction (seh)") && f.symbol().startsWith("checksum+")),
            found.toString());
        for (CodeScanner.Finding f : found) {
            assertEquals(0, f.address() & 3);
            assertTrue(Disassembler.incompatibility(f.word()) != null, f.toString());
        }
    }

    private static ElfWriter textAndData(boolean withSections) {
        // One executable segment: six words of code, then two words of read-only data that happen to be
        // invalid instructions. Only the code is in the executable section.
        ElfWriter w = new ElfWriter();
        w.withSections = withSections;
        w.load(0x400000, ElfWriter.words(0x27bdffe8, TEQ, 0x00000000, SEB, ROTR, 0x03e00008, 0xffffffff, 0x46020800), 32);
        w.section(".text", 6, 0, 0, 24);
        w.symbol("main", 0x400000, 24, 2);
        w.symbol("table", 0x400018, 8, 1);
        return w;
    }

    @Test
    void findsUnsupportedWordsInExecutableSectionsOnly() {
        List<CodeScanner.Finding> found = CodeScanner.scan(textAndData(true).build());
        assertEquals(List.of(
            new CodeScanner.Finding(0x400004, TEQ, "main+0x4", "invalid instruction (teq)"),
            new CodeScanner.Finding(0x40000c, SEB, "main+0xc", "invalid instruction (seb)"),
            new CodeScanner.Finding(0x400010, ROTR, "main+0x10", "rotr (MIPS32r2): the VM executes it as srl")), found);
    }

    @Test
    void withoutSectionHeadersTheWholeExecutableSegmentIsScanned() {
        List<CodeScanner.Finding> found = CodeScanner.scan(textAndData(false).build());
        assertEquals(List.of(0x400004, 0x40000c, 0x400010, 0x400018, 0x40001c),
            found.stream().map(CodeScanner.Finding::address).toList());
        // No section headers means no symbol table either.
        assertNull(found.get(0).symbol());
    }

    @Test
    void nonExecutableSegmentsAreNotScanned() {
        ElfWriter w = new ElfWriter();
        w.withSections = false;
        w.segment(1, 0x400000, ElfWriter.words(0x27bdffe8, 0x03e00008), 8, 5);
        w.segment(1, 0x410000, ElfWriter.words(TEQ, SEB), 8, 6); // RW data
        assertEquals(List.of(), CodeScanner.scan(w.build()));
    }

    @Test
    void findingReadsAsOneLine() {
        CodeScanner.Finding f = CodeScanner.scan(textAndData(true).build()).get(0);
        assertEquals("0x00400004: 00a001f4 .word 0x00a001f4  # teq: invalid in this VM in main+0x4: invalid instruction (teq)",
            f.toString());
    }
}
