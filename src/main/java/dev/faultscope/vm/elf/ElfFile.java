package dev.faultscope.vm.elf;

import dev.faultscope.vm.Symbols;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed big-endian 32-bit MIPS executable: header, program headers, section headers and symbol table.
 * Parsing validates every offset against the file, so later users can slice the bytes without checks.
 */
public final class ElfFile {
    public static final int EM_MIPS = 8;
    public static final int ET_EXEC = 2;
    public static final int PT_LOAD = 1;
    public static final int PF_X = 1;
    public static final int SHT_PROGBITS = 1;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_STRTAB = 3;
    public static final int SHT_NOBITS = 8;
    public static final int SHF_EXECINSTR = 4;
    public static final int STT_NOTYPE = 0;
    public static final int STT_OBJECT = 1;
    public static final int STT_FUNC = 2;

    private static final int EHDR_SIZE = 52;
    private static final int PHDR_SIZE = 32;
    private static final int SHDR_SIZE = 40;
    private static final int SYM_SIZE = 16;

    /** A program header; numbers are unsigned 32-bit values held in longs so sums cannot wrap. */
    public record ProgramHeader(int index, long type, long offset, long vaddr, long filesz, long memsz, long flags) {
        public boolean executable() {
            return (flags & PF_X) != 0;
        }
    }

    public record SectionHeader(int index, String name, long type, long flags, long addr, long offset, long size,
                                long link, long entsize) {
        public boolean executable() {
            return (flags & SHF_EXECINSTR) != 0;
        }
    }

    /** A symbol table entry; {@code type} is the low nibble of st_info. */
    public record SymbolEntry(String name, long value, long size, int type) {
    }

    private final byte[] bytes;
    private final long entry;
    private final List<ProgramHeader> programHeaders;
    private final List<SectionHeader> sections;
    private final List<SymbolEntry> symbols;

    private ElfFile(byte[] bytes, long entry, List<ProgramHeader> phs, List<SectionHeader> shs, List<SymbolEntry> syms) {
        this.bytes = bytes;
        this.entry = entry;
        this.programHeaders = phs;
        this.sections = shs;
        this.symbols = syms;
    }

    /** Whether the bytes start with the ELF magic {@code 0x7F 'E' 'L' 'F'}. */
    public static boolean hasMagic(byte[] b) {
        return b.length >= 4 && b[0] == 0x7F && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
    }

    public static ElfFile parse(byte[] b) {
        if (!hasMagic(b)) {
            throw new ElfFormatException("not an ELF file (bad magic at offset 0)");
        }
        if (b.length < 6) {
            throw new ElfFormatException("truncated ELF header: file has " + b.length + " bytes, the header needs " + EHDR_SIZE);
        }
        switch (b[4]) {
            case 1 -> { }
            case 2 -> throw new ElfFormatException("64-bit ELF (EI_CLASS 2 at offset 4): only 32-bit MIPS executables are supported");
            default -> throw new ElfFormatException("bad ELF class " + (b[4] & 0xFF) + " at offset 4");
        }
        switch (b[5]) {
            case 2 -> { }
            case 1 -> throw new ElfFormatException("little-endian ELF (EI_DATA 1 at offset 5): only big-endian MIPS is supported");
            default -> throw new ElfFormatException("bad ELF data encoding " + (b[5] & 0xFF) + " at offset 5");
        }
        if (b.length < EHDR_SIZE) {
            throw new ElfFormatException("truncated ELF header: file has " + b.length + " bytes, the header needs " + EHDR_SIZE);
        }
        int machine = u16(b, 18);
        if (machine != EM_MIPS) {
            throw new ElfFormatException("wrong machine " + machine + " (e_machine at offset 18): expected " + EM_MIPS + " (MIPS)");
        }
        int type = u16(b, 16);
        if (type != ET_EXEC) {
            throw new ElfFormatException("not an executable: e_type " + type + " at offset 16, expected " + ET_EXEC + " (ET_EXEC)");
        }
        long entry = u32(b, 24);
        List<ProgramHeader> phs = programHeaders(b);
        List<SectionHeader> shs = sectionHeaders(b);
        List<SymbolEntry> syms = symbols(b, shs);
        return new ElfFile(b, entry, phs, shs, syms);
    }

