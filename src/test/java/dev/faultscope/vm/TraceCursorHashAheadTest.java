package dev.faultscope.vm;

import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.vm.elf.ElfLoader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeks over a long stretch of the benchmark program, across many checkpoint intervals, with the interval
 * doubling as the checkpoints are thinned out and their pages hashed on the background thread: every state and
 * state hash must be the one a plain run has at that step.
 */
class TraceCursorHashAheadTest {
    private static final int STEPS = 2_000_000;

    private static VmState bench() throws IOException {
        try (InputStream in = TraceCursorHashAheadTest.class.getResourceAsStream("/programs/bench.elf")) {
            return ElfLoader.load(in.readAllBytes()).state();
        }
    }

    /** Witnesses and state hashes of a plain run at the given steps (ascending). */
    private static List<byte[][]> plainRun(long[] targets) throws IOException {
        VmState s = bench();
        Mips32Emulator emu = new Mips32Emulator(s, PreimageOracle.NONE);
        List<byte[][]> out = new ArrayList<>();
        for (long t : targets) {
            emu.run(t - s.step());
            assertEquals(t, s.step());
            out.add(new byte[][] {s.witness(), s.stateHash()});
        }
        return out;
    }

    private static long[] targets(long seed, int n) {
        long[] t = new Random(seed).longs(n, 0, STEPS + 1).toArray();
        Arrays.sort(t);
        return t;
    }

    private static void seekAndCheck(TraceCursor cursor, long[] targets, List<byte[][]> expected, long seed) {
        Integer[] order = new Integer[targets.length];
        Arrays.setAll(order, i -> i);
        java.util.Collections.shuffle(Arrays.asList(order), new Random(seed));
        for (int i : order) {
            long executed = TraceCursor.totalExecuted();
            assertEquals(targets[i], cursor.seek(targets[i]));
            // From the checkpoint at or below the target, or on from where the cursor was: never more than one interval.
            assertTrue(TraceCursor.totalExecuted() - executed <= cursor.checkpointInterval(),
                (TraceCursor.totalExecuted() - executed) + " steps replayed to reach " + targets[i]);
            assertArrayEquals(expected.get(i)[0], cursor.state().witness(), "witness at step " + targets[i]);
            assertArrayEquals(expected.get(i)[1], cursor.state().stateHash(), "state hash at step " + targets[i]);
        }
    }

    private static void awaitHashing(TraceCursor cursor) throws InterruptedException {
        for (int i = 0; i < 12_000 && cursor.hashingAhead(); i++) {
            Thread.sleep(5);
        }
    }

    @Test
    void seeksAfterTheCheckpointsWereHashedAheadGiveThePlainRunsStates() throws Exception {
        long[] targets = targets(5, 60);
        List<byte[][]> expected = plainRun(targets);
        // A budget this small thins the checkpoints out several times in 2 M steps.
        TraceCursor cursor = new TraceCursor(bench(), PreimageOracle.NONE, 2048, 3L << 20);
        assertEquals(STEPS, cursor.run(STEPS, null));
        assertTrue(cursor.checkpointInterval() >= 2048 * 8 && cursor.checkpointCount() > 20,
            cursor.checkpointCount() + " every " + cursor.checkpointInterval());
        assertTrue(cursor.checkpointMemory() <= 3L << 20, "checkpoint memory " + cursor.checkpointMemory());

        cursor.hashCheckpointsAhead(true);
        awaitHashing(cursor);
        cursor.seek(0); // puts the background thread's pages into the checkpoints
        assertTrue(cursor.checkpointsHashed(), "every checkpoint hashed ahead of its first restore");
        seekAndCheck(cursor, targets, expected, 6);
    }

    @Test
    void checkpointsThinnedWhileTheirPagesAreHashedGiveThePlainRunsStates() throws Exception {
        long[] targets = targets(7, 60);
        List<byte[][]> expected = plainRun(targets);
        TraceCursor cursor = new TraceCursor(bench(), PreimageOracle.NONE, 2048, 3L << 20);
        cursor.hashCheckpointsAhead(true);
        Random rnd = new Random(8);
        // Move forward in slices, seeking back between them: each seek hands the checkpoints so far to the background
        // thread, and the next slice goes on taking (and thinning) checkpoints while it hashes.
        long reached = 0;
        while (reached < STEPS) {
            reached = Math.min(reached + 150_000, STEPS);
            assertEquals(reached, cursor.seek(reached));
            cursor.seek(rnd.nextLong(reached + 1));
        }
        seekAndCheck(cursor, targets, expected, 9);
        awaitHashing(cursor);
        seekAndCheck(cursor, targets, expected, 10);
    }
}
