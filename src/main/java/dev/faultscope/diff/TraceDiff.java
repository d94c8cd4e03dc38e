package dev.faultscope.diff;

import dev.faultscope.vm.TraceCursor;
import dev.faultscope.vm.VmState;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * Finds where two runs of the same program first disagree, the way the dispute game does: the runs agree on a
 * step {@code lo} and disagree on a step {@code hi}; halve the range by comparing state hashes until
 * {@code hi = lo + 1}. Steps whose hashes a side knows without running (a bundle's checkpoints) are bisected first,
 * so most of the range is narrowed without executing anything.
 */
public final class TraceDiff {
    private TraceDiff() {
    }

    public static Divergence compare(DiffSide a, DiffSide b) {
        long t0 = System.nanoTime();
        long executed0 = TraceCursor.totalExecuted();
        int[] comparisons = {0};
        if (a.firstStep() != b.firstStep()) {
            throw new IllegalArgumentException(a.name() + " starts at step " + a.firstStep() + " and " + b.name()
                + " at step " + b.firstStep() + ": two runs of the same program start at the same step");
        }
        long lo = a.firstStep();
        if (!same(a, b, lo, comparisons)) {
            VmState sa = a.stateAt(lo);
            VmState sb = b.stateAt(lo);
            return new Divergence(a.name(), b.name(), false, lo, null, sa, sb, StateDifference.of(sa, sb),
                comparisons[0], TraceCursor.totalExecuted() - executed0, System.nanoTime() - t0, "");
        }
        long hi = Math.max(a.finalStep(), b.finalStep());
        TreeSet<Long> known = new TreeSet<>();
        for (long s : a.knownSteps()) {
            known.add(s);
        }
        for (long s : b.knownSteps()) {
            known.add(s);
        }
        if (same(a, b, hi, comparisons)) {
            // Runs can differ and meet again (a dead value changed); where hashes are known for free, look.
            Long differing = null;
            for (long s : known.subSet(lo, false, hi, false)) {
                if (!same(a, b, s, comparisons)) {
                    differing = s;
                    break;
                }
            }
            if (differing != null) {
                return narrow(a, b, lo, differing, new Long[0], comparisons, t0, executed0);
            }
            VmState fin = a.stateAt(hi);
            return new Divergence(a.name(), b.name(), true, hi, fin, fin, b.stateAt(hi), StateDifference.of(fin, fin),
                comparisons[0], TraceCursor.totalExecuted() - executed0, System.nanoTime() - t0, "");
        }
        return narrow(a, b, lo, hi, known.subSet(lo, false, hi, false).toArray(new Long[0]), comparisons, t0, executed0);
    }

    /** Bisects between an agreeing {@code lo} and a differing {@code hi}: over the known steps first, then all. */
    private static Divergence narrow(DiffSide a, DiffSide b, long lo, long hi, Long[] candidates, int[] comparisons,
                                     long t0, long executed0) {
        // Known steps first (free on a bundle), then every step.
        int l = -1;
        int h = candidates.length;
        while (h - l > 1) {
            int mid = (l + h) >>> 1;
            if (same(a, b, candidates[mid], comparisons)) {
                l = mid;
            } else {
                h = mid;
            }
        }
        if (l >= 0) {
            lo = candidates[l];
        }
        if (h < candidates.length) {
            hi = candidates[h];
        }
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (same(a, b, mid, comparisons)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        VmState pre = a.stateAt(lo);
        VmState postA = a.stateAt(hi);
        VmState postB = b.stateAt(hi);
        return new Divergence(a.name(), b.name(), false, lo, pre, postA, postB, StateDifference.of(postA, postB),
            comparisons[0], TraceCursor.totalExecuted() - executed0, System.nanoTime() - t0, Divergence.disassemble(pre, a));
    }

    private static boolean same(DiffSide a, DiffSide b, long step, int[] comparisons) {
        comparisons[0]++;
        return Arrays.equals(a.hashAt(step), b.hashAt(step));
    }
}
