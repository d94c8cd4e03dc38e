package dev.faultscope.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The hints the program sent the host, each with the step that completed it. Replays after a step back send
 * the same hints again; they are recorded once, like the program's output.
 */
public final class HintLog {
    public record Entry(long step, String hint) {
    }

    private final List<Entry> entries = new ArrayList<>();
    /** The step counter of the state being run; the hint belongs to the step executing, one past it. */
    private volatile LongSupplier clock = () -> 0;
    /** One syscall per step, so one hint per step at most: a step at or below this one is a replay. */
    private long furthest = -1;

    public void setClock(LongSupplier clock) {
        this.clock = clock;
    }

    /** Records a hint sent by the step now executing. */
    public void record(String hint) {
        record(clock.getAsLong() + 1, hint);
    }

    /** Records {@code hint} sent by {@code step} unless that step was recorded before (a replay). */
    public synchronized void record(long step, String hint) {
        if (step > furthest) {
            entries.add(new Entry(step, hint));
            furthest = Math.max(furthest, step);
        }
    }

    /** The last {@code max} hints sent by steps up to {@code step}, oldest first. */
    public synchronized List<Entry> upTo(long step, int max) {
        int end = 0;
        while (end < entries.size() && entries.get(end).step() <= step) {
            end++;
        }
        return List.copyOf(entries.subList(Math.max(0, end - max), end));
    }

    public synchronized int countUpTo(long step) {
        int n = 0;
        for (Entry e : entries) {
            if (e.step() > step) {
                break;
            }
            n++;
        }
        return n;
    }
}
