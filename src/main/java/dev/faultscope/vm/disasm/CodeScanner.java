package dev.faultscope.vm.disasm;

import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.elf.ElfFile;

import java.util.ArrayList;
import java.util.List;

/**
 * The build-time check of cannon-mips32.md section 10: lists every word of a program's code that the VM rejects
 * or runs differently from MIPS32, so a bad build fails before it is ever used in a dispute.
 *
 * <p>Code is taken from the sections flagged executable when the file has section headers: an executable
 * segment also holds read-only data (headers, .rodata, jump tables) whose words would be false alarms.
 * Without section headers the executable PT_LOAD segments are scanned whole.
 */
public final class CodeScanner {
    /** One offending word; {@code symbol} is the enclosing symbol as {@code name+0xoff}, or null. */
    public record Finding(int address, int word, String symbol, String reason) {
        @Override
        public String toString() {
            return String.format("0x%08x: %08x %s%s: %s", address, word, Disassembler.disassemble(word, address, null),
                symbol == null ? "" : " in " + symbol, reason);
        }
    }

    private CodeScanner() {
    }

    public static List<Finding> scan(byte[] elf) {
        ElfFile file = ElfFile.parse(elf);
        Symbols symbols = file.symbols();
        List<Finding> out = new ArrayList<>();
        boolean fromSections = !file.sections().isEmpty();
        if (fromSections) {
            for (ElfFile.SectionHeader sh : file.sections()) {
                if (sh.executable() && sh.type() == ElfFile.SHT_PROGBITS) {
                    scanRange(file, sh.offset(), sh.addr(), sh.size(), symbols, out);
                }
            }
        } else {
            for (ElfFile.ProgramHeader ph : file.programHeaders()) {
                if (ph.type() == ElfFile.PT_LOAD && ph.executable()) {
                    scanRange(file, ph.offset(), ph.vaddr(), ph.filesz(), symbols, out);
                }
            }
        }
        return out;
    }

    private static void scanRange(ElfFile file, long offset, long addr, long size, Symbols symbols, List<Finding> out) {
        // Instructions are word-aligned; a misaligned start only happens with hand-made files, so skip to alignment.
        long skip = (4 - (addr & 3)) & 3;
        byte[] bytes = file.slice(offset, size);
        for (long i = skip; i + 4 <= size; i += 4) {
            int k = (int) i;
            int word = (bytes[k] & 0xFF) << 24 | (bytes[k + 1] & 0xFF) << 16 | (bytes[k + 2] & 0xFF) << 8 | (bytes[k + 3] & 0xFF);
            String reason = Disassembler.incompatibility(word);
            if (reason != null) {
                int at = (int) (addr + i);
                out.add(new Finding(at, word, label(symbols, at), reason));
            }
        }
    }

    private static String label(Symbols symbols, int addr) {
        return symbols.lookup(addr)
            .filter(s -> s.contains(addr))
            .map(s -> addr == s.start() ? s.name() : s.name() + "+0x" + Integer.toHexString(addr - s.start()))
            .orElse(null);
    }
}
