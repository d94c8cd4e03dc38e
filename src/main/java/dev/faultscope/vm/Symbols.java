package dev.faultscope.vm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A program's symbols, sorted by address: for disassembly labels and Cannon's meta file. */
public final class Symbols {
    /** A named address range; {@code start} and {@code size} are unsigned 32-bit values. */
    public record Symbol(String name, int start, int size) {
        public boolean contains(int addr) {
            long off = (addr & 0xFFFFFFFFL) - (start & 0xFFFFFFFFL);
            return off >= 0 && off < Math.max(1, size & 0xFFFFFFFFL);
        }
    }

    public static final Symbols NONE = new Symbols(List.of());

    private final List<Symbol> sorted;

    public Symbols(List<Symbol> symbols) {
        List<Symbol> copy = new ArrayList<>(symbols);
        copy.sort(Comparator.comparingLong((Symbol s) -> s.start() & 0xFFFFFFFFL).thenComparing(Symbol::name));
        this.sorted = List.copyOf(copy);
    }

    public List<Symbol> all() {
        return sorted;
    }

    public boolean isEmpty() {
        return sorted.isEmpty();
    }

    public Optional<Symbol> byName(String name) {
        return sorted.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The symbol whose range holds {@code addr}, else the nearest one starting below it; empty if none starts at or below. */
    public Optional<Symbol> lookup(int addr) {
        long a = addr & 0xFFFFFFFFL;
        int lo = 0;
        int hi = sorted.size() - 1;
        int best = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if ((sorted.get(mid).start() & 0xFFFFFFFFL) <= a) {
                best = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        // Several symbols may start below addr; prefer the last one that actually contains it.
        for (int i = best; i >= 0 && i >= best - 8; i--) {
            if (sorted.get(i).contains(addr)) {
                return Optional.of(sorted.get(i));
            }
        }
        return Optional.of(sorted.get(best));
    }
}
