package dev.faultscope.diff;

import dev.faultscope.vm.Memory;
import dev.faultscope.vm.VmState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Which registers and memory words two states disagree on. */
public record StateDifference(List<Field> fields, List<Word> words, int moreWords) {
    /** A register or other machine field ("r31", "pc", "heap", "preimageOffset", …) with its value on each side. */
    public record Field(String name, long a, long b) {
    }

    /** A memory word (aligned address) with its value on each side. */
    public record Word(int address, int a, int b) {
    }

    /** At most this many words are listed; the count of the rest is kept. */
    public static final int MAX_WORDS = 256;

    public static StateDifference of(VmState a, VmState b) {
        List<Field> fields = new ArrayList<>();
        for (int i = 1; i < 32; i++) {
            field(fields, "r" + i, a.register(i), b.register(i));
        }
        field(fields, "pc", a.pc(), b.pc());
        field(fields, "nextPC", a.nextPC(), b.nextPC());
        field(fields, "hi", a.hi(), b.hi());
        field(fields, "lo", a.lo(), b.lo());
        field(fields, "heap", a.heap(), b.heap());
        field(fields, "preimageOffset", a.preimageOffset(), b.preimageOffset());
        if (a.exited() != b.exited()) {
            fields.add(new Field("exited", a.exited() ? 1 : 0, b.exited() ? 1 : 0));
        }
        field(fields, "exitCode", a.exitCode(), b.exitCode());
        if (a.step() != b.step()) {
            fields.add(new Field("step", a.step(), b.step()));
        }
        if (!Arrays.equals(a.preimageKey(), b.preimageKey())) {
            fields.add(new Field("preimageKey", 0, 1));
        }
        List<Word> words = new ArrayList<>();
        int[] more = new int[1];
        Memory ma = a.memory();
        Memory mb = b.memory();
        java.util.TreeSet<Integer> pages = new java.util.TreeSet<>();
        ma.forEachPage(pages::add);
        mb.forEachPage(pages::add);
        for (int pi : pages) {
            byte[] pa = ma.pageBytes(pi);
            byte[] pb = mb.pageBytes(pi);
            if (Arrays.equals(pa, pb)) {
                continue;
            }
            for (int w = 0; w < Memory.PAGE_SIZE; w += 4) {
                int va = word(pa, w);
                int vb = word(pb, w);
                if (va != vb) {
                    if (words.size() < MAX_WORDS) {
                        words.add(new Word((pi << Memory.PAGE_SHIFT) | w, va, vb));
                    } else {
                        more[0]++;
                    }
                }
            }
        }
        return new StateDifference(List.copyOf(fields), List.copyOf(words), more[0]);
    }

    public boolean isEmpty() {
        return fields.isEmpty() && words.isEmpty();
    }

    /** True when register {@code i} differs (for highlighting). */
    public boolean registerDiffers(int i) {
        String n = "r" + i;
        return fields.stream().anyMatch(f -> f.name().equals(n));
    }

    public boolean wordDiffers(int address) {
        return words.stream().anyMatch(w -> w.address() == (address & ~3));
    }

    private static void field(List<Field> out, String name, int a, int b) {
        if (a != b) {
            out.add(new Field(name, Integer.toUnsignedLong(a), Integer.toUnsignedLong(b)));
        }
    }

    private static int word(byte[] p, int o) {
        return (p[o] & 0xFF) << 24 | (p[o + 1] & 0xFF) << 16 | (p[o + 2] & 0xFF) << 8 | (p[o + 3] & 0xFF);
    }
}
