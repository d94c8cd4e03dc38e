package dev.faultscope.vm.elf;

import dev.faultscope.vm.RecordedPrograms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Programs gcc and ld really emit with segment layouts the loader once refused or never saw (src/test/mips/bss.c
 * and segments.c, built by build.sh): each runs to the output and exit code qemu-mips recorded.
 */
class SegmentLayoutsTest {
    private static byte[] resource(String name) throws IOException {
        return RecordedPrograms.resource(name);
    }

    /** program, the recording it must match (segments-packed has none: qemu cannot map it). */
    @ParameterizedTest
    @CsvSource({"bss,bss", "segments,segments", "segments-unsorted,segments-unsorted", "segments-packed,segments"})
    void runsAsQemuRan(String program, String recording) throws IOException {
        RecordedPrograms.assertRunsAsRecorded(program, recording);
    }

    @Test
    void theBssOnlySegmentHasNoFileBytesAndAnOffsetPastTheEndOfTheFile() throws IOException {
        byte[] elf = resource("bss.elf");
        ElfFile.ProgramHeader bss = loads(elf).get(1);
        assertEquals(0, bss.filesz());
        assertTrue(bss.memsz() >= 65536, "memsz " + bss.memsz());
        assertTrue(bss.offset() > elf.length, "offset 0x" + Long.toHexString(bss.offset()) + " vs " + elf.length + " bytes");
        // Its memory is there, zeroed.
        assertEquals(0, ElfLoader.load(elf).state().memory().getWord((int) bss.vaddr() + 4096));
    }

    @Test
    void realTruncationIsStillRefused() throws IOException {
        byte[] elf = resource("bss.elf");
        ElfFile.ProgramHeader bss = loads(elf).get(1);
        // One file byte for the .bss segment: now its range [offset, offset + 1) is past the end of the file.
        int at = phdr(elf, bss.index()) + 16;
        elf[at + 3] = 1;
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfLoader.load(elf));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("segment " + bss.index()), e.getMessage());
    }

    @Test
    void theLayoutsAreWhatTheirNamesSay() throws IOException {
        List<ElfFile.ProgramHeader> sorted = loads(resource("segments.elf"));
        assertTrue(sorted.size() >= 4, "code, data and two far segments: " + sorted);
        List<ElfFile.ProgramHeader> unsorted = loads(resource("segments-unsorted.elf"));
        assertTrue(unsorted.get(0).vaddr() > unsorted.get(unsorted.size() - 1).vaddr(), "reversed: " + unsorted);
        byte[] packed = resource("segments-packed.elf");
        for (ElfFile.ProgramHeader ph : loads(packed)) {
            long align = ElfFile.u32(packed, phdr(packed, ph.index()) + 28);
            assertTrue(align < 4096, "p_align 0x" + Long.toHexString(align) + " of segment " + ph.index());
        }
    }

    private static List<ElfFile.ProgramHeader> loads(byte[] elf) {
        return ElfFile.parse(elf).programHeaders().stream().filter(p -> p.type() == ElfFile.PT_LOAD).toList();
    }

    private static int phdr(byte[] elf, int index) {
        return (int) ElfFile.u32(elf, 28) + 32 * index;
    }
}
