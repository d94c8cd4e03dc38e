package dev.faultscope.vm.elf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small big-endian ELF32 files for tests: header, program headers with their bytes, optional sections
 * (code sections may cover part of a segment) and a symbol table. The layout is recorded so tests can corrupt
 * specific fields afterwards.
 */
public final class ElfWriter {
    public static final int PT_NOTE = 4;
    public static final int STT_SECTION = 3;
    public static final int STT_FILE = 4;

    public int elfClass = 1;
    public int dataEncoding = 2;
    public int machine = 8;
    public int type = 2;
    public int entry = 0x400000;
    /** When false no section headers are written at all (a stripped, section-less file). */
    public boolean withSections = true;

    private record Segment(long type, int vaddr, byte[] data, int memsz, int flags) {
    }

    private record Section(String name, int type, int flags, int segment, int start, int length) {
    }

    private record Sym(String name, int value, int size, int type) {
    }

    private final List<Segment> segments = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();
    private final List<Sym> symbols = new ArrayList<>();

    // Layout of the last build.
    public int phoff;
    public int shoff;
    public int symtabIndex = -1;
    public int strtabIndex = -1;
    public final List<Integer> segmentOffsets = new ArrayList<>();

    public ElfWriter segment(long type, int vaddr, byte[] data, int memsz, int flags) {
        segments.add(new Segment(type, vaddr, data, memsz, flags));
        return this;
    }

    public ElfWriter load(int vaddr, byte[] data, int memsz) {
        return segment(1, vaddr, data, memsz, 5);
    }

    /** A PROGBITS section over bytes {@code [start, start+length)} of segment {@code segment}. */
    public ElfWriter section(String name, int flags, int segment, int start, int length) {
        sections.add(new Section(name, 1, flags, segment, start, length));
        return this;
    }

    public ElfWriter symbol(String name, int value, int size, int type) {
        symbols.add(new Sym(name, value, size, type));
        return this;
    }

    public byte[] build() {
        Out out = new Out();
        out.skip(52);
        phoff = segments.isEmpty() ? 0 : out.size();
        out.skip(32 * segments.size());
        segmentOffsets.clear();
        for (Segment s : segments) {
            out.align(4);
            segmentOffsets.add(out.size());
            out.bytes(s.data);
        }

        // Section table: null, the given sections, then .symtab/.strtab when there are symbols, then .shstrtab.
        ByteArrayOutputStream shstr = new ByteArrayOutputStream();
        shstr.write(0);
        List<int[]> headers = new ArrayList<>(); // name, type, flags, addr, offset, size, link, info, align, entsize
        headers.add(new int[10]);
        for (Section s : sections) {
            Segment seg = segments.get(s.segment);
            headers.add(new int[] {name(shstr, s.name), s.type, s.flags, seg.vaddr + s.start,
                segmentOffsets.get(s.segment) + s.start, s.length, 0, 0, 4, 0});
        }
        if (!symbols.isEmpty()) {
            ByteArrayOutputStream strtab = new ByteArrayOutputStream();
            strtab.write(0);
            Out symtab = new Out();
            symtab.skip(16);
            for (Sym s : symbols) {
                symtab.u32(name(strtab, s.name));
                symtab.u32(s.value);
                symtab.u32(s.size);
                symtab.u8(0x10 | s.type); // STB_GLOBAL
                symtab.u8(0);
                symtab.u16(1);
            }
            out.align(4);
            symtabIndex = headers.size();
            strtabIndex = symtabIndex + 1;
            headers.add(new int[] {name(shstr, ".symtab"), 2, 0, 0, out.size(), symtab.size(), strtabIndex, 1, 4, 16});
            out.bytes(symtab.toByteArray());
            headers.add(new int[] {name(shstr, ".strtab"), 3, 0, 0, out.size(), strtab.size(), 0, 0, 1, 0});
            out.bytes(strtab.toByteArray());
        }
        int shstrndx = headers.size();
        headers.add(new int[] {name(shstr, ".shstrtab"), 3, 0, 0, out.size(), shstr.size(), 0, 0, 1, 0});
        out.bytes(shstr.toByteArray());
        out.align(4);
        shoff = withSections ? out.size() : 0;
        if (withSections) {
            for (int[] h : headers) {
                for (int f : h) {
                    out.u32(f);
                }
            }
        }

        byte[] b = out.toByteArray();
        Out h = new Out();
        h.bytes(new byte[] {0x7F, 'E', 'L', 'F', (byte) elfClass, (byte) dataEncoding, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        h.u16(type);
        h.u16(machine);
        h.u32(1);
        h.u32(entry);
        h.u32(phoff);
        h.u32(shoff);
        h.u32(0x1000); // e_flags: EF_MIPS_ARCH_32 would be 0x50000000; nothing reads them
        h.u16(52);
        h.u16(32);
        h.u16(segments.size());
        h.u16(40);
        h.u16(withSections ? headers.size() : 0);
        h.u16(withSections ? shstrndx : 0);
        System.arraycopy(h.toByteArray(), 0, b, 0, 52);
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            Out p = new Out();
            p.u32((int) s.type);
            p.u32(segmentOffsets.get(i));
            p.u32(s.vaddr);
            p.u32(s.vaddr);
            p.u32(s.data.length);
            p.u32(s.memsz);
            p.u32(s.flags);
            p.u32(4);
            System.arraycopy(p.toByteArray(), 0, b, phoff + 32 * i, 32);
        }
        return b;
    }

    private static int name(ByteArrayOutputStream table, String name) {
        int at = table.size();
        table.writeBytes(name.getBytes(StandardCharsets.UTF_8));
        table.write(0);
        return at;
    }

    /** Big-endian words into a growing buffer. */
    public static byte[] words(int... ws) {
        Out o = new Out();
        for (int w : ws) {
            o.u32(w);
        }
        return o.toByteArray();
    }

    public static void putU32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static final class Out extends ByteArrayOutputStream {
        void skip(int n) {
            write(new byte[n], 0, n);
        }

        void align(int a) {
            while (size() % a != 0) {
                write(0);
            }
        }

        void bytes(byte[] b) {
            write(b, 0, b.length);
        }

        void u8(int v) {
            write(v);
        }

        void u16(int v) {
            write(v >>> 8);
            write(v);
        }

        void u32(int v) {
            u16(v >>> 16);
            u16(v);
        }
    }
}
