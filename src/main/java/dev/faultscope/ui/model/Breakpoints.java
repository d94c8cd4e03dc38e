package dev.faultscope.ui.model;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Instruction addresses to stop at. Toggled on the UI thread while a run on the VM thread reads them. */
public final class Breakpoints {
    private final Set<Integer> addresses = ConcurrentHashMap.newKeySet();

    /** Sets or clears the breakpoint at {@code address} (word-aligned); returns whether it is now set. */
    public boolean toggle(int address) {
        int a = address & ~3;
        if (addresses.remove(a)) {
            return false;
        }
        addresses.add(a);
        return true;
    }

    public boolean contains(int address) {
        return !addresses.isEmpty() && addresses.contains(address);
    }

    public boolean isEmpty() {
        return addresses.isEmpty();
    }

    public void clear() {
        addresses.clear();
    }

    public List<Integer> sorted() {
        return addresses.stream().sorted((a, b) -> Integer.compareUnsigned(a, b)).toList();
    }
}
