package dev.faultscope.vm.elf;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way an ELF file can be refused, each with a one-line message saying what and where. */
class ElfFormatErrorsTest {
    private static ElfWriter program() {
        ElfWriter w = new ElfWriter();
        w.load(0x400000, ElfWriter.words(0x24020001, 0x0000000c), 8);
        w.load(0x410000, ElfWriter.words(7, 8, 9), 12);
        w.symbol("main", 0x400000, 8, 2);
        return w;
    }

    private static String refused(byte[] elf) {
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfLoader.load(elf));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e instanceof IllegalArgumentException);
        return e.getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + message + "' should mention '" + p + "'");
        }
    }

    @Test
    void theWriterProducesALoadableFile() {
        assertEquals(0x00000009, ElfLoader.load(program().build()).state().memory().getWord(0x410008));
    }

    @Test
    void badMagic() {
        byte[] b = program().build();
        b[1] = 'X';
        assertContains(refused(b), "not an ELF", "bad magic", "offset 0");
        assertContains(refused(new byte[0]), "not an ELF");
        assertContains(refused("#!/bin/sh\necho hi\n".getBytes()), "not an ELF");
    }

    @Test
    void sixtyFourBit() {
        ElfWriter w = program();
        w.elfClass = 2;
        assertContains(refused(w.build()), "64-bit", "offset 4");
    }

    @Test
    void littleEndian() {
        ElfWriter w = program();
        w.dataEncoding = 1;
        assertContains(refused(w.build()), "little-endian", "offset 5");
    }

    @Test
    void wrongMachine() {
        ElfWriter w = program();
        w.machine = 62;
        assertContains(refused(w.build()), "wrong machine 62", "offset 18");
    }

    @Test
    void notAnExecutable() {
        ElfWriter w = program();
        w.type = 1;
        assertContains(refused(w.build()), "not an executable", "e_type 1");
    }

    @Test
    void truncatedHeader() {
        byte[] b = Arrays.copyOf(program().build(), 40);
        assertContains(refused(b), "truncated ELF header", "40 bytes");
    }

    @Test
    void truncatedProgramHeaderTable() {
        ElfWriter w = program();
        w.withSections = false;
        byte[] full = w.build();
        // Cut inside the second program header.
        byte[] b = Arrays.copyOf(full, w.phoff + 32 + 10);
        assertContains(refused(b), "truncated", "program header 1", "0x" + Integer.toHexString(w.phoff + 32));
    }

    @Test
    void truncatedSegmentBytes() {
        ElfWriter w = program();
        w.withSections = false;
        byte[] full = w.build();
        byte[] b = Arrays.copyOf(full, w.segmentOffsets.get(1) + 4);
        assertContains(refused(b), "truncated", "segment 1");
    }

    @Test
    void truncatedSectionHeaderTable() {
        ElfWriter w = program();
        byte[] full = w.build();
        byte[] b = Arrays.copyOf(full, full.length - 20);
        assertContains(refused(b), "truncated", "section header");
    }

    @Test
    void symbolTableLinkedToANonStringTable() {
        ElfWriter w = program();
        byte[] b = w.build();
        // sh_link of .symtab: point it at the symbol table itself.
        ElfWriter.putU32(b, w.shoff + 40 * w.symtabIndex + 24, w.symtabIndex);
        assertContains(refused(b), "bad string table", "section " + w.symtabIndex);
    }

    @Test
    void symbolNameOutsideTheStringTable() {
        ElfWriter w = program();
        byte[] b = w.build();
        int symtabOffset = readU32(b, w.shoff + 40 * w.symtabIndex + 16);
        ElfWriter.putU32(b, symtabOffset + 16, 0x7777);
        assertContains(refused(b), "bad string table", "symbol 1", "0x7777");
    }

    @Test
    void sectionDataPastTheEndOfTheFile() {
        ElfWriter w = program();
        byte[] b = w.build();
        ElfWriter.putU32(b, w.shoff + 40 * w.strtabIndex + 20, 0x100000);
        assertContains(refused(b), "truncated", "section " + w.strtabIndex);
    }

    @Test
    void badSectionHeaderSize() {
        byte[] b = program().build();
        b[47] = 64;
        assertContains(refused(b), "bad section header size 64");
    }

    @Test
    void segmentOutOfRange() {
        ElfWriter w = program();
        w.load(0x04FFFFF0, new byte[0], 0x10);
        assertContains(refused(w.build()), "segment 2 out of range", "0x4fffff0", "0x5000000");
    }

    private static int readU32(byte[] b, int o) {
        return (b[o] & 0xFF) << 24 | (b[o + 1] & 0xFF) << 16 | (b[o + 2] & 0xFF) << 8 | (b[o + 3] & 0xFF);
    }
}