    private static List<ProgramHeader> programHeaders(byte[] b) {
        long phoff = u32(b, 28);
        int phentsize = u16(b, 42);
        int phnum = u16(b, 44);
        if (phnum == 0) {
            return List.of();
        }
        if (phentsize != PHDR_SIZE) {
            throw new ElfFormatException("bad program header size " + phentsize + " (e_phentsize at offset 42), expected " + PHDR_SIZE);
        }
        List<ProgramHeader> out = new ArrayList<>(phnum);
        for (int i = 0; i < phnum; i++) {
            long at = phoff + (long) i * PHDR_SIZE;
            if (at + PHDR_SIZE > b.length) {
                throw new ElfFormatException("truncated: program header " + i + " at offset 0x" + Long.toHexString(at)
                    + " ends past the end of the file (" + b.length + " bytes)");
            }
            int o = (int) at;
            ProgramHeader ph = new ProgramHeader(i, u32(b, o), u32(b, o + 4), u32(b, o + 8), u32(b, o + 16),
                u32(b, o + 20), u32(b, o + 24));
            out.add(ph);
        }
        // The table is checked whole first: a cut inside it is reported as such, not as missing segment bytes.
        for (ProgramHeader ph : out) {
            // A segment with no file bytes (p_filesz = 0, such as a .bss-only data segment) reads nothing, so its
            // offset may point anywhere, even past the end: linkers emit that and qemu and Go's debug/elf accept it.
            if (ph.filesz() != 0 && ph.offset() + ph.filesz() > b.length) {
                throw new ElfFormatException("truncated: segment " + ph.index() + " file bytes [0x" + Long.toHexString(ph.offset())
                    + ", 0x" + Long.toHexString(ph.offset() + ph.filesz()) + ") end past the end of the file (" + b.length + " bytes)");
            }
        }
        return List.copyOf(out);
    }

    private static List<SectionHeader> sectionHeaders(byte[] b) {
        long shoff = u32(b, 32);
        int shentsize = u16(b, 46);
        int shnum = u16(b, 48);
        int shstrndx = u16(b, 50);
        if (shnum == 0 || shoff == 0) {
            return List.of();
        }
        if (shentsize != SHDR_SIZE) {
            throw new ElfFormatException("bad section header size " + shentsize + " (e_shentsize at offset 46), expected " + SHDR_SIZE);
        }
        long[][] raw = new long[shnum][];
        for (int i = 0; i < shnum; i++) {
            long at = shoff + (long) i * SHDR_SIZE;
            if (at + SHDR_SIZE > b.length) {
                throw new ElfFormatException("truncated: section header " + i + " at offset 0x" + Long.toHexString(at)
                    + " ends past the end of the file (" + b.length + " bytes)");
            }
            int o = (int) at;
            long[] h = new long[10];
            for (int f = 0; f < 10; f++) {
                h[f] = u32(b, o + 4 * f);
            }
            // h: name, type, flags, addr, offset, size, link, info, addralign, entsize
            if (h[1] != SHT_NOBITS && h[1] != 0 && h[4] + h[5] > b.length) {
                throw new ElfFormatException("truncated: section " + i + " data [0x" + Long.toHexString(h[4]) + ", 0x"
                    + Long.toHexString(h[4] + h[5]) + ") ends past the end of the file (" + b.length + " bytes)");
            }
            raw[i] = h;
        }
        // Section names are only a convenience: a missing or odd .shstrtab leaves them empty rather than failing.
        boolean namesOk = shstrndx != 0 && shstrndx < shnum && raw[shstrndx][1] == SHT_STRTAB;
        List<SectionHeader> out = new ArrayList<>(shnum);
        for (int i = 0; i < shnum; i++) {
            long[] h = raw[i];
            String name = namesOk ? stringOrNull(b, raw[shstrndx][4], raw[shstrndx][5], h[0]) : null;
            out.add(new SectionHeader(i, name == null ? "" : name, h[1], h[2], h[3], h[4], h[5], h[6], h[9]));
        }
        return List.copyOf(out);
    }

    private static List<SymbolEntry> symbols(byte[] b, List<SectionHeader> shs) {
        List<SymbolEntry> out = new ArrayList<>();
        for (SectionHeader sh : shs) {
            if (sh.type() != SHT_SYMTAB) {
                continue;
            }
            String where = "symbol table (section " + sh.index() + ")";
            if (sh.entsize() != SYM_SIZE) {
                throw new ElfFormatException("bad section table: " + where + " has entry size " + sh.entsize() + ", expected " + SYM_SIZE);
            }
            if (sh.link() >= shs.size() || shs.get((int) sh.link()).type() != SHT_STRTAB) {
                throw new ElfFormatException("bad string table: " + where + " links to section " + sh.link()
                    + ", which is not a string table");
            }
            SectionHeader str = shs.get((int) sh.link());
            long count = sh.size() / SYM_SIZE;
            // Entry 0 is the reserved null symbol.
            for (long k = 1; k < count; k++) {
                int o = (int) (sh.offset() + k * SYM_SIZE);
                long nameOff = u32(b, o);
                int type = b[o + 12] & 0xF;
                String name = stringOrNull(b, str.offset(), str.size(), nameOff);
                if (name == null) {
                    throw new ElfFormatException("bad string table: symbol " + k + " of " + where + " has name offset 0x"
                        + Long.toHexString(nameOff) + " outside the unterminated or " + str.size() + "-byte string table (section "
                        + str.index() + ")");
                }
                out.add(new SymbolEntry(name, u32(b, o + 4), u32(b, o + 8), type));
            }
        }
        return List.copyOf(out);
    }

    /** The NUL-terminated string at {@code off} inside a table, or null when it is outside or unterminated. */
    private static String stringOrNull(byte[] b, long tableOff, long tableSize, long off) {
        if (off >= tableSize) {
            return null;
        }
        int start = (int) (tableOff + off);
        int end = (int) (tableOff + tableSize);
        for (int i = start; i < end; i++) {
            if (b[i] == 0) {
                return new String(b, start, i - start, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static int u16(byte[] b, int o) {
        return (b[o] & 0xFF) << 8 | (b[o + 1] & 0xFF);
    }

    static long u32(byte[] b, int o) {
        return ((b[o] & 0xFFL) << 24) | ((b[o + 1] & 0xFF) << 16) | ((b[o + 2] & 0xFF) << 8) | (b[o + 3] & 0xFF);
    }

    public long entry() {
        return entry;
    }

    public List<ProgramHeader> programHeaders() {
        return programHeaders;
    }

    public List<SectionHeader> sections() {
        return sections;
    }

    /** Every entry of every symbol table but the null entries, in file order. */
    public List<SymbolEntry> symbolEntries() {
        return symbols;
    }

    /** Named functions, objects and untyped labels, for disassembly; sections and file names are no use as labels. */
    public Symbols symbols() {
        List<Symbols.Symbol> out = new ArrayList<>();
        for (SymbolEntry s : symbols) {
            boolean kept = s.type() == STT_FUNC || s.type() == STT_OBJECT || s.type() == STT_NOTYPE;
            if (kept && !s.name().isEmpty()) {
                out.add(new Symbols.Symbol(s.name(), (int) s.value(), (int) s.size()));
            }
        }
        return new Symbols(out);
    }

    /** The raw file bytes (not a copy: callers must not modify them). */
    byte[] bytes() {
        return bytes;
    }

    /** A copy of {@code len} file bytes at {@code offset}, which parsing has checked are inside the file. */
    public byte[] slice(long offset, long len) {
        byte[] out = new byte[(int) len];
        System.arraycopy(bytes, (int) offset, out, 0, (int) len);
        return out;
    }
}
